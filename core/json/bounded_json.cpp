#include "json/bounded_json.hpp"

#include <optional>

namespace parley::json_forms {
namespace {

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1, ...";
// keep what follows "error: " (or the text after the bracketed id).
std::string short_message(const char* what) {
    std::string s = what;
    if (const auto at = s.find("error: "); at != std::string::npos) return s.substr(at + 7);
    if (const auto close = s.find("] "); close != std::string::npos) return s.substr(close + 2);
    return s;
}

}  // namespace

std::optional<std::size_t> first_too_deep(std::string_view text, std::size_t max_depth) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

template <typename Json>
bool parse_bounded_json(std::string_view text, std::size_t max_depth, Json& out,
                        JsonRefusal& refusal) {
    if (const auto at = first_too_deep(text, max_depth)) {
        refusal = {"too deep",
                   "arrays and objects nested deeper than " + std::to_string(max_depth) +
                       " levels (limit 'depth')",
                   *at};
        return false;
    }
    try {
        out = Json::parse(text.begin(), text.end());
        return true;
    } catch (const nlohmann::json::parse_error& e) {
        refusal = {"malformed JSON", short_message(e.what()), e.byte > 0 ? e.byte - 1 : 0};
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for a double; nlohmann's message quotes all of it.
        refusal = {"number out of range", "a number too large for a double", 0};
    } catch (const nlohmann::json::exception& e) {
        refusal = {"malformed JSON", short_message(e.what()), 0};
    }
    return false;
}

template bool parse_bounded_json(std::string_view, std::size_t, nlohmann::json&, JsonRefusal&);
template bool parse_bounded_json(std::string_view, std::size_t, nlohmann::ordered_json&,
                                 JsonRefusal&);

}  // namespace parley::json_forms
