#include "readers/warc_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "fetch/url.hpp"
#include "readers/gunzip.hpp"
#include "readers/html_reader.hpp"
#include "util/ascii.hpp"

namespace parley::readers {
namespace {

struct Headers {
    std::string first_line;
    std::string get(std::string_view name) const {
        for (const auto& [k, v] : fields)
            if (k == name) return v;
        return {};
    }
    std::vector<std::pair<std::string, std::string>> fields;  // names lower case
};

// Header lines up to a blank line, from `at`; false when there is no blank line.
bool read_headers(std::string_view text, std::size_t& at, Headers& h) {
    const auto end = text.find("\r\n\r\n", at);
    const auto end_lf = text.find("\n\n", at);
    std::size_t stop = std::min(end, end_lf);
    if (stop == std::string_view::npos) return false;
    const std::size_t skip = stop == end ? 4 : 2;
    std::string_view block = text.substr(at, stop - at);
    at = stop + skip;
    bool first = true;
    while (!block.empty()) {
        const auto nl = block.find('\n');
        std::string_view line = util::trim_space(block.substr(0, nl));
        block = nl == std::string_view::npos ? std::string_view() : block.substr(nl + 1);
        if (first) {
            h.first_line = std::string(line);
            first = false;
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        h.fields.emplace_back(util::ascii_lower(util::trim_space(line.substr(0, colon))),
                              std::string(util::trim_space(line.substr(colon + 1))));
    }
    return true;
}

// The names in a Content-Encoding header, in the order they were applied.
std::vector<std::string> content_encodings(std::string_view header) {
    std::vector<std::string> names;
    while (!header.empty()) {
        const auto comma = header.find(',');
        const std::string name = util::ascii_lower(util::trim_space(header.substr(0, comma)));
        if (!name.empty() && name != "identity") names.push_back(name);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    }
    return names;
}

// Undoes one Content-Encoding; false with `reason` and `why` when it is unknown, the data
// is corrupt, or it inflates past the file-bytes limit.
bool undo_encoding(const std::string& name, std::string_view data, std::size_t limit,
                   std::string& out, std::string& reason, std::string& why) {
    const bool is_gzip_name = name == "gzip" || name == "x-gzip";
    if (!is_gzip_name && name != "deflate") {
        reason = "unsupported Content-Encoding";
        why = name + "; the page is not read";
        return false;
    }
    const bool ok = is_gzip_name ? gunzip(data, limit, "limit 'file-bytes'", out, why)
                                 : inflate_deflate(data, limit, "limit 'file-bytes'", out, why);
    if (ok) return true;
    if (out.size() > limit) {
        reason = "over a limit";
    } else {
        reason = "bad Content-Encoding";
        why = name + ": " + why;
    }
    return false;
}

// The HTTP payload as the server had it before its Content-Encoding (gzip, deflate), so
// a compressed page is not taken for a binary or mislabelled one.
bool decode_payload(std::string_view payload, std::string_view encoding_header, std::size_t limit,
                    std::string& out, std::string& reason, std::string& why) {
    const auto names = content_encodings(encoding_header);
    out.assign(payload);
    for (auto name = names.rbegin(); name != names.rend(); ++name) {
        std::string decoded;
        if (!undo_encoding(*name, out, limit, decoded, reason, why)) return false;
        out = std::move(decoded);
    }
    return true;
}

// The HTTP status code of a status line ("HTTP/1.1 200 OK"), or 0 when it is not one.
int http_status(std::string_view line) {
    if (line.rfind("HTTP/", 0) != 0) return 0;
    const auto space = line.find(' ');
    if (space == std::string_view::npos || line.size() < space + 4) return 0;
    int code = 0;
    for (std::size_t i = space + 1; i < space + 4; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(line[i]))) return 0;
        code = code * 10 + (line[i] - '0');
    }
    return code;
}

// Whether a payload whose server named no type is an HTML page: it starts with markup and
// has an HTML doctype or <html> tag in its first kilobyte.
bool looks_like_html(std::string_view payload) {
    const std::string head = util::ascii_lower(payload.substr(0, 1024));
    const auto first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string::npos || head[first] != '<') return false;
    return head.find("<!doctype html") != std::string::npos ||
           head.find("<html") != std::string::npos;
}

