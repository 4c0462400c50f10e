#include "views/archive_counts.hpp"

#include <algorithm>

namespace parley::views {

std::string fold_value_name(const std::string& name) {
    std::string out = name;
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

ArchiveCounts ArchiveCounts::build(const facets::FacetTable& facets, const match::DocTable& docs) {
    ArchiveCounts out;
    out.articles = docs.article_count();
    out.value_paragraphs.assign(facets.value_count(), 0);
    out.value_articles.assign(facets.value_count(), 0);
    for (std::uint32_t v = 0; v < facets.value_count(); ++v)
        out.value_by_name.emplace(
            std::make_pair(facets.facet_of_value(v), fold_value_name(facets.value_name(v))), v);

    std::map<std::uint32_t, std::uint64_t> per_day;
    // Article by article, so that a value is counted once per article with a marker.
    std::vector<std::uint32_t> last_article(facets.value_count(), facets::FacetTable::kNoArticle);
    for (std::uint32_t rank = 0; rank < docs.article_count(); ++rank) {
        for (const Xapian::docid doc : docs.article_docs(rank)) {
            ++out.paragraphs;
            if (const std::uint32_t date = docs.date(doc)) {
                ++per_day[date];
            } else {
                ++out.undated;
            }
            for (const std::uint32_t v : facets.values_of(doc)) {
                ++out.value_paragraphs[v];
                if (last_article[v] != rank) {
                    last_article[v] = rank;
                    ++out.value_articles[v];
                }
            }
        }
    }
    std::uint64_t running = 0;
    for (const auto& [day, count] : per_day) {
        running += count;
        out.days.push_back(day);
        out.cumulative.push_back(running);
    }
    return out;
}

std::uint64_t ArchiveCounts::dated_between(std::uint32_t first, std::uint32_t last) const {
    if (last < first) return 0;
    auto upto = [this](std::uint32_t day) -> std::uint64_t {  // dated <= day
        const auto it = std::upper_bound(days.begin(), days.end(), day);
        return it == days.begin() ? 0 : cumulative[static_cast<std::size_t>(it - days.begin()) - 1];
    };
    return upto(last) - (first == 0 ? 0 : upto(first - 1));
}

std::int64_t ArchiveCounts::find_value(int facet, const std::string& name) const {
    const auto it = value_by_name.find({facet, fold_value_name(name)});
    return it == value_by_name.end() ? -1 : static_cast<std::int64_t>(it->second);
}

}  // namespace parley::views
