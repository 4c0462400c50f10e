#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parley::russian {

/// Russian names decline ("Китай": Китая, Китаю, Китаем; "Байден": Байдена, Байденом), and
/// the Snowball stemmer cuts a name's forms to different stems ("китай" → "кита", "китая" →
/// "кит"). These rules read a name's case forms from the name itself. Words are folded
/// (lower case), as fold_name() gives them.

/// Case endings after a name ending in a consonant ("Байден" + а, у, ом, е, ...).
std::span<const std::string_view> hard_endings();
/// Case endings after a name in -й, which they replace ("Кита|й" + я, ю, ем, е, ...).
std::span<const std::string_view> soft_endings();

/// What a name's case endings follow: the name itself when it ends in a consonant, the name
/// without its -й ("китай" → "кита"); empty for other names, which are left to the stemmer.
std::string_view declension_base(std::string_view name);

/// True when `word` is `name` with a case ending.
bool declined(std::string_view word, std::string_view name);

/// The names `word` may be a case form of: `word` less a hard ending when what is left
/// ends in a consonant, and `word` less a soft ending plus -й ("китая" → "китай").
std::vector<std::string> possible_names(std::string_view word);

}  // namespace parley::russian
