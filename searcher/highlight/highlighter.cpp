#include "highlight/highlighter.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <map>

#include "util/utf8.hpp"

namespace parley::highlight {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A cut looks this far for a space; past it the text is written without spaces (Chinese,
// Japanese) or the word is no word, and the cut goes where the analyser's words end.
constexpr std::size_t kLongestWord = 40;

// Whether `text` ends a sentence: ASCII or ideographic/full-width punctuation.
bool ends_sentence(std::string_view text) {
    if (text.empty()) return false;
    const char last = text.back();
    if (last == '.' || last == '?' || last == '!') return true;
    for (const std::string_view mark : {"\u3002", "\uFF01", "\uFF1F", "\uFF0E"})
        if (text.ends_with(mark)) return true;
    return false;
}

// Where a window ending near `end` is cut: at a space before it (keeping `held`, the end
// of the marks it was chosen for), else at the space that finishes the word, else where
// one of `words` ends: the last before `end`, or the first after.
std::size_t cut_end(std::string_view text, const std::vector<Token>& words, std::size_t start,
                    std::size_t end, std::size_t held) {
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
    return before > start ? before : after;
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

}  // namespace

struct Highlighter::Impl {
    std::unique_ptr<icu::BreakIterator> sentences;
    UText text = UTEXT_INITIALIZER;
    ~Impl() { utext_close(&text); }
};

Highlighter::Highlighter() : impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    impl_->sentences.reset(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) impl_->sentences.reset();
}

Highlighter::~Highlighter() = default;

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
    // Sort and merge overlaps (a compound and its parts, a phrase and its words).
    std::sort(found.begin(), found.end(), [](const Mark& a, const Mark& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<Mark> merged;
    for (const Mark& m : found) {
        if (!merged.empty() && m.begin < merged.back().end) {
            merged.back().end = std::max(merged.back().end, m.end);
            continue;
        }
        merged.push_back(m);
    }
    return merged;
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
        // Candidate starts: every sentence start, and for every mark a start that centres
        // the longest run of marks beginning with it that fits in the window.
        std::vector<std::size_t> candidates = sentences;
        auto chars_between = [&](std::size_t from, std::size_t to) {
            return util::count_chars(text.substr(from, to - from));
        };
        for (std::size_t i = 0; i < all.size(); ++i) {
            std::size_t j = i;
            while (j + 1 < all.size() && chars_between(all[i].begin, all[j + 1].end) <= length) ++j;
            const std::size_t covered = chars_between(all[i].begin, all[j].end);
            const std::size_t lead =
                std::min<std::size_t>(covered < length ? (length - covered) / 2 : 0, 60);
            const std::size_t sentence =
                *(std::upper_bound(sentences.begin(), sentences.end(), all[i].begin) - 1);
            if (chars_between(sentence, all[i].begin) <= lead) {
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
        long best_score = -1;
        for (const std::size_t s : candidates) {
            const std::size_t e = util::advance_chars(text, s, length);
            std::vector<bool> parts_seen;
            long distinct = 0, count = 0;
            for (const Mark& m : all) {
                if (m.begin < s || m.end > e) continue;
                if (static_cast<std::size_t>(m.part) >= parts_seen.size())
                    parts_seen.resize(m.part + 1, false);
                if (!parts_seen[m.part]) ++distinct;
                parts_seen[m.part] = true;
                ++count;
            }
            const bool at_sentence = std::binary_search(sentences.begin(), sentences.end(), s);
            const long score = distinct * 1000 + count * 10 + (at_sentence ? 5 : 0);
            if (score > best_score) {  // ties keep the earliest
                best_score = score;
                start = s;
                end = e;
            }
        }
        // Cut at a word boundary rather than inside a word, but never before a mark the
        // window was chosen for (one that ends at the window's end, "oil" of "oil."): then
        // the word is finished instead.
        std::size_t held = start;
        for (const Mark& m : all) {
            if (m.begin >= start && m.end <= end) held = std::max(held, m.end);
        }
        if (end < text.size()) {
            end = cut_end(text, tokens_, start, end, held);
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
    const bool sentence_end = ends_sentence(text.substr(0, end));
    if (end < text.size() && !sentence_end)
        out.text += kEllipsis;
    else if (end < text.size())
        out.text.append(" ").append(kEllipsis);
    for (const Mark& m : all) {
        if (m.begin >= start && m.end <= end)
            out.spans.push_back({m.begin - start + shift, m.end - start + shift});
    }
    return out;
}

}  // namespace parley::highlight
