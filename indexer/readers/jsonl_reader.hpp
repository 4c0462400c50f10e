#pragma once

#include <istream>
#include <string>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"
#include "parley/input_limits.hpp"

namespace parley::readers {

/// Reads JSON Lines: one article object per line with "title", "authors" (list or
/// string), "date", "source", "url", "id", "lang", and either "paragraphs" (list of
/// strings) or "body" (paragraphs separated by blank lines) or "text" (the same, or one
/// paragraph per line when it has no blank line: json/json_forms.hpp). Lines end in LF,
/// CRLF or a lone CR; blank lines are ignored; a malformed line, or one past `limits`, is reported
/// with its line and byte and skipped. Streams, so memory stays bounded by `limits.record_bytes`;
/// reads at most `limits.stream_bytes` (and one byte to see that more follows): past it, reading
/// stops with a problem ("over a limit", limit 'stream-bytes', at the line and byte it stops) and
/// the records before are kept.
void read_jsonl(std::istream& in, const std::string& source, const ArticleSink& sink,
                IngestReport& report, const InputLimits& limits = {});

}  // namespace parley::readers
