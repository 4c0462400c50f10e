#include "readers/gunzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

namespace parley::readers {
namespace {

// zlib's windowBits for each wrapping of deflate data.
constexpr int gzip_window = 15 + 16;
constexpr int zlib_window = 15;
constexpr int raw_window = -15;

// Whether `bytes` start with a zlib header (RFC 1950): deflate method, and the two header
// bytes a multiple of 31. Raw deflate data can pass this by chance only rarely.
bool has_zlib_header(std::string_view bytes) {
    if (bytes.size() < 2) return false;
    const unsigned cmf = static_cast<unsigned char>(bytes[0]);
    const unsigned flg = static_cast<unsigned char>(bytes[1]);
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

// Inflates `bytes` wrapped as `window_bits` says, at most `limit` bytes. With
// `more_members`, data after the end of a stream is another stream (gzip members).
bool inflate_all(std::string_view bytes, int window_bits, bool more_members, std::size_t limit,
                 std::string_view limit_name, std::string& out, std::string& why) {
    z_stream z{};
    if (inflateInit2(&z, window_bits) != Z_OK) {
        why = "zlib could not start";
        return false;
    }
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size(), UINT32_MAX));
    char buffer[1 << 16];
    bool ok = true;
    for (;;) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        const int rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
        if (out.size() > limit) {
            why = "more than " + std::to_string(limit) + " bytes uncompressed (" +
                  std::string(limit_name) + ")";
            ok = false;
            break;
        }
        if (rc == Z_STREAM_END) {
            if (z.avail_in == 0 || !more_members) break;
            inflateReset(&z);  // the next record's member
            continue;
        }
        if (rc != Z_OK) {
            why = z.msg ? z.msg : "corrupt data";
            ok = false;
            break;
        }
        if (z.avail_in == 0 && z.avail_out != 0) {
            why = "the data ends inside a compressed stream";
            ok = false;
            break;
        }
    }
    inflateEnd(&z);
    return ok;
}

}  // namespace

bool is_gzip(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

bool gunzip(std::string_view bytes, std::size_t limit, std::string_view limit_name,
            std::string& out, std::string& why) {
    return inflate_all(bytes, gzip_window, true, limit, limit_name, out, why);
}

bool inflate_deflate(std::string_view bytes, std::size_t limit, std::string_view limit_name,
                     std::string& out, std::string& why) {
    const int window = has_zlib_header(bytes) ? zlib_window : raw_window;
    return inflate_all(bytes, window, false, limit, limit_name, out, why);
}

}  // namespace parley::readers
