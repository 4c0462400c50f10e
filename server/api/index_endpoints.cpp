#include "api/index_endpoints.hpp"

#include "http/json_response.hpp"
#include "http/request_params.hpp"
#include "parley/index_stats.hpp"

namespace parley::server {
namespace {

using json = nlohmann::ordered_json;

}  // namespace

void get_health(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams&) {
    const QueryParams params(request, {});
    const std::size_t paragraphs =
        context.with_searcher([](Searcher& searcher) { return searcher.paragraph_count(); });
    send_json(response, 200, json{{"status", "ok"}, {"paragraphs", paragraphs}});
}

// Field for field what `parley-index stats --json` prints (indexer/main.cpp, run_stats).
void get_stats(ApiContext& context, const httplib::Request& request, httplib::Response& response,
               const PathParams&) {
    const QueryParams params(request, {"top"});
    const std::size_t top = params.number("top", 10, 0, 1000);
    const IndexStats s = read_index_stats(context.options().index_path, top);
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
    send_json(response, 200, out);
}

}  // namespace parley::server
