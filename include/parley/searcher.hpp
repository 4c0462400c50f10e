#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/export.hpp"
#include "parley/search_request.hpp"
#include "parley/search_result.hpp"
#include "parley/shard_set.hpp"
#include "parley/synonyms.hpp"

namespace parley {
namespace views {
struct SearcherAccess;
class SearcherViewContext;
}  // namespace views

/// Answers SearchRequests against one index. The analyzer and gazetteer are rebuilt
/// from what the index records, so queries see exactly the words the indexer stored.
///
/// Not thread-safe: give each thread its own Searcher (they share nothing mutable).
/// Safe beside a writer: each call sees the index as of the writer's last commit.
/// A Searcher moved from holds no index: its calls throw UsageError until another is
/// assigned to it (catch_up_count() and missing_shards() give 0 and nothing).
class PARLEY_API Searcher {
  public:
    /// Opens the index read-only. Throws IndexMissingError or IndexMismatchError (and
    /// IndexIoError if the index cannot be read).
    explicit Searcher(const std::string& index_path);
    /// Searches a set of shards, local or served by xapian-tcpsrv, as one index (see
    /// ShardSet). Every call may also throw ShardUnavailableError when a shard has no
    /// replica that answers within ShardSet::timeout and partial results are not allowed;
    /// it never waits much longer than that. Throws UsageError for an empty set or shard,
    /// ShardUnavailableError if no shard answers, IndexMismatchError if the first live
    /// shard is not a Parley index this version reads.
    explicit Searcher(const ShardSet& shards);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a search. Never throws for query syntax: malformed queries are read the
    /// sensible way and SearchResult::notes says how. Throws QueryError (a UsageError) for
    /// a query, filter or selection over SearchRequest::kMaxQueryBytes or a selection of an
    /// unknown facet, UsageError for other impossible request values (unknown facet, limit
    /// too large), IndexIoError for I/O failures, and IndexMissingError or
    /// IndexMismatchError if the index was deleted or rebuilt meanwhile. Every call first
    /// catches up with the index's last commit (and retries if the index changes under it).
    SearchResult search(const SearchRequest& request);

    /// The article stored under `id` with all its paragraphs, or nullopt if there is none.
    /// Throws IndexIoError for I/O failures.
    std::optional<ArticleView> article(const std::string& id);

    /// Completions of the last word of `text` and a spelling correction of the other words,
    /// from the words the index holds (at most `limit` completions). Throws IndexIoError
    /// for I/O failures.
    Suggestions suggest(const std::string& text, std::size_t limit = 8);

    /// Values of a facet ("actor", "topic", "year", "author", "source") with a word
    /// starting with `prefix` (case and accents ignored; empty: all), with their paragraph
    /// counts over the whole index, most frequent first; at most `limit` (0 = all).
    /// Throws UsageError for an unknown facet.
    std::vector<FacetValue> facet_values(const std::string& facet, const std::string& prefix,
                                         std::size_t limit = 20);

    /// Paragraphs in the index as of its last commit. Throws IndexIoError for I/O failures.
    std::size_t paragraph_count();

    /// How many times this Searcher has caught up with a new commit or a rebuilt index
    /// (reopened it). For monitoring; throws nothing.
    std::uint64_t catch_up_count() const;

    /// The shards of a set left out of the last answer (allow_partial, or a view's
    /// allow_partial): what SearchResult::missing_shards says of a search, for the views,
    /// whose results carry a note instead. Empty for an index opened by path. Throws
    /// nothing.
    std::vector<std::string> missing_shards() const;
    /// Why each of missing_shards() is left out, in its order (as
    /// SearchResult::missing_shard_reasons). Throws nothing.
    std::vector<std::string> missing_shard_reasons() const;

    /// Synonyms every later search() expands query words with (see Synonyms); an empty
    /// set turns expansion off (the default). Returns what analysis in the index's language
    /// leaves out, as `FILE:LINE: message`: a member that stems to a member of an earlier
    /// group ("drilling" after "drills"), a group left with one word. Throws nothing (but
    /// on a moved-from Searcher).
    std::vector<std::string> set_synonyms(Synonyms synonyms);

  private:
    friend struct views::SearcherAccess;  // the archive views (archive_views.hpp)
    friend class views::SearcherViewContext;
    struct Impl;
    Impl& live() const;  // *impl_, or UsageError for a Searcher moved from
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley
