#include <algorithm>
#include <array>
#include <string_view>

#include "parley/analyzer.hpp"

namespace parley {
namespace {

// English function words. Indexed like any word (phrases need them) but dropped from
// free-text queries, where they match nearly every paragraph and only cost time.
// Sorted for binary search.
constexpr std::array<std::string_view, 95> kEnglishStopwords{{
    "a",    "about", "after", "all",    "also",   "am",    "an",   "and",   "any",   "are",
    "as",   "at",    "be",    "been",   "being",  "both",  "but",  "by",    "can",   "could",
    "did",  "do",    "does",  "each",   "for",    "from",  "had",  "has",   "have",  "he",
    "her",  "here",  "hers",  "him",    "his",    "how",   "i",    "if",    "in",    "into",
    "is",   "it",    "its",   "itself", "just",   "may",   "me",   "might", "more",  "most",
    "must", "my",    "no",    "nor",    "not",    "of",    "on",   "only",  "or",    "other",
    "our",  "ours",  "own",   "she",    "should", "so",    "some", "such",  "than",  "that",
    "the",  "their", "them",  "then",   "there",  "these", "they", "this",  "those", "to",
    "too",  "us",    "very",  "was",    "we",     "were",  "what", "when",  "which", "who",
    "will", "with",  "would", "you",    "your",
}};

}  // namespace

bool Analyzer::is_stopword(std::string_view norm) {
    return std::binary_search(kEnglishStopwords.begin(), kEnglishStopwords.end(), norm);
}

}  // namespace parley
