#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "facets/facet_table.hpp"
#include "match/doc_table.hpp"
#include "match/postings_cache.hpp"
#include "search/duplicate_index.hpp"
#include "views/archive_counts.hpp"

namespace parley::search {

/// What searching keeps in memory about one version of an index: the DocTable, the
/// whole-index facet table, the near-duplicate index and the decoded postings of its
/// densest words. Built part by part as searches
/// need them, and shared by every Searcher of the process that has the same version open,
/// so that parley-serve's worker threads hold and build one copy, not one each.
///
/// Thread-safe: ensure() and the builders serialise on a mutex; what they return never
/// changes afterwards and may be read from any thread.
class IndexTables {
  public:
    /// The tables of the version identified by `version` (an index path and the revision
    /// of each of its shards), shared while any Searcher holds them.
    static std::shared_ptr<IndexTables> of_version(const std::string& version);

    /// The DocTable with at least `parts` loaded, from `db` (a handle at this version,
    /// used only by the calling thread).
    const match::DocTable& docs(unsigned parts, const Xapian::Database& db);
    /// The whole-index facet table, built on first use; nullptr if not built yet.
    const facets::FacetTable* facets_if_built();
    const facets::FacetTable& facets(const Xapian::Database& db);
    const DuplicateIndex& copies(const Xapian::Database& db);
    /// Archive-wide counts for the archive views (builds the facet table if need be).
    const views::ArchiveCounts& archive_counts(const Xapian::Database& db);
    /// The decoded postings of this version's dense words (thread-safe on its own), within
    /// postings_budget().
    match::PostingsCache& postings() { return postings_; }
    /// The decoded postings' budget in bytes: PARLEY_POSTINGS_CACHE_MB megabytes when set
    /// (0 turns decoding off), else PostingsCache::kDefaultBudget. Throws Error for a value
    /// that is not a whole number.
    static std::size_t postings_budget();

  private:
    std::mutex mutex_;
    match::DocTable docs_;
    std::unique_ptr<facets::FacetTable> facets_;
    std::optional<DuplicateIndex> copies_;
    std::optional<views::ArchiveCounts> counts_;
    match::PostingsCache postings_{postings_budget()};
};

}  // namespace parley::search
