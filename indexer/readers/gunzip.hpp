#pragma once

// gzip and deflate data (a .warc.gz file, a sitemap.xml.gz, an HTTP payload sent with
// Content-Encoding) inflated in memory, to a limit.

#include <cstddef>
#include <string>
#include <string_view>

namespace parley::readers {

/// Whether `bytes` start with the gzip magic number.
bool is_gzip(std::string_view bytes);

/// Inflates every gzip member of `bytes` in turn, at most `limit` bytes in all. False (with
/// `why`, which names `limit_name` when the limit is passed) for corrupt or truncated data
/// or too much of it; `out` then holds what came before.
bool gunzip(std::string_view bytes, std::size_t limit, std::string_view limit_name,
            std::string& out, std::string& why);

/// Inflates HTTP "deflate" data: a zlib stream, or the raw deflate data some servers send
/// instead. Returns and reports like gunzip().
bool inflate_deflate(std::string_view bytes, std::size_t limit, std::string_view limit_name,
                     std::string& out, std::string& why);

}  // namespace parley::readers
