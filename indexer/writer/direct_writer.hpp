#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "writer/article_preparer.hpp"
#include "writer/prepare_pool.hpp"
#include "writer/shard_set.hpp"

namespace parley::writer {

/// Writes into an index in place: analysis threads prepare articles ahead of the one
/// writer (the caller's thread), which applies them in order, in transactions, each to its
/// shard, after looking for indexed copies of it. Commits every `batch_articles` articles
/// or `commit_seconds`, whichever comes first. Not thread-safe.
class DirectWriter {
  public:
    DirectWriter(ShardSet& set, const Tagger& tagger, std::size_t analysis_threads,
                 std::size_t batch_articles, double commit_seconds);

    /// Queues an article; one exactly as indexed is counted unchanged and not written.
    /// Under an id already added through this writer, "as indexed" is as last added: a
    /// second record under one id replaces the first, and a rerun ends the same way. A
    /// changed record whose id the index holds from another file that is still there (a
    /// corrections file read after the archive) is held until commit(): if a later record
    /// under its id comes first it is superseded, unwritten, so the two do not replace
    /// each other on every run (up to 10,000 held at once; past that, written at once).
    void add(Article article, ArticleKey key);
    /// Deletes every paragraph of an article; false if no shard holds it.
    bool remove(const std::string& article_id);
    /// Applies every queued article and commits every shard.
    void commit();

    /// Articles found unchanged, and articles that moved from one year shard to another
    /// (counted new by their new shard, but updates to the caller).
    std::size_t unchanged() const { return unchanged_; }
    std::size_t moved() const { return moved_; }
    /// Articles written again only because they were read from another file (renamed or
    /// moved): counted replaced by their shard, but no update of their content.
    std::size_t renamed() const { return renamed_; }
    std::size_t deleted() const { return deleted_; }

  private:
    void queue(Article article, ArticleKey key);
    /// Whether `article` differs from how it is indexed (`indexed`) by its file alone.
    static bool only_file_changed(const Article& article,
                                  const std::optional<ShardSet::Found>& indexed);
    void apply_next();
    bool commit_due() const;
    void commit_now();
    /// The group of an indexed copy (aligning the paragraph keys with it), else its own.
    std::string group_of(PreparedArticle& article);
    void note_language(const std::string& language);

    using Clock = std::chrono::steady_clock;
    ShardSet& set_;
    PreparePool pool_;
    std::deque<std::future<PreparedArticle>> pending_;
    std::size_t batch_articles_;
    std::chrono::duration<double> commit_interval_;
    std::size_t uncommitted_ = 0;
    Clock::time_point last_commit_ = Clock::now();
    bool manifest_changed_ = false;
    std::size_t unchanged_ = 0, moved_ = 0, deleted_ = 0, renamed_ = 0;
    // Hash of each id added through this writer → hash of its last content fingerprint.
    // Comparing with the index alone, a second record under an id met the index as it was
    // before the first one: the run's outcome swapped between the two on every rerun.
    std::unordered_map<std::uint64_t, std::uint64_t> added_;
    // Ids of the records queued for writing in this run (their hashes), so that a later
    // version is not counted as a second article (ArticleKey::again).
    std::unordered_set<std::uint64_t> queued_;
    // Changed records held back until commit(): see add(). By id hash, in the order met.
    std::vector<std::optional<std::pair<Article, ArticleKey>>> held_;
    std::unordered_map<std::uint64_t, std::size_t> held_at_;
};

}  // namespace parley::writer
