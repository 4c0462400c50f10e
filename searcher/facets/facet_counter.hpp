#pragma once

#include <xapian.h>

#include <span>
#include <string>
#include <vector>

#include "facets/facet_table.hpp"
#include "parley/search_result.hpp"

namespace parley::facets {

/// Exact counts of the requested facets over a whole match set: paragraphs per value,
/// and distinct articles per value when `article_counts` is set. Values are ordered by
/// paragraph count, then by name; each facet keeps its `limit` first values (0 = all).
std::vector<Facet> count_facets(const FacetTable& table, std::span<const Xapian::docid> matches,
                                const std::vector<int>& facet_ids, std::size_t limit,
                                bool article_counts);

/// Number of distinct articles among the matches.
std::size_t count_articles(const FacetTable& table, std::span<const Xapian::docid> matches);

}  // namespace parley::facets
