#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace parley::match {

/// How the parts of a proximity query (`a NEAR/5 b`, `a ADJ/5 b`, `"a b"~5`) may lie in a
/// paragraph. One rule for the matcher and the highlighter, so that a snippet marks what
/// matched.
struct Proximity {
    enum class Order {
        Any,     ///< NEAR/N: any order; at most N other words in the stretch they span
        Typed,   ///< ADJ/N: the order typed, parts apart; at most N other words in between
        Sloppy,  ///< "a b"~N: Lucene's slop, parts one word each: the fewest moves that put
                 ///< them in the phrase's order next to each other, at most N (swapping two
                 ///< neighbours costs 2)
    };
    Order order = Order::Any;
    unsigned distance = 10;
};

/// Where a part occurs: its first word position and its length in words (a phrase part
/// is several words long).
struct Occurrence {
    std::uint32_t start = 0;
    std::uint32_t length = 1;
};

/// Whether one occurrence of each part (in the order the parts were typed) fits the rule.
/// `parts[i]` in ascending start order. With `chosen`, every occurrence that belongs to some
/// fitting choice (the best choice for each leftmost occurrence) is added as (part, index),
/// for marking; otherwise the first fitting choice answers.
bool within(const std::vector<std::vector<Occurrence>>& parts, const Proximity& rule,
            std::vector<std::pair<std::size_t, std::size_t>>* chosen = nullptr);

}  // namespace parley::match
