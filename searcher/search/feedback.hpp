#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "match/plan.hpp"

namespace parley::search {

/// Pseudo-relevance feedback with Amati's Bo1 model (Bose-Einstein statistics, as Terrier
/// implements it): the words that are much more frequent in the best paragraphs of a first
/// ranking than in the whole index are added to the query, each weighted by its share of
/// the strongest. Two guards against drift: a word must occur in at least
/// kMinParagraphs of the feedback paragraphs (one off-topic paragraph cannot bring its own
/// vocabulary in), and the added words weigh kBeta of a query word at most (they refine
/// the query's order rather than outvote it).
struct Feedback {
    /// How many of the first ranking's best paragraphs lend words, and how many words.
    /// Measured on seven test collections (scripts/eval): 5 paragraphs, words in at least
    /// 2 of them, at 0.15 of a query word: +0.004 MAP on average over no feedback, about
    /// +0.009 on Cranfield, CACM, MED and NPL, level on CISI and LISA, -0.009 on TIME.
    /// Terrier's 3 paragraphs, any word, at full weight lost on four (-0.096 on TIME).
    /// 0.15 was chosen on those collections: 0.1 gave up a third of Cranfield's gain, 0.2
    /// lost 0.023 on TIME.
    static constexpr std::size_t kParagraphs = 5;
    static constexpr std::size_t kWords = 10;
    static constexpr std::size_t kMinParagraphs = 2;
    static constexpr double kBeta = 0.15;

    struct Word {
        std::string term;  ///< a paragraph-text term (Z prefix)
        double weight;     ///< Bo1 weight divided by the strongest: (0, 1]
    };

    /// The expansion words of the paragraphs `best` (best first), leaving out `query_terms`,
    /// words in over half of the paragraphs (function words) and words in fewer than
    /// `min_paragraphs` of `best`.
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
