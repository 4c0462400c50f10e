#include "parley/article_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "parley/error.hpp"
#include "readers/charset.hpp"
#include "readers/csv_reader.hpp"
#include "readers/feed_reader.hpp"
#include "readers/gunzip.hpp"
#include "readers/html_reader.hpp"
#include "readers/jsonl_reader.hpp"
#include "readers/markdown_reader.hpp"
#include "readers/reader_common.hpp"
#include "readers/text_reader.hpp"
#include "readers/warc_reader.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

enum class Format { Unknown, Text, Markdown, Jsonl, Json, Html, Feed, Csv, Warc };

Format format_from_name(const std::string& name) {
    if (name == "txt" || name == "text") return Format::Text;
    if (name == "md" || name == "markdown") return Format::Markdown;
    if (name == "jsonl" || name == "ndjson") return Format::Jsonl;
    if (name == "json") return Format::Json;
    if (name == "html" || name == "htm" || name == "xhtml") return Format::Html;
    if (name == "feed" || name == "rss" || name == "atom" || name == "xml") return Format::Feed;
    if (name == "csv" || name == "tsv") return Format::Csv;  // the separator is the header's
    if (name == "warc") return Format::Warc;
    return Format::Unknown;
}

Format format_from_extension(const fs::path& path) {
    std::string ext = path.extension().string();
    // "crawl.warc.gz": a compressed WARC file (the reader inflates it); "export.jsonl.gz",
    // "feed.xml.gz": the format of the name inside (read_file inflates them).
    if (ext == ".gz" && path.stem().extension() != ".gz") return format_from_extension(path.stem());
    if (!ext.empty()) ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return format_from_name(ext);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), s.begin(), [](char p, char c) {
               return p == std::tolower(static_cast<unsigned char>(c));
           });
}

// Markup by its first element: after a BOM, white space, an XML declaration and comments.
Format sniff_markup(std::string_view content) {
    for (;;) {
        const auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        if (first == std::string_view::npos) return Format::Unknown;
        content.remove_prefix(first);
        const bool pi = content.rfind("<?", 0) == 0;
        if (!pi && content.rfind("<!--", 0) != 0) break;
        const auto end = content.find(pi ? "?>" : "-->");
        if (end == std::string_view::npos) return Format::Unknown;
        content.remove_prefix(end + (pi ? 2 : 3));
    }
    if (starts_with_ci(content, "<!doctype html") || starts_with_ci(content, "<html"))
        return Format::Html;
    if (content.rfind("<rss", 0) == 0 || content.rfind("<feed", 0) == 0 ||
        content.rfind("<rdf:RDF", 0) == 0)
        return Format::Feed;
    return Format::Unknown;
}

// For stdin and files without a telling extension.
Format sniff(std::string_view content) {
    const auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && content[first] == '{') {
        // "{" alone on its line opens one object written over many lines (a JSON Feed, an
        // API's answer as jq or json.dump(indent=...) prints it), not JSON Lines.
        const auto next = content.find_first_not_of(" \t", first + 1);
        if (next != std::string_view::npos && (content[next] == '\n' || content[next] == '\r'))
            return Format::Json;
        return Format::Jsonl;
    }
    // A JSON array of articles (an export saved as .json, or piped): "[" then "{" or "]".
    if (first != std::string_view::npos && content[first] == '[') {
        const auto next = content.find_first_not_of(" \t\r\n", first + 1);
        if (next != std::string_view::npos && (content[next] == '{' || content[next] == ']'))
            return Format::Json;
    }
    if (first != std::string_view::npos && content[first] == '<') {
        if (const Format markup = sniff_markup(content); markup != Format::Unknown) return markup;
    }
    if (content.rfind("WARC/1.", 0) == 0) return Format::Warc;
    if (content.rfind("---\n", 0) == 0 || content.rfind("---\r\n", 0) == 0) return Format::Markdown;
    return Format::Text;
}

