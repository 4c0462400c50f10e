#include "tagger/enumerations.hpp"

#include <algorithm>

#include "tagger/word_case.hpp"

namespace parley {
namespace {

bool is_conjunction(std::string_view norm) {
    return norm == "and" || norm == "or" || norm == "nor";
}

std::size_t size(const EnumerationItem& r) { return r.last - r.first + 1; }

class Finder {
  public:
    Finder(std::string_view text, const std::vector<const Token*>& words)
        : text_(text), words_(words) {}

    std::vector<Enumeration> run() {
        // Sentences and clauses (cut at . ! ? :), each cut at commas and semicolons.
        std::vector<EnumerationItem> segments;
        std::size_t start = 0;
        for (std::size_t k = 0; k < words_.size(); ++k) {
            const bool last = k + 1 == words_.size();
            const std::string_view gap =
                last ? std::string_view{}
                     : text_.substr(words_[k]->end, words_[k + 1]->begin - words_[k]->end);
            const bool clause_end = last || gap.find_first_of(".!?:") != std::string_view::npos;
            if (clause_end || gap.find_first_of(",;") != std::string_view::npos) {
                segments.push_back({start, k});
                start = k + 1;
            }
            if (clause_end) {
                comma_lists(segments);
                for (const auto& s : segments) repeated_conjunction_lists(s);
                segments.clear();
            }
        }
        return std::move(out_);
    }

  private:
    bool conjunction(std::size_t k) const { return is_conjunction(words_[k]->norm); }

    std::string_view original(std::size_t k) const {
        return text_.substr(words_[k]->begin, words_[k]->end - words_[k]->begin);
    }

    // "Penny Wong, the foreign minister, flew": a name, then what the name is.
    bool appositive(const EnumerationItem& name, const EnumerationItem& next) const {
        for (std::size_t k = name.first; k <= name.last; ++k)
            if (!word_case::starts_upper(original(k))) return false;
        const std::string_view first = words_[next.first]->norm;
        return first == "the" || first == "a" || first == "an" ||
               word_case::possessive(original(next.first));
    }

    void emit(std::vector<EnumerationItem> items) {
        if (items.size() < kEnumerationMinItems) return;
        // Names with their descriptions are people and places, not a list of subjects.
        for (std::size_t k = 1; k < items.size(); ++k)
            if (appositive(items[k - 1], items[k])) return;
        // The end items run into the sentence around the list: keep the words nearest it.
        if (size(items.front()) > kEnumerationItemWords)
            items.front().first = items.front().last + 1 - kEnumerationItemWords;
        if (size(items.back()) > kEnumerationItemWords)
            items.back().last = items.back().first + kEnumerationItemWords - 1;
        out_.push_back(std::move(items));
    }

    // "A, B, C, and D ...", "A, B, C or D ...": short items between commas; the last may be
    // joined by a conjunction instead.
    void comma_lists(const std::vector<EnumerationItem>& clause) {
        std::vector<EnumerationItem> items;
        for (EnumerationItem s : clause) {
            if (conjunction(s.first)) {
                if (s.first == s.last) continue;
                ++s.first;
            }
            const bool long_item = size(s) > kEnumerationItemWords;
            if (long_item && !items.empty()) {  // it ends this run and begins the next
                close_comma_run(items, s);
                items.clear();
            }
            items.push_back(s);
        }
        if (!items.empty()) close_comma_run(items, {1, 0});
    }

    // `items` ends before `next` (a long segment, or none: first > last).
    void close_comma_run(std::vector<EnumerationItem> items, const EnumerationItem& next) {
        const bool has_next = next.first <= next.last;
        // "C and D": the last short segment, or the long one after the run, holds two items.
        auto split_at_conjunction = [&](const EnumerationItem& s,
                                        std::vector<EnumerationItem>& into) {
            for (std::size_t k = s.first + 1; k <= s.last && k <= s.first + kEnumerationItemWords;
                 ++k) {
                if (conjunction(k) && k < s.last) {
                    into.push_back({s.first, k - 1});
                    into.push_back({k + 1, s.last});
                    return true;
                }
            }
            into.push_back(s);
            return false;
        };
        std::vector<EnumerationItem> list(items.begin(), items.end() - 1);
        if (has_next && items.size() > 1) {
            // The last short item is whole; the long segment after it is the list's end item.
            list.push_back(items.back());
            split_at_conjunction(next, list);
        } else {
            split_at_conjunction(items.back(), list);
        }
        if (items.size() > 1 || list.size() > 1) emit(std::move(list));
    }

    // "Medicare or Medicaid or education or the environment": one conjunction three times or
    // more, with short items between.
    void repeated_conjunction_lists(const EnumerationItem& s) {
        std::vector<std::size_t> at;
        auto flush = [&](std::size_t end) {
            if (at.size() >= kEnumerationMinItems - 1) {
                std::vector<EnumerationItem> items{{s.first, at.front() - 1}};
                for (std::size_t j = 1; j < at.size(); ++j)
                    items.push_back({at[j - 1] + 1, at[j] - 1});
                items.push_back({at.back() + 1, end});
                emit(std::move(items));
            }
            at.clear();
        };
        for (std::size_t k = s.first + 1; k < s.last; ++k) {
            if (!conjunction(k) || conjunction(k - 1)) continue;
            const bool same = at.empty() || words_[at.back()]->norm == words_[k]->norm;
            const bool short_gap = at.empty() || k - at.back() - 1 <= kEnumerationItemWords;
            if (!same || !short_gap) flush(k - 1);
            at.push_back(k);
        }
        flush(s.last);
    }

    std::string_view text_;
    const std::vector<const Token*>& words_;
    std::vector<Enumeration> out_;
};

}  // namespace

std::vector<Enumeration> find_enumerations(std::string_view text,
                                           const std::vector<const Token*>& words) {
    return Finder(text, words).run();
}

bool only_minor_list_items(const std::vector<Enumeration>& lists,
                           const std::vector<EnumerationItem>& spans) {
    auto holds = [](const EnumerationItem& item, const EnumerationItem& span) {
        return item.first <= span.first && span.last <= item.last;
    };
    auto minor_in = [&](const Enumeration& list, const EnumerationItem& span) {
        if (std::none_of(list.begin() + 1, list.end() - 1,
                         [&](const EnumerationItem& item) { return holds(item, span); }))
            return false;
        const auto filled = std::count_if(list.begin(), list.end(), [&](const auto& item) {
            return std::any_of(spans.begin(), spans.end(),
                               [&](const EnumerationItem& s) { return holds(item, s); });
        });
        return static_cast<std::size_t>(filled) * 2 < list.size();
    };
    return !spans.empty() && std::all_of(spans.begin(), spans.end(), [&](const auto& span) {
        return std::any_of(lists.begin(), lists.end(),
                           [&](const Enumeration& list) { return minor_in(list, span); });
    });
}

}  // namespace parley
