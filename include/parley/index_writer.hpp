#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "parley/article.hpp"
#include "parley/export.hpp"
#include "parley/ingest_report.hpp"

namespace parley {

class Gazetteer;

/// How to open an index for writing.
struct PARLEY_API IndexOptions {
    /// Directory of the index; created if missing. Required.
    std::string path;
    /// Language of articles that do not name one. Recorded when the index is created;
    /// an existing index keeps its own. Default: "en".
    std::string default_language = "en";
    /// Gazetteer to tag with. Default (nullptr): the one recorded in the index, or the
    /// built-in one for a new index. A gazetteer that differs from the one recorded in an
    /// existing index is an IndexMismatchError (re-tagging is a separate operation).
    const Gazetteer* gazetteer = nullptr;
    /// Articles per commit. Each commit is one Xapian transaction per shard: an article's
    /// old paragraphs are never visible without its new ones, and a crash loses at most
    /// the articles since the last commit. Default: 2000.
    std::size_t batch_articles = 2000;
    /// Also commit when this many seconds have passed since the last commit, however few
    /// articles came (a bulk build commits by time alone). Default: 60.
    double commit_seconds = 60;
    /// For a new index: "" (one database) or "year" (one database per publication year,
    /// plus one for undated articles; searched as one). An existing index keeps its own;
    /// asking for another is an IndexMismatchError. Default: "".
    std::string shard_by;
    /// Threads. A new (empty) index is built in bulk: each thread analyses and writes a
    /// shard of its own, and commit() merges the shards by compaction, so every core does
    /// Xapian's write work and the result is compact. Adding to an index that holds
    /// articles, threads - 1 analysis threads work ahead of the one writer. 1 = no bulk
    /// build. 0 = the hardware threads. More than kMaxThreads is a UsageError (each bulk
    /// thread keeps a database of its own open). Default: 0.
    std::size_t threads = 0;
    static constexpr std::size_t kMaxThreads = 256;
};

/// Adds articles to a Parley index: one Xapian document per paragraph.
///
/// Not thread-safe: use one IndexWriter from one thread (it runs its own analysis
/// threads). Only one IndexWriter per index at a time, across processes. Any number of
/// Searchers, in any thread or process, may read the index meanwhile.
class PARLEY_API IndexWriter {
  public:
    /// Opens or creates the index, taking its writer lock (released by the destructor, or
    /// by the kernel if the process dies). Throws IndexLockedError if another writer holds it,
    /// IndexMismatchError if it was built with another schema, analyzer or gazetteer,
    /// IndexIoError for other failures, UsageError for bad options.
    explicit IndexWriter(const IndexOptions& options);
    /// Commits what is pending, swallowing errors; call commit() to see them.
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Queues an article. An article whose id is already indexed replaces all of its
    /// paragraphs, unless it is exactly as indexed (then nothing is written and
    /// report().articles_unchanged counts it). An article without text is recorded as
    /// skipped in report(). Analysis happens in the background; errors surface from add()
    /// or commit(): IndexIoError if writing this or an earlier article failed.
    void add(Article article);

    /// Deletes every paragraph of an article (at the next commit). False if no article
    /// has this id. Throws IndexIoError if the index cannot be read or written.
    bool remove(const std::string& article_id);

    /// Commits, then lists the indexed articles read from files under `directory` (an
    /// absolute path), or from that file itself, as id → file, so that a caller can delete
    /// those no longer there. Directories are compared by their real paths: files read
    /// through a symbolic link to `directory` (or to a directory above it) are under it.
    /// Throws as commit() does.
    std::map<std::string, std::string> articles_from(const std::string& directory);

    /// Waits for queued articles and makes them durable and visible to new searchers.
    /// In a bulk build nothing is visible before the first commit(); later adds are
    /// written directly. Throws IndexIoError if the index cannot be written (disk full,
    /// permissions); what was committed before stays intact.
    void commit();

    /// Counts and problems so far (complete after commit()). Throws nothing.
    IngestReport report() const;

    /// The language of articles that name none, as the index records it: for an existing
    /// index its own, whatever IndexOptions::default_language said. Throws nothing.
    std::string default_language() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley
