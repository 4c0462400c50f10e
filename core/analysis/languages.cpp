#include "analysis/languages.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace parley::analysis {
namespace {

// Xapian 1.4 ships these Snowball stemmers; CJK and Thai are segmented by ICU's
// dictionaries and indexed unstemmed.
constexpr std::array<LanguageInfo, 31> kLanguages{{
    {"ar", "arabic"},    {"hy", "armenian"},   {"eu", "basque"},     {"ca", "catalan"},
    {"da", "danish"},    {"nl", "dutch"},      {"en", "english"},    {"fi", "finnish"},
    {"fr", "french"},    {"de", "german"},     {"hu", "hungarian"},  {"id", "indonesian"},
    {"ga", "irish"},     {"it", "italian"},    {"lt", "lithuanian"}, {"ne", "nepali"},
    {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},
    {"es", "spanish"},   {"sv", "swedish"},    {"ta", "tamil"},      {"tr", "turkish"},
    {"zh", ""},          {"ja", ""},           {"ko", ""},           {"th", ""},
    {"uk", ""},          {"pl", ""},           {"fa", ""},
}};

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

}  // namespace

const LanguageInfo* find_language(std::string_view name) {
    // A tag with a region or script ("fr-FR", "pt_BR", "zh-Hant") is its primary subtag's
    // language: the rest does not change how words are analysed.
    name = name.substr(0, name.find_first_of("-_"));
    for (const auto& info : kLanguages) {
        if (iequals(info.code, name) || (!info.snowball.empty() && iequals(info.snowball, name)))
            return &info;
    }
    return nullptr;
}

}  // namespace parley::analysis
