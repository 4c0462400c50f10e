#include "highlight/highlighter.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <tuple>

#include "highlight/actor_names.hpp"
#include "tagger/topic_tagger.hpp"
#include "util/utf8.hpp"

namespace parley::highlight {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A cut looks this far for a space; past it the text is written without spaces (Chinese,
// Japanese) or the word is no word, and the cut goes where the analyser's words end.
constexpr std::size_t kLongestWord = 40;

// Characters a window is centred by before its first match, at most.
constexpr std::size_t kCentringLead = 60;
// A window starts at a sentence instead when the sentence starts this near before its first
// match (half the window at most, so that the match keeps text after it).
constexpr std::size_t kNearSentence = 100;

// Whether `text` ends with a full stop, question or exclamation mark of ASCII.
bool ends_with_ascii_stop(std::string_view text) {
    return !text.empty() && (text.back() == '.' || text.back() == '?' || text.back() == '!');
}

// Where a window ending near `end` is cut: at a space before it (keeping `held`, the end
// of the marks it was chosen for), else at the space that finishes the word, else where
// one of `words` ends: the last before `end`, or the first after if near; else (a run of
// symbols or emoji, no word in reach) at the character boundary before `end`
// (`grapheme(end, false)`; the one after, `true`, when that is the start): never
// inside a character as seen (a flag, a family emoji).
std::size_t cut_end(std::string_view text, const std::vector<Token>& words, std::size_t start,
                    std::size_t end, std::size_t held,
                    const std::function<std::size_t(std::size_t, bool)>& grapheme) {
    std::size_t cut = end;
    while (cut > start && !is_space_byte(text[cut])) --cut;
    if (cut > start && cut >= held && end - cut <= kLongestWord) return cut;
    std::size_t next = std::max(end, held);
    const std::size_t from = next;
    while (next < text.size() && !is_space_byte(text[next])) ++next;
    if (next - from <= kLongestWord) return next;
    std::size_t before = start, after = text.size();
    for (const Token& w : words) {
        if (w.end <= end && w.end > start && w.end >= held)
            before = std::max<std::size_t>(before, w.end);
        if (w.end >= std::max(end, held)) after = std::min<std::size_t>(after, w.end);
    }
    if (before > start) return before;
    if (after - std::max(end, held) <= kLongestWord) return after;
    const std::size_t boundary = grapheme(end, false);
    if (boundary > start && boundary >= held) return boundary;
    return grapheme(std::max(end, held), true);  // one character longer than asked
}

// Where a window starting near `c` (before the mark at `mark`) begins: after the space
// ahead of it, else where the first of `words` from `c` begins.
std::size_t cut_start(std::string_view text, const std::vector<Token>& words, std::size_t c,
                      std::size_t mark) {
    std::size_t at = c;
    while (at < mark && at - c <= kLongestWord && !is_space_byte(text[at])) ++at;
    if (at < mark && is_space_byte(text[at])) {
        while (at < mark && is_space_byte(text[at])) ++at;
        return at;
    }
    if (at == mark && mark - c <= kLongestWord) return mark;
    std::size_t first = mark;
    for (const Token& w : words)
        if (w.begin >= c && w.begin < first) first = w.begin;
    return first;
}

// Code points before each byte of a text, so that a distance in characters costs a
// subtraction: a long paragraph has thousands of marks and candidate windows.
class CharCount {
  public:
    explicit CharCount(std::string_view text) : before_(text.size() + 1, 0) {
        for (std::size_t i = 0; i < text.size(); ++i)
            before_[i + 1] = before_[i] + ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80);
    }
    std::size_t between(std::size_t from, std::size_t to) const {
        return before_[to] - before_[from];
    }

  private:
    std::vector<std::uint32_t> before_;
};

// The distinct query parts and the marks of a run [lo, hi) of marks, kept as the run
// moves (windows tried in order of start), so trying every window is not quadratic. Query
// words and filtered actors' names are counted apart.
class PartCounts {
  public:
    struct Counts {
        long distinct = 0, count = 0;
    };
    explicit PartCounts(const std::vector<Mark>& all) : all_(all) {}
    void hold(std::size_t lo, std::size_t hi) {
        hi = std::max(lo, hi);
        while (hi_ < hi) add(all_[hi_++], 1);
        while (lo_ < lo) add(all_[lo_++], -1);
        while (hi_ > hi) add(all_[--hi_], -1);
    }
    Counts words, names;

  private:
    void add(const Mark& m, int sign) {
        if (static_cast<std::size_t>(m.part) >= of_part_.size()) of_part_.resize(m.part + 1, 0);
        int& n = of_part_[static_cast<std::size_t>(m.part)];
        Counts& c = m.filter ? names : words;
        if (sign > 0 && n++ == 0) ++c.distinct;
        if (sign < 0 && --n == 0) --c.distinct;
        c.count += sign;
    }
    const std::vector<Mark>& all_;
    std::vector<int> of_part_;
    std::size_t lo_ = 0, hi_ = 0;
};

}  // namespace

struct Highlighter::Impl {
    std::unique_ptr<icu::BreakIterator> sentences;
    std::unique_ptr<icu::BreakIterator> characters;  // user-perceived: a flag, a ZWJ family
    UText text = UTEXT_INITIALIZER;
    UText chars_text = UTEXT_INITIALIZER;
    ~Impl() {
        utext_close(&text);
        utext_close(&chars_text);
    }
};

Highlighter::Highlighter() : impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->sentences.reset(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) impl_->sentences.reset();
    status = U_ZERO_ERROR;
    impl_->characters.reset(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) impl_->characters.reset();
}

Highlighter::~Highlighter() = default;

std::size_t Highlighter::grapheme_boundary(std::string_view text, std::size_t at, bool after) {
    if (at >= text.size()) return text.size();
    std::size_t fallback = at;  // a code point boundary
    while (fallback > 0 && (static_cast<unsigned char>(text[fallback]) & 0xC0) == 0x80) --fallback;
    if (!impl_->characters) return fallback;
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&impl_->chars_text, text.data(), static_cast<int64_t>(text.size()), &status);
    impl_->characters->setText(&impl_->chars_text, status);
    if (U_FAILURE(status)) return fallback;
    const auto i = static_cast<int32_t>(at);
    if (impl_->characters->isBoundary(i)) return at;
    const int32_t b = after ? impl_->characters->following(i) : impl_->characters->preceding(i);
    if (b == icu::BreakIterator::DONE) return after ? text.size() : 0;
    return static_cast<std::size_t>(b);
}

std::vector<std::size_t> Highlighter::sentence_starts(std::string_view text) {
    std::vector<std::size_t> starts{0};
    if (!impl_->sentences) return starts;
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&impl_->text, text.data(), static_cast<int64_t>(text.size()), &status);
    impl_->sentences->setText(&impl_->text, status);
    if (U_FAILURE(status)) return starts;
    for (int32_t b = impl_->sentences->next(); b != icu::BreakIterator::DONE;
         b = impl_->sentences->next()) {
        if (static_cast<std::size_t>(b) < text.size())
            starts.push_back(static_cast<std::size_t>(b));
    }
    return starts;
}

std::vector<Mark> Highlighter::marks(std::string_view text, const HighlightQuery& query,
                                     Analyzer& analyzer) {
    std::vector<Mark> found;
    if (query.empty()) return found;
    tokens_.clear();
    analyzer.analyze(text, tokens_);

    // One part per query word: the forms of a word (HighlightQuery::term_word) share it; a
    // term or phrase of no known word is a part of its own.
    std::map<std::pair<int, std::string>, int> part_of_key;  // (word, "") or (-1, own key)
    auto part = [&](int word, std::string own_key) {
        const auto key = word >= 0 ? std::pair(word, std::string()) : std::pair(-1, own_key);
        return part_of_key.emplace(key, static_cast<int>(part_of_key.size())).first->second;
    };
    auto term_part = [&](const std::string& term) {
        const auto it = query.term_word.find(term);
        return part(it == query.term_word.end() ? -1 : it->second, "t" + term);
    };
    std::vector<const Token*> words;  // compound parts and plain words, in order
    for (const Token& t : tokens_) {
        if (t.kind == Token::Kind::Compound) {
            if (query.terms.count(t.term)) found.push_back({t.begin, t.end, term_part(t.term)});
            continue;
        }
        words.push_back(&t);
        if (query.terms.count(t.term)) found.push_back({t.begin, t.end, term_part(t.term)});
    }
    for (std::size_t p = 0; p < query.phrases.size(); ++p) {
        const auto& phrase = query.phrases[p];
        if (phrase.empty()) continue;
        const auto it = query.phrase_word.find(p);
        const int id = part(it == query.phrase_word.end() ? -1 : it->second,
                            std::string("\"").append(std::to_string(p)));
        for (std::size_t i = 0; i + phrase.size() <= words.size(); ++i) {
            bool match = true;
            for (std::size_t k = 0; match && k < phrase.size(); ++k) {
                match = words[i + k]->term == phrase[k] &&
                        words[i + k]->position == words[i]->position + k;
            }
            if (match) found.push_back({words[i]->begin, words[i + phrase.size() - 1]->end, id});
        }
    }
    // A proximity query's parts, where one of each lies as its rule says (the matcher's rule).
    for (const auto& near : query.nears) {
        std::vector<std::vector<match::Occurrence>> places(near.parts.size());
        std::vector<std::vector<std::pair<std::size_t, std::size_t>>> spans(near.parts.size());
        for (std::size_t p = 0; p < near.parts.size(); ++p) {
            for (std::size_t i = 0; i < words.size(); ++i) {
                for (const auto& form : near.parts[p]) {
                    bool match = !form.empty() && i + form.size() <= words.size();
                    for (std::size_t k = 0; match && k < form.size(); ++k) {
                        match = words[i + k]->term == form[k] &&
                                words[i + k]->position == words[i]->position + k;
                    }
                    if (!match) continue;
                    places[p].push_back(
                        {words[i]->position, static_cast<std::uint32_t>(form.size())});
                    spans[p].emplace_back(words[i]->begin, words[i + form.size() - 1]->end);
                }
            }
        }
        std::vector<std::pair<std::size_t, std::size_t>> chosen;
        if (!match::within(places, near.rule, &chosen)) continue;
        for (const auto& [p, at] : chosen) {
            const int id =
                part(p < near.words.size() ? near.words[p] : -1, "n" + std::to_string(p));
            found.push_back({spans[p][at].first, spans[p][at].second, id});
        }
    }
    // The names of an actor the paragraph was found by or the query filters by, written as
    // a name is (the tagger's case rules in short: "US" in capitals, "China" with a
    // capital, not "us" or "china").
    const auto mark_name = [&](const std::string& name, int id, bool filter) {
        const NameForm& form = name_form(name, analyzer);
        if (form.terms.empty()) return;
        for (std::size_t i = 0; i + form.terms.size() <= words.size(); ++i) {
            bool match = true;
            for (std::size_t k = 0; match && k < form.terms.size(); ++k) {
                match = words[i + k]->term == form.terms[k] &&
                        words[i + k]->position == words[i]->position + k;
            }
            if (!match) continue;
            const std::size_t begin = words[i]->begin, end = words[i + form.terms.size() - 1]->end;
            if (written_as_name(text.substr(begin, end - begin), form.how))
                found.push_back({begin, end, id, filter});
        }
    };
    for (const auto& [name, word] : query.actor_names) mark_name(name, part(word, ""), false);
    for (const auto& [name, actor] : query.filter_names)
        mark_name(name, part(-1, "a" + std::to_string(actor)), true);
    // A filtered topic's cues, where the tagger counted them: the paragraph's own terms, word
    // by word, as the indexer tagged it.
    if (query.topic_tagger && !query.cue_topics.empty()) {
        std::vector<std::string_view> stems;
        stems.reserve(words.size());
        for (const Token* w : words) stems.push_back(w->term);
        for (const std::string& topic : query.cue_topics) {
            const int id = part(-1, "c" + topic);
            for (const auto& [begin, end] :
                 query.topic_tagger->cue_spans(text, words, stems, topic, analyzer.language()))
                found.push_back({begin, end, id, true});
        }
    }
    // Sort and merge overlaps (a compound and its parts, a phrase and its words); a query
    // word's mark keeps its part where it overlaps a filtered actor's name.
    std::sort(found.begin(), found.end(), [](const Mark& a, const Mark& b) {
        if (a.begin != b.begin) return a.begin < b.begin;
        return a.end != b.end ? a.end > b.end : a.filter < b.filter;
    });
    std::vector<Mark> merged;
    for (const Mark& m : found) {
        if (!merged.empty() && m.begin < merged.back().end) {
            merged.back().end = std::max(merged.back().end, m.end);
            if (merged.back().filter && !m.filter) {
                merged.back().part = m.part;
                merged.back().filter = false;
            }
            continue;
        }
        merged.push_back(m);
    }
    return merged;
}

