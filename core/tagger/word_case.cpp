#include "tagger/word_case.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "analysis/normalizer.hpp"

namespace parley::word_case {

bool starts_upper(std::string_view word) {
    if (word.empty()) return false;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
}

std::string_view without_possessive(std::string_view word) {
    for (std::string_view suffix : {"'s", "\u2019s", "'", "\u2019"}) {
        if (word.size() > suffix.size() && word.ends_with(suffix)) {
            word.remove_suffix(suffix.size());
            break;
        }
    }
    return word;
}

bool possessive(std::string_view word) { return without_possessive(word).size() != word.size(); }

bool all_caps(std::string_view word) { return analysis::is_all_caps(without_possessive(word)); }

bool inflects_name(std::string_view word, std::string_view name) {
    word = without_possessive(word);
    if (word == name) return true;
    if (word.size() <= name.size() || word.substr(0, name.size()) != name) {
        // "Germany" → "Germanies"
        return name.ends_with('y') && word.size() == name.size() + 2 &&
               word.substr(0, name.size() - 1) == name.substr(0, name.size() - 1) &&
               word.ends_with("ies");
    }
    const std::string_view ending = word.substr(name.size());
    return ending == "s" || ending == "es";
}

}  // namespace parley::word_case
