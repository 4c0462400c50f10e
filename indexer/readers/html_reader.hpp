#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"
#include "parley/input_limits.hpp"

namespace parley::readers {

/// Reads one op-ed web page, in any charset (byte order mark, else the <meta> declaration,
/// else UTF-8 if valid, else detected; a wrong or unknown declaration is a warning).
/// Metadata comes from JSON-LD (NewsArticle and kin), Open Graph and article:* meta, then
/// the page itself (<h1>, byline, <time>, <title> without its " | Outlet" suffix). The body
/// is the <p> text of the article container (<article>, itemprop=articleBody, the usual
/// entry-content/story-body classes, else the element with the most paragraph text), and
/// <br><br>-separated text in old pages; navigation, headers, footers, asides, forms,
/// scripts, figures and ad/share/comment/related blocks are left out, as are headings and
/// the byline. Skips "binary file" (NUL bytes) and "no article body"; warns about a
/// mislabelled or unknown charset and "truncated HTML" (no closing </body> or </html>).
/// Markup nested deeper than `limits.depth` is skipped ("too deep") before it is parsed.
/// `transport_charset`: the charset the page came with over HTTP (Content-Type), which
/// outranks the page's own declaration as it does in browsers; empty for a file.
/// `page_url`: the address the page came from (a WARC record's target, a fetched URL),
/// which relative canonical and og:url links are read against; empty for a file, whose
/// relative links name no address and are not used as its url.
void read_html(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits = {},
               std::string_view transport_charset = {}, std::string_view page_url = {});

/// Paragraphs of an HTML fragment in UTF-8, such as feed content: <p> elements, text
/// between blocks and <br><br>, and blank-line-separated blocks of text without markup.
/// Inline markup is flattened, entities decoded and spaces collapsed; scripts, styles,
/// figures and ad/share/related blocks are left out. Throws LimitPassed for markup nested
/// deeper than `max_depth`.
std::vector<std::string> html_fragment_paragraphs(std::string_view html, std::size_t max_depth);

/// Text of a short HTML fragment such as an escaped title: tags dropped, entities decoded,
/// spaces collapsed. Throws LimitPassed for markup nested deeper than `max_depth`.
std::string html_fragment_text(std::string_view html, std::size_t max_depth);

}  // namespace parley::readers
