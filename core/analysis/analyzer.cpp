#include "parley/analyzer.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "analysis/languages.hpp"
#include "analysis/normalizer.hpp"
#include "parley/error.hpp"

namespace parley {
namespace {

// Xapian refuses terms over 245 bytes; anything this long is not a word anyway.
constexpr std::size_t kMaxWordBytes = 64;
// Longer hyphen chains ("state-of-the-art-...") are indexed as parts only.
constexpr std::size_t kMaxCompoundParts = 5;
// The stem cache is cleared when it grows past this many words.
constexpr std::size_t kStemCacheLimit = 200000;

// A separator joins two words into a compound only when it is a single hyphen-like
// character with no space on either side (China-Russia, Russia–US, F-35).
bool is_joining_hyphen(std::string_view sep) {
    return sep == "-" || sep == "\u2010" || sep == "\u2011" || sep == "\u2013";
}

bool is_letter_status(int32_t status) {
    return status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT;
}

// Elided articles, pronouns and conjunctions written onto the next word ("l'OTAN",
// "d'Ukraine", "dell'Unione"): ICU keeps them in one word, so without this "OTAN" would not
// find "l'OTAN", nor the tagger see the name. Folded forms, by language.
const std::vector<std::string_view>* elisions(std::string_view language) {
    static const std::vector<std::string_view> fr{
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    static const std::vector<std::string_view> it{"l",    "d",    "un",   "dell", "all",
                                                  "dall", "nell", "sull", "coll", "c"};
    static const std::vector<std::string_view> ca{"l", "d", "s", "m", "t", "n"};
    if (language == "fr") return &fr;
    if (language == "it") return &it;
    if (language == "ca") return &ca;
    return nullptr;
}

// Bytes of `piece` taken by an elided prefix and its apostrophe (' or U+2019), or 0.
std::size_t elided_prefix(std::string_view piece, const std::vector<std::string_view>& prefixes) {
    for (std::size_t i = 1; i < piece.size() && i <= 6; ++i) {
        const bool ascii_quote = piece[i] == '\'';
        const bool curly_quote = piece.substr(i, 3) == "\u2019";
        if (!ascii_quote && !curly_quote) continue;
        const std::size_t after = i + (ascii_quote ? 1 : 3);
        if (after >= piece.size()) return 0;
        std::string head(piece.substr(0, i));
        for (char& c : head) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return std::find(prefixes.begin(), prefixes.end(), head) != prefixes.end() ? after : 0;
    }
    return 0;
}

}  // namespace

struct PARLEY_LOCAL Analyzer::Impl {
    std::string language;
    std::optional<Xapian::Stem> stemmer;
    std::unique_ptr<icu::BreakIterator> words;
    UText text = UTEXT_INITIALIZER;
    std::unordered_map<std::string, std::string> stem_cache;
    const std::vector<std::string_view>* elisions = nullptr;  ///< elided prefixes, if any

    ~Impl() { utext_close(&text); }

    const std::string& stem(const std::string& norm) {
        auto it = stem_cache.find(norm);
        if (it != stem_cache.end()) return it->second;
        if (stem_cache.size() >= kStemCacheLimit) stem_cache.clear();
        return stem_cache.emplace(norm, (*stemmer)(norm)).first->second;
    }

