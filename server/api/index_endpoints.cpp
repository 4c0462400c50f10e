#include "api/index_endpoints.hpp"

#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "http/request_params.hpp"
#include "parley/index_stats.hpp"
#include "stats/stats_json.hpp"

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
    if (context.options().shard_set) {
        throw ApiError(503,
                       "this server searches a shard set: read each shard's statistics with "
                       "parley-index stats where it is stored");
    }
    const IndexStats s = read_index_stats(context.options().index_path, top);
    const json out = stats::to_json(s);
    send_json(response, 200, out);
}

}  // namespace parley::server
