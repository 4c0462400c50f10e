#include "facets/facet_counter.hpp"

#include <algorithm>
#include <array>

#include "schema/facets.hpp"

namespace parley::facets {

std::vector<Facet> count_facets(const FacetTable& table, std::span<const Xapian::docid> matches,
                                const std::vector<int>& facet_ids, std::size_t limit,
                                bool article_counts) {
    std::array<bool, schema::kFacetCount> wanted{};
    for (int id : facet_ids) wanted[static_cast<std::size_t>(id)] = true;

    std::vector<std::uint32_t> counts(table.value_count(), 0);
    std::vector<std::uint64_t> value_articles;  // (value << 32 | article), deduplicated below
    for (const Xapian::docid doc : matches) {
        const std::uint32_t article = table.article_of(doc);
        for (const std::uint32_t v : table.values_of(doc)) {
            if (!wanted[static_cast<std::size_t>(table.facet_of_value(v))]) continue;
            ++counts[v];
            if (article_counts)
                value_articles.push_back(static_cast<std::uint64_t>(v) << 32 | article);
        }
    }
    std::vector<std::uint32_t> articles(article_counts ? table.value_count() : 0, 0);
    if (article_counts) {
        std::sort(value_articles.begin(), value_articles.end());
        value_articles.erase(std::unique(value_articles.begin(), value_articles.end()),
                             value_articles.end());
        for (const std::uint64_t pair : value_articles) ++articles[pair >> 32];
    }

    std::vector<Facet> out;
    for (int id : facet_ids) {
        Facet facet;
        facet.name = std::string(schema::kFacets[static_cast<std::size_t>(id)].name);
        for (std::uint32_t v = 0; v < counts.size(); ++v) {
            if (counts[v] == 0 || table.facet_of_value(v) != id) continue;
            facet.values.push_back(
                {table.value_name(v), counts[v], article_counts ? articles[v] : 0});
        }
        facet.distinct = facet.values.size();
        std::sort(facet.values.begin(), facet.values.end(),
                  [](const FacetValue& a, const FacetValue& b) {
                      return a.count != b.count ? a.count > b.count : a.value < b.value;
                  });
        if (limit > 0 && facet.values.size() > limit) facet.values.resize(limit);
        out.push_back(std::move(facet));
    }
    return out;
}

std::size_t count_articles(const FacetTable& table, std::span<const Xapian::docid> matches) {
    std::vector<bool> seen(table.article_count(), false);
    std::size_t n = 0;
    for (const Xapian::docid doc : matches) {
        const std::uint32_t a = table.article_of(doc);
        if (a == FacetTable::kNoArticle || seen[a]) continue;
        seen[a] = true;
        ++n;
    }
    return n;
}

}  // namespace parley::facets
