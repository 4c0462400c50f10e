#pragma once

#include <functional>
#include <string>

#include "parley/article.hpp"
#include "parley/ingest_report.hpp"

namespace parley {

/// How to read input files.
struct ReadOptions {
    /// "auto" (by extension; stdin by content), "txt", "md" or "jsonl". Default: "auto".
    std::string format = "auto";
};

/// Called once per well-formed article, in input order.
using ArticleSink = std::function<void(Article&&)>;

/// Reads `path` — a file, a directory (recursively, in sorted order, files with a known
/// extension only) or "-" for standard input — and passes each article to `sink`.
/// Formats: plain text (.txt), Markdown with YAML front matter (.md, .markdown) and JSON
/// Lines (.jsonl, .ndjson). Malformed input is recorded in `report` (file, line, byte,
/// reason) and skipped; reading always continues with the next record or file.
/// Throws only for errors in `sink` itself.
void read_articles(const std::string& path, const ReadOptions& options, const ArticleSink& sink,
                   IngestReport& report);

}  // namespace parley