void read_content(Format format, const std::string& content, const std::string& source,
                  const ArticleSink& sink, IngestReport& report, const InputLimits& limits) {
    switch (format) {
        case Format::Jsonl: {
            std::istringstream in(content);
            readers::read_jsonl(in, source, sink, report, limits);
            break;
        }
        case Format::Json:
            readers::read_json_file(content, source, sink, report, limits);
            break;
        case Format::Markdown:
            readers::read_markdown(content, source, sink, report, limits);
            break;
        case Format::Html:  // raw bytes: the reader finds the charset itself
            readers::read_html(content, source, sink, report, limits);
            break;
        case Format::Feed:
            readers::read_feed(content, source, sink, report, limits);
            break;
        case Format::Csv:
            readers::read_csv(content, source, sink, report, limits);
            break;
        case Format::Warc:
            readers::read_warc(content, source, sink, report, limits);
            break;
        default:
            readers::read_text(content, source, sink, report, limits);
    }
}

// Appends what `in` holds to `out`, stopping once `out` has more than `limit` bytes: a
// device or endless pipe costs at most the limit.
void read_at_most(std::istream& in, std::string& out, std::size_t limit) {
    std::vector<char> chunk(1 << 16);
    while (out.size() <= limit) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        out.append(chunk.data(), n);
        if (!in) break;
    }
}

// `size` is the file's size, or 0 when it is not known (a device, a pipe).
void skip_too_big(IngestReport& report, const std::string& source, std::uintmax_t size,
                  std::size_t limit) {
    report.skip(source, 0, "over a limit",
                (size > 0 ? "file of " + std::to_string(size) + " bytes, over"
                          : std::string("more bytes than")) +
                    " the limit of " + std::to_string(limit) + " (limit 'file-bytes')");
}

// A stream buffer that gives `prefix`, then whatever `rest` holds: standard input, sniffed
// from its first bytes, can still be read as a stream.
class PrefixedBuffer : public std::streambuf {
  public:
    PrefixedBuffer(std::string prefix, std::streambuf* rest)
        : prefix_(std::move(prefix)), rest_(rest), chunk_(1 << 16) {
        setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
    }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        const std::streamsize n =
            rest_->sgetn(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
        if (n <= 0) return traits_type::eof();
        setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
        return traits_type::to_int_type(*gptr());
    }

  private:
    std::string prefix_;
    std::streambuf* rest_;
    std::vector<char> chunk_;
};

// A UTF-16 byte order mark, either way round.
bool is_utf16(std::string_view bytes) {
    return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
}

// Whether a file starts with a UTF-16 byte order mark; reads two bytes and goes back, so
// only for a file that can seek.
bool starts_utf16(std::istream& in) {
    char mark[2] = {};
    in.read(mark, 2);
    const bool utf16 = in.gcount() == 2 && is_utf16(std::string_view(mark, 2));
    in.clear();
    in.seekg(0);
    return utf16;
}

// Whether a file starts with the gzip magic number; reads two bytes and goes back.
bool starts_gzip(std::istream& in) {
    char magic[2] = {};
    in.read(magic, 2);
    const bool gzip = in.gcount() == 2 && readers::is_gzip(std::string_view(magic, 2));
    in.clear();
    in.seekg(0);
    return gzip;
}

void read_whole(Format format, std::string content, const std::string& source,
                const ArticleSink& sink, IngestReport& report, const InputLimits& limits);

// A gzip file other than WARC (those stream): inflated whole, to at most `file-bytes`.
void read_compressed(std::istream& in, Format format, const std::string& source,
                     const ArticleSink& sink, IngestReport& report, const InputLimits& limits) {
    std::string compressed;
    read_at_most(in, compressed, limits.file_bytes);
    std::string content, why;
    if (compressed.size() > limits.file_bytes ||
        !readers::gunzip(compressed, limits.file_bytes, "limit 'file-bytes'", content, why)) {
        report.bytes_read += compressed.size();
        const bool too_big =
            compressed.size() > limits.file_bytes || why.find("file-bytes") != std::string::npos;
        report.skip(source, 0, too_big ? "over a limit" : "bad gzip",
                    too_big ? "inflates to more than " + std::to_string(limits.file_bytes) +
                                  " bytes (limit 'file-bytes'; raise it, or decompress the file)"
                            : why);
        return;
    }
    if (content.empty()) {
        report.bytes_read += compressed.size();
        report.skip(source, 0, "empty file", "the file inflates to nothing: no records in it");
        return;
    }
    if (format == Format::Jsonl && !is_utf16(content)) {  // counts the bytes it reads
        std::istringstream lines(std::move(content));
        readers::read_jsonl(lines, source, sink, report, limits);
        return;
    }
    report.bytes_read += compressed.size();
    read_whole(format, std::move(content), source, sink, report, limits);
}

