#pragma once

// Small helpers for protocol text (HTTP and WARC headers, robots.txt, URLs, CSV headers),
// where case and white space are ASCII's.

#include <string>
#include <string_view>

namespace parley::util {

/// `text` without leading and trailing ASCII white space (space, tab, CR, LF, VT, FF).
std::string_view trim_space(std::string_view text);

/// `text` with ASCII letters lower-cased; other bytes unchanged.
std::string ascii_lower(std::string_view text);

/// A Content-Type value split: the media type ("text/html") and its charset parameter
/// ("windows-1252"), both lower case, quotes removed; empty when absent.
struct MediaType {
    std::string type;
    std::string charset;
};
MediaType parse_media_type(std::string_view content_type);

}  // namespace parley::util
