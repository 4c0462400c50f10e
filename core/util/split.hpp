#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::util {

/// "a,b,,c" → {"a", "b", "", "c"}: every field, empty ones too (callers decide whether an
/// empty field is an error or nothing).
inline std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> out;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

}  // namespace parley::util
