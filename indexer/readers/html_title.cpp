#include "readers/html_title.hpp"

#include <cctype>

#include "readers/html_tree.hpp"
#include "util/text_split.hpp"

namespace parley::readers::html {
namespace {

// Titles written with no-break or thin spaces around their separators ("Headline&nbsp;|
// Site"): the separators are found only between plain spaces.
std::string plain_spaces(std::string title) {
    for (const std::string_view space : {"\u00a0", "\u2007", "\u2009", "\u202f"})
        title = util::replace_all(title, space, " ");
    return util::collapse_spaces(title);
}

std::vector<std::string> title_segments(const std::string& title) {
    std::vector<std::string> segments{title};
    for (const std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: "}) {
        std::vector<std::string> split;
        for (const auto& segment : segments) {
            std::size_t start = 0;
            for (std::size_t at = segment.find(sep); at != std::string::npos;
                 at = segment.find(sep, start)) {
                split.push_back(segment.substr(start, at - start));
                start = at + sep.size();
            }
            split.push_back(segment.substr(start));
        }
        segments = std::move(split);
    }
    return segments;
}

}  // namespace

std::string strip_outlet(std::string title, const std::string& outlet) {
    title = plain_spaces(std::move(title));
    if (outlet.empty()) return title;
    for (const std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: "}) {
        const std::string suffix = std::string(sep) + outlet;
        if (title.size() > suffix.size() &&
            iequals(std::string_view(title).substr(title.size() - suffix.size()), suffix))
            return title.substr(0, title.size() - suffix.size());
        const std::string prefix = outlet + std::string(sep);
        if (title.size() > prefix.size() &&
            iequals(std::string_view(title).substr(0, prefix.size()), prefix))
            return title.substr(prefix.size());
    }
    // og:site_name often says more than the title's suffix: "Spiceworks Inc" for " -
    // Spiceworks", "Outlet.cz - the news" for " | Outlet.cz".
    for (const std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 "}) {
        const std::size_t at = title.rfind(sep);
        if (at == std::string::npos || at == 0) continue;
        const std::string_view suffix = std::string_view(title).substr(at + sep.size());
        if (suffix.size() >= 3 && starts_with_ci(outlet, suffix) &&
            (outlet.size() == suffix.size() ||
             !std::isalnum(static_cast<unsigned char>(outlet[suffix.size()]))))
            return title.substr(0, at);
    }
    return title;
}

std::string page_title(const std::string& written, const std::string& outlet) {
    const std::string title = plain_spaces(written);
    if (!outlet.empty() && iequals(title, outlet)) return {};
    std::string stripped = strip_outlet(title, outlet);
    if (stripped != title) return stripped;
    // A site's name follows a bar or a dash; a colon or an em dash belongs to the headline.
    for (const std::string_view sep : {" | ", " – ", " - "}) {
        const std::size_t at = title.rfind(sep);
        if (at == std::string::npos) continue;
        const std::string head = title.substr(0, at);
        std::size_t words = 1;
        for (const char c : head) words += c == ' ';
        // "Opinion | Outlet": a section's name, not the headline; the page's <h1> says more.
        return words >= 3 ? head : std::string();
    }
    return title;
}

TitleMatch match_title(const std::string& title, const std::vector<std::string>& headlines) {
    const std::vector<std::string> segments = title_segments(plain_spaces(title));
    if (segments.size() < 2) return {};
    for (const auto& headline : headlines) {
        for (const bool front : {true, false}) {
            const std::string& end = front ? segments.front() : segments.back();
            if (end.size() >= 8 && starts_with_ci(headline, end))
                return {headline, front ? segments.back() : segments.front()};
        }
    }
    return {};
}

}  // namespace parley::readers::html
