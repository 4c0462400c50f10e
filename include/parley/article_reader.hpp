#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "parley/article.hpp"
#include "parley/export.hpp"
#include "parley/ingest_report.hpp"
#include "parley/input_limits.hpp"

namespace parley {

/// How to read input files.
struct PARLEY_API ReadOptions {
    /// "auto" (by extension; stdin by content), "txt", "md", "jsonl", "html", "feed" (RSS
    /// or Atom), "csv" (a header row naming the columns) or "warc" (web archives, plain or
    /// gzipped). Default: "auto".
    std::string format = "auto";
    /// What one file or record may ask for; past a limit it is skipped and reported.
    InputLimits limits;
};

/// Called once per well-formed article, in input order, on the thread that called
/// read_articles().
using ArticleSink = std::function<void(Article&&)>;

/// Throws UsageError for an unknown format name; read_articles() checks this too, so call
/// it only to reject bad options early. Thread-safe.
PARLEY_API void check_read_options(const ReadOptions& options);

/// Reads `path` — a file, a directory (recursively, in sorted order, files with a known
/// extension only) or "-" for standard input — and passes each article to `sink`.
/// Formats: plain text (.txt), Markdown with YAML front matter (.md, .markdown), JSON
/// Lines (.jsonl, .ndjson), web pages (.html, .htm, .xhtml: one article each, in any
/// charset; metadata from JSON-LD, Open Graph and the page, the body from the article's
/// paragraphs without navigation, ads or comments) and RSS/Atom feeds (.rss, .atom, .xml:
/// one article per item), CSV with a header row (.csv: one article per row) and WARC files
/// (.warc, .warc.gz: one article per HTML response). Standard input is recognised by content.
/// Malformed input is recorded in `report` (file, line, byte, reason) and skipped; reading always
/// continues with the next record or file. Throws UsageError for an unknown format (see
/// check_read_options()); otherwise only what `sink` throws, which stops the reading. Unreadable or
/// missing files are problems in `report`, not exceptions. Thread-safe: concurrent calls need their
/// own `report` (and a thread-safe `sink`).
PARLEY_API void read_articles(const std::string& path, const ReadOptions& options,
                              const ArticleSink& sink, IngestReport& report);

/// Reads the articles of one JSON text: an article object, or an array of them, each with
/// the fields of a JSON Lines record (docs/indexing.md, "JSON Lines"; a content system's record,
/// such as a WordPress REST API post, as "Fields of a record" says), or a JSON Feed, one article
/// per item. `source` names the text in
/// problems, and a problem's `line` is the article's place in the array, from 1. Limits
/// apply as to a file: the text to stream_bytes, nesting to depth (the array counts), each
/// article to the rest. Articles have no `origin` (not from a file). An article of the wrong shape,
/// or past a limit, is recorded in `report` and skipped; the others are read. Returns false, with
/// the reason as the one problem added to `report` (line 0), when the text as a whole cannot be
/// read: malformed JSON, too deep, too large, or neither an object nor an array. Thread-safe as
/// read_articles().
PARLEY_API bool read_json_articles(std::string_view text, const std::string& source,
                                   const InputLimits& limits, const ArticleSink& sink,
                                   IngestReport& report);

}  // namespace parley
