#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "parley/article.hpp"
#include "parley/ingest_report.hpp"

namespace parley {

class Gazetteer;

/// How to open an index for writing.
struct IndexOptions {
    /// Directory of the index; created if missing. Required.
    std::string path;
    /// Language of articles that do not name one. Recorded when the index is created;
    /// an existing index keeps its own. Default: "en".
    std::string default_language = "en";
    /// Gazetteer to tag with. Default (nullptr): the one recorded in the index, or the
    /// built-in one for a new index. A gazetteer that differs from the one recorded in an
    /// existing index is an IndexMismatchError (re-tagging is a separate operation).
    const Gazetteer* gazetteer = nullptr;
    /// Articles per commit. Each commit is one Xapian transaction: an article's old
    /// paragraphs are never visible without its new ones. Default: 2000.
    std::size_t batch_articles = 2000;
    /// Threads. A new (empty) index is built in bulk: each thread analyses and writes a
    /// shard of its own, and commit() merges the shards by compaction, so every core does
    /// Xapian's write work and the result is compact. Adding to an index that holds
    /// articles, threads - 1 analysis threads work ahead of the one writer. 1 = no bulk
    /// build. 0 = the hardware threads. Default: 0.
    std::size_t threads = 0;
};

/// Adds articles to a Parley index: one Xapian document per paragraph.
///
/// Not thread-safe: use one IndexWriter from one thread (it runs its own analysis
/// threads). Only one IndexWriter per index at a time, across processes.
class IndexWriter {
  public:
    /// Opens or creates the index. Throws IndexLockedError if another writer holds it,
    /// IndexMismatchError if it was built with another schema, analyzer or gazetteer,
    /// IndexIoError for other failures, UsageError for bad options.
    explicit IndexWriter(const IndexOptions& options);
    /// Commits what is pending, swallowing errors; call commit() to see them.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Queues an article. An article whose id is already indexed replaces all of its
    /// paragraphs. An article without text is recorded as skipped in report().
    /// Analysis happens in the background; errors surface from add() or commit().
    void add(Article article);

    /// Waits for queued articles and makes them durable and visible to new searchers.
    /// In a bulk build nothing is visible before the first commit(); later adds are
    /// written directly.
    void commit();

    /// Counts and problems so far (complete after commit()).
    IngestReport report() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley
