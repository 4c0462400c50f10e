#pragma once

// gzip and deflate data (a .warc.gz file, a sitemap.xml.gz, an HTTP payload sent with
// Content-Encoding) inflated in memory, to a limit.

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// A gzip file inflated member by member as it is read (a .warc.gz of any size costs a
/// chunk of memory, not the file). A member that is corrupt or cut short loses only
/// itself: reading goes on at the next member header after it, as WARC files hold one
/// member per record.
class GzipMemberStream {
  public:
    /// What read() found wrong: a damaged member, from its first compressed byte.
    struct Damage {
        std::uint64_t member_at = 0;
        std::string why;
        std::optional<std::uint64_t> resumed_at;  // the next member read, if any
    };

    explicit GzipMemberStream(std::istream& in);
    ~GzipMemberStream();
    GzipMemberStream(const GzipMemberStream&) = delete;
    GzipMemberStream& operator=(const GzipMemberStream&) = delete;

    /// Appends what inflates next, from one member only, to `out`. False at the end of the
    /// input. After a damaged member it returns true with nothing appended and damage set:
    /// the bytes appended before came from that member and may end anywhere.
    bool read(std::string& out);
    /// The damage found by the last read(), once.
    std::optional<Damage> take_damage();
    /// Drops what is left of the current member (its data is not wanted).
    void skip_member();
    /// Whether the last read() ended a member (or the input had none yet).
    bool at_member_end() const { return !in_member_; }
    /// Compressed bytes read from the input so far.
    std::uint64_t compressed_bytes() const { return consumed_total_; }

  private:
    bool refill();
    void resync(std::string why);

    std::istream& in_;
    z_stream z_{};
    std::vector<char> input_;
    std::uint64_t input_at_ = 0;        // file offset of input_[0]
    std::uint64_t consumed_total_ = 0;  // bytes read from `in_`
    std::uint64_t member_at_ = 0;
    bool in_member_ = false;  // inflated part of a member whose end is not yet seen
    bool skipping_ = false;
    std::optional<Damage> damage_;
};

}  // namespace parley::readers
