#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "match/plan.hpp"

namespace parley::search {

/// Pseudo-relevance feedback. The words of the best paragraphs of a first ranking that go
/// with the query's words are added to it, each weighted by its share of the strongest.
///
/// Which words: Local Context Analysis (Xu & Croft), so that the feedback paragraphs can be
/// many without their off-topic vocabulary coming in: a word is chosen for how it co-occurs
/// with each of the query's words in the feedback paragraphs, the query's rarer words
/// counting more, as a product over them, so that a word found beside one query word only
/// ranks below one found beside all of them. How much each chosen word weighs: Amati's Bo1
/// (Bose-Einstein statistics, as Terrier implements it), how much more frequent it is in
/// the feedback paragraphs than in the whole index. A query with no weighted word (the
/// paragraph of "more like this") chooses by Bo1 too.
///
/// Guards against drift besides the choice: a word must occur in at least kMinParagraphs of
/// the feedback paragraphs, and the added words weigh kBeta of a query word at most (they
/// refine the query's order rather than outvote it).
struct Feedback {
    /// How many of the first ranking's best paragraphs lend words, and how many words.
    /// Measured on seven test collections (scripts/eval; docs/searching.md, Ranking): chosen by LCA
    /// from 15 paragraphs, mean MAP +0.003 over Bo1 from 5, no collection down by more
    /// than 0.001; 20 and 30 to 50 paragraphs measured about the same, 10 lost 0.02 on ADI,
    /// and 20 cost 28% more time per query than 5 where 15 cost 15%. Stronger expansion
    /// still drifts with LCA: weight 0.3 cost TIME 0.016, with 20 words ADI 0.023. 0.15 was
    /// chosen for Bo1 from 5 (0.1 gave up a third of Cranfield's gain, 0.2 lost 0.023 on
    /// TIME) and kept: 0.2 measured lower with LCA too.
    static constexpr std::size_t kParagraphs = 15;
    static constexpr std::size_t kWords = 10;
    static constexpr std::size_t kMinParagraphs = 2;
    static constexpr double kBeta = 0.15;
    /// LCA's delta: what a query word beside which a candidate never occurs leaves of the
    /// candidate's score (the product is over (delta + co-occurrence degree)).
    static constexpr double kDelta = 0.1;

    struct Word {
        std::string term;  ///< a paragraph-text term (Z prefix)
        double weight;     ///< Bo1 weight divided by the strongest chosen: (0, 1]
    };

    /// The expansion words of the paragraphs `best` (best first), leaving out `query_terms`,
    /// words in over half of the paragraphs (function words) and words in fewer than
    /// `min_paragraphs` of `best`; chosen by LCA against `query_terms` (by Bo1 when none
    /// of them is in the index).
    static std::vector<Word> words(const Xapian::Database& db,
                                   const std::vector<Xapian::docid>& best,
                                   const std::vector<std::string>& query_terms,
                                   std::size_t min_paragraphs = 1);

    /// The paragraph-text terms a plan ranks by (its words and phrase words), added to `out`.
    static void collect_query_terms(const match::Plan& plan, std::vector<std::string>& out);

    /// `plan` with the words added where they match: the same paragraphs match (totals and
    /// facets stay those of the query), ranked with the words' weight times kBeta on top.
    static match::Plan expand(match::Plan plan, const std::vector<Word>& words);
};

}  // namespace parley::search
