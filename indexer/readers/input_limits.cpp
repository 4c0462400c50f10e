#include "parley/input_limits.hpp"

#include <charconv>

#include "parley/error.hpp"

namespace parley {

const std::vector<InputLimitInfo>& input_limit_infos() {
    static const std::vector<InputLimitInfo> infos{
        {"file-bytes", &InputLimits::file_bytes, "bytes of a file (or stdin) read whole"},
        {"record-bytes", &InputLimits::record_bytes, "bytes of one JSON Lines record"},
        {"stream-bytes", &InputLimits::stream_bytes,
         "bytes read from one JSON Lines stream (file or stdin)"},
        {"paragraph-bytes", &InputLimits::paragraph_bytes, "bytes of one paragraph"},
        {"paragraphs", &InputLimits::paragraphs, "paragraphs of one article"},
        {"article-bytes", &InputLimits::article_bytes, "bytes of one article's text"},
        {"field-bytes", &InputLimits::field_bytes,
         "bytes of an id, title, author, date, source, URL or language"},
        {"authors", &InputLimits::authors, "authors of one article"},
        {"depth", &InputLimits::depth, "nesting depth of HTML, XML, JSON and YAML"},
    };
    return infos;
}

void set_input_limit(InputLimits& limits, std::string_view assignment) {
    const auto eq = assignment.find('=');
    const std::string_view name = assignment.substr(0, eq);
    const InputLimitInfo* info = nullptr;
    for (const auto& i : input_limit_infos())
        if (i.name == name) info = &i;
    if (!info) {
        std::string names;
        for (const auto& i : input_limit_infos())
            names += (names.empty() ? "" : ", ") + std::string(i.name);
        throw UsageError("unknown limit '" + std::string(name) + "' (limits: " + names + ")");
    }
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view{} : assignment.substr(eq + 1);
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    std::string_view suffix(end, static_cast<std::size_t>(value.data() + value.size() - end));
    unsigned shift = 0;
    if (suffix == "K" || suffix == "k")
        shift = 10;
    else if (suffix == "M" || suffix == "m")
        shift = 20;
    else if (suffix == "G" || suffix == "g")
        shift = 30;
    else if (!suffix.empty())
        n = 0;
    if (ec != std::errc{} || n == 0 || n > (std::size_t{1} << (63 - shift)))
        throw UsageError("limit '" + std::string(name) + "' needs a positive number, as in " +
                         std::string(name) + "=1000 or " + std::string(name) + "=4M (got '" +
                         std::string(value) + "')");
    limits.*(info->field) = n << shift;
}

}  // namespace parley
