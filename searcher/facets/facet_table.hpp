#pragma once

#include <xapian.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/doc_table.hpp"

namespace parley::facets {

/// Paragraphs' facet values (actor, topic, actor_type, year, author, source) and articles,
/// in memory, so that counting facets over a match set is a walk over arrays.
///
/// Two ways to build one, with identical contents for the paragraphs they cover:
///  - for the whole index, from the facet terms' posting lists (one sequential read of
///    a small part of the index; kept for the life of a Searcher), or
///  - for just some paragraphs, from their records and their articles' first
///    paragraphs (cheaper when a query matches few paragraphs and no whole-index table
///    has been built yet).
/// Year, author and source are terms of an article's first paragraph; both ways give them
/// to every paragraph of the article, through the DocTable.
/// Memory for the whole-index form: about 4 bytes per (paragraph, value) pair plus 8 bytes
/// per paragraph. Immutable once built.
class FacetTable {
  public:
    static FacetTable from_postings(const Xapian::Database& db, const match::DocTable& articles);
    static FacetTable from_values(const Xapian::Database& db, std::span<const Xapian::docid> docs,
                                  const match::DocTable& articles);

    /// Index of a facet name, or -1.
    static int facet_id(std::string_view name);

    std::span<const std::uint32_t> values_of(Xapian::docid doc) const;
    /// Article ordinal of a paragraph (dense, 0-based), or kNoArticle.
    std::uint32_t article_of(Xapian::docid doc) const;
    std::size_t article_count() const { return articles_; }

    std::size_t value_count() const { return value_facet_.size(); }
    int facet_of_value(std::uint32_t value) const { return value_facet_[value]; }
    const std::string& value_name(std::uint32_t value) const { return value_names_[value]; }

    static constexpr std::uint32_t kNoArticle = 0xffffffff;

  private:
    static constexpr std::uint32_t kNoRow = 0xffffffff;
    std::uint32_t row_of(Xapian::docid doc) const;

    bool dense_ = true;  ///< rows are docids (whole index) or looked up in rows_
    std::unordered_map<Xapian::docid, std::uint32_t> rows_;
    std::vector<std::uint32_t> offsets_;  ///< per row: start in values_ (CSR), rows + 1 entries
    std::vector<std::uint32_t> values_;
    std::vector<std::uint32_t> article_;  ///< per row
    std::size_t articles_ = 0;
    std::vector<std::uint8_t> value_facet_;
    std::vector<std::string> value_names_;
};

}  // namespace parley::facets
