#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "api/shards_reload.hpp"
#include "api/synonyms_reload.hpp"
#include "cli/shard_options.hpp"
#include "http/request_params.hpp"
#include "http/router.hpp"
#include "parley/error.hpp"
#include "parley/searcher.hpp"
#include "parley/shard_set.hpp"
#include "service/metrics.hpp"

namespace parley::server {

/// How parley-serve was started, as the handlers need it.
struct ServerOptions {
    std::string index_path;  ///< Required, unless shard_set is given.
    /// Search these shards (local or remote) as one index instead of index_path; the
    /// server is then read-only and has no index statistics. Default: none.
    std::optional<ShardSet> shard_set;
    /// The options shard_set was made from; their --shards file is read again when it
    /// changes (ShardsReload). Default: none.
    cli::ShardOptions shard_options;
    /// Bearer token that writes (POST/DELETE /articles) need. Default: empty, writes are
    /// refused.
    std::string token;
    /// Directory of the search page (index.html, app.js, style.css). Default: empty, none.
    std::string web_dir;
    RequestLimits limits;
    Synonyms synonyms;  ///< query expansion for every search; empty: none
    /// The file `synonyms` was read from, read again when it changes (SynonymsReload).
    /// Default: empty, none.
    std::string synonyms_path;
};

/// A lookup that found nothing while shards of the set did not answer (allow_partial): what
/// was asked for may be on them, so the answer is 503 naming them rather than 404. Returns
/// when `missing_shards` is empty.
void refuse_if_shards_missing(const std::vector<std::string>& missing_shards,
                              const std::string& what);

/// What the handlers share: the options, a Searcher per thread and the write lock.
/// Thread-safe.
class ApiContext {
  public:
    explicit ApiContext(ServerOptions options);

    /// The options the server started with (of a shard set, the set it started on; see
    /// shards_in_use()).
    const ServerOptions& options() const { return options_; }

    /// Runs `body` with this thread's Searcher, opened on first use (Searcher is not
    /// thread-safe; each worker thread keeps its own, which follows the index's commits by
    /// itself), with the synonyms in use (read again when their file changed), on the shard
    /// set in use (read again when the --shards file changed: a Searcher is moved to a new set
    /// between calls, never during one). A Searcher that found the index missing or replaced
    /// is dropped, so the next call opens the index afresh.
    template <class F>
    auto with_searcher(F&& body) {
        try {
            Searcher& searcher = local_searcher();
            const CatchUpCounter counter(*this, searcher);
            return body(searcher);
        } catch (const IndexMissingError&) {
            drop_local_searcher();
            throw;
        } catch (const IndexMismatchError&) {
            drop_local_searcher();
            throw;
        }
    }

    /// The shard set this thread's Searcher searches, for a `body` of with_searcher() to
    /// name its shards; nullptr for an index directory.
    std::shared_ptr<const ShardSet> shards_in_use() const;

    /// Reads the --shards and --synonyms files again now, changed or not (SIGHUP); what
    /// is taken or refused is said on stderr, as when a change is seen. Throws nothing.
    void reload_files();

    /// The server's counters, which /metrics shows.
    Metrics& metrics() { return metrics_; }

    /// Held for the whole of a write: one IndexWriter at a time in this process.
    std::mutex& write_mutex() { return write_mutex_; }

    /// One export running, for as long as it lives; throws ApiError(503) when
    /// RequestLimits::max_exports are running already.
    class ExportSlot {
      public:
        explicit ExportSlot(ApiContext& context);
        ~ExportSlot() { --context_.exports_; }
        ExportSlot(const ExportSlot&) = delete;
        ExportSlot& operator=(const ExportSlot&) = delete;

      private:
        ApiContext& context_;
    };

  private:
    // Adds to the metrics the times a Searcher caught up with the index during one call.
    class CatchUpCounter {
      public:
        CatchUpCounter(ApiContext& context, const Searcher& searcher)
            : context_(context), searcher_(searcher), before_(searcher.catch_up_count()) {}
        ~CatchUpCounter() { context_.metrics_.add_reopens(searcher_.catch_up_count() - before_); }

      private:
        ApiContext& context_;
        const Searcher& searcher_;
        std::uint64_t before_;
    };

    Searcher& local_searcher();
    void drop_local_searcher();

    ServerOptions options_;
    SynonymsReload synonyms_;
    std::optional<ShardsReload> shards_;  // of a shard set
    std::mutex write_mutex_;
    std::atomic<std::size_t> exports_ = 0;
    Metrics metrics_;
};

}  // namespace parley::server
