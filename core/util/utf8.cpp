#include "util/utf8.hpp"

#include <unicode/utf8.h>

#include <algorithm>

namespace parley::util {

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < length) {
        if (s[i] < 0x80) {  // fast path for ASCII
            ++i;
            continue;
        }
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

std::size_t advance_chars(std::string_view text, std::size_t from, std::size_t chars) {
    std::size_t i = std::min(from, text.size());
    while (chars > 0 && i < text.size()) {
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
        --chars;
    }
    return i;
}

std::size_t count_chars(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::size_t line_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        // "\r\n" is one line end, counted at its "\n"; a lone "\r" (old Mac files) is one.
        const bool lone_cr = text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n');
        if (text[i] == '\n' || lone_cr) ++line;
    }
    return line;
}

namespace {

// The explicit embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): text
// after them is shown reordered, so a file's text could disguise what a line says.
bool is_bidi_control(std::string_view ch) {
    if (ch.size() != 3 || static_cast<unsigned char>(ch[0]) != 0xE2) return false;
    const auto b1 = static_cast<unsigned char>(ch[1]), b2 = static_cast<unsigned char>(ch[2]);
    return (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (out.size() >= max_bytes) {
            out += "… (" + std::to_string(text.size() - i) + " more bytes)";
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
            ++i;
            continue;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;  // from the lead byte
        const std::string_view ch = text.substr(i, length);
        const std::size_t next = i + ch.size();
        if (c < 0xC2 || c > 0xF4 || first_invalid_utf8(ch)) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
            ++i;
        } else if (c == 0xC2 && ch.size() == 2 && static_cast<unsigned char>(ch[1]) < 0xA0) {
            const auto c1 = static_cast<unsigned char>(ch[1]);  // U+0080..U+009F
            out += "\\u{";
            out += kHex[c1 >> 4];
            out += kHex[c1 & 15];
            out += '}';
            i = next;
        } else if (is_bidi_control(ch)) {  // would reorder what the terminal shows
            const unsigned code = 0x2000u | ((static_cast<unsigned char>(ch[1]) & 0x3Fu) << 6) |
                                  (static_cast<unsigned char>(ch[2]) & 0x3Fu);
            out += "\\u{";
            for (const int shift : {12, 8, 4, 0}) out += kHex[(code >> shift) & 15];
            out += '}';
            i = next;
        } else {
            out.append(ch);
            i = next;
        }
    }
    return out;
}

}  // namespace parley::util
