#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "highlight/actor_names.hpp"
#include "highlight/highlight_query.hpp"
#include "parley/analyzer.hpp"
#include "parley/search_result.hpp"

namespace parley::highlight {

/// A marked range in the paragraph, in bytes, with the query part it matched.
struct Mark {
    std::size_t begin = 0;
    std::size_t end = 0;
    int part = 0;  ///< same value for the same query word or phrase
    /// The name of an actor the query filters by (HighlightQuery::filter_names), not a
    /// query word: a window is chosen for these only after the words.
    bool filter = false;
};

/// Cuts snippets from original paragraph text. The paragraph is re-analysed with the
/// analyzer it was indexed with, so a mark falls exactly on what the index matched:
/// stem-aware ("drills" marks "drill" and "drilling"), phrase-aware (a phrase marks its
/// occurrences, not lone words), compounds whole ("China-Russia").
///
/// Not thread-safe (owns an ICU sentence iterator).
class Highlighter {
  public:
    Highlighter();
    ~Highlighter();

    /// Every match of `query` in `text`, sorted, non-overlapping.
    std::vector<Mark> marks(std::string_view text, const HighlightQuery& query, Analyzer& analyzer);

    /// The window of about `length` characters holding the most distinct query words (then
    /// the most filtered actors' names, the most matches of words, then of names, then the
    /// earliest), widened to a sentence start when one
    /// is near and cut at word boundaries, with "…" where text was left out.
    Snippet snippet(std::string_view text, const HighlightQuery& query, Analyzer& analyzer,
                    std::size_t length);

  private:
    std::vector<std::size_t> sentence_starts(std::string_view text);
    /// The boundary between user-perceived characters at `at`, else the one before it (or
    /// `after` it).
    std::size_t grapheme_boundary(std::string_view text, std::size_t at, bool after);

    /// An actor's name analysed in a paragraph's language, and its case rule.
    struct NameForm {
        std::vector<std::string> terms;
        NameCase how = NameCase::CapitalFirst;  ///< "US", "NATO": marked only in capitals
    };
    const NameForm& name_form(const std::string& name, Analyzer& analyzer);

    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<Token> tokens_;
    std::unordered_map<std::string, NameForm> name_forms_;  // by language and name
};

}  // namespace parley::highlight
