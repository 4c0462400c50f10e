#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "api/file_watch.hpp"
#include "cli/shard_options.hpp"
#include "parley/searcher.hpp"
#include "parley/shard_set.hpp"

namespace parley::server {

/// The shard set a server of a --shards file searches, read again from the file when it
/// changes (a FileWatch, looked at by the first request after each FileWatch::kInterval)
/// or on reload(), without a restart. Thread-safe.
///
/// A new list is taken only as the server would start on it: every line parses, no two
/// shards overlap, and a Searcher opens on it (some shards may be down, as at startup, but
/// not every one). Otherwise the set in use stays, and why is written to stderr as
/// `parley-serve: warning: FILE:LINE: ...`, once per change of the file. A list taken is
/// said in one line naming the shards added, removed and changed. Workers move to it
/// between requests: each request runs on one set from start to end.
class ShardsReload {
  public:
    /// `initial`: the set made from `options` at startup; `options.file` empty: nothing is
    /// read again.
    ShardsReload(ShardSet initial, cli::ShardOptions options);

    /// A shard set and its generation (1 for the initial one).
    struct InUse {
        std::shared_ptr<const ShardSet> set;
        std::uint64_t generation = 0;
    };
    InUse current() const;

    /// Keeps a worker's `searcher`, opened on `searched` (its generation 0: none), on the
    /// set in use. Reads the file first if it is time to look and it changed; when this call
    /// takes a new list, `searcher` becomes the one opened to check it, and `searched` that
    /// list. Otherwise, when the set in use is newer, `searcher` is reset for the caller to
    /// open one on current(). Returns whether `searcher` was replaced or reset.
    bool refresh(std::optional<Searcher>& searcher, InUse& searched);

    /// Reads the file again now, changed or not (SIGHUP). Nothing without a file.
    void reload();

  private:
    // The Searcher opened on a list taken, and the list, or nothing.
    std::optional<std::pair<Searcher, InUse>> read_again(bool forced);

    const cli::ShardOptions options_;
    std::mutex reading_;  // one reader of the file at a time; guards watch_
    FileWatch watch_;
    mutable std::mutex mutex_;  // guards current_, held briefly
    std::shared_ptr<const ShardSet> current_;
    std::atomic<std::uint64_t> generation_{1};
};

/// What tells shard set `after` from `before`: "added c (tcp://h:3); removed a; changed b
/// (tcp://h:1 → tcp://h:1,tcp://h:2)", "reordered" when only the order differs, or empty.
std::string shard_set_changes(const ShardSet& before, const ShardSet& after);

}  // namespace parley::server
