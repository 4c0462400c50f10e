#pragma once

#include <string>
#include <string_view>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

namespace parley::readers {

/// Reads one Markdown article: optional YAML front matter between `---` lines (title,
/// authors, date, source, url, id, lang), then a CommonMark body parsed with cmark.
/// Paragraphs (also inside list items and block quotes) become paragraphs of plain text,
/// markup removed; headings, code blocks and raw HTML are left out. Without a
/// front-matter title, the first level-1 heading is the title.
void read_markdown(std::string_view content, const std::string& source, const ArticleSink& sink,
                   IngestReport& report, const InputLimits& limits = {});

}  // namespace parley::readers
