#include "util/ascii.hpp"

#include <algorithm>
#include <cctype>

namespace parley::util {

std::string_view trim_space(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    });
    return out;
}

MediaType parse_media_type(std::string_view content_type) {
    const std::string lower = ascii_lower(content_type);
    MediaType out;
    out.type = std::string(trim_space(std::string_view(lower).substr(0, lower.find(';'))));
    if (const auto at = lower.find("charset="); at != std::string::npos) {
        std::string charset = lower.substr(at + 8);
        charset = charset.substr(0, charset.find(';'));
        charset.erase(std::remove(charset.begin(), charset.end(), '"'), charset.end());
        out.charset = std::string(trim_space(charset));
    }
    return out;
}

}  // namespace parley::util
