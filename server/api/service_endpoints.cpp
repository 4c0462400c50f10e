#include "api/service_endpoints.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "api/openapi_document.hpp"
#include "http/request_params.hpp"

namespace parley::server {
namespace {

// Bytes of every file under the index directory; files that vanish meanwhile (a commit
// replacing them) are skipped.
std::uint64_t bytes_on_disk(const std::string& path) {
    namespace fs = std::filesystem;
    std::uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            const auto size = it->file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

}  // namespace

void get_metrics(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams&) {
    const QueryParams params(request, {});
    Metrics::IndexGauges index;
    std::vector<std::string> missing;
    std::shared_ptr<const ShardSet> shards;  // the set searched, which a reload may change
    try {
        index.paragraphs = context.with_searcher([&](Searcher& searcher) {
            const std::size_t count = searcher.paragraph_count();
            missing = searcher.missing_shards();
            shards = context.shards_in_use();
            return count;
        });
        index.size_bytes = bytes_on_disk(context.options().index_path);
    } catch (const Error&) {
        index.readable = false;  // a scrape still answers: the gauge says what is wrong
    }
    // Which shard of a set is down, for an alert that names it (as /health does).
    if (index.readable && shards) {
        for (const ShardSpec& shard : shards->shards) {
            const bool up = std::find(missing.begin(), missing.end(), shard.name) == missing.end();
            index.shards.emplace_back(shard.name, up);
        }
    }
    response.status = 200;
    response.set_header("Cache-Control", "no-store");
    response.set_content(context.metrics().render(index),
                         "text/plain; version=0.0.4; charset=utf-8");
}

void get_openapi(ApiContext&, const httplib::Request& request, httplib::Response& response,
                 const PathParams&) {
    const QueryParams params(request, {});
    response.status = 200;
    response.set_content(openapi_document(), "application/json");
}

}  // namespace parley::server
