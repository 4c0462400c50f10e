#pragma once

#include <xapian.h>

#include <functional>
#include <span>
#include <vector>

#include "facets/facet_table.hpp"
#include "parley/search_result.hpp"

namespace parley::facets {

/// Multi-select faceting: a facet the request selects values of is counted over the
/// matches of everything but its own selections, so that its other values stay on offer
/// with the counts they would give. `matches_without(facet)` returns those matches (docids,
/// ascending); `table_for` the facet table covering them.
void recount_selected(
    std::vector<Facet>& facets, const std::vector<int>& selected_facets, std::size_t limit,
    bool article_counts,
    const std::function<std::vector<Xapian::docid>(int facet)>& matches_without,
    const std::function<const FacetTable&(std::span<const Xapian::docid>)>& table_for);

}  // namespace parley::facets
