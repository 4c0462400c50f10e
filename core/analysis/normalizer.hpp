#pragma once

#include <string>
#include <string_view>

namespace parley::analysis {

/// Folds one word for indexing and matching: NFKC with case folding, Latin/Greek/Arabic
/// diacritics removed (Cyrillic ё → е, other Cyrillic marks kept because they make
/// letters), typographic apostrophes unified, possessive 's removed, dots dropped from
/// acronyms (U.S. → us) and thousands separators from numbers (1,204 → 1204).
/// Thread-safe (ICU's normalizer instances are immutable singletons).
std::string fold_word(std::string_view word);

/// True when the word holds a character of a script written without spaces between words
/// (Han, Hiragana, Katakana, Hangul), where one or two characters make a word and an edit
/// distance says nothing of spelling.
bool is_ideographic(std::string_view word);

/// True when every byte is ASCII: the common case, folded without ICU.
bool is_ascii(std::string_view text);

/// True for a word written in capitals ("US", "WHO", "G7", full-width "ＵＳＡ"): after NFKC it
/// has an ASCII capital and no ASCII small letter. The tagger matches capitalised aliases this way,
/// and queries keep such words even when their lower-case form is a common word.
bool is_all_caps(std::string_view word);

}  // namespace parley::analysis
