#include "views/association.hpp"

#include <cmath>

namespace parley::views {
namespace {

double term(double observed, double expected) {
    return observed > 0 && expected > 0 ? observed * std::log(observed / expected) : 0.0;
}

}  // namespace

double log_likelihood(std::size_t a, std::size_t n1, std::size_t c, std::size_t n2) {
    if (n1 == 0 || n2 == 0 || a > n1 || c > n2) return 0;
    const double with = static_cast<double>(a + c), total = static_cast<double>(n1 + n2);
    if (with == 0 || with == total) return 0;
    const double e_a = static_cast<double>(n1) * with / total;
    const double e_c = static_cast<double>(n2) * with / total;
    const double e_b = static_cast<double>(n1) - e_a, e_d = static_cast<double>(n2) - e_c;
    return 2 * (term(static_cast<double>(a), e_a) + term(static_cast<double>(n1 - a), e_b) +
                term(static_cast<double>(c), e_c) + term(static_cast<double>(n2 - c), e_d));
}

double pmi(std::size_t ab, std::size_t a, std::size_t b, std::size_t n) {
    if (ab == 0 || a == 0 || b == 0 || n == 0) return 0;
    return std::log2(static_cast<double>(ab) * static_cast<double>(n) /
                     (static_cast<double>(a) * static_cast<double>(b)));
}

double npmi(std::size_t ab, std::size_t a, std::size_t b, std::size_t n) {
    if (ab == 0 || ab >= n) return 0;
    return pmi(ab, a, b, n) / -std::log2(static_cast<double>(ab) / static_cast<double>(n));
}

double binomial_z(std::size_t count, std::size_t n, double p) {
    if (n == 0) return 0;
    const double trials = static_cast<double>(n);
    if (p <= 0) p = 0.5 / trials;
    if (p >= 1) return 0;
    return (static_cast<double>(count) - trials * p) / std::sqrt(trials * p * (1 - p));
}

}  // namespace parley::views