const Highlighter::NameForm& Highlighter::name_form(const std::string& name, Analyzer& analyzer) {
    std::string key = analyzer.language();
    key.append(1, '\0').append(name);
    if (const auto it = name_forms_.find(key); it != name_forms_.end()) return it->second;
    if (name_forms_.size() >= 20000) name_forms_.clear();  // a bound for a long-lived searcher
    NameForm form;
    for (const Token& t : analyzer.analyze(name))
        if (t.kind == Token::Kind::Word) form.terms.push_back(t.term);
    form.how = name_case(name);
    return name_forms_.emplace(std::move(key), std::move(form)).first->second;
}

Snippet Highlighter::snippet(std::string_view text, const HighlightQuery& query, Analyzer& analyzer,
                             std::size_t length) {
    const std::vector<Mark> all = marks(text, query, analyzer);
    std::size_t start = 0;
    std::size_t end = text.size();
    if (util::count_chars(text) > length) {
        if (query.empty()) {  // marks() analysed nothing: the words give the cuts
            tokens_.clear();
            analyzer.analyze(text, tokens_);
        }
        const std::vector<std::size_t> sentences = sentence_starts(text);
        const CharCount chars(text);
        // Candidate starts: every sentence start, and for every mark a start that centres
        // the longest run of marks beginning with it that fits in the window.
        std::vector<std::size_t> candidates = sentences;
        for (std::size_t i = 0, j = 0; i < all.size(); ++i) {
            j = std::max(i, j);
            while (j + 1 < all.size() && chars.between(all[i].begin, all[j + 1].end) <= length) ++j;
            const std::size_t covered = chars.between(all[i].begin, all[j].end);
            const std::size_t lead =
                std::min<std::size_t>(covered < length ? (length - covered) / 2 : 0, kCentringLead);
            const std::size_t sentence =
                *(std::upper_bound(sentences.begin(), sentences.end(), all[i].begin) - 1);
            if (chars.between(sentence, all[i].begin) <= lead) {
                candidates.push_back(sentence);
                continue;
            }
            std::size_t c = all[i].begin;
            for (std::size_t back = 0; back < lead && c > sentence; ++back) {
                do --c;
                while (c > sentence && (static_cast<unsigned char>(text[c]) & 0xC0) == 0x80);
            }
            candidates.push_back(cut_start(text, tokens_, c, all[i].begin));  // a word start
        }
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        // Distinct words, distinct filtered actors, matches of words, of names, sentence.
        using Score = std::tuple<long, long, long, long, int>;
        Score best_score{-1, 0, 0, 0, 0};
        std::size_t best_lead = 0;
        PartCounts held_parts(all);
        for (const std::size_t s : candidates) {
            // The marks a window holds are a run of `all` (sorted, not overlapping).
            const std::size_t lo = static_cast<std::size_t>(
                std::partition_point(all.begin(), all.end(),
                                     [&](const Mark& m) { return m.begin < s; }) -
                all.begin());
            std::size_t e = util::advance_chars(text, s, length);
            // A window shorter than the match it starts with still holds that match.
            if (lo < all.size() && all[lo].begin < e) e = std::max(e, all[lo].end);
            const std::size_t hi = static_cast<std::size_t>(
                std::partition_point(all.begin() + static_cast<std::ptrdiff_t>(lo), all.end(),
                                     [&](const Mark& m) { return m.end <= e; }) -
                all.begin());
            held_parts.hold(lo, hi);
            // Text shown before the first match: a sentence start is worth it when near, and
            // of windows holding the same matches the one with the least wins, so a match is
            // not pushed to the far end of its window by a sentence start long before it.
            const std::size_t lead = hi > lo ? chars.between(s, all[lo].begin) : 0;
            const bool at_sentence = std::binary_search(sentences.begin(), sentences.end(), s);
            const Score score{held_parts.words.distinct, held_parts.names.distinct,
                              held_parts.words.count, held_parts.names.count,
                              at_sentence && lead <= std::min(kNearSentence, length / 2) ? 1 : 0};
            if (score > best_score || (score == best_score && lead < best_lead)) {
                best_score = score;  // full ties keep the earliest
                best_lead = lead;
                start = s;
                end = e;
            }
        }
        // A window that reaches the paragraph's end gives what it has left of the length to
        // the text before it, from a sentence start if one is in reach, else a word start.
        if (const std::size_t used = chars.between(start, end);
            end == text.size() && start > 0 && used < length) {
            std::size_t c = start;
            for (std::size_t back = 0; back < length - used && c > 0; ++back) {
                do --c;
                while (c > 0 && (static_cast<unsigned char>(text[c]) & 0xC0) == 0x80);
            }
            const auto sentence = std::lower_bound(sentences.begin(), sentences.end(), c);
            start = sentence != sentences.end() && *sentence < start
                        ? *sentence
                        : cut_start(text, tokens_, c, start);
        }
        // Cut at a word boundary rather than inside a word, but never before a mark the
        // window was chosen for (one that ends at the window's end, "oil" of "oil."): then
        // the word is finished instead.
        std::size_t held = start;
        for (const Mark& m : all) {
            if (m.begin >= start && m.end <= end) held = std::max(held, m.end);
        }
        if (end < text.size()) {
            end = cut_end(text, tokens_, start, end, held, [&](std::size_t at, bool after) {
                return grapheme_boundary(text, at, after);
            });
            while (end > start && (is_space_byte(text[end - 1]) || text[end - 1] == ',' ||
                                   text[end - 1] == ';' || text[end - 1] == ':')) {
                --end;
            }
        }
    }
    Snippet out;
    if (start > 0) out.text += kEllipsis;
    const std::size_t shift = out.text.size();
    out.text.append(text.substr(start, end - start));
    if (end < text.size()) {
        // After a full stop the "…" stands apart, as a word would ("ended. …"); ideographic
        // and full-width marks hold their own space ("结束。…").
        if (ends_with_ascii_stop(text.substr(0, end))) out.text += ' ';
        out.text += kEllipsis;
    }
    for (const Mark& m : all) {
        if (m.begin >= start && m.end <= end)
            out.spans.push_back({m.begin - start + shift, m.end - start + shift});
    }
    return out;
}

}  // namespace parley::highlight
