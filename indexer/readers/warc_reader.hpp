#pragma once

#include <string>
#include <string_view>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

namespace parley::readers {

/// Reads a WARC file (ISO 28500, WARC/1.0 and 1.1; what web archives and crawlers write),
/// plain or gzip-compressed (one gzip member per record, or the whole file): every
/// `response` record holding an HTTP 200 answer (a block starting with a status line) with
/// an HTML page (by Content-Type, or by sniffing when it has none) is read as a web page
/// (read_html(), with the HTTP header's charset), its url the record's WARC-Target-URI
/// unless the page names its own. A payload with Content-Encoding gzip or deflate is
/// inflated first, to at most `limits.file_bytes` ("over a limit"); another encoding, or data
/// that does not inflate, skips the record ("unsupported Content-Encoding", "bad
/// Content-Encoding"). A response record that is not HTTP, or an untyped payload that is
/// not HTML, is skipped ("not an HTTP response", "not HTML"). Other records (request, metadata,
/// warcinfo, revisit, non-HTML) are passed over. A record whose header cannot be read ends the file
/// ("bad WARC record", with the byte it starts at); a gzip stream that is corrupt or cut short ends
/// it too ("bad gzip"); the records before are kept. `source` names each page "FILE#N" (N = the
/// record's place in the file, from 1).
void read_warc(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits = {});

}  // namespace parley::readers
