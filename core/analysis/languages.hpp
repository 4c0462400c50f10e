#pragma once

#include <string>
#include <string_view>

namespace parley::analysis {

/// A language Parley analyses: its ISO 639-1 code and Xapian's Snowball stemmer name
/// (empty when the language is segmented but not stemmed, like Chinese).
struct LanguageInfo {
    std::string_view code;
    std::string_view snowball;
};

/// Looks a language up by ISO code or Snowball name, case-insensitively; a language tag
/// ("fr-FR", "pt_BR") by its primary subtag.
/// Returns nullptr for an unknown language.
const LanguageInfo* find_language(std::string_view name);

}  // namespace parley::analysis
