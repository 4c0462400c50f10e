#include "rank/coordinate_weight.hpp"

#include <algorithm>
#include <cmath>

namespace parley::rank {

CoordinateWeight::CoordinateWeight(double bonus, double collection_size, double average_length,
                                   double k1, double b, double idf_power)
    : bonus_(bonus),
      collection_size_(collection_size),
      average_length_(std::max(1.0, average_length)),
      k1_(k1),
      b_(b),
      idf_power_(idf_power) {}

CoordinateWeight::Word CoordinateWeight::word(double termfreq, match::Role role) const {
    Word w;
    w.role = role;
    if (role == match::Role::Boolean) return w;
    w.idf = std::log(1.0 + (collection_size_ - termfreq + 0.5) / (termfreq + 0.5));
    if (idf_power_ != 1.0) w.idf = std::pow(w.idf, idf_power_);
    if (role == match::Role::Entity) {
        w.title_weight = kEntityFactor * w.idf * (k1_ + 1);
    } else {
        // BM25F with the title as a field of weight kTitleOccurrences and no length of its
        // own: what that many occurrences give in a paragraph of average length.
        constexpr double t = kTitleOccurrences;
        w.title_weight = w.idf * t * (k1_ + 1) / (t + k1_);
    }
    return w;
}

unsigned CoordinateWeight::matched_words(double weight, double bonus) {
    return bonus > 0 ? static_cast<unsigned>(weight / bonus + 1e-9) : 0;
}

double CoordinateWeight::relevance(double weight, double bonus) {
    return bonus > 0 ? weight - bonus * matched_words(weight, bonus) : weight;
}

}  // namespace parley::rank
