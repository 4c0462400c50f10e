#pragma once

#include <xapian.h>

namespace parley::search {

/// BM25 plus a fixed bonus for every query word a paragraph matches, plus title boosts.
///
/// The bonus is larger than any BM25 sum a query can reach, so paragraphs are ordered
/// first by how many query words (or phrases) they hold and then by BM25: `naval drills
/// AUKUS` lists paragraphs with all three before those with two, the way Meilisearch's
/// "words" rule does and plain BM25 does not guarantee. With a bonus of 0 this is plain
/// BM25 (k1, b as given; idf = ln(1 + (N - n + 0.5) / (n + 0.5)), never negative).
class CoordinateWeight : public Xapian::Weight {
  public:
    /// The bonus per matched word; BM25 parts stay below it for any realistic query.
    static constexpr double kBonus = 10000.0;
    /// Query parts scaled by exactly this factor (OP_SCALE_WEIGHT) are title terms: they
    /// get no coordination bonus and, whatever the paragraph, a fixed weight of
    /// kTitleFactor × idf × (k1 + 1). That is more than one occurrence in an average-length
    /// paragraph gives (idf) and half the most any number can: title words weigh above body
    /// words, yet a paragraph matching only through its title never outranks one that
    /// holds more of the query words itself.
    static constexpr double kTitleFactor = 0.5;

    explicit CoordinateWeight(double k1 = 1.2, double b = 0.75, double bonus = kBonus);

    /// Number of matched words encoded in a document weight.
    static unsigned matched_words(double weight, double bonus = kBonus);
    /// The BM25 part of a document weight.
    static double relevance(double weight, double bonus = kBonus);

    std::string name() const override { return "parley.CoordinateWeight"; }
    Xapian::Weight* clone() const override;
    void init(double factor) override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                       Xapian::termcount uniqterms) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }

  private:
    double k1_, b_, bonus_;
    double factor_ = 0, idf_ = 0, average_length_ = 1;
    bool title_ = false;
};

}  // namespace parley::search
