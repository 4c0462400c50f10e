#include "facets/facet_table.hpp"

#include <algorithm>

#include "schema/facets.hpp"
#include "schema/paragraph_record.hpp"

namespace parley::facets {

int FacetTable::facet_id(std::string_view name) {
    const auto facet = schema::facet_named(name);
    return facet ? static_cast<int>(schema::number(*facet)) : -1;
}

FacetTable FacetTable::from_postings(const Xapian::Database& db, const match::DocTable& articles) {
    FacetTable t;
    const std::size_t rows = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    std::vector<std::uint32_t> counts(rows, 0);
    struct Posting {
        Xapian::docid doc;
        std::uint32_t value;
    };
    std::vector<Posting> postings;
    for (std::size_t f = 0; f < schema::kFacetCount; ++f) {
        const std::string prefix(schema::kFacets[f].prefix);
        const bool per_article = !schema::kFacets[f].per_paragraph;
        for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
            const auto value = static_cast<std::uint32_t>(t.value_names_.size());
            t.value_names_.push_back((*term).substr(prefix.size()));
            t.value_facet_.push_back(static_cast<std::uint8_t>(f));
            auto add = [&](Xapian::docid d) {
                if (d >= rows) return;
                postings.push_back({d, value});
                ++counts[d];
            };
            if (per_article) {
                for (const Xapian::docid d : articles.expand(*term, db)) add(d);
            } else {
                for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p) add(*p);
            }
        }
    }
    t.offsets_.assign(rows + 1, 0);
    for (std::size_t d = 0; d < rows; ++d) t.offsets_[d + 1] = t.offsets_[d] + counts[d];
    t.values_.resize(postings.size());
    std::vector<std::uint32_t> fill(t.offsets_.begin(), t.offsets_.end() - 1);
    for (const auto& p : postings) t.values_[fill[p.doc]++] = p.value;

    t.article_.assign(rows, kNoArticle);
    for (std::size_t d = 0; d < rows; ++d)
        t.article_[d] = articles.article_rank(static_cast<Xapian::docid>(d));
    t.articles_ = articles.article_count();
    return t;
}

FacetTable FacetTable::from_values(const Xapian::Database& db, std::span<const Xapian::docid> docs,
                                   const match::DocTable& articles) {
    FacetTable t;
    t.dense_ = false;
    std::unordered_map<std::string, std::uint32_t> value_ids;  // facet byte + name
    auto value_id = [&](int facet, std::string_view name) {
        std::string key(1, static_cast<char>(facet));
        key.append(name);
        auto [it, fresh] =
            value_ids.emplace(std::move(key), static_cast<std::uint32_t>(t.value_names_.size()));
        if (fresh) {
            t.value_names_.emplace_back(name);
            t.value_facet_.push_back(static_cast<std::uint8_t>(facet));
        }
        return it->second;
    };
    // Year, author and source of each article, from its first paragraph's terms.
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> article_values;
    auto values_of_article = [&](std::uint32_t rank) -> const std::vector<std::uint32_t>& {
        auto [it, fresh] = article_values.try_emplace(rank);
        if (!fresh || rank == kNoArticle) return it->second;
        const auto paragraphs = articles.article_docs(rank);
        if (paragraphs.empty()) return it->second;
        for (std::size_t f = 0; f < schema::kFacetCount; ++f) {
            if (schema::kFacets[f].per_paragraph) continue;
            const std::string prefix(schema::kFacets[f].prefix);
            auto term = db.termlist_begin(paragraphs.front());
            for (term.skip_to(prefix); term != db.termlist_end(paragraphs.front()); ++term) {
                const std::string name = *term;
                if (name.compare(0, prefix.size(), prefix) != 0) break;
                it->second.push_back(value_id(static_cast<int>(f), name.substr(prefix.size())));
            }
        }
        return it->second;
    };
    t.offsets_.push_back(0);
    for (const Xapian::docid doc : docs) {
        if (!t.rows_.emplace(doc, static_cast<std::uint32_t>(t.article_.size())).second) continue;
        const auto record = schema::ParagraphRecord::decode(
            db.get_document(doc, Xapian::DOC_ASSUME_VALID).get_data());
        // Bounded as the terms are, so that both ways give the same values.
        for (const auto& [facet, values] :
             {std::pair{schema::Facet::Actor, &record.actors},
              std::pair{schema::Facet::Topic, &record.topics},
              std::pair{schema::Facet::MentionedTopic, &record.mentioned_topics},
              std::pair{schema::Facet::ActorType, &record.actor_types}}) {
            for (const auto& v : *values)
                t.values_.push_back(
                    value_id(static_cast<int>(schema::number(facet)), schema::bounded(v)));
        }
        const std::uint32_t rank = articles.article_rank(doc);
        for (const std::uint32_t v : values_of_article(rank)) t.values_.push_back(v);
        t.offsets_.push_back(static_cast<std::uint32_t>(t.values_.size()));
        t.article_.push_back(rank);
    }
    t.articles_ = articles.article_count();
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
