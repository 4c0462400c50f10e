#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/ingest_report.hpp"
#include "writer/article_preparer.hpp"

namespace parley::writer {

/// Applies prepared articles to one Xapian database, in order, in transactions: an
/// article replaces every paragraph of a previous article with its id, and a batch of
/// articles becomes visible at once or not at all. Not thread-safe; one thread per shard.
class ShardWriter {
  public:
    /// `db` must be open for writing. A transaction is committed after `batch_articles`
    /// articles or `batch_paragraphs` paragraphs, whichever comes first.
    /// `path`: the database's directory, whose disk's free space is checked before writes.
    ShardWriter(Xapian::WritableDatabase db, std::string path, std::size_t batch_articles,
                std::size_t batch_paragraphs);

    /// Writes an article (replacing any with its id) in the near-duplicate group
    /// `group_label` (its own label, or that of an indexed copy: see near_duplicates.hpp).
    void apply(PreparedArticle article, const std::string& group_label);
    /// Records the problems of an article that was skipped.
    void skip(PreparedArticle article);
    /// Deletes every paragraph of an article; false if it is not in this shard.
    bool remove(const std::string& article_id);
    /// Whether a transaction holds changes not yet committed.
    bool dirty() const { return in_transaction_; }
    /// Commits the open transaction, if any, after running the before-commit hook in it.
    void commit();
    /// Work that must land in the same transaction as the articles (the manifest).
    void set_before_commit(std::function<void(Xapian::WritableDatabase&)> hook) {
        before_commit_ = std::move(hook);
    }

    Xapian::WritableDatabase& database() { return db_; }
    /// Counts and problems of the articles applied so far.
    const IngestReport& report() const { return report_; }
    /// Languages of the articles applied so far.
    const std::set<std::string>& languages() const { return languages_; }

  private:
    void check_free_space() const;
    /// Takes the words the paragraphs holding `article_term` gave the spelling table out
    /// of it again (at the commit), counted from their text as indexing counted them.
    void forget_spellings(const std::string& article_term);

    Xapian::WritableDatabase db_;
    std::string path_, where_;
    std::size_t batch_articles_, batch_paragraphs_;
    bool in_transaction_ = false;
    std::size_t pending_articles_ = 0, pending_paragraphs_ = 0;
    std::uintmax_t pending_bytes_ = 0;  // of paragraph records, since the last commit
    IngestReport report_;
    std::set<std::string> languages_;
    std::function<void(Xapian::WritableDatabase&)> before_commit_;
    // Spelling counts of the open transaction, written at commit: one add_spelling (or,
    // for the words of replaced and deleted articles, remove_spelling) per distinct word
    // instead of one per word of every article (Xapian keeps each word's fragments in maps
    // that an update per article made a fifth of the writer's time).
    std::unordered_map<std::string, long long> spellings_;
    // For forget_spellings(): an analyzer per language, and its tokens.
    std::map<std::string, std::unique_ptr<Analyzer>> analyzers_;
    std::vector<Token> tokens_;
};

}  // namespace parley::writer
