#include "readers/gunzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

namespace parley::readers {

bool is_gzip(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

bool gunzip(std::string_view bytes, std::size_t limit, std::string_view limit_name,
            std::string& out, std::string& why) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) {
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
            if (z.avail_in == 0) break;
            inflateReset(&z);  // the next record's member
            continue;
        }
        if (rc != Z_OK) {
            why = z.msg ? z.msg : "corrupt data";
            ok = false;
            break;
        }
        if (z.avail_in == 0 && z.avail_out != 0) {
            why = "the data ends inside a gzip member";
            ok = false;
            break;
        }
    }
    inflateEnd(&z);
    return ok;
}

}  // namespace parley::readers
