#pragma once

#include <string>
#include <string_view>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

namespace parley::readers {

/// Reads a CSV file with a header row (RFC 4180: comma-separated, fields in double quotes
/// may hold commas, newlines and doubled quotes; a semicolon- or tab-separated file is
/// recognised by its header). One article per row; columns by header name, case-insensitive:
/// title (or headline), text (or body, content, article), paragraphs are split at blank
/// lines, else at line breaks), author(s) (or byline), date (or published), url (or link),
/// source (or outlet, site), id, lang(uage). Unknown columns are ignored. A header without a
/// text column skips the file ("bad header"); a row with more or fewer fields than the
/// header, or an unterminated quote, is skipped with its line ("bad row"), as is a row with
/// malformed UTF-8 or a NUL byte ("invalid UTF-8", "binary file"; a header with them skips
/// the file). Rows end in LF, CRLF or a lone CR; a header with no rows is a warning.
void read_csv(std::string_view content, const std::string& source, const ArticleSink& sink,
              IngestReport& report, const InputLimits& limits = {});

}  // namespace parley::readers
