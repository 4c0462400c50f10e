#pragma once

#include <xapian.h>

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "match/cursors.hpp"
#include "match/plan.hpp"

namespace parley::match {

/// A matching paragraph and its score.
struct Scored {
    Xapian::docid doc = 0;
    double score = 0;
};

/// How matches are ordered: by score, or by date and within a date by article id, then
/// score (an article's paragraphs together). Ties go to the smaller article id, then to the
/// earlier paragraph, so that the order never depends on docids (which differ between a
/// sharded index and a single one).
enum class Order { Relevance, DateNewest, DateOldest };

/// Orders Scored matches, best first.
class Ranking {
  public:
    Ranking(const DocTable& table, Order order) : table_(table), order_(order) {}
    /// Whether `a` comes before `b`.
    bool operator()(const Scored& a, const Scored& b) const;

  private:
    const DocTable& table_;
    Order order_;
};

/// The score of a match set aside that cannot reach the page (MatchRequest::set_aside):
/// below every score.
inline constexpr double kBelowThePage = -std::numeric_limits<double>::infinity();

struct MatchRequest {
    std::size_t keep = 10;        ///< how many of the best matches to return, in order
    bool collect = false;         ///< also every match's docid, in docid order
    bool count_articles = true;   ///< count the distinct articles matched
    bool collect_scored = false;  ///< also every match with its score, in docid order
    bool ranked = true;           ///< compute scores (false: every score is 0)
    Order order = Order::Relevance;
    /// Matches whose docid is set here go to MatchResult::set_aside, scored, instead of
    /// competing for `keep` (the searcher folds republished copies among them); by
    /// relevance, one whose bound is below `keep` matches not set aside has the score
    /// kBelowThePage instead (it cannot reach the page). Default: none.
    const std::vector<bool>* set_aside = nullptr;
    /// The docids set_aside marks, ascending, when the caller has them: the matcher can then
    /// count a run of matches holding none without visiting each. Empty: unknown.
    std::span<const Xapian::docid> set_aside_docs;
};

struct MatchResult {
    std::size_t total = 0;            ///< exact number of matches
    std::size_t articles = 0;         ///< distinct articles matched, if count_articles
    std::vector<Xapian::docid> docs;  ///< if collect
    std::vector<Scored> scored;       ///< if collect_scored
    std::vector<Scored> best;         ///< the best `keep`, best first
    std::vector<Scored> set_aside;    ///< the matches MatchRequest::set_aside names
};

/// Runs a plan over the whole index: every match is visited (so the total is exact), the
/// best are kept in a bounded heap.
/// `window`: the docids an OR of words at the root reads at a time (make_walking_cursor).
MatchResult run(const Plan& plan, const MatchRequest& request, MatchContext& context,
                Xapian::docid window = kWalkingWindow);

}  // namespace parley::match
