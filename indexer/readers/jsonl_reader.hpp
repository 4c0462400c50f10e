#pragma once

#include <istream>
#include <string>
#include <string_view>

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

/// Reads one JSON text: an article object or an array of them (each as a JSON Lines record
/// is read). `from_file`: problems name the line each article starts on and articles keep
/// their file as origin; otherwise (a POST body) a problem's line is the article's place in
/// the array and articles have no origin. Returns false, with the one problem added, when
/// the text as a whole cannot be read (see parley::read_json_articles).
bool read_json_document(std::string_view text, const std::string& source, const InputLimits& limits,
                        const ArticleSink& sink, IngestReport& report, bool from_file);

/// Reads a .json file: an array of article objects, or one object (over one line or many), or
/// JSON Lines, as tools also write under .json (several lines, the first an object).
void read_json_file(std::string_view text, const std::string& source, const ArticleSink& sink,
                    IngestReport& report, const InputLimits& limits = {});

}  // namespace parley::readers
