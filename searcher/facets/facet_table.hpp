#pragma once

#include <xapian.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parley::facets {

/// For every paragraph: its facet values (actor, topic, year, author, source) and its
/// article, read once from the index's boolean-term posting lists and kept in memory.
///
/// Counting facets over a match set is then a walk over in-memory arrays instead of a
/// value-slot read per matching document, which is what makes exact facet counts over
/// large match sets cheap. Memory: about 4 bytes per (paragraph, value) pair plus 4 bytes
/// per paragraph. Built for one revision of the database; immutable afterwards.
class FacetTable {
  public:
    /// The facets, in a fixed order; facet ids index this array.
    static constexpr std::string_view kNames[] = {"actor", "topic", "year", "author", "source"};
    static constexpr std::size_t kCount = 5;

    explicit FacetTable(const Xapian::Database& db);

    /// Index of a facet name in kNames, or -1.
    static int facet_id(std::string_view name);

    std::span<const std::uint32_t> values_of(Xapian::docid doc) const;
    /// Article ordinal of a paragraph (dense, 0-based), or kNoArticle.
    std::uint32_t article_of(Xapian::docid doc) const {
        return doc < article_.size() ? article_[doc] : kNoArticle;
    }
    std::size_t article_count() const { return articles_; }

    std::size_t value_count() const { return value_facet_.size(); }
    int facet_of_value(std::uint32_t value) const { return value_facet_[value]; }
    const std::string& value_name(std::uint32_t value) const { return value_names_[value]; }

    static constexpr std::uint32_t kNoArticle = 0xffffffff;

  private:
    std::vector<std::uint32_t> offsets_;  ///< per docid: start in values_ (CSR)
    std::vector<std::uint32_t> values_;
    std::vector<std::uint32_t> article_;  ///< per docid
    std::size_t articles_ = 0;
    std::vector<std::uint8_t> value_facet_;
    std::vector<std::string> value_names_;
};

}  // namespace parley::facets