// One response record: an HTTP 200 answer holding an HTML page is read as a page, whether
// or not the WARC header types it. Other answers (a redirect, an image, a dns: lookup) are
// passed over; a record typed as HTTP that is no HTTP answer, or a page of no stated type
// that is not HTML, is reported, so no page is lost unsaid.
void read_response(std::string_view block, const Headers& warc, const std::string& page_source,
                   const std::string& origin, const ArticleSink& sink, IngestReport& report,
                   const InputLimits& limits) {
    // Untrusted bytes: what a URL cannot hold (spaces, controls, bytes past ASCII, valid
    // UTF-8 or not) percent-encoded, as the crawler writes the URLs it fetches.
    const std::string target =
        fetch::normalize_percent_encoding(util::trim_space(warc.get("warc-target-uri")));
    const int status = http_status(block.substr(0, block.find('\n')));
    if (status == 0) {
        // A crawler's other answers (a dns: lookup, typed text/dns) are no pages: passed
        // over, as a redirect is. A record typed as HTTP that holds none is reported.
        if (util::ascii_lower(warc.get("content-type")).find("application/http") ==
            std::string::npos)
            return;
        report.skip(page_source, 0, "not an HTTP response",
                    "the response record (" + target +
                        ") does not start with an HTTP status line; WARC Content-Type '" +
                        warc.get("content-type") + "'");
        return;
    }
    if (status != 200) return;
    std::size_t body_at = 0;
    Headers http;
    if (!read_headers(block, body_at, http)) {
        report.skip(page_source, 0, "bad HTTP header",
                    "no blank line ends the HTTP header (" + target + ")");
        return;
    }
    const util::MediaType media = util::parse_media_type(http.get("content-type"));
    if (!media.type.empty() && media.type.find("html") == std::string::npos) return;
    std::string payload, reason, why;
    if (!decode_payload(block.substr(body_at), http.get("content-encoding"), limits.file_bytes,
                        payload, reason, why)) {
        report.skip(page_source, 0, reason, why + " (" + target + ")");
        return;
    }
    if (media.type.empty() && !looks_like_html(payload)) {
        report.skip(page_source, 0, "not HTML",
                    "the HTTP header names no Content-Type and the payload is not an HTML page (" +
                        target + ")");
        return;
    }
    read_html(
        payload, page_source,
        [&](Article&& a) {
            if (a.url.empty()) {
                if (target.size() > limits.field_bytes) {
                    report.skip(page_source, 0, "over a limit",
                                "the record's WARC-Target-URI of " + std::to_string(target.size()) +
                                    " bytes, the page's url, is over the limit of " +
                                    std::to_string(limits.field_bytes) + " (limit 'field-bytes')");
                    return;
                }
                a.url = target;
            }
            a.origin = origin;  // the WARC file, not "FILE#N": --prune compares files
            sink(std::move(a));
        },
        report, limits, media.charset, target);
}

// A WARC or HTTP header longer than this is no header: the record is bad.
constexpr std::size_t max_header_bytes = 1 << 20;
// Of a record over the size limit, as much as tells whether it holds a page.
constexpr std::size_t sniffed_bytes = 1 << 16;

// The bytes of a WARC file as the records are parsed, read as they come or inflated a gzip
// member at a time, so memory is bounded by the largest record read, not by the file.
class WarcInput {
  public:
    enum class Pull { Data, End, Damaged };

    WarcInput(std::istream& in, bool gzipped) : in_(in) {
        if (gzipped) gzip_.emplace(in);
    }

    bool gzipped() const { return gzip_.has_value(); }

    // Appends more bytes to `buffer`; Damaged when a gzip member turned out damaged (the
    // bytes since the record began are then not to be trusted), with damage() saying how.
    Pull more(std::string& buffer) {
        const std::size_t before = buffer.size();
        if (gzip_) {
            const bool got = gzip_->read(buffer);
            inflated_ += buffer.size() - before;
            if (auto damage = gzip_->take_damage()) {
                damage_ = std::move(*damage);
                return Pull::Damaged;
            }
            return got ? Pull::Data : Pull::End;
        }
        buffer.resize(before + sniffed_bytes);
        in_.read(buffer.data() + before, static_cast<std::streamsize>(sniffed_bytes));
        const auto got = static_cast<std::size_t>(in_.gcount());
        buffer.resize(before + got);
        inflated_ += got;
        return got > 0 ? Pull::Data : Pull::End;
    }

    void skip_member() {
        if (gzip_) gzip_->skip_member();
    }

    // Whether the bytes pulled last ended a gzip member (never so for a plain file).
    bool at_member_end() const { return gzip_ && gzip_->at_member_end(); }

    const GzipMemberStream::Damage& damage() const { return damage_; }
    std::uint64_t inflated() const { return inflated_; }
    std::uint64_t file_bytes_read() const { return gzip_ ? gzip_->compressed_bytes() : inflated_; }

  private:
    std::istream& in_;
    std::optional<GzipMemberStream> gzip_;
    GzipMemberStream::Damage damage_;
    std::uint64_t inflated_ = 0;
};

// Parses records from a WarcInput, one at a time.
class WarcRecords {
  public:
    WarcRecords(std::istream& in, bool gzipped, const std::string& source, const ArticleSink& sink,
                IngestReport& report, const InputLimits& limits)
        : input_(in, gzipped), source_(source), sink_(sink), report_(report), limits_(limits) {
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(source, ec);
        origin_ = ec ? source : absolute.lexically_normal().string();
    }

    void read_all() {
        bool more = true;
        while (more) {
            more = next_record();
            // As it goes: the progress line moves through a big file.
            report_.bytes_read += input_.file_bytes_read() - bytes_counted_;
            bytes_counted_ = input_.file_bytes_read();
        }
    }

  private:
    enum class Need { Ok, End, Damaged, PastLimit };

    std::uint64_t offset() const { return base_ + at_; }
    std::size_t held() const { return buffer_.size() - at_; }

    // Pulls more bytes in, first dropping those already parsed.
    Need pull() {
        if (at_ > 0) {
            buffer_.erase(0, at_);
            base_ += at_;
            at_ = 0;
        }
        if (input_.inflated() > limits_.stream_bytes) return Need::PastLimit;
        switch (input_.more(buffer_)) {
            case WarcInput::Pull::Data:
                return Need::Ok;
            case WarcInput::Pull::End:
                return Need::End;
            case WarcInput::Pull::Damaged:
                break;
        }
        report_damage();
        base_ += buffer_.size();
        buffer_.clear();
        return Need::Damaged;
    }

    // Until `n` bytes are held after the cursor.
    Need hold(std::size_t n) {
        while (held() < n)
            if (const Need need = pull(); need != Need::Ok) return need;
        return Need::Ok;
    }

    void report_damage() {
        const auto& d = input_.damage();
        const std::string after =
            records_done_ == 0 ? "" : " after record " + std::to_string(records_done_);
        report_.skip(source_, 0, "bad gzip",
                     "the gzip member at byte " + std::to_string(d.member_at) + after +
                         " is damaged (" + d.why + "); the records in it are lost; " +
                         (d.resumed_at ? "reading went on at byte " + std::to_string(*d.resumed_at)
                                       : std::string("nothing after it could be read")),
                     d.member_at);
    }

    void report_past_limit() {
        report_.skip(source_, 0, "over a limit",
                     "more than " + std::to_string(limits_.stream_bytes) + " bytes of records" +
                         (input_.gzipped() ? " (inflated)" : "") +
                         " (limit 'stream-bytes'); the records before are read",
                     file_byte(offset()));
    }

    // Record `record_`, which starts at `start` of the records: a byte of the file, or of
    // what a gzip file inflates to.
    std::string where(std::uint64_t start) const {
        return "record " + std::to_string(record_) + " at " +
               (input_.gzipped() ? "inflated " : "") + "byte " + std::to_string(start);
    }

    // A problem's byte is one of the file: none for an offset within inflated data.
    std::size_t file_byte(std::uint64_t start) const {
        return input_.gzipped() ? 0 : static_cast<std::size_t>(start);
    }

    // Where the file stops inside record `record_`, which began at `start`.
    void report_cut(std::uint64_t start, const std::string& what) {
        report_.skip(source_, 0, "bad WARC record",
                     where(start) + " is cut short: the file ends inside its " + what,
                     file_byte(start));
    }

    // A header that cannot be read: in a gzip file, the rest of its member is dropped and
    // reading goes on with the next (one record per member); a plain file cannot be
    // re-synchronised safely, so reading stops.
    bool bad_record(std::uint64_t start, const std::string& what) {
        const bool go_on = input_.gzipped();
        report_.skip(source_, 0, "bad WARC record",
                     where(start) + " " + what +
                         (go_on ? "; reading goes on at the next gzip member"
                                : "; the rest of the file is not read"),
                     file_byte(start));
        if (!go_on) return false;
        input_.skip_member();
        base_ += buffer_.size();
        buffer_.clear();
        at_ = 0;
        return true;
    }

    // Finds the blank line that ends the header block at the cursor; false (with `need`)
    // when the input ends, is damaged, or the header is too long or does not end within
    // its gzip member (a record never spans members where each has one).
    bool find_header_end(Need& need) {
        std::size_t searched = 0;  // from the cursor
        for (;;) {
            const std::string_view view = std::string_view(buffer_).substr(at_);
            if (view.find("\r\n\r\n", searched) != std::string_view::npos ||
                view.find("\n\n", searched) != std::string_view::npos) {
                need = Need::Ok;
                return true;
            }
            need = Need::Ok;
            if (held() > max_header_bytes || input_.at_member_end()) return false;
            searched = held() < 3 ? 0 : held() - 3;  // a "\r\n\r\n" may straddle pulls
            need = pull();
            if (need != Need::Ok) return false;
        }
    }

    // Reads one record; false when the file is done.
    bool next_record() {
        // Blank lines between records.
        for (;;) {
            while (at_ < buffer_.size() && (buffer_[at_] == '\r' || buffer_[at_] == '\n')) ++at_;
            if (at_ < buffer_.size()) break;
            const Need need = pull();
            if (need == Need::End) return false;
            if (need == Need::PastLimit) return past_limit();
            // Damaged: nothing of a record was held; go on.
        }
        const std::uint64_t start = offset();
        ++record_;
        Need need = hold(5);
        if (need == Need::Damaged) return true;
        if (need == Need::PastLimit) return past_limit();
        if (need == Need::End || buffer_.compare(at_, 5, "WARC/") != 0)
            return bad_record(start, "does not start with a WARC header");
        if (!find_header_end(need)) {
            if (need == Need::Damaged) return true;
            if (need == Need::PastLimit) return past_limit();
            if (need == Need::End) {
                report_cut(start, "WARC header");
                return false;
            }
            return bad_record(start, held() > max_header_bytes
                                         ? "has a WARC header of over " +
                                               std::to_string(max_header_bytes) + " bytes"
                                         : "has a WARC header that does not end in its gzip "
                                           "member");
        }
        Headers warc;
        std::size_t block_at = at_;
        read_headers(buffer_, block_at, warc);
        const std::string length_text = warc.get("content-length");
        char* end = nullptr;
        errno = 0;
        const unsigned long long length = std::strtoull(length_text.c_str(), &end, 10);
        if (length_text.empty() || *end != '\0' || errno == ERANGE ||
            !std::isdigit(static_cast<unsigned char>(length_text.front())))
            return bad_record(
                start, "has a Content-Length of '" + length_text + "' that is no byte count");
        at_ = block_at;
        if (offset() + length > limits_.stream_bytes) return past_limit();
        const bool response = util::ascii_lower(warc.get("warc-type")) == "response";
        if (length > limits_.file_bytes) return skip_oversized(start, warc, length, response);
        need = hold(static_cast<std::size_t>(length));
        if (need == Need::Damaged) return true;
        if (need == Need::PastLimit) return past_limit();
        if (need == Need::End) {
            report_cut(start, "block of " + std::to_string(length) + " bytes");
            return false;
        }
        const std::string_view block(buffer_.data() + at_, static_cast<std::size_t>(length));
        at_ += static_cast<std::size_t>(length);
        records_done_ = record_;
        if (response) read_response(block, warc, page_source(), origin_, sink_, report_, limits_);
        return true;
    }

    bool past_limit() {
        report_past_limit();
        return false;
    }

    std::string page_source() const { return source_ + "#" + std::to_string(record_); }

    // A record over the size limit is not held: a page in it is reported, its bytes passed.
    bool skip_oversized(std::uint64_t start, const Headers& warc, unsigned long long length,
                        bool response) {
        Need need =
            hold(static_cast<std::size_t>(std::min<unsigned long long>(length, sniffed_bytes)));
        if (need == Need::Damaged) return true;
        if (need == Need::PastLimit) return past_limit();
        if (need == Need::End) {
            report_cut(start, "block of " + std::to_string(length) + " bytes");
            return false;
        }
        if (response && holds_page(std::string_view(buffer_).substr(at_)))
            report_.skip(page_source(), 0, "over a limit",
                         "the record (" +
                             std::string(util::trim_space(warc.get("warc-target-uri"))) +
                             ") holds " + std::to_string(length) + " bytes, over the limit of " +
                             std::to_string(limits_.file_bytes) + " (limit 'file-bytes')");
        unsigned long long left = length;
        for (;;) {
            const std::size_t take =
                static_cast<std::size_t>(std::min<unsigned long long>(left, held()));
            at_ += take;
            left -= take;
            if (left == 0) {
                records_done_ = record_;
                return true;
            }
            need = pull();
            if (need == Need::Damaged) return true;
            if (need == Need::PastLimit) return past_limit();
            if (need == Need::End) {
                report_cut(start, "block of " + std::to_string(length) + " bytes");
                return false;
            }
        }
    }

    // Whether the start of a response block is an HTTP 200 answer with an HTML page.
    static bool holds_page(std::string_view head) {
        if (http_status(head.substr(0, head.find('\n'))) != 200) return false;
        std::size_t body_at = 0;
        Headers http;
        if (!read_headers(head, body_at, http)) return true;  // a huge header: say so
        const util::MediaType media = util::parse_media_type(http.get("content-type"));
        if (!media.type.empty()) return media.type.find("html") != std::string::npos;
        return !http.get("content-encoding").empty() || looks_like_html(head.substr(body_at));
    }

    WarcInput input_;
    const std::string& source_;
    const ArticleSink& sink_;
    IngestReport& report_;
    const InputLimits& limits_;
    std::string origin_;
    std::string buffer_;
    std::size_t at_ = 0;            // the parse cursor in buffer_
    std::uint64_t base_ = 0;        // the offset of buffer_[0] in the (inflated) records
    std::size_t record_ = 0;        // records begun, so the number of this one
    std::size_t records_done_ = 0;  // the last record read to its end
    std::uint64_t bytes_counted_ = 0;
};

}  // namespace

void read_warc(std::istream& in, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits) {
    // A gzip file by its first byte (a WARC file starts "WARC/"), peeked, as standard
    // input cannot go back.
    const bool gzipped = in.peek() == 0x1f;
    in.clear();
    WarcRecords(in, gzipped, source, sink, report, limits).read_all();
}

void read_warc(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits) {
    std::istringstream in{std::string(bytes)};
    read_warc(in, source, sink, report, limits);
}

}  // namespace parley::readers
