#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "facets/facet_table.hpp"
#include "match/doc_table.hpp"
#include "match/matcher.hpp"
#include "match/plan.hpp"
#include "parley/gazetteer.hpp"
#include "parley/search_request.hpp"
#include "parley/search_result.hpp"
#include "parley/searcher.hpp"
#include "search/page.hpp"
#include "views/archive_counts.hpp"

namespace parley::views {

/// What the archive views read of one version of a Searcher's index. Valid only inside
/// SearcherAccess::run(), which catches up with the index first and runs the view again
/// if the index changes under it.
class ViewContext {
  public:
    virtual ~ViewContext() = default;
    virtual const Xapian::Database& db() = 0;
    /// The DocTable with `parts` loaded (kArticles and kDates at least, always).
    virtual const match::DocTable& docs(unsigned parts) = 0;
    /// The whole-index facet table, built once per index version.
    virtual const facets::FacetTable& facets() = 0;
    /// Archive-wide counts, built once per index version.
    virtual const ArchiveCounts& counts() = 0;
    /// Every paragraph the request's query, filters and selections match, ascending.
    /// `notes` receives how the query was read. Throws QueryError as search() does.
    virtual std::vector<Xapian::docid> matches(const SearchRequest& request,
                                               std::vector<std::string>& notes) = 0;
    /// Every match scored, in the request's order (by date, the scores order the matches
    /// of one date; feedback ranks only by relevance, as in search()); `ranked` says whether
    /// the scores mean anything (false for a query with nothing to rank by).
    virtual std::vector<match::Scored> ordered_matches(const SearchRequest& request,
                                                       bool& ranked) = 0;
    /// How many of a plan_of() plan's query words and phrases each of `docs` holds (Hit's
    /// matched_terms), for hits ranked by BM25, whose scores do not count them.
    virtual std::map<Xapian::docid, unsigned> matched_parts(const match::Plan& plan,
                                                            std::vector<Xapian::docid> docs) = 0;
    /// The page of a plan the views build themselves, ranked by BM25 and cut as search()
    /// cuts its pages: the request's offset and limit, republished copies folded into one
    /// hit when it asks; with the totals (paragraphs before folding in `matches_total`).
    virtual search::Page page_of(const match::Plan& plan, const SearchRequest& request,
                                 std::size_t& matches_total) = 0;
    /// Plan for a request's query, filters and selections (to combine with best_of()).
    virtual match::Plan plan_of(const SearchRequest& request, std::vector<std::string>& notes) = 0;
    /// For each of `stems` (paragraph-word terms without prefix), the unstemmed form it
    /// has most often in the texts of `docs` (ties: the first alphabetically); stems not met
    /// are left out.
    virtual std::map<std::string, std::string> surface_forms(
        const std::vector<Xapian::docid>& docs, const std::set<std::string>& stems) = 0;
    /// The docid of paragraph `number` (1-based) of an article; 0 if there is none.
    virtual Xapian::docid find_paragraph(const std::string& article_id, std::size_t number) = 0;
    /// The gazetteer the index was tagged with (aliases of actors).
    virtual const Gazetteer& gazetteer() = 0;
    /// The other articles a paragraph's article was republished as (at most 20), as
    /// search hits name them.
    virtual std::vector<Republication> republications(Xapian::docid doc,
                                                      const std::string& article_id) = 0;
    /// A paragraph as a hit, with a snippet of the request's query if `snippets`.
    virtual Hit hit(Xapian::docid doc, double score, bool ranked, const SearchRequest& request,
                    bool snippets) = 0;
};

/// The door from the public ArchiveViews into a Searcher's private state.
struct SearcherAccess {
    static void run(Searcher& searcher, const std::function<void(ViewContext&)>& view);
};

}  // namespace parley::views
