#include "stats/stats_json.hpp"

namespace parley::stats {

nlohmann::ordered_json to_json(const IndexStats& s) {
    using json = nlohmann::ordered_json;
    json out{
        {"path", s.path},
        {"schema_version", s.schema_version},
        {"analyzer", s.analyzer},
        {"default_language", s.default_language},
        {"languages", s.languages},
        {"gazetteer", {{"fingerprint", s.gazetteer_fingerprint}, {"origin", s.gazetteer_origin}}},
        {"articles", s.articles},
        {"paragraphs", s.paragraphs},
        {"terms", s.terms},
        {"word_terms", s.word_terms},
        {"size_bytes", s.size_bytes}};
    for (const auto& [key, list] :
         {std::pair{"top_actors", &s.top_actors}, std::pair{"top_topics", &s.top_topics}}) {
        json values = json::array();
        for (const auto& [value, count] : *list)
            values.push_back({{"value", value}, {"paragraphs", count}});
        out[key] = std::move(values);
    }
    return out;
}

}  // namespace parley::stats
