#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstddef>

#include "match/plan.hpp"

namespace parley::rank {

/// BM25 plus a fixed bonus for every query word a paragraph matches, plus title boosts.
///
/// The bonus is larger than any BM25 sum a query can reach, so paragraphs are ordered
/// first by how many query words (or phrases) they hold and then by BM25: `naval drills
/// AUKUS` lists paragraphs with all three before those with two, the way Meilisearch's
/// "words" rule does and plain BM25 does not guarantee. With a bonus of 0 this is plain
/// BM25 (k1, b as given; idf = ln(1 + (N - n + 0.5) / (n + 0.5)), never negative).
class CoordinateWeight {
  public:
    /// The bonus per matched word; BM25 parts stay below it for any realistic query.
    static constexpr double kBonus = 10000.0;
    /// A title word gets no coordination bonus and, whatever the paragraph, what
    /// kTitleOccurrences occurrences of the word give in a paragraph of average length,
    /// with the word's idf in paragraph text, added to the paragraph's own BM25 for the
    /// word (titles are short and alike, so they get no length of their own). Pooling the
    /// two counts before saturation (textbook BM25F) measured lower (scripts/eval). Before, title
    /// words had their idf among titles, where a common word ("general") is rare and weighed three
    /// times its worth; on the shared collections the change gained 0.017 MAP (Cranfield)
    /// and 0.014 (CISI) (scripts/eval).
    static constexpr double kTitleOccurrences = 1.0;
    /// An actor tag standing for a query word ("Kremlin": Russia) weighs a fixed
    /// kEntityFactor × idf × (k1 + 1): below one occurrence of a word of the same idf.
    static constexpr double kEntityFactor = 0.25;

    /// A query of more than kLongQueryWords distinct words (a pasted abstract, a described
    /// need) weighs every word by idf squared instead of idf. In a long query the many
    /// words of middling frequency together outweigh the few rare ones that say what it is
    /// about; squaring concentrates the score on the rare ones. On CISI, whose queries are
    /// mostly long, +0.02 MAP; Cranfield's (a median of 17 words with function words)
    /// almost never reach the threshold (scripts/eval; any threshold from 10 to 30 gave
    /// about the same on CISI, from 15 up nothing on Cranfield).
    static constexpr std::size_t kLongQueryWords = 20;
    /// A paragraph shorter than this share of the average length is normalised as if it
    /// were that long, as Xapian's own BM25 does (BM25Weight's min_normlen, 0.5). Without
    /// the floor, length normalisation lifts the shortest paragraphs far above the rest: a
    /// record that is only a title, a one-line paragraph, a dateline. On CACM, where half the
    /// documents are a title alone, MAP rose 0.332 -> 0.357; the other seven collections
    /// moved by -0.007 to +0.0003 (scripts/eval, 2026-12-07).
    static constexpr double kMinLengthRatio = 0.5;
    /// The power idf is raised to for a query of `distinct_words` weighted words.
    static double idf_power_for(std::size_t distinct_words) {
        return distinct_words > kLongQueryWords ? 2.0 : 1.0;
    }

    /// `collection_size` and `average_length` describe the whole index (all shards).
    CoordinateWeight(double bonus, double collection_size, double average_length, double k1 = 1.2,
                     double b = 0.75, double idf_power = 1.0);

    /// One weighted query word: its role and its idf from `termfreq` (how many paragraphs
    /// hold it).
    struct Word {
        match::Role role = match::Role::Boolean;
        double idf = 0;
        double title_weight = 0;  ///< the fixed weight of a title word
        double factor = 1;        ///< Feedback: the expansion word's share of a query word
        bool operator==(const Word&) const = default;
    };
    Word word(double termfreq, match::Role role) const;

    /// What a word adds to a paragraph that holds it `wdf` times and is `length` long.
    double score(const Word& w, Xapian::termcount wdf, Xapian::termcount length) const {
        if (w.role == match::Role::Boolean) return 0;
        if (w.role == match::Role::Title || w.role == match::Role::Entity) return w.title_weight;
        if (wdf == 0) return 0;
        const double tf = wdf;
        const double ratio = std::max(kMinLengthRatio, length / average_length_);
        const double norm = k1_ * (1 - b_ + b_ * ratio);
        const double bm25 = w.idf * tf * (k1_ + 1) / (tf + norm);
        // An expansion word from pseudo-relevance feedback is BM25 at its share, and is not
        // a matched query word.
        if (w.role == match::Role::Feedback) return w.factor * bm25;
        return bonus_ + bm25;
    }

    /// The most a word can add to any paragraph.
    double max_score(const Word& w) const {
        if (w.role == match::Role::Boolean) return 0;
        if (w.role == match::Role::Title || w.role == match::Role::Entity) return w.title_weight;
        if (w.role == match::Role::Feedback) return w.factor * w.idf * (k1_ + 1);
        return bonus_ + w.idf * (k1_ + 1);
    }

    /// The same score() for every word and paragraph.
    bool same_scores(const CoordinateWeight& other) const {
        return k1_ == other.k1_ && b_ == other.b_ && average_length_ == other.average_length_ &&
               bonus_ == other.bonus_;
    }

    /// Number of matched words encoded in a score.
    static unsigned matched_words(double weight, double bonus = kBonus);
    /// The BM25 part of a score.
    static double relevance(double weight, double bonus = kBonus);

  private:
    double bonus_, collection_size_, average_length_, k1_, b_, idf_power_;
};

}  // namespace parley::rank
