#include "facets/facet_table.hpp"

#include <algorithm>

#include "schema/schema.hpp"

namespace parley::facets {

int FacetTable::facet_id(std::string_view name) {
    for (std::size_t i = 0; i < kCount; ++i) {
        if (kNames[i] == name) return static_cast<int>(i);
    }
    return -1;
}

FacetTable::FacetTable(const Xapian::Database& db) {
    const Xapian::docid last = db.get_lastdocid();
    std::vector<std::uint32_t> counts(static_cast<std::size_t>(last) + 2, 0);
    struct Posting {
        Xapian::docid doc;
        std::uint32_t value;
    };
    std::vector<Posting> postings;
    for (std::size_t f = 0; f < kCount; ++f) {
        const std::string prefix(schema::facet_prefix(kNames[f]));
        for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
            const auto value = static_cast<std::uint32_t>(value_names_.size());
            value_names_.push_back((*term).substr(prefix.size()));
            value_facet_.push_back(static_cast<std::uint8_t>(f));
            for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p) {
                postings.push_back({*p, value});
                ++counts[*p];
            }
        }
    }
    // Compressed rows: offsets_[d] .. offsets_[d + 1] are paragraph d's values.
    offsets_.assign(static_cast<std::size_t>(last) + 2, 0);
    for (std::size_t d = 1; d < offsets_.size(); ++d) offsets_[d] = offsets_[d - 1] + counts[d - 1];
    values_.resize(postings.size());
    std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
    for (const auto& p : postings) values_[fill[p.doc]++] = p.value;

    article_.assign(static_cast<std::size_t>(last) + 1, kNoArticle);
    const std::string prefix(schema::kArticlePrefix);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        const auto ordinal = static_cast<std::uint32_t>(articles_++);
        for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p)
            article_[*p] = ordinal;
    }
}

std::span<const std::uint32_t> FacetTable::values_of(Xapian::docid doc) const {
    if (doc + 1 >= offsets_.size()) return {};
    return {values_.data() + offsets_[doc], offsets_[doc + 1] - offsets_[doc]};
}

}  // namespace parley::facets
