#pragma once

#include <cstddef>
#include <vector>

#include "match/matcher.hpp"
#include "search/duplicate_index.hpp"

namespace parley::search {

/// One hit of a page before it is read from the index.
struct PageEntry {
    match::Scored match;
    std::size_t matched_paragraphs = 1;  ///< grouped by article: how many of its paragraphs
};

struct Page {
    std::vector<PageEntry> entries;
    std::size_t total = 0;              ///< hits available for paging
    std::size_t total_articles = 0;     ///< distinct articles among the matches
    std::size_t duplicates_hidden = 0;  ///< matches folded away as copies
};

/// The most hits one page holds, and the furthest a page may reach (offset + limit).
inline constexpr std::size_t kMaxLimit = 10000;
inline constexpr std::size_t kMaxWindow = 1000000;

/// Throws UsageError for a limit or an offset + limit past those.
void check_page_bounds(std::size_t offset, std::size_t limit);

struct PageRequest {
    std::size_t offset = 0;
    std::size_t limit = 10;
    bool group_by_article = false;
    /// Fold republished copies (near-duplicates) into one hit. Needs `copies`.
    const DuplicateIndex* copies = nullptr;
};

/// What the matcher must collect for make_page() to cut this page (and every docid, for
/// facets, when `all_docs`).
match::MatchRequest match_request_for(const PageRequest& page, bool ranked, match::Order order,
                                      bool all_docs);

/// Cuts the page from the matches: grouping by article keeps each article's best
/// paragraph (and counts its matches); folding copies keeps the best-ranked copy of each
/// paragraph (or article); then offset and limit.
Page make_page(const match::MatchResult& matches, const PageRequest& request,
               const match::Ranking& ranking, const match::DocTable& table);

}  // namespace parley::search
