#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "facets/facet_table.hpp"
#include "match/doc_table.hpp"

namespace parley::views {

/// What the whole archive holds, counted once per index version: the denominators of
/// timelines' shares, of co-occurrence's PMI and of stands-out's background.
struct ArchiveCounts {
    std::size_t paragraphs = 0;
    std::size_t articles = 0;
    std::size_t undated = 0;  ///< paragraphs without a date
    /// Dated paragraphs per day (yyyymmdd, a partial date's missing parts as 00), ascending,
    /// and their running total (cumulative[i] = paragraphs dated up to days[i], included).
    std::vector<std::uint32_t> days;
    std::vector<std::uint64_t> cumulative;
    /// Per facet value (FacetTable's numbering): paragraphs and articles that have it.
    std::vector<std::uint32_t> value_paragraphs;
    std::vector<std::uint32_t> value_articles;
    /// Per facet (FacetTable::facet_id), its values by case-folded name.
    std::map<std::pair<int, std::string>, std::uint32_t> value_by_name;

    static ArchiveCounts build(const facets::FacetTable& facets, const match::DocTable& docs);

    /// Dated paragraphs with first <= date <= last (yyyymmdd keys).
    std::uint64_t dated_between(std::uint32_t first, std::uint32_t last) const;
    /// The value of a facet named `name` (case ignored), or -1.
    std::int64_t find_value(int facet, const std::string& name) const;
};

/// Lower-cases ASCII letters, for matching value names typed by people.
std::string fold_value_name(const std::string& name);

}  // namespace parley::views
