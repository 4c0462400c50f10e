#include "match/proximity.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace parley::match {
namespace {

using Choice = std::vector<std::size_t>;  // an occurrence index per part

std::int64_t end_of(const Occurrence& o) { return std::int64_t{o.start} + o.length - 1; }

// Of part `p`'s occurrences starting at or after `from`, the one ending first: with the
// leftmost start fixed, each part ending as early as it can gives the shortest stretch (a
// part's occurrences may differ in length: synonyms of one and two words).
// Places in `taken` are another part's: "war NEAR/3 war" wants the word twice.
std::optional<std::size_t> first_ending(const std::vector<Occurrence>& p, std::int64_t from,
                                        const std::vector<Occurrence>& taken = {}) {
    const auto overlaps = [&](const Occurrence& o) {
        return std::any_of(taken.begin(), taken.end(), [&](const Occurrence& t) {
            return o.start <= end_of(t) && t.start <= end_of(o);
        });
    };
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i].start < from || overlaps(p[i])) continue;
        if (!best || end_of(p[i]) < end_of(p[*best])) best = i;
    }
    return best;
}

// The words in the stretch from the first chosen start to the last end that belong to no
// part: what NEAR/N and ADJ/N bound.
std::int64_t others_between(const std::vector<std::vector<Occurrence>>& parts, const Choice& c) {
    std::int64_t first = INT64_MAX, last = INT64_MIN, words = 0;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const Occurrence& o = parts[p][c[p]];
        first = std::min<std::int64_t>(first, o.start);
        last = std::max(last, end_of(o));
        words += o.length;
    }
    return last - first + 1 - words;
}

// The best choice with occurrence `at` of part `lead` leftmost (Any), first (Typed), or
// with the lowest phrase offset (Sloppy); nullopt if the other parts cannot follow.
std::optional<Choice> best_from(const std::vector<std::vector<Occurrence>>& parts,
                                Proximity::Order order, std::size_t lead, std::size_t at) {
    Choice c(parts.size());
    c[lead] = at;
    const Occurrence& anchor = parts[lead][at];
    if (order == Proximity::Order::Typed) {
        // Each part after the previous one ends, ending as early as it can: no later choice
        // can shorten the stretch.
        std::int64_t after = end_of(anchor) + 1;
        for (std::size_t p = 1; p < parts.size(); ++p) {
            const auto next = first_ending(parts[p], after);
            if (!next) return std::nullopt;
            c[p] = *next;
            after = end_of(parts[p][*next]) + 1;
        }
        return c;
    }
    std::vector<Occurrence> taken{anchor};
    for (std::size_t p = 0; p < parts.size(); ++p) {
        if (p == lead) continue;
        // Sloppy: a word's offset is its position less its place in the phrase; the anchor
        // has the lowest, each other word the lowest at or above it.
        const std::int64_t from =
            order == Proximity::Order::Sloppy
                ? std::int64_t{anchor.start} - std::int64_t(lead) + std::int64_t(p)
                : std::int64_t{anchor.start};
        const auto next = first_ending(parts[p], from, taken);
        if (!next) return std::nullopt;
        c[p] = *next;
        taken.push_back(parts[p][*next]);
    }
    return c;
}

bool fits(const std::vector<std::vector<Occurrence>>& parts, const Proximity& rule,
          const Choice& c) {
    if (rule.order != Proximity::Order::Sloppy)
        return others_between(parts, c) <= std::int64_t{rule.distance};
    std::int64_t low = INT64_MAX, high = INT64_MIN;
    for (std::size_t p = 0; p < parts.size(); ++p) {
        const std::int64_t offset = std::int64_t{parts[p][c[p]].start} - std::int64_t(p);
        low = std::min(low, offset);
        high = std::max(high, offset);
    }
    return high - low <= std::int64_t{rule.distance};
}

}  // namespace

bool within(const std::vector<std::vector<Occurrence>>& parts, const Proximity& rule,
            std::vector<std::pair<std::size_t, std::size_t>>* chosen) {
    if (parts.empty()) return false;
    for (const auto& p : parts) {
        if (p.empty()) return false;
    }
    bool found = false;
    // Typed: the first part leads; otherwise any part may be the leftmost.
    const std::size_t leads = rule.order == Proximity::Order::Typed ? 1 : parts.size();
    for (std::size_t lead = 0; lead < leads; ++lead) {
        for (std::size_t at = 0; at < parts[lead].size(); ++at) {
            const auto c = best_from(parts, rule.order, lead, at);
            if (!c || !fits(parts, rule, *c)) continue;
            if (!chosen) return true;
            found = true;
            for (std::size_t p = 0; p < parts.size(); ++p) chosen->emplace_back(p, (*c)[p]);
        }
    }
    if (chosen) {
        std::sort(chosen->begin(), chosen->end());
        chosen->erase(std::unique(chosen->begin(), chosen->end()), chosen->end());
    }
    return found;
}

}  // namespace parley::match
