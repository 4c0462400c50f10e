#include "api/index_endpoints.hpp"

#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "http/request_params.hpp"
#include "parley/index_stats.hpp"
#include "parley/json_forms.hpp"

namespace parley::server {

void get_health(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams&) {
    const QueryParams params(request, {});
    std::vector<std::string> missing, why;
    const std::size_t paragraphs = context.with_searcher([&](Searcher& searcher) {
        const std::size_t count = searcher.paragraph_count();
        missing = searcher.missing_shards();
        why = searcher.missing_shard_reasons();
        return count;
    });
    send_json(response, 200, health_json(paragraphs, missing, why));
}

// Field for field what `parley-index stats --json` prints: both use index_stats_json().
void get_stats(ApiContext& context, const httplib::Request& request, httplib::Response& response,
               const PathParams&) {
    const QueryParams params(request, {"top"});
    const std::size_t top = params.number("top", 10, 0, 1000);
    // Not a passing state (503 would ask clients to retry): a shard set has no statistics.
    if (context.options().shard_set) {
        throw ApiError(501,
                       "this server searches a shard set: read each shard's statistics with "
                       "parley-index stats where it is stored");
    }
    const IndexStats s = read_index_stats(context.options().index_path, top);
    send_json(response, 200, index_stats_json(s));
}

}  // namespace parley::server
