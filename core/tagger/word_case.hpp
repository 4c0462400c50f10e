#pragma once

#include <string_view>

// How a word of the text is written, as the actor and topic taggers' case rules read it.
namespace parley::word_case {

/// The first letter is upper or title case (any script: "Éire", "Россия").
bool starts_upper(std::string_view word);
/// The word without a possessive ending ("Russia's", "allies'", curly apostrophes too).
std::string_view without_possessive(std::string_view word);
/// The word ends in a possessive.
bool possessive(std::string_view word);
/// Written in capitals, possessive and dots aside ("US", "U.S.", "NATO's").
bool all_caps(std::string_view word);
/// `word` is `name` or an English plural or possessive of it ("Russians", "China's",
/// "Germanies"); both folded alike.
bool inflects_name(std::string_view word, std::string_view name);

}  // namespace parley::word_case
