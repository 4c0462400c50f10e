#include "api/api_context.hpp"

#include <iostream>
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
    ShardsReload::InUse shards;             // the shard set it searches (ShardsReload)
};
thread_local LocalSearcher local;

}  // namespace

ApiContext::ApiContext(ServerOptions options)
    : options_(std::move(options)), synonyms_(options_.synonyms_path, options_.synonyms) {
    if (options_.shard_set) shards_.emplace(*options_.shard_set, options_.shard_options);
}

Searcher& ApiContext::local_searcher() {
    if (local.path != options_.index_path) {
        local.searcher.reset();
        local.path = options_.index_path;
    }
    if (shards_ && shards_->refresh(local.searcher, local.shards))
        local.synonyms_generation = 0;  // a Searcher opened on a new set has no synonyms
    if (!local.searcher) {
        if (shards_) {
            local.shards = shards_->current();
            local.searcher.emplace(*local.shards.set);
        } else {
            local.searcher.emplace(options_.index_path);
        }
        local.synonyms_generation = 0;
    }
    synonyms_.refresh(*local.searcher, local.synonyms_generation);
    return *local.searcher;
}

void ApiContext::drop_local_searcher() { local.searcher.reset(); }

std::shared_ptr<const ShardSet> ApiContext::shards_in_use() const {
    return shards_ ? local.shards.set : nullptr;
}

void ApiContext::reload_files() {
    if (options_.shard_options.file.empty() && !synonyms_.has_file()) {
        std::cerr << "parley-serve: SIGHUP: no --shards or --synonyms file to read again\n"
                  << std::flush;
        return;
    }
    if (shards_) shards_->reload();
    if (!synonyms_.has_file()) return;
    try {
        // The synonyms are checked against the index's analysis, as a worker checks them.
        Searcher probe =
            shards_ ? Searcher(*shards_->current().set) : Searcher(options_.index_path);
        synonyms_.reload(probe);
    } catch (const std::exception& e) {
        std::cerr << "parley-serve: warning: " + options_.synonyms_path +
                         ": not read again: " + e.what() + "\n"
                  << std::flush;
    }
}

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