void read_file(const fs::path& path, Format forced, bool from_directory, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits) {
    const std::string source = path.string();
    Format format = forced != Format::Unknown ? forced : format_from_extension(path);
    if (format == Format::Unknown && from_directory) {
        report.skip(source, 0, "unsupported file type",
                    "not .txt, .md, .markdown, .jsonl, .ndjson, .json, .html, .htm, .xhtml, "
                    ".rss, .atom, .xml, .csv, .tsv or .warc, nor one of them compressed (.gz)");
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        report.skip(source, 0, "unreadable file", "cannot open for reading");
        return;
    }
    ++report.files_read;
    // A file of records (an export, a crawl) with no byte in it is most likely one whose job
    // failed: said so, rather than read as no records (JSON Lines, WARC: silently) or as a
    // header or document that is wrong (CSV, feeds).
    std::error_code size_ec;
    const bool holds_records = format == Format::Jsonl || format == Format::Json ||
                               format == Format::Warc || format == Format::Csv ||
                               format == Format::Feed;
    if (holds_records && fs::is_regular_file(path, size_ec) && fs::file_size(path, size_ec) == 0 &&
        !size_ec) {
        report.skip(source, 0, "empty file", "the file is empty (0 bytes): no records in it");
        return;
    }
    // JSON Lines streams (and counts bytes) as it goes, unless it is UTF-16: then it is read
    // whole below, decoded like any text.
    std::error_code regular_ec;
    const bool seekable = fs::is_regular_file(path, regular_ec);  // not a pipe: <(command)
    // A compressed export (export.jsonl.gz, or gzip data under a plain name) is inflated,
    // whole, to at most `file-bytes`, and read as what its name says (or its content).
    if (format != Format::Warc && seekable && starts_gzip(in)) {
        read_compressed(in, format, source, sink, report, limits);
        return;
    }
    if (format == Format::Jsonl && !(seekable && starts_utf16(in))) {
        readers::read_jsonl(in, source, sink, report, limits);
        return;
    }
    if (format == Format::Warc) {  // a record at a time: crawlers write files of a gigabyte
        readers::read_warc(in, source, sink, report, limits);
        return;
    }
    std::error_code ec;
    const std::size_t limit = limits.file_bytes;
    if (const auto size = fs::file_size(path, ec); !ec && size > limit) {
        skip_too_big(report, source, size, limit);  // before reading a byte of it
        return;
    }
    std::string content;
    read_at_most(in, content, limit);  // not a regular file, or one that grew
    if (in.bad()) {
        report.skip(source, 0, "unreadable file", "read error");
        return;
    }
    report.bytes_read += content.size();
    if (content.size() > limit) {
        skip_too_big(report, source, 0, limit);
        return;
    }
    read_whole(format, std::move(content), source, sink, report, limits);
}

// A file read whole: decoded from UTF-16 if it is, checked for being empty, sniffed if its
// name says nothing, and read.
void read_whole(Format format, std::string content, const std::string& source,
                const ArticleSink& sink, IngestReport& report, const InputLimits& limits) {
    // Text saved as UTF-16 with a byte order mark (as Windows editors may) is read as the
    // text it is; HTML, feeds and WARC records find their own encodings.
    const bool finds_own_encoding =
        format == Format::Html || format == Format::Feed || format == Format::Warc;
    if (!finds_own_encoding && is_utf16(content)) {
        readers::DecodedText decoded = readers::decode_to_utf8(content, "");
        // An unpaired surrogate or an odd last byte: read, but said (U+FFFD stands there).
        if (!decoded.problem.empty())
            report.warn(source, 0, decoded.problem, decoded.problem_detail,
                        decoded.problem_byte.value_or(0));
        content = std::move(decoded.text);
    }
    // White space alone is no header and no document: as empty as a 0-byte file (JSON
    // Lines says the same of blank lines as it streams).
    if ((format == Format::Csv || format == Format::Feed || format == Format::Json) &&
        readers::strip_bom(content).find_first_not_of(" \t\r\n") == std::string_view::npos) {
        report.skip(source, 0, "empty file", "the file holds only white space: no records in it");
        return;
    }
    if (format == Format::Unknown) format = sniff(content);
    read_content(format, content, source, sink, report, limits);
}

