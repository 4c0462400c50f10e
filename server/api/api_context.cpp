#include "api/api_context.hpp"

#include <optional>

#include "http/api_error.hpp"

namespace parley::server {
namespace {

// Worker threads live as long as the server, so a Searcher per thread is opened once and
// kept; the path guards against a second context on another index in the same thread.
struct LocalSearcher {
    std::string path;
    std::optional<Searcher> searcher;
    std::uint64_t synonyms_generation = 0;  // of the synonyms it has (SynonymsReload)
};
thread_local LocalSearcher local;

}  // namespace

Searcher& ApiContext::local_searcher() {
    if (!local.searcher || local.path != options_.index_path) {
        local.searcher.reset();
        if (options_.shard_set) {
            local.searcher.emplace(*options_.shard_set);
        } else {
            local.searcher.emplace(options_.index_path);
        }
        local.synonyms_generation = 0;
        local.path = options_.index_path;
    }
    synonyms_.refresh(*local.searcher, local.synonyms_generation);
    return *local.searcher;
}

void ApiContext::drop_local_searcher() { local.searcher.reset(); }

void refuse_if_shards_missing(const std::vector<std::string>& missing_shards,
                              const std::string& what) {
    if (missing_shards.empty()) return;
    std::string names;
    for (const auto& name : missing_shards) names += (names.empty() ? "" : ", ") + name;
    const bool many = missing_shards.size() > 1;
    throw ApiError(503,
                   what + " is not on the shards that answered; shard" + (many ? "s " : " ") +
                       names + " did not answer and may hold it",
                   1);
}

ApiContext::ExportSlot::ExportSlot(ApiContext& context) : context_(context) {
    const std::size_t most = context.options().limits.max_exports;
    if (++context_.exports_ > most) {
        --context_.exports_;
        throw ApiError(503,
                       std::to_string(most) + " export" + (most == 1 ? " is" : "s are") +
                           " running, the most this server runs at once (the other "
                           "workers stay free for searches); retry shortly",
                       1);
    }
}

}  // namespace parley::server
