#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "match/plan.hpp"

namespace parley::search {

/// Pseudo-relevance feedback with Amati's Bo1 model (Bose-Einstein statistics, as Terrier
/// implements it): the words that are much more frequent in the best paragraphs of a first
/// ranking than in the whole index are added to the query, each weighted by its share of
/// the strongest. Parameter-free apart from how many paragraphs and words: Terrier's
/// defaults, 3 and 10.
struct Feedback {
    static constexpr std::size_t kParagraphs = 3;
    static constexpr std::size_t kWords = 10;

    struct Word {
        std::string term;  ///< a paragraph-text term (Z prefix)
        double weight;     ///< Bo1 weight divided by the strongest: (0, 1]
    };

    /// The expansion words of the paragraphs `best` (best first), leaving out `query_terms`
    /// and words in over half of the paragraphs (function words).
    static std::vector<Word> words(const Xapian::Database& db,
                                   const std::vector<Xapian::docid>& best,
                                   const std::vector<std::string>& query_terms);

    /// The paragraph-text terms a plan ranks by (its words and phrase words), added to `out`.
    static void collect_query_terms(const match::Plan& plan, std::vector<std::string>& out);

    /// `plan` with the words added where they match: the same paragraphs match (totals and
    /// facets stay those of the query), ranked with the words' weight on top.
    static match::Plan expand(match::Plan plan, const std::vector<Word>& words);
};

}  // namespace parley::search
