#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "writer/article_preparer.hpp"
#include "writer/shard_writer.hpp"

namespace parley::writer {

/// Builds a new index in parallel: each thread analyses its share of the articles and
/// writes them into a shard of its own, and finish() merges the shards into the target
/// with Xapian's compaction. Xapian's single-writer B-tree updates are most of the cost of
/// indexing; shards let every core do them, and the merge leaves a compact index.
///
/// An article goes to the shard chosen by its id, so a later copy of the same id replaces
/// the earlier one within the run. Shards are temporary (no fsync, updated in place):
/// nothing of a bulk build is visible, or needs to survive a crash, before finish().
class BulkBuilder {
  public:
    /// Shards live in `work_dir` (created, and removed by finish()).
    BulkBuilder(std::string work_dir, std::size_t shards, const Tagger& tagger,
                std::string default_language, std::size_t batch_paragraphs);
    ~BulkBuilder();
    BulkBuilder(const BulkBuilder&) = delete;
    BulkBuilder& operator=(const BulkBuilder&) = delete;

    void add(Article article, ArticleKey key);
    /// Waits for every shard, merges them after the databases `before` (what earlier
    /// checkpoints published; none of their articles may be in the shards), lets
    /// `complete` change the merged database (work that needs every article at once),
    /// compacts the result into the (unlocked) database at `target` and removes the work
    /// directory. Rethrows the first error any shard met.
    void finish(const std::string& target, const std::vector<std::string>& before,
                const std::function<void(Xapian::WritableDatabase&)>& complete);

    /// Counts and problems of every shard (complete after finish()).
    IngestReport report() const;
    std::set<std::string> languages() const;

  private:
    struct Shard {
        std::string path;
        std::unique_ptr<ShardWriter> writer;
        std::deque<std::pair<Article, ArticleKey>> queue;
        std::mutex mutex;
        std::condition_variable changed;
        bool closing = false;
        std::exception_ptr error;
        std::thread thread;
    };
    void run(Shard& shard);
    void stop();

    std::string work_dir_;
    const Tagger& tagger_;
    std::string default_language_;
    std::vector<std::unique_ptr<Shard>> shards_;
    bool finished_ = false;
};

}  // namespace parley::writer
