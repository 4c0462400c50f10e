#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// One indexable word found in a text.
struct PARLEY_API Token {
    enum class Kind : std::uint8_t {
        Word,      ///< an ordinary word, or one part of a hyphenated compound
        Compound,  ///< a whole hyphenated compound ("china-russia"); shares its first part's
                   ///< position, and its parts follow as Word tokens
    };
    std::string term;            ///< folded and stemmed: exactly what the index stores (no prefix)
    std::string norm;            ///< folded, possessive removed, not stemmed
    std::uint32_t begin = 0;     ///< byte offset of the word in the analysed text
    std::uint32_t end = 0;       ///< byte offset one past the word
    std::uint32_t position = 0;  ///< word position, from 1; compounds share the first part's
    Kind kind = Kind::Word;
};

/// Text analysis shared by indexing, query parsing and highlighting, so that all three
/// see the same words: ICU word segmentation, NFKC + case folding, removal of Latin,
/// Greek and Arabic diacritics, possessive stripping, hyphenated compounds, and Snowball
/// stemming in one language.
///
/// Thread safety: an Analyzer is not thread-safe (it owns ICU iterators and a stem
/// cache); give each thread its own. Construction is cheap after the first. The static
/// functions are thread-safe. Only the constructor throws, and the calls of an Analyzer
/// moved from, which throw UsageError until another is assigned to it.
class PARLEY_API Analyzer {
  public:
    /// language: ISO 639-1 code ("en", "ru", "zh") or a Snowball name ("english").
    /// Languages without a stemmer (zh, ja, ko, ...) are segmented but not stemmed.
    /// Throws UsageError for a language Parley does not know, Error if ICU's word
    /// segmentation data is unavailable.
    explicit Analyzer(std::string_view language = "en");
    ~Analyzer();
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    /// Appends the tokens of `text` to `out`. Positions start at `first_position`.
    /// Invalid UTF-8 is tolerated (the bad bytes are skipped), never crashes.
    void analyze(std::string_view text, std::vector<Token>& out, std::uint32_t first_position = 1);
    /// The tokens of `text`, positions from 1.
    std::vector<Token> analyze(std::string_view text);

    /// Stem of an already folded word, in this analyzer's language.
    std::string stem(std::string_view norm);

    /// The ISO code of this analyzer's language ("en").
    const std::string& language() const;

    /// True for the English function words that queries ignore outside phrases.
    static bool is_stopword(std::string_view norm);

    /// Normalises a language name or tag ("French", "fr-FR", "pt_BR") to its ISO code;
    /// empty if unknown.
    static std::string canonical_language(std::string_view language);

    /// Identifies the analysis rules; stored in every index and checked on open, so a
    /// change in the rules is never silently mixed with an older index.
    static std::string_view settings();

  private:
    struct Impl;
    Impl& live() const;  // *impl_, or UsageError for an Analyzer moved from
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley
