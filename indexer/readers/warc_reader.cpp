#include "readers/warc_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

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
    const std::string target(util::trim_space(warc.get("warc-target-uri")));
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
            if (a.url.empty()) a.url = target;
            a.origin = origin;  // the WARC file, not "FILE#N": --prune compares files
            sink(std::move(a));
        },
        report, limits, media.charset, target);
}

}  // namespace

void read_warc(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits) {
    std::string inflated;
    std::string_view text = bytes;
    if (is_gzip(bytes)) {
        std::string why;
        if (!gunzip(bytes, limits.file_bytes, "limit 'file-bytes'", inflated, why))
            report.skip(source, 0, "bad gzip", why + "; the records before it are read");
        text = inflated;
    }
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(source, ec);
    const std::string origin = ec ? source : absolute.lexically_normal().string();
    std::size_t at = 0, record = 0;
    while (true) {
        while (at < text.size() && (text[at] == '\r' || text[at] == '\n')) ++at;
        if (at >= text.size()) break;
        const std::size_t start = at;
        ++record;
        Headers warc;
        if (text.compare(at, 5, "WARC/") != 0 || !read_headers(text, at, warc)) {
            report.skip(source, 0, "bad WARC record",
                        "record " + std::to_string(record) + " at byte " + std::to_string(start) +
                            " does not start with a WARC header; the rest of the file is not read",
                        start);
            return;
        }
        const std::string length_text = warc.get("content-length");
        char* end = nullptr;
        const unsigned long long length = std::strtoull(length_text.c_str(), &end, 10);
        if (length_text.empty() || *end != '\0' || length > text.size() - at) {
            report.skip(source, 0, "bad WARC record",
                        "record " + std::to_string(record) + " at byte " + std::to_string(start) +
                            " has a Content-Length of '" + length_text +
                            "' that the file does not hold",
                        start);
            return;
        }
        const std::string_view block = text.substr(at, length);
        at += length;
        if (util::ascii_lower(warc.get("warc-type")) != "response") continue;
        read_response(block, warc, source + "#" + std::to_string(record), origin, sink, report,
                      limits);
    }
}

}  // namespace parley::readers
