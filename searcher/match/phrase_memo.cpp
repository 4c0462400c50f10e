#include "match/phrase_memo.hpp"

#include <algorithm>

namespace parley::match {

std::optional<bool> PhraseMemo::Answers::find(Xapian::docid doc, std::size_t& hint) const {
    const std::uint64_t key = std::uint64_t{doc} << 1;
    // While the first pass keeps answers, every question is past the last one: no search.
    if (answers_.empty() || key > answers_.back()) return std::nullopt;
    if (hint >= answers_.size() || answers_[hint] > (key | 1)) hint = 0;
    // A few steps forward from the hint, then a binary search over the rest.
    std::size_t at = hint;
    for (const std::size_t stop = std::min(answers_.size(), hint + 8); at < stop; ++at)
        if (answers_[at] >= key) break;
    if (at < answers_.size() && answers_[at] < key)
        at = static_cast<std::size_t>(
            std::lower_bound(answers_.begin() + static_cast<std::ptrdiff_t>(at), answers_.end(),
                             key) -
            answers_.begin());
    hint = at;
    if (at == answers_.size() || (answers_[at] >> 1) != doc) return std::nullopt;
    return (answers_[at] & 1) != 0;
}

void PhraseMemo::Answers::keep(Xapian::docid doc, bool holds) {
    const std::uint64_t entry = std::uint64_t{doc} << 1 | (holds ? 1 : 0);
    if (answers_.size() >= kMaxAnswers) return;
    if (!answers_.empty() && (entry >> 1) <= (answers_.back() >> 1)) return;
    answers_.push_back(entry);
}

}  // namespace parley::match
