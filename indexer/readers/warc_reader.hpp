#pragma once

#include <istream>
#include <string>
#include <string_view>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

namespace parley::readers {

/// Reads a WARC file (ISO 28500, WARC/1.0 and 1.1; what web archives and crawlers write),
/// plain or gzip-compressed (one gzip member per record, or the whole file), a record at a
/// time: memory is bounded by the largest record read, whatever the file's size. Every
/// `response` record holding an HTTP 200 answer (a block starting with a status line) with
/// an HTML page (by Content-Type, or by sniffing when it has none) is read as a web page
/// (read_html(), with the HTTP header's charset), its url the record's WARC-Target-URI
/// unless the page names its own. A payload with Content-Encoding gzip or deflate is
/// inflated first, to at most `limits.file_bytes`; another encoding, or data that does not
/// inflate, skips the record ("unsupported Content-Encoding", "bad Content-Encoding"). A
/// record of more than `limits.file_bytes` is passed over unread, and reported ("over a
/// limit") when it holds a page. A response record that is not HTTP, or an untyped payload
/// that is not HTML, is skipped ("not an HTTP response", "not HTML"). Other records
/// (request, metadata, warcinfo, revisit, non-HTML) are passed over. Damage loses as little
/// as it can ("bad gzip", "bad WARC record", with the byte it starts at): in a gzip file a
/// damaged member or unreadable header loses that member, and reading goes on at the next;
/// in a plain file an unreadable header ends the file. Reading stops after
/// `limits.stream_bytes` of (inflated) records ("over a limit"). `source` names each page
/// "FILE#N" (N = the record's place among those read, from 1).
void read_warc(std::istream& in, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits = {});

/// read_warc() of bytes in memory.
void read_warc(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits = {});

}  // namespace parley::readers
