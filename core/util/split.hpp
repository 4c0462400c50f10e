#pragma once

#include <optional>
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

/// A list of values separated by commas, where a value holding a comma is written in
/// double quotes: `China,"Korea, North"` → {"China", "Korea, North"}. Spaces around a value
/// are dropped, and so are empty values; nullopt for a quote left open.
inline std::optional<std::vector<std::string>> split_quoted_list(std::string_view text) {
    std::vector<std::string> out;
    std::string value;
    bool quoted = false;
    const auto finish = [&] {
        const auto first = value.find_first_not_of(" \t");
        if (first != std::string::npos)
            out.push_back(value.substr(first, value.find_last_not_of(" \t") - first + 1));
        value.clear();
    };
    for (const char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            finish();
        } else {
            value += c;
        }
    }
    if (quoted) return std::nullopt;
    finish();
    return out;
}

}  // namespace parley::util
