#include "analysis/normalizer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cctype>

namespace parley::analysis {
namespace {

bool is_apostrophe(UChar32 c) {
    return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07 || c == 0x0060;
}

// Marks are removed only where they decorate a letter that stays the same letter for
// readers (é → e, ά → α, Arabic vowel signs); in Cyrillic, Devanagari or Thai the mark
// is part of the letter and removing it would merge distinct words.
bool mark_is_decoration(UScriptCode base_script, UChar32 base, UChar32 mark) {
    switch (base_script) {
        case USCRIPT_LATIN:
        case USCRIPT_GREEK:
        case USCRIPT_ARABIC:
        case USCRIPT_HEBREW:
            return true;
        case USCRIPT_CYRILLIC:
            return (base == 0x0435 && mark == 0x0308);  // ё → е, as Russian print does
        default:
            return false;
    }
}

std::string fold_unicode(std::string_view word) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    for (int32_t i = 0; i < text.length(); ++i) {
        if (is_apostrophe(text.charAt(i))) text.setCharAt(i, u'\'');
    }
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return std::string(word);
    icu::UnicodeString folded = nfkc_cf->normalize(text, status);
    icu::UnicodeString decomposed = nfd->normalize(folded, status);
    if (U_FAILURE(status)) return std::string(word);

    icu::UnicodeString kept;
    UScriptCode base_script = USCRIPT_COMMON;
    UChar32 base = 0;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (mark_is_decoration(base_script, base, c)) continue;
        } else {
            base = c;
            base_script = uscript_getScript(c, &status);
        }
        kept.append(c);
    }
    icu::UnicodeString composed = nfc->normalize(kept, status);
    std::string out;
    composed.toUTF8String(out);
    return out;
}

bool all_letters_between_dots(std::string_view s) {
    // "u.s", "e.u" — single letters separated by dots.
    bool expect_letter = true;
    for (char c : s) {
        if (expect_letter) {
            if (!std::isalpha(static_cast<unsigned char>(c))) return false;
        } else if (c != '.') {
            return false;
        }
        expect_letter = !expect_letter;
    }
    return !expect_letter;
}

}  // namespace

bool is_ideographic(std::string_view word) {
    if (is_ascii(word)) return false;
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    UErrorCode status = U_ZERO_ERROR;
    for (int32_t i = 0; i < text.length();) {
        const UChar32 c = text.char32At(i);
        i += U16_LENGTH(c);
        switch (uscript_getScript(c, &status)) {
            case USCRIPT_HAN:
            case USCRIPT_HIRAGANA:
            case USCRIPT_KATAKANA:
            case USCRIPT_HANGUL:
                return true;
            default:
                break;
        }
    }
    return false;
}

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_all_caps(std::string_view word) {
    // Full-width Latin ("ＵＳＡ", "Ｇ２０" in Chinese or Japanese text) is read as the letters
    // it stands for, as the analyzer folds it: NFKC first.
    std::string compatible;
    if (!is_ascii(word)) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
        if (U_SUCCESS(status)) {
            const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
                icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
            const icu::UnicodeString normal = nfkc->normalize(text, status);
            if (U_SUCCESS(status)) {
                normal.toUTF8String(compatible);
                word = compatible;
            }
        }
    }
    bool capital = false;
    for (char c : word) {
        if (c >= 'a' && c <= 'z') return false;
        capital = capital || (c >= 'A' && c <= 'Z');
    }
    return capital;
}

std::string fold_word(std::string_view word) {
    std::string out;
    if (is_ascii(word)) {
        out.assign(word);
        for (char& c : out) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c == '`') c = '\'';
        }
    } else {
        out = fold_unicode(word);
    }
    // Possessives: Russia's → russia, countries' → countries.
    if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) {
        out.resize(out.size() - 2);
    } else if (out.size() > 1 && out.back() == '\'') {
        out.pop_back();
    }
    if (out.find('.') != std::string::npos && all_letters_between_dots(out)) {
        std::erase(out, '.');
    }
    if (!out.empty() && std::isdigit(static_cast<unsigned char>(out.front())) &&
        out.find(',') != std::string::npos) {
        std::erase(out, ',');
    }
    return out;
}

}  // namespace parley::analysis
