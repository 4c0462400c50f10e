#include "readers/html_title.hpp"

#include "readers/html_tree.hpp"

namespace parley::readers::html {
namespace {

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
    return title;
}

TitleMatch match_title(const std::string& title, const std::vector<std::string>& headlines) {
    const std::vector<std::string> segments = title_segments(title);
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
