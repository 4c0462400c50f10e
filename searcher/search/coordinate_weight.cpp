#include "search/coordinate_weight.hpp"

#include <algorithm>
#include <cmath>

namespace parley::search {

CoordinateWeight::CoordinateWeight(double k1, double b, double bonus)
    : k1_(k1), b_(b), bonus_(bonus) {
    need_stat(COLLECTION_SIZE);
    need_stat(TERMFREQ);
    need_stat(AVERAGE_LENGTH);
    need_stat(WDF);
    need_stat(DOC_LENGTH);
}

unsigned CoordinateWeight::matched_words(double weight, double bonus) {
    return bonus > 0 ? static_cast<unsigned>(weight / bonus + 1e-9) : 0;
}

double CoordinateWeight::relevance(double weight, double bonus) {
    return bonus > 0 ? weight - bonus * matched_words(weight, bonus) : weight;
}

Xapian::Weight* CoordinateWeight::clone() const { return new CoordinateWeight(k1_, b_, bonus_); }

void CoordinateWeight::init(double factor) {
    factor_ = factor;
    title_ = factor == kTitleFactor;  // exact: set by QueryBuilder, never computed
    if (factor == 0) return;          // a boolean part, or the term-independent "extra" object
    const double n = static_cast<double>(get_termfreq());
    const double total = static_cast<double>(get_collection_size());
    idf_ = std::log(1.0 + (total - n + 0.5) / (n + 0.5));
    average_length_ = std::max(1.0, static_cast<double>(get_average_length()));
}

double CoordinateWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                                     Xapian::termcount) const {
    if (factor_ == 0) return 0;
    if (title_) return factor_ * idf_ * (k1_ + 1);
    if (wdf == 0) return 0;
    const double tf = wdf;
    const double norm = k1_ * (1 - b_ + b_ * doclen / average_length_);
    return factor_ * (bonus_ + idf_ * tf * (k1_ + 1) / (tf + norm));
}

double CoordinateWeight::get_maxpart() const {
    if (factor_ == 0) return 0;
    if (title_) return factor_ * idf_ * (k1_ + 1);
    return factor_ * (bonus_ + idf_ * (k1_ + 1));
}

}  // namespace parley::search
