#pragma once

#include <cstddef>

namespace parley::views {

/// Dunning's log-likelihood ratio G² for a value seen `a` times in a sample of `n1` and
/// `c` times in a second, disjoint sample of `n2`: 2 Σ O ln(O / E) over the 2×2 table.
/// 0 when the table is degenerate.
double log_likelihood(std::size_t a, std::size_t n1, std::size_t c, std::size_t n2);

/// Pointwise mutual information of two events in `n` units, `ab` of them with both, `a`
/// and `b` with each: log2(ab n / (a b)); 0 when any count is 0.
double pmi(std::size_t ab, std::size_t a, std::size_t b, std::size_t n);
/// PMI divided by -log2(ab / n), in [-1, 1]; 0 when undefined (no co-occurrence, or every
/// unit has both).
double npmi(std::size_t ab, std::size_t a, std::size_t b, std::size_t n);

/// The binomial z-score of `count` successes in `n` trials against probability `p`
/// (a p of 0 is taken as half a success in n); 0 when n is 0.
double binomial_z(std::size_t count, std::size_t n, double p);

}  // namespace parley::views
