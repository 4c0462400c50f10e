#include "search/page.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "parley/error.hpp"

namespace parley::search {

void check_page_bounds(std::size_t offset, std::size_t limit) {
    if (limit > kMaxLimit) {
        throw UsageError("limit " + std::to_string(limit) + " is over the maximum of " +
                         std::to_string(kMaxLimit));
    }
    if (offset > kMaxWindow - limit) {
        throw UsageError("offset + limit is over the maximum result window of " +
                         std::to_string(kMaxWindow));
    }
}

match::MatchRequest match_request_for(const PageRequest& page, bool ranked, match::Order order,
                                      bool all_docs) {
    match::MatchRequest m;
    m.ranked = ranked;
    m.order = order;
    m.collect = all_docs;
    if (page.group_by_article) {
        m.collect_scored = true;  // each article's best and count need every match
        m.keep = 0;
        return m;
    }
    // Paragraphs without copies are never folded away, so the best offset + limit of them
    // is all the page can need; the (few) paragraphs with copies are all kept aside.
    m.keep = page.offset + page.limit;
    if (page.copies && !page.copies->empty()) {
        m.set_aside = &page.copies->members();
        m.set_aside_docs = page.copies->member_docs();
    }
    return m;
}

Page make_page(const match::MatchResult& matches, const PageRequest& request,
               const match::Ranking& ranking, const match::DocTable& table) {
    Page page;
    page.total_articles = matches.articles;
    const std::size_t end = request.offset + request.limit;

    const bool copies_possible = request.copies && !request.copies->empty();
    if (!request.group_by_article && matches.set_aside.empty()) {  // the matcher kept the head
        for (std::size_t i = request.offset; i < matches.best.size() && i < end; ++i)
            page.entries.push_back({matches.best[i], 1});
        page.total = matches.total;
        return page;
    }

    // Candidates: each article's best paragraph, or the best paragraphs without copies and
    // every paragraph with copies.
    std::vector<match::Scored> ranked;
    std::unordered_map<std::uint32_t, std::size_t> per_article;  // article rank → matches
    if (request.group_by_article) {
        std::unordered_map<std::uint32_t, match::Scored> best;
        for (const auto& s : matches.scored) {
            const std::uint32_t a = table.article_rank(s.doc);
            ++per_article[a];
            auto [it, fresh] = best.try_emplace(a, s);
            if (!fresh && ranking(s, it->second)) it->second = s;
        }
        ranked.reserve(best.size());
        for (const auto& [a, s] : best) ranked.push_back(s);
    } else {
        ranked = matches.best;
        // A copy the matcher left unscored is below `keep` paragraphs that cannot be folded
        // away: it cannot reach the page.
        for (const auto& s : matches.set_aside)
            if (s.score != match::kBelowThePage) ranked.push_back(s);
    }

    // Only paragraphs with copies can be hidden: the set-aside ones, or (grouped) any.
    const DuplicateIndex* copies = request.copies;
    if (copies_possible) {
        std::vector<Xapian::docid> candidates;
        for (const auto& s : request.group_by_article ? matches.scored : matches.set_aside)
            candidates.push_back(s.doc);
        page.duplicates_hidden = request.group_by_article ? copies->hidden_articles(candidates)
                                                          : copies->hidden_paragraphs(candidates);
    }
    page.total =
        (request.group_by_article ? page.total_articles : matches.total) - page.duplicates_hidden;

    // Only the head of the ranking can reach the page: offset + limit, plus every copy
    // that may be folded away before it.
    const std::size_t head = std::min(ranked.size(), end + page.duplicates_hidden);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(head),
                      ranked.end(), ranking);
    std::unordered_set<std::uint32_t> seen;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < head && page.entries.size() < request.limit; ++i) {
        const match::Scored& s = ranked[i];
        if (page.duplicates_hidden > 0) {
            const auto key =
                request.group_by_article ? copies->group_of(s.doc) : copies->key_of(s.doc);
            if (key && !seen.insert(*key).second) continue;
        }
        if (kept++ < request.offset) continue;
        const std::size_t n = request.group_by_article ? per_article[table.article_rank(s.doc)] : 1;
        page.entries.push_back({s, n});
    }
    return page;
}

}  // namespace parley::search
