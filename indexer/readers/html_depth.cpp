#include "readers/html_depth.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace parley::readers {
namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':' || c == '_';
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_void(std::string_view n) {
    return one_of(n, {"area",     "base",    "br",    "col",    "embed",  "hr",      "img",
                      "input",    "link",    "meta",  "param",  "source", "track",   "wbr",
                      "basefont", "bgsound", "frame", "keygen", "image",  "isindex", "command"});
}

// Closed or ignored by the parser when nested in themselves: never deep.
bool is_uncounted(std::string_view n) {
    return one_of(n, {"p",        "li", "dt", "dd",  "a",     "nobr",  "form",  "option",
                      "optgroup", "tr", "td", "th",  "thead", "tbody", "tfoot", "colgroup",
                      "caption",  "rb", "rt", "rtc", "rp",    "html",  "head",  "body"});
}

// Elements whose content is text up to their end tag.
bool is_raw_text(std::string_view n) {
    return one_of(n, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                      "noframes", "noscript"});
}

// Position of "</name" (any case) at or after `from`, or npos.
std::size_t find_end_tag(std::string_view html, std::size_t from, std::string_view name) {
    for (std::size_t i = html.find("</", from); i != std::string_view::npos;
         i = html.find("</", i + 2)) {
        if (i + 2 + name.size() > html.size()) return std::string_view::npos;
        bool same = true;
        for (std::size_t k = 0; k < name.size() && same; ++k)
            same = lower(html[i + 2 + k]) == name[k];
        if (same) return i;
    }
    return std::string_view::npos;
}

// The '>' ending a tag that starts at `from`, skipping quoted attribute values.
std::size_t tag_end(std::string_view html, std::size_t from) {
    char quote = 0;
    for (std::size_t i = from; i < html.size(); ++i) {
        const char c = html[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i;
        }
    }
    return std::string_view::npos;
}

}  // namespace

std::optional<std::size_t> first_html_too_deep(std::string_view html, std::size_t max_depth) {
    std::vector<std::string> open;  // counted elements, innermost last; at most max_depth
    std::size_t foreign = 0;        // open <svg> and <math>, where "/>" closes
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        const std::size_t start = i;
        if (html.compare(i, 4, "<!--") == 0) {
            const std::size_t end = html.find("-->", i + 4);
            if (end == std::string_view::npos) break;
            i = end + 3;
            continue;
        }
        if (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) {
            const std::size_t end = html.find('>', i);
            if (end == std::string_view::npos) break;
            i = end + 1;
            continue;
        }
        const bool closing = i + 1 < html.size() && html[i + 1] == '/';
        std::size_t n = i + (closing ? 2 : 1);
        std::string name;
        while (n < html.size() && is_name_char(html[n]) && name.size() < 64)
            name += lower(html[n++]);
        if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z'))) {
            i = start + 1;  // a lone '<' in text
            continue;
        }
        const std::size_t end = tag_end(html, n);
        if (end == std::string_view::npos) break;
        i = end + 1;
        if (closing) {
            const auto it = std::find(open.rbegin(), open.rend(), name);
            if (it == open.rend()) continue;  // a stray end tag closes nothing
            for (auto k = open.rbegin(); k != it + 1; ++k)
                if (*k == "svg" || *k == "math") --foreign;
            open.erase(it.base() - 1, open.end());
            continue;
        }
        if (is_raw_text(name)) {
            const std::size_t close = find_end_tag(html, i, name);
            if (close == std::string_view::npos) break;
            i = close;
            continue;
        }
        const bool self_closed = foreign > 0 && end > start && html[end - 1] == '/';
        if (self_closed || is_void(name) || is_uncounted(name)) continue;
        if (open.size() == max_depth) return start;
        if (name == "svg" || name == "math") ++foreign;
        open.push_back(std::move(name));
    }
    return std::nullopt;
}

}  // namespace parley::readers
