#include "render/json_renderer.hpp"

namespace parley::render {

using json = nlohmann::ordered_json;

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

json actor_info_json(const std::map<std::string, ActorInfo>& info) {
    json out = json::object();
    for (const auto& [actor, i] : info) {
        json one{{"type", i.type}};
        if (!i.of.empty()) one["of"] = i.of;
        if (!i.office.empty()) one["office"] = i.office;
        out[actor] = std::move(one);
    }
    return out;
}

json topic_evidence_json(const TopicEvidence& evidence) {
    json out = json::object();
    for (const auto& [topic, cues] : evidence) out[topic] = cues;
    return out;
}

static json result_fields(const SearchResult& result, const SearchRequest& request) {
    const bool grouped = request.group_by == GroupBy::Article;
    json hits = json::array();
    for (const Hit& h : result.hits) {
        json spans = json::array();
        for (const auto& s : h.snippet.spans) spans.push_back({s.begin, s.end});
        json hit{{"rank", h.rank},
                 {"score", h.score},
                 {"matched_terms", h.matched_terms},
                 {"article_id", h.article_id},
                 {"paragraph", h.paragraph},
                 {"paragraph_count", h.paragraph_count},
                 {"title", h.title},
                 {"authors", h.authors},
                 {"date", h.date},
                 {"url", h.url},
                 {"source", h.source},
                 {"language", h.language},
                 {"snippet", h.snippet.text},
                 {"spans", spans},
                 {"actors", h.actors},
                 {"actor_info", actor_info_json(h.actor_info)},
                 {"topics", h.topics},
                 {"topic_evidence", topic_evidence_json(h.topic_evidence)}};
        if (grouped) hit["matched_paragraphs"] = h.matched_paragraphs;
        json copies = json::array();
        for (const auto& r : h.republished) {
            copies.push_back({{"article_id", r.article_id},
                              {"title", r.title},
                              {"source", r.source},
                              {"url", r.url},
                              {"date", r.date}});
        }
        hit["republished"] = std::move(copies);
        hits.push_back(std::move(hit));
    }
    json facets = json::object();
    json distinct = json::object();
    for (const Facet& f : result.facets) {
        json values = json::array();
        for (const FacetValue& v : f.values) {
            json value{{"value", v.value}, {"count", v.count}};
            if (request.facet_article_counts) value["articles"] = v.articles;
            values.push_back(std::move(value));
        }
        facets[f.name] = std::move(values);
        distinct[f.name] = f.distinct;
    }
    return json{{"query", result.query},
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
                {"did_you_mean",  // null when there is none, as in /suggest
                 result.did_you_mean.empty() ? json(nullptr) : json(result.did_you_mean)},
                {"notes", result.notes}};
}

json to_json(const SearchResult& result, const SearchRequest& request) {
    json out = result_fields(result, request);
    // Only a shard set searched with partial results allowed can miss shards.
    if (result.partial) {
        out["partial"] = true;
        out["missing_shards"] = result.missing_shards;
    }
    return out;
}

}  // namespace parley::render
