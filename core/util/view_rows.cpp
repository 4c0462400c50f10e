#include "util/view_rows.hpp"

#include <string>

namespace parley::util {

std::vector<Row> timeline_rows(const Timeline& t) {
    std::vector<Row> rows;
    for (const auto& s : t.series) {
        for (const auto& b : s.buckets) {
            Row row;
            if (t.series.size() > 1) row["series"] = s.name;
            row["bucket"] = b.label;
            row["start"] = b.start;
            row["count"] = b.count;
            row["archive"] = b.archive;
            row["share"] = b.share;
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::vector<Row> stands_out_rows(const StandsOut& s) {
    std::vector<Row> rows;
    for (const auto& i : s.items) {
        Row row{{s.field, i.value}};
        if (s.field == "word") row["stem"] = i.stem;
        row.update(Row{{"g2", i.score},
                       {"matches", i.foreground},
                       {"of_matches", s.foreground_total},
                       {"background", i.background},
                       {"of_background", s.background_total},
                       {"match_share", i.foreground_share},
                       {"background_share", i.background_share}});
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<Row> cooccurrence_rows(const Cooccurrence& c) {
    std::vector<Row> rows;
    const std::string unit = c.level == Level::Article ? "articles" : "paragraphs";
    if (!c.matrix_values.empty()) {
        for (const auto& cell : c.matrix) {
            rows.push_back(Row{{"row", cell.row},
                               {"column", cell.column},
                               {unit, cell.count},
                               {"npmi", cell.npmi}});
        }
        return rows;
    }
    for (const auto& i : c.items) {
        rows.push_back(Row{{c.field, i.value},
                           {"together", i.together},
                           {"matching_" + unit, c.matches},
                           {"with_" + c.field, i.total},
                           {"archive_" + unit, c.archive},
                           {"pmi", i.pmi},
                           {"npmi", i.npmi}});
    }
    return rows;
}

std::vector<Row> burst_rows(const Bursts& b) {
    std::vector<Row> rows;
    for (const auto& burst : b.bursts) {
        std::vector<std::string> paragraphs;
        for (const auto& h : burst.hits)
            paragraphs.push_back(h.article_id + "#" + std::to_string(h.paragraph));
        rows.push_back(Row{{"series", burst.series},
                           {"from", burst.from},
                           {"to", burst.to},
                           {"peak", burst.peak},
                           {"z", burst.z},
                           {"count", burst.count},
                           {"share", burst.share},
                           {"baseline", burst.baseline},
                           {"paragraphs", paragraphs}});
    }
    return rows;
}

std::vector<Row> context_rows(const ParagraphContext& c) {
    std::vector<Row> rows;
    for (const auto& p : c.paragraphs) {
        rows.push_back(Row{{"paragraph", p.number},
                           {"asked", p.number == c.paragraph ? "*" : ""},
                           {"actors", p.actors},
                           {"topics", p.topics},
                           {"text", p.text}});
    }
    return rows;
}

}  // namespace parley::util
