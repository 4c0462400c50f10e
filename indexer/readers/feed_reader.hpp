#pragma once

#include <string>
#include <string_view>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

namespace parley::readers {

/// Reads an RSS 2.0 (also RSS 1.0/RDF) or Atom feed: one article per <item> or <entry>.
/// RSS: title, link, guid (the id; else the link; else title, date and text), pubDate, author or
/// dc:creator, the channel title as source, and the body from content:encoded, else description.
/// Atom: title, id, the alternate link, published else updated, author names (else the feed's), the
/// feed title as source, and the body from content (text, html or xhtml), else summary. Each item
/// is reported at its own line; an item without text is skipped
/// ("empty article") and the rest of the feed read. A file that is not well-formed XML is
/// skipped as "malformed feed" (line, column and byte of the error), one whose root is
/// neither <rss>, <rdf:RDF> nor <feed> as "not a feed", one nested deeper than
/// `limits.depth` as "too deep" (an item whose HTML is: that item).
/// Relative item links (and the ids derived from them) are resolved against `base_url`, the
/// address the feed came from, and any `xml:base` around them; without either they stay as
/// written. `transport_charset`: the charset the feed came with over HTTP (Content-Type),
/// which outranks its XML declaration (RFC 7303); empty for a file.
void read_feed(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits = {}, std::string_view base_url = {},
               std::string_view transport_charset = {});

}  // namespace parley::readers
