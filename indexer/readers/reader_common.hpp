#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/article.hpp"
#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

namespace parley::readers {

/// Where a record came from, for messages: a file (or "<stdin>") and the line it starts on.
struct Origin {
    std::string source;
    std::size_t line = 0;
};

/// Splits a byline into names: "A and B*", "A; B", "A, B & C" → {"A", "B", "C"}.
/// Footnote markers (*, †) and a leading "By " are dropped.
std::vector<std::string> split_authors(std::string_view byline);

/// Splits plain text into paragraphs at blank lines, joining the lines of a paragraph
/// with single spaces.
std::vector<std::string> split_paragraphs(std::string_view text);

/// Collapses runs of whitespace (including newlines) to one space and trims.
std::string collapse_spaces(std::string_view text);

/// Checks and tidies a parsed article, then hands it to `sink`: trims and drops empty
/// paragraphs, normalises the date (a warning if unreadable), warns about a missing title.
/// Records the article as skipped ("empty article") when no text remains.
void deliver(Article&& article, const Origin& origin, const ArticleSink& sink,
             IngestReport& report);

/// Reports why `content` cannot be text: a NUL byte ("binary file") or malformed UTF-8
/// (with line and byte). Returns true when the content is usable.
bool check_text(std::string_view content, const Origin& origin, IngestReport& report,
                std::size_t base_byte = 0);

/// Removes a UTF-8 byte order mark.
std::string_view strip_bom(std::string_view content);

}  // namespace parley::readers
