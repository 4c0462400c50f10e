#pragma once

#include <string_view>

// Leaders' surnames that are also common words of a language ("Major reforms followed",
// "Brown leaves fell", Russian "Коль скоро"). At the start of a sentence their capital says
// nothing, so a second mention by such a surname needs more evidence (see ActorTagger).
namespace parley::common_words {

/// True when `word` (folded, as fold_name() gives it) is a common word of `language`
/// (ISO 639-1; English for an empty code) that is, or could well be, a surname: the
/// built-in lists, and English stopwords.
bool is_common(std::string_view word, std::string_view language);

}  // namespace parley::common_words
