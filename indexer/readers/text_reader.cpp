#include "readers/text_reader.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "readers/reader_common.hpp"

namespace parley::readers {
namespace {

struct Header {
    std::string key;  // lower case
    std::string value;
};

// "Key: value" where Key is one of the header names Parley knows.
std::optional<Header> parse_header(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 12) return std::nullopt;
    std::string key;
    for (char c : line.substr(0, colon))
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static constexpr std::string_view kKeys[] = {"title", "authors", "author",   "by",
                                                 "date",  "source",  "outlet",   "url",
                                                 "link",  "id",      "language", "lang"};
    bool known = false;
    for (auto k : kKeys) known = known || key == k;
    if (!known) return std::nullopt;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
    return Header{key, std::string(value)};
}

void apply(Article& a, const Header& h) {
    if (h.key == "title")
        a.title = h.value;
    else if (h.key == "authors" || h.key == "author" || h.key == "by") {
        for (auto& name : split_authors(h.value)) a.authors.push_back(std::move(name));
    } else if (h.key == "date")
        a.date = h.value;
    else if (h.key == "source" || h.key == "outlet")
        a.source = h.value;
    else if (h.key == "url" || h.key == "link")
        a.url = h.value;
    else if (h.key == "id")
        a.id = h.value;
    else
        a.language = h.value;
}

// The field a header sets: "link" is the url, "outlet" the source; names add up.
std::string field_of(const std::string& key) {
    if (key == "authors" || key == "author" || key == "by") return {};
    if (key == "outlet") return "source";
    if (key == "link") return "url";
    if (key == "lang") return "language";
    return key;
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

void read_text(std::string_view content, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits) {
    content = strip_bom(content);
    const std::string unix_lines = normalise_line_ends(content);
    content = unix_lines;
    if (!check_text(content, {source, 0}, report)) return;

    Article article;
    std::size_t pos = 0;
    bool seen_title = false;
    std::vector<std::string> fields_set;  // by a header, for the second one's warning
    std::size_t line_no = 0;
    Origin origin{source, 1};
    // Header zone: leading blank lines, header lines, and (once) a bare title line.
    while (pos < content.size()) {
        std::size_t end = content.find('\n', pos);
        if (end == std::string_view::npos) end = content.size();
        const std::string_view line = content.substr(pos, end - pos);
        ++line_no;
        if (!blank(line)) {
            if (auto header = parse_header(line)) {
                // A field set twice loses its first value: said ("Date:" over "Date:").
                if (const std::string field = field_of(header->key); !field.empty()) {
                    if (std::find(fields_set.begin(), fields_set.end(), field) != fields_set.end())
                        report.warn(source, line_no, "field not read",
                                    "a second header for the " + field +
                                        " replaces the first, which is not read");
                    fields_set.push_back(field);
                }
                apply(article, *header);
                if (header->key == "date") origin.date_line = line_no;
                if (header->key == "language" || header->key == "lang")
                    origin.language_line = line_no;
                seen_title = seen_title || header->key == "title";
            } else if (!seen_title) {
                article.title = std::string(line);
                seen_title = true;
            } else {
                break;  // first body line
            }
        }
        pos = end + 1;
    }
    if (pos < content.size()) article.paragraphs = split_paragraphs(content.substr(pos));
    deliver(std::move(article), origin, sink, report, limits);
}

}  // namespace parley::readers
