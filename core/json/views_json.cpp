// The archive views' JSON forms (include/parley/archive_views.hpp).
#include "json/json_forms.hpp"
#include "parley/archive_views.hpp"

namespace parley {
namespace json_forms {
Json timeline(const Timeline& t) {
    Json series = Json::array();
    for (const auto& s : t.series) {
        Json buckets = Json::array();
        for (const auto& b : s.buckets) {
            buckets.push_back({{"label", b.label},
                               {"start", b.start},
                               {"count", b.count},
                               {"archive", b.archive},
                               {"share", b.share}});
        }
        series.push_back({{"name", s.name},
                          {"total", s.total},
                          {"undated", s.undated},
                          {"buckets", std::move(buckets)}});
    }
    return Json{
        {"interval", interval_name(t.interval)}, {"series", std::move(series)}, {"notes", t.notes}};
}

Json stands_out(const StandsOut& s) {
    Json items = Json::array();
    for (const auto& i : s.items) {
        Json item{{"value", i.value},
                  {"score", i.score},
                  {"foreground", i.foreground},
                  {"background", i.background},
                  {"foreground_share", i.foreground_share},
                  {"background_share", i.background_share}};
        if (!i.stem.empty()) item["stem"] = i.stem;
        items.push_back(std::move(item));
    }
    return Json{{"field", s.field},
                {"method", "log-likelihood G2"},
                {"foreground_total", s.foreground_total},
                {"background_total", s.background_total},
                {"sampled", s.sampled},
                {"items", std::move(items)},
                {"notes", s.notes}};
}

Json cooccurrence(const Cooccurrence& c) {
    Json items = Json::array();
    for (const auto& i : c.items) {
        items.push_back({{"value", i.value},
                         {"together", i.together},
                         {"total", i.total},
                         {"pmi", i.pmi},
                         {"npmi", i.npmi}});
    }
    Json matrix = Json::array();
    for (const auto& cell : c.matrix) {
        matrix.push_back({{"row", cell.row},
                          {"column", cell.column},
                          {"count", cell.count},
                          {"npmi", cell.npmi}});
    }
    return Json{{"field", c.field},
                {"level", level_name(c.level)},
                {"matches", c.matches},
                {"archive", c.archive},
                {"items", std::move(items)},
                {"matrix_values", c.matrix_values},
                {"matrix", std::move(matrix)},
                {"notes", c.notes}};
}

Json bursts(const Bursts& b) {
    Json list = Json::array();
    for (const auto& burst : b.bursts) {
        Json hits = Json::array();
        for (const auto& h : burst.hits) hits.push_back(hit(h));
        list.push_back({{"series", burst.series},
                        {"from", burst.from},
                        {"to", burst.to},
                        {"peak", burst.peak},
                        {"z", burst.z},
                        {"count", burst.count},
                        {"share", burst.share},
                        {"baseline", burst.baseline},
                        {"hits", std::move(hits)}});
    }
    return Json{{"interval", interval_name(b.interval)},
                {"method",
                 "binomial z-score of the share against the pooled share of the "
                 "preceding buckets"},
                {"bursts", std::move(list)},
                {"notes", b.notes}};
}

Json paragraph_context(const ParagraphContext& c) {
    ArticleView as_article;
    as_article.paragraphs = c.paragraphs;
    Json paragraphs = article_view(as_article)["paragraphs"];
    return Json{{"article_id", c.article_id},
                {"title", c.title},
                {"date", c.date},
                {"paragraph", c.paragraph},
                {"paragraphs", std::move(paragraphs)}};
}

}  // namespace json_forms

std::string timeline_json(const Timeline& timeline, int indent) {
    return json_forms::print(json_forms::timeline(timeline), indent);
}
std::string stands_out_json(const StandsOut& stands_out, int indent) {
    return json_forms::print(json_forms::stands_out(stands_out), indent);
}
std::string cooccurrence_json(const Cooccurrence& cooccurrence, int indent) {
    return json_forms::print(json_forms::cooccurrence(cooccurrence), indent);
}
std::string bursts_json(const Bursts& bursts, int indent) {
    return json_forms::print(json_forms::bursts(bursts), indent);
}
std::string paragraph_context_json(const ParagraphContext& context, int indent) {
    return json_forms::print(json_forms::paragraph_context(context), indent);
}
std::string hit_json(const Hit& hit, int indent) {
    return json_forms::print(json_forms::hit(hit), indent);
}

}  // namespace parley
