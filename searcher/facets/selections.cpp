#include "facets/selections.hpp"

#include <algorithm>

#include "facets/facet_counter.hpp"

namespace parley::facets {

void recount_selected(
    std::vector<Facet>& facets, const std::vector<int>& selected_facets, std::size_t limit,
    bool article_counts,
    const std::function<std::vector<Xapian::docid>(int facet)>& matches_without,
    const std::function<const FacetTable&(std::span<const Xapian::docid>)>& table_for) {
    for (auto& facet : facets) {
        const int id = FacetTable::facet_id(facet.name);
        if (std::find(selected_facets.begin(), selected_facets.end(), id) == selected_facets.end())
            continue;
        const std::vector<Xapian::docid> wider = matches_without(id);
        facet =
            std::move(count_facets(table_for(wider), wider, {id}, limit, article_counts).front());
    }
}

}  // namespace parley::facets
