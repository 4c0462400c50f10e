#include "tagger/common_words.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "parley/analyzer.hpp"

namespace parley::common_words {
namespace {

// English nouns, adjectives and verbs that are surnames of leaders in the built-in gazetteer
// or common English surnames besides. Sorted for binary search.
constexpr std::array<std::string_view, 93> kEnglish{{
    "baker", "ban",    "begin",    "bell",  "best",    "bird",  "black",  "bloom",  "brown",
    "bush",  "butler", "chambers", "cook",  "cooper",  "doe",   "ford",   "fox",    "gang",
    "gore",  "gray",   "green",    "grey",  "gross",   "hall",  "hay",    "heath",  "hill",
    "hinds", "hope",   "horn",     "house", "hunt",    "key",   "king",   "lamb",   "law",
    "lie",   "little", "long",     "love",  "lynch",   "major", "march",  "mason",  "may",
    "meta",  "mills",  "moon",     "noon",  "page",    "park",  "parts",  "pence",  "pike",
    "pot",   "power",  "price",    "reed",  "rice",    "rich",  "rose",   "rumor",  "rush",
    "rusk",  "said",   "sawyer",   "sharp", "shearer", "short", "skate",  "small",  "snow",
    "stone", "straw",  "strong",   "sun",   "swift",   "thorn", "tong",   "turner", "viola",
    "wade",  "walker", "ward",     "white", "will",    "win",   "winter", "wise",   "wolf",
    "wood",  "woods",  "young",
}};

// Russian words that are the surnames of leaders in the gazetteer: "Коль скоро" (if, since)
// is not Helmut Kohl. Sorted.
constexpr std::array<std::string_view, 2> kRussian{{"коль", "ли"}};

bool in(std::string_view word, std::span<const std::string_view> sorted) {
    return std::binary_search(sorted.begin(), sorted.end(), word);
}

}  // namespace

bool is_common(std::string_view word, std::string_view language) {
    if (language.empty() || language == "en")
        return in(word, kEnglish) || Analyzer::is_stopword(word);
    if (language == "ru") return in(word, kRussian);
    return false;
}

}  // namespace parley::common_words
