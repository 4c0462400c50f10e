#include "readers/gunzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

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

namespace {

constexpr std::size_t input_chunk = 1 << 16;

// The first bytes of a gzip member: the magic number and the deflate method.
constexpr char member_magic[] = {'\x1f', '\x8b', '\x08'};

}  // namespace

GzipMemberStream::GzipMemberStream(std::istream& in) : in_(in), input_(input_chunk) {
    inflateInit2(&z_, gzip_window);
    z_.next_in = reinterpret_cast<Bytef*>(input_.data());
    z_.avail_in = 0;
}

GzipMemberStream::~GzipMemberStream() { inflateEnd(&z_); }

// Keeps the bytes not yet inflated and reads more after them; false when none came.
bool GzipMemberStream::refill() {
    const auto kept = static_cast<std::size_t>(z_.avail_in);
    const auto offset =
        static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_in) - input_.data());
    std::memmove(input_.data(), input_.data() + offset, kept);
    input_at_ += offset;
    in_.read(input_.data() + kept, static_cast<std::streamsize>(input_.size() - kept));
    const auto got = static_cast<std::size_t>(in_.gcount());
    consumed_total_ = std::max<std::uint64_t>(consumed_total_, input_at_ + kept + got);
    z_.next_in = reinterpret_cast<Bytef*>(input_.data());
    z_.avail_in = static_cast<uInt>(kept + got);
    return got > 0;
}

// Records the damage to the current member and moves to the next member header after
// its start: back in the file when it can seek (a member cut short may have made zlib
// read into the next one before it failed), else forward from here.
void GzipMemberStream::resync(std::string why) {
    Damage damage{member_at_, std::move(why), std::nullopt};
    inflateReset(&z_);
    in_member_ = false;
    skipping_ = false;
    const std::uint64_t from = member_at_ + 1;
    const std::uint64_t held_end =
        input_at_ + (reinterpret_cast<char*>(z_.next_in) - input_.data()) + z_.avail_in;
    if (from >= input_at_ && from <= held_end) {
        const auto skip = static_cast<std::size_t>(from - input_at_);
        z_.next_in = reinterpret_cast<Bytef*>(input_.data() + skip);
        z_.avail_in = static_cast<uInt>(held_end - from);
    } else {
        in_.clear();
        if (in_.seekg(static_cast<std::streamoff>(from))) {
            input_at_ = from;
            z_.next_in = reinterpret_cast<Bytef*>(input_.data());
            z_.avail_in = 0;
        } else {
            in_.clear();
        }
    }
    for (;;) {
        const char* begin = reinterpret_cast<const char*>(z_.next_in);
        const char* end = begin + z_.avail_in;
        const char* found =
            std::search(begin, end, std::begin(member_magic), std::end(member_magic));
        if (found != end) {
            const auto skip = static_cast<uInt>(found - begin);
            z_.next_in += skip;
            z_.avail_in -= skip;
            damage.resumed_at = input_at_ + (found - input_.data());
            break;
        }
        // Not here: keep the last two bytes, a magic number may straddle the chunks.
        const uInt keep = std::min<uInt>(z_.avail_in, sizeof member_magic - 1);
        z_.next_in += z_.avail_in - keep;
        z_.avail_in = keep;
        if (!refill()) {
            z_.avail_in = 0;
            break;
        }
    }
    damage_ = std::move(damage);
}

bool GzipMemberStream::read(std::string& out) {
    char buffer[input_chunk];
    for (;;) {
        if (z_.avail_in == 0 && !refill()) {
            if (!in_member_) return false;
            resync("the file ends inside a gzip member");
            return true;
        }
        if (!in_member_) {
            member_at_ = input_at_ + (reinterpret_cast<char*>(z_.next_in) - input_.data());
            in_member_ = true;
        }
        z_.next_out = reinterpret_cast<Bytef*>(buffer);
        z_.avail_out = sizeof buffer;
        const int rc = inflate(&z_, Z_NO_FLUSH);
        const std::size_t produced = sizeof buffer - z_.avail_out;
        if (!skipping_) out.append(buffer, produced);
        if (rc == Z_STREAM_END) {
            inflateReset(&z_);
            in_member_ = false;
            skipping_ = false;
            return true;  // one member per call: a caller may drop the rest of a member
        }
        const bool needs_input = rc == Z_BUF_ERROR && z_.avail_in == 0;
        if (rc != Z_OK && !needs_input) {
            resync(z_.msg ? z_.msg : "corrupt data");
            return true;
        }
        if (produced > 0 && !skipping_) return true;
    }
}

std::optional<GzipMemberStream::Damage> GzipMemberStream::take_damage() {
    auto damage = std::move(damage_);
    damage_.reset();
    return damage;
}

void GzipMemberStream::skip_member() {
    if (!in_member_) return;
    skipping_ = true;
    std::string none;
    while (in_member_ && !damage_ && read(none)) {
    }
    skipping_ = false;
}

}  // namespace parley::readers