// The files under `root`, for reading: hidden entries (".git"), Xapian databases (this
// very index, perhaps) and links to directories (they can loop) are left out, the last
// said. A directory that cannot be listed is said by name and the walk goes on with the
// others: its files are not silently missing (--prune keeps their articles).
void collect_files(const fs::path& root, std::vector<fs::path>& files, IngestReport& report) {
    std::vector<fs::path> pending{root};  // a stack, not recursion: trees can be deep
    while (!pending.empty()) {
        const fs::path directory = std::move(pending.back());
        pending.pop_back();
        std::error_code ec;
        fs::directory_iterator it(directory, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const fs::directory_entry& entry = *it;
            const std::string name = entry.path().filename().string();
            if (!name.empty() && name.front() == '.') continue;  // .git, editor swap files
            std::error_code type_ec;
            const bool is_link = entry.is_symlink(type_ec);
            const bool is_directory = entry.is_directory(type_ec);
            if (is_directory && is_link) {
                report.skip(entry.path().string(), 0, "linked directory",
                            "a link to a directory is not followed; give its target as an "
                            "input of its own");
            } else if (is_directory) {
                if (!fs::exists(entry.path() / "iamglass", type_ec) &&
                    !fs::exists(entry.path() / "XAPIANDB", type_ec))
                    pending.push_back(entry.path());
            } else if (entry.is_regular_file(type_ec)) {
                files.push_back(entry.path());
            } else if (is_link && !fs::exists(entry.path(), type_ec)) {  // said, not passed over
                report.skip(entry.path().string(), 0, "broken link",
                            "points to " + fs::read_symlink(entry.path(), type_ec).string() +
                                ", which does not exist");
            } else {
                report.skip(entry.path().string(), 0, "not a regular file",
                            "a device, socket or pipe: not read");
            }
        }
        if (ec)
            report.skip(directory.string(), 0, "unreadable directory",
                        ec.message() + "; the files in it are not read");
    }
}

}  // namespace

void check_read_options(const ReadOptions& options) {
    if (options.format != "auto" && format_from_name(options.format) == Format::Unknown) {
        throw UsageError("unknown format '" + options.format +
                         "' (use auto, txt, md, jsonl, json, html, feed, csv or warc)");
    }
}

void read_articles(const std::string& path, const ReadOptions& options, const ArticleSink& sink,
                   IngestReport& report) {
    check_read_options(options);
    const Format forced =
        options.format == "auto" ? Format::Unknown : format_from_name(options.format);
    const InputLimits& limits = options.limits;
    if (path == "-") {
        ++report.files_read;
        // Enough to tell the format; JSON Lines then streams, anything else is read whole.
        std::string content;
        read_at_most(std::cin, content, std::min<std::size_t>(limits.file_bytes, 1 << 16));
        const Format format = forced != Format::Unknown ? forced : sniff(content);
        if (format == Format::Jsonl || format == Format::Warc) {
            PrefixedBuffer buffer(std::move(content), std::cin.rdbuf());
            std::istream in(&buffer);
            if (format == Format::Jsonl)  // both count their own bytes
                readers::read_jsonl(in, "<stdin>", sink, report, limits);
            else
                readers::read_warc(in, "<stdin>", sink, report, limits);
            return;
        }
        read_at_most(std::cin, content, limits.file_bytes);
        report.bytes_read += content.size();
        if (content.size() > limits.file_bytes) {
            skip_too_big(report, "<stdin>", 0, limits.file_bytes);
            return;
        }
        read_content(format, content, "<stdin>", sink, report, limits);
        return;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec && ec != std::errc::no_such_file_or_directory) {  // a directory above it is closed
        report.skip(path, 0, "unreadable file", ec.message());
        return;
    }
    if (ec || !fs::exists(status)) {
        report.skip(path, 0, "missing file", "no such file or directory");
        return;
    }
    if (!fs::is_directory(status)) {
        read_file(path, forced, false, sink, report, limits);
        return;
    }
    std::vector<fs::path> files;
    collect_files(path, files, report);
    std::sort(files.begin(), files.end());  // deterministic order, hence deterministic ids
    for (const auto& file : files) read_file(file, forced, true, sink, report, limits);
}

}  // namespace parley
