#pragma once

#include <string>
#include <string_view>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

namespace parley::readers {

/// Reads one plain-text article. Optional header lines at the top ("Title:", "Authors:",
/// "Date:", "Source:", "URL:", "Id:", "Language:"); without a Title header the first line
/// is the title, and header lines may follow it. Paragraphs are separated by blank lines.
void read_text(std::string_view content, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits = {});

}  // namespace parley::readers