    void close_compound(std::vector<Token>& out, std::size_t& first_part) {
        if (first_part == std::string::npos) return;
        const std::size_t parts = out.size() - first_part;
        if (parts >= 2 && parts <= kMaxCompoundParts) {
            Token whole;
            whole.kind = Token::Kind::Compound;
            whole.begin = out[first_part].begin;
            whole.end = out.back().end;
            whole.position = out[first_part].position;
            for (std::size_t i = first_part; i < out.size(); ++i) {
                if (i > first_part) {
                    whole.norm += '-';
                    whole.term += '-';
                }
                whole.norm += out[i].norm;
                // The last part carries the inflection: "china-proposed" → "china-propos".
                whole.term += (i + 1 == out.size()) ? out[i].term : out[i].norm;
            }
            out.insert(out.begin() + static_cast<std::ptrdiff_t>(first_part), std::move(whole));
        }
        first_part = std::string::npos;
    }
};

Analyzer::Analyzer(std::string_view language) : impl_(std::make_unique<Impl>()) {
    const analysis::LanguageInfo* info = analysis::find_language(language);
    if (info == nullptr) {
        throw UsageError("unknown language '" + std::string(language) +
                         "' (use an ISO 639-1 code such as en, ru, zh)");
    }
    impl_->language = std::string(info->code);
    impl_->elisions = elisions(impl_->language);
    if (!info->snowball.empty()) impl_->stemmer.emplace(std::string(info->snowball));
    UErrorCode status = U_ZERO_ERROR;
    impl_->words.reset(
        icu::BreakIterator::createWordInstance(icu::Locale(impl_->language.c_str()), status));
    if (U_FAILURE(status) || !impl_->words) {
        throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
    }
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

Analyzer::Impl& Analyzer::live() const {
    if (!impl_) throw UsageError("this Analyzer was moved from: assign another to it first");
    return *impl_;
}

void Analyzer::analyze(std::string_view text, std::vector<Token>& out,
                       std::uint32_t first_position) {
    Impl& im = live();
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&im.text, text.data(), static_cast<int64_t>(text.size()), &status);
    im.words->setText(&im.text, status);
    if (U_FAILURE(status)) return;

    std::uint32_t position = first_position;
    std::size_t compound_first = std::string::npos;
    int32_t last_word_end = -1;
    int32_t hyphen_end = -1;  // end of a hyphen directly after the last word, or -1

    int32_t start = im.words->first();
    for (int32_t end = im.words->next(); end != icu::BreakIterator::DONE;
         start = end, end = im.words->next()) {
        const int32_t rule = im.words->getRuleStatus();
        const std::string_view piece = text.substr(start, end - start);
        if (rule < UBRK_WORD_NONE_LIMIT) {
            if (compound_first != std::string::npos && start == last_word_end && hyphen_end < 0 &&
                is_joining_hyphen(piece)) {
                hyphen_end = end;
            } else {
                im.close_compound(out, compound_first);
                hyphen_end = -1;
            }
            continue;
        }
        std::size_t elided = 0;
        if (im.elisions && is_letter_status(rule)) elided = elided_prefix(piece, *im.elisions);
        std::string norm = analysis::fold_word(piece.substr(elided));
        // A word whose stem is empty is no word either: Snowball's Arabic stemmer removes
        // tatweel (U+0640), the elongation stroke, and leaves nothing of a run of them.
        std::string term = norm.empty() || norm.size() > kMaxWordBytes ? std::string()
                           : im.stemmer && is_letter_status(rule)      ? im.stem(norm)
                                                                       : norm;
        if (term.empty()) {
            im.close_compound(out, compound_first);
            hyphen_end = -1;
            continue;
        }
        const bool joins = hyphen_end >= 0 && start == hyphen_end;
        if (!joins) im.close_compound(out, compound_first);
        hyphen_end = -1;

        Token token;
        token.term = std::move(term);
        token.norm = std::move(norm);
        token.begin = static_cast<std::uint32_t>(start + static_cast<int32_t>(elided));
        token.end = static_cast<std::uint32_t>(end);
        token.position = position++;
        if (compound_first == std::string::npos) compound_first = out.size();
        out.push_back(std::move(token));
        last_word_end = end;
    }
    im.close_compound(out, compound_first);
}

std::vector<Token> Analyzer::analyze(std::string_view text) {
    std::vector<Token> out;
    analyze(text, out);
    return out;
}

std::string Analyzer::stem(std::string_view norm) {
    Impl& im = live();
    if (!im.stemmer) return std::string(norm);
    return im.stem(std::string(norm));
}

const std::string& Analyzer::language() const { return live().language; }

std::string Analyzer::canonical_language(std::string_view language) {
    const analysis::LanguageInfo* info = analysis::find_language(language);
    return info ? std::string(info->code) : std::string();
}

std::string_view Analyzer::settings() {
    // Bump the number whenever a change would make old indexes disagree with new queries.
    return "parley-analyzer/1 icu-word nfkc-casefold fold-marks possessive acronym-dots "
           "hyphen-compounds snowball";
}

}  // namespace parley
