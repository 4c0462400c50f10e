#include "facets/facet_table.hpp"

#include <algorithm>

#include "schema/schema.hpp"

namespace parley::facets {

int FacetTable::facet_id(std::string_view name) { return schema::facet_number(name); }

FacetTable FacetTable::from_postings(const Xapian::Database& db) {
    FacetTable t;
    const std::size_t rows = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    std::vector<std::uint32_t> counts(rows, 0);
    struct Posting {
        Xapian::docid doc;
        std::uint32_t value;
    };
    std::vector<Posting> postings;
    for (std::size_t f = 0; f < schema::kFacetCount; ++f) {
        const std::string prefix(schema::kFacetPrefixes[f]);
        for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
            const auto value = static_cast<std::uint32_t>(t.value_names_.size());
            t.value_names_.push_back((*term).substr(prefix.size()));
            t.value_facet_.push_back(static_cast<std::uint8_t>(f));
            for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p) {
                postings.push_back({*p, value});
                ++counts[*p];
            }
        }
    }
    t.offsets_.assign(rows + 1, 0);
    for (std::size_t d = 0; d < rows; ++d) t.offsets_[d + 1] = t.offsets_[d] + counts[d];
    t.values_.resize(postings.size());
    std::vector<std::uint32_t> fill(t.offsets_.begin(), t.offsets_.end() - 1);
    for (const auto& p : postings) t.values_[fill[p.doc]++] = p.value;

    t.article_.assign(rows, kNoArticle);
    const std::string prefix(schema::kArticlePrefix);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        const auto ordinal = static_cast<std::uint32_t>(t.articles_++);
        for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p)
            t.article_[*p] = ordinal;
    }
    return t;
}

FacetTable FacetTable::from_values(const Xapian::Database& db,
                                   std::span<const Xapian::docid> docs) {
    FacetTable t;
    t.dense_ = false;
    std::unordered_map<std::string, std::uint32_t> value_ids;  // facet byte + name
    std::unordered_map<std::string, std::uint32_t> article_ids;
    t.offsets_.push_back(0);
    for (const Xapian::docid doc : docs) {
        if (!t.rows_.emplace(doc, static_cast<std::uint32_t>(t.article_.size())).second) continue;
        const Xapian::Document d = db.get_document(doc, Xapian::DOC_ASSUME_VALID);
        const std::string encoded = d.get_value(schema::kFacetsSlot);
        for (const auto& entry : schema::decode_facets(encoded)) {
            std::string key(1, static_cast<char>(entry.facet));
            key.append(entry.value);
            auto [it, fresh] = value_ids.emplace(std::move(key),
                                                 static_cast<std::uint32_t>(t.value_names_.size()));
            if (fresh) {
                t.value_names_.emplace_back(entry.value);
                t.value_facet_.push_back(static_cast<std::uint8_t>(entry.facet));
            }
            t.values_.push_back(it->second);
        }
        t.offsets_.push_back(static_cast<std::uint32_t>(t.values_.size()));
        auto [article, fresh] = article_ids.emplace(d.get_value(schema::kArticleSlot),
                                                    static_cast<std::uint32_t>(article_ids.size()));
        t.article_.push_back(article->second);
    }
    t.articles_ = article_ids.size();
    return t;
}

std::uint32_t FacetTable::row_of(Xapian::docid doc) const {
    if (dense_) return doc < article_.size() ? doc : kNoRow;
    const auto it = rows_.find(doc);
    return it == rows_.end() ? kNoRow : it->second;
}

std::span<const std::uint32_t> FacetTable::values_of(Xapian::docid doc) const {
    const std::uint32_t row = row_of(doc);
    if (row == kNoRow) return {};
    return {values_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]};
}

std::uint32_t FacetTable::article_of(Xapian::docid doc) const {
    const std::uint32_t row = row_of(doc);
    return row == kNoRow ? kNoArticle : article_[row];
}

}  // namespace parley::facets
