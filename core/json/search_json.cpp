// The JSON forms of what the searcher answers: results, articles, suggestions, facets.
#include "json/json_forms.hpp"

namespace parley::json_forms {
namespace {

const char* sort_name(SortOrder sort) {
    switch (sort) {
        case SortOrder::DateNewest:
            return "date";
        case SortOrder::DateOldest:
            return "date-asc";
        default:
            return "relevance";
    }
}

// {"Xi Jinping": {"type": "leader", "of": "China"}}: `of` and `office` only when known.
Json actor_info(const std::map<std::string, ActorInfo>& info) {
    Json out = Json::object();
    for (const auto& [actor, i] : info) {
        Json one{{"type", i.type}};
        if (!i.of.empty()) one["of"] = i.of;
        if (!i.office.empty()) one["office"] = i.office;
        out[actor] = std::move(one);
    }
    return out;
}

// {"maritime": ["navy", "sea"]}
Json topic_evidence(const TopicEvidence& evidence) {
    Json out = Json::object();
    for (const auto& [topic, cues] : evidence) out[topic] = cues;
    return out;
}

Json republished(const std::vector<Republication>& copies) {
    Json out = Json::array();
    for (const auto& r : copies) {
        out.push_back({{"article_id", r.article_id},
                       {"title", r.title},
                       {"source", r.source},
                       {"url", r.url},
                       {"date", r.date}});
    }
    return out;
}

}  // namespace

Json hit(const Hit& h, bool grouped) {
    Json spans = Json::array();
    for (const auto& s : h.snippet.spans) spans.push_back({s.begin, s.end});
    Json title_spans = Json::array();
    for (const auto& s : h.title_spans) title_spans.push_back({s.begin, s.end});
    Json hit{{"rank", h.rank},
             {"score", h.score},
             {"matched_terms", h.matched_terms},
             {"article_id", h.article_id},
             {"paragraph", h.paragraph},
             {"paragraph_count", h.paragraph_count},
             {"title", h.title},
             {"title_spans", std::move(title_spans)},
             {"authors", h.authors},
             {"date", h.date},
             {"url", h.url},
             {"source", h.source},
             {"language", h.language},
             {"snippet", h.snippet.text},
             {"spans", std::move(spans)},
             {"text", h.text},
             {"actors", h.actors},
             {"actor_info", actor_info(h.actor_info)},
             {"topics", h.topics},
             {"mentioned_topics", h.mentioned_topics},
             {"topic_evidence", topic_evidence(h.topic_evidence)}};
    if (grouped) hit["matched_paragraphs"] = h.matched_paragraphs;
    hit["republished"] = republished(h.republished);
    if (h.text.empty()) hit.erase("text");  // only exported hits carry their text
    return hit;
}

void add_partial(Json& out, const std::vector<std::string>& names,
                 const std::vector<std::string>& why) {
    out["partial"] = true;
    out["missing_shards"] = names;
    Json reasons = Json::object();  // shard name -> why it is left out
    for (std::size_t i = 0; i < names.size(); ++i)
        reasons[names[i]] = i < why.size() ? why[i] : std::string();
    out["missing_shard_reasons"] = std::move(reasons);
}

Json search_result(const SearchResult& result, const SearchRequest& request) {
    const bool grouped = request.group_by == GroupBy::Article;
    Json hits = Json::array();
    for (const Hit& h : result.hits) hits.push_back(hit(h, grouped));
    Json facets = Json::object();
    Json distinct = Json::object();
    for (const Facet& f : result.facets) {
        Json values = Json::array();
        for (const FacetValue& v : f.values) {
            Json value{{"value", v.value}, {"count", v.count}};
            if (request.facet_article_counts) value["articles"] = v.articles;
            values.push_back(std::move(value));
        }
        facets[f.name] = std::move(values);
        distinct[f.name] = f.distinct;
    }
    Json out{{"query", result.query},
             {"parsed", result.parsed},
             {"total", result.total},
             {"total_paragraphs", result.total_paragraphs},
             {"total_articles", result.total_articles},
             {"duplicates_hidden", result.duplicates_hidden},
             {"offset", result.offset},
             {"limit", request.limit},
             {"sort", sort_name(result.sort)},
             {"ranking", result.ranking == Ranking::Bm25 ? "bm25" : "words"},
             {"group_by", grouped ? "article" : "none"},
             {"hits", std::move(hits)},
             {"facets", std::move(facets)},
             {"facet_distinct", std::move(distinct)},
             {"selections", result.selections},
             {"did_you_mean",  // null when there is none, as in suggestions()
              result.did_you_mean.empty() ? Json(nullptr) : Json(result.did_you_mean)},
             {"notes", result.notes},
             {"feedback_stems", result.feedback_stems}};
    // Only a shard set searched with partial results allowed can miss shards.
    if (result.partial) {
        add_partial(out, result.missing_shards, result.missing_shard_reasons);
    }
    return out;
}

Json article_view(const ArticleView& article) {
    Json paragraphs = Json::array();
    for (const ArticleParagraph& p : article.paragraphs) {
        paragraphs.push_back({{"paragraph", p.number},
                              {"text", p.text},
                              {"actors", p.actors},
                              {"actor_info", actor_info(p.actor_info)},
                              {"topics", p.topics},
                              {"mentioned_topics", p.mentioned_topics},
                              {"topic_evidence", topic_evidence(p.topic_evidence)}});
    }
    return Json{{"article_id", article.article_id},
                {"title", article.title},
                {"authors", article.authors},
                {"date", article.date},
                {"source", article.source},
                {"url", article.url},
                {"language", article.language},
                {"paragraphs", std::move(paragraphs)},
                {"republished", republished(article.republished)}};
}

Json suggestions(const std::string& text, const Suggestions& s) {
    Json out{{"query", text},
             {"completions", s.completions},
             {"did_you_mean", s.did_you_mean.empty() ? Json(nullptr) : Json(s.did_you_mean)}};
    if (!s.notes.empty()) out["notes"] = s.notes;
    if (s.partial) {  // as in search_result()
        add_partial(out, s.missing_shards, s.missing_shard_reasons);
    }
    return out;
}

Json facet_values(const std::string& facet, const std::vector<FacetValue>& values) {
    Json list = Json::array();
    for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    return Json{{"facet", facet}, {"values", std::move(list)}};
}

}  // namespace parley::json_forms
