#include "util/view_rows.hpp"

#include <string>

namespace parley::util {
namespace {

// A row with `columns` in order, from the values given in the same order.
Row row_of(const std::vector<std::string>& columns, std::vector<nlohmann::ordered_json> values) {
    Row row = Row::object();
    for (std::size_t i = 0; i < columns.size() && i < values.size(); ++i)
        row[columns[i]] = std::move(values[i]);
    return row;
}

}  // namespace

Table timeline_rows(const Timeline& t) {
    const bool several = t.series.size() > 1;
    Table table;
    if (several) table.columns.push_back("series");
    for (const char* c : {"bucket", "start", "count", "archive", "share"})
        table.columns.push_back(c);
    for (const auto& s : t.series) {
        for (const auto& b : s.buckets) {
            std::vector<nlohmann::ordered_json> values;
            if (several) values.emplace_back(s.name);
            for (auto v : {nlohmann::ordered_json(b.label), nlohmann::ordered_json(b.start),
                           nlohmann::ordered_json(b.count), nlohmann::ordered_json(b.archive),
                           nlohmann::ordered_json(b.share)})
                values.push_back(std::move(v));
            table.rows.push_back(row_of(table.columns, std::move(values)));
        }
    }
    return table;
}

Table stands_out_rows(const StandsOut& s) {
    const bool words = s.field == "word";
    Table table;
    table.columns.push_back(s.field);
    if (words) table.columns.push_back("stem");
    for (const char* c : {"g2", "matches", "of_matches", "background", "of_background",
                          "match_share", "background_share"})
        table.columns.push_back(c);
    for (const auto& i : s.items) {
        std::vector<nlohmann::ordered_json> values{i.value};
        if (words) values.emplace_back(i.stem);
        for (auto v :
             {nlohmann::ordered_json(i.score), nlohmann::ordered_json(i.foreground),
              nlohmann::ordered_json(s.foreground_total), nlohmann::ordered_json(i.background),
              nlohmann::ordered_json(s.background_total),
              nlohmann::ordered_json(i.foreground_share),
              nlohmann::ordered_json(i.background_share)})
            values.push_back(std::move(v));
        table.rows.push_back(row_of(table.columns, std::move(values)));
    }
    return table;
}

Table cooccurrence_rows(const Cooccurrence& c) {
    const std::string unit = c.level == Level::Article ? "articles" : "paragraphs";
    Table table;
    if (!c.matrix_values.empty()) {
        table.columns = {"row", "column", unit, "npmi"};
        for (const auto& cell : c.matrix)
            table.rows.push_back(
                row_of(table.columns, {cell.row, cell.column, cell.count, cell.npmi}));
        return table;
    }
    table.columns = {c.field, "together", "matching_" + unit, "with_" + c.field, "archive_" + unit,
                     "pmi",   "npmi"};
    for (const auto& i : c.items) {
        table.rows.push_back(row_of(
            table.columns, {i.value, i.together, c.matches, i.total, c.archive, i.pmi, i.npmi}));
    }
    return table;
}

Table burst_rows(const Bursts& b) {
    Table table;
    table.columns = {"series", "from",  "to",       "peak",      "z",
                     "count",  "share", "baseline", "paragraphs"};
    for (const auto& burst : b.bursts) {
        std::vector<std::string> paragraphs;
        for (const auto& h : burst.hits)
            paragraphs.push_back(h.article_id + "#" + std::to_string(h.paragraph));
        table.rows.push_back(
            row_of(table.columns, {burst.series, burst.from, burst.to, burst.peak, burst.z,
                                   burst.count, burst.share, burst.baseline, paragraphs}));
    }
    return table;
}

Table context_rows(const ParagraphContext& c, bool with_article) {
    Table table;
    // Rows that leave the program (CSV, NDJSON) say whose paragraphs they are, so that rows
    // of several articles can be put together.
    if (with_article) table.columns = {"article_id", "title", "date"};
    for (const char* column : {"paragraph", "asked", "actors", "topics", "text"})
        table.columns.emplace_back(column);
    for (const auto& p : c.paragraphs) {
        std::vector<nlohmann::ordered_json> values = {p.number, p.number == c.paragraph ? "*" : "",
                                                      p.actors, p.topics, p.text};
        if (with_article) {
            const std::vector<nlohmann::ordered_json> article = {c.article_id, c.title, c.date};
            values.insert(values.begin(), article.begin(), article.end());
        }
        table.rows.push_back(row_of(table.columns, std::move(values)));
    }
    return table;
}

}  // namespace parley::util
