#include "parley/article_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "parley/error.hpp"
#include "readers/feed_reader.hpp"
#include "readers/html_reader.hpp"
#include "readers/jsonl_reader.hpp"
#include "readers/markdown_reader.hpp"
#include "readers/text_reader.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

enum class Format { Unknown, Text, Markdown, Jsonl, Html, Feed };

Format format_from_name(const std::string& name) {
    if (name == "txt" || name == "text") return Format::Text;
    if (name == "md" || name == "markdown") return Format::Markdown;
    if (name == "jsonl" || name == "ndjson") return Format::Jsonl;
    if (name == "html" || name == "htm" || name == "xhtml") return Format::Html;
    if (name == "feed" || name == "rss" || name == "atom" || name == "xml") return Format::Feed;
    return Format::Unknown;
}

Format format_from_extension(const fs::path& path) {
    std::string ext = path.extension().string();
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
    if (first != std::string_view::npos && content[first] == '{') return Format::Jsonl;
    if (first != std::string_view::npos && content[first] == '<') {
        if (const Format markup = sniff_markup(content); markup != Format::Unknown) return markup;
    }
    if (content.rfind("---\n", 0) == 0 || content.rfind("---\r\n", 0) == 0) return Format::Markdown;
    return Format::Text;
}

void read_content(Format format, const std::string& content, const std::string& source,
                  const ArticleSink& sink, IngestReport& report) {
    switch (format) {
        case Format::Jsonl: {
            std::istringstream in(content);
            readers::read_jsonl(in, source, sink, report);
            break;
        }
        case Format::Markdown:
            readers::read_markdown(content, source, sink, report);
            break;
        case Format::Html:  // raw bytes: the reader finds the charset itself
            readers::read_html(content, source, sink, report);
            break;
        case Format::Feed:
            readers::read_feed(content, source, sink, report);
            break;
        default:
            readers::read_text(content, source, sink, report);
    }
}

void read_file(const fs::path& path, Format forced, bool from_directory, const ArticleSink& sink,
               IngestReport& report) {
    const std::string source = path.string();
    Format format = forced != Format::Unknown ? forced : format_from_extension(path);
    if (format == Format::Unknown && from_directory) {
        report.skip(source, 0, "unsupported file type",
                    "not .txt, .md, .markdown, .jsonl, .ndjson, .html, .htm, .xhtml, .rss, "
                    ".atom or .xml");
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        report.skip(source, 0, "unreadable file", "cannot open for reading");
        return;
    }
    ++report.files_read;
    if (format == Format::Jsonl) {
        readers::read_jsonl(in, source, sink, report);  // streams (and counts bytes) as it goes
        return;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        report.skip(source, 0, "unreadable file", "read error");
        return;
    }
    std::string content = std::move(buffer).str();
    report.bytes_read += content.size();
    if (format == Format::Unknown) format = sniff(content);
    read_content(format, content, source, sink, report);
}

}  // namespace

void check_read_options(const ReadOptions& options) {
    if (options.format != "auto" && format_from_name(options.format) == Format::Unknown) {
        throw UsageError("unknown format '" + options.format +
                         "' (use auto, txt, md, jsonl, html or feed)");
    }
}

void read_articles(const std::string& path, const ReadOptions& options, const ArticleSink& sink,
                   IngestReport& report) {
    check_read_options(options);
    const Format forced =
        options.format == "auto" ? Format::Unknown : format_from_name(options.format);
    if (path == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        std::string content = std::move(buffer).str();
        ++report.files_read;
        const Format format = forced != Format::Unknown ? forced : sniff(content);
        if (format != Format::Jsonl) report.bytes_read += content.size();  // JSONL counts its own
        read_content(format, content, "<stdin>", sink, report);
        return;
    }
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        report.skip(path, 0, "missing file", "no such file or directory");
        return;
    }
    if (!fs::is_directory(status)) {
        read_file(path, forced, false, sink, report);
        return;
    }
    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.empty() && name.front() == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;  // hidden files and folders (.git, editor swap files)
        }
        if (it->is_directory() &&
            (fs::exists(it->path() / "iamglass", ec) || fs::exists(it->path() / "XAPIANDB", ec))) {
            it.disable_recursion_pending();  // a Xapian database, perhaps this very index
            continue;
        }
        if (it->is_regular_file()) files.push_back(it->path());
    }
    if (ec) report.skip(path, 0, "unreadable directory", ec.message());
    std::sort(files.begin(), files.end());  // deterministic order, hence deterministic ids
    for (const auto& file : files) read_file(file, forced, true, sink, report);
}

}  // namespace parley
