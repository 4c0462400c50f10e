#pragma once

#include <vector>

#include "parley/archive_views.hpp"
#include "util/row_output.hpp"

namespace parley::util {

// The archive views as flat rows, for CSV, NDJSON and tables: the same columns whether
// parley-analyze prints them or GET /analyze/VIEW?format=csv answers them. Each comes with
// its column names, so that a view without rows still has a CSV header.

struct Table {
    std::vector<std::string> columns;
    std::vector<Row> rows;
};

/// One row per bucket: [series,] bucket, start, count, archive, share (the series column
/// only when there are several).
Table timeline_rows(const Timeline& timeline);
/// One row per item: FIELD, g2, matches, of_matches, background, of_background,
/// match_share, background_share.
Table stands_out_rows(const StandsOut& stands_out);
/// The matrix's cells (row, column, UNITS, npmi) when it has one; else one row per item:
/// FIELD, together, matching_UNITS, with_FIELD, archive_UNITS, pmi, npmi.
Table cooccurrence_rows(const Cooccurrence& cooccurrence);
/// One row per burst: series, from, to, peak, z, count, share, baseline, paragraphs
/// (ARTICLE_ID#N of its best hits).
Table burst_rows(const Bursts& bursts);
/// One row per paragraph: article_id, title, date, paragraph, asked ("*" on the one asked
/// about), actors, topics, text. `with_article` false leaves out the first three, for a
/// table printed under the article's title.
Table context_rows(const ParagraphContext& context, bool with_article = true);

}  // namespace parley::util
