#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "highlight/highlight_query.hpp"
#include "match/plan.hpp"
#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "query/expansions.hpp"
#include "query/query_ast.hpp"

namespace parley::query {

/// Turns a parsed query into a match plan against one index: words become stemmed
/// "Z" terms (in every language the index holds), fields become boolean filters with
/// aliases resolved through the index's gazetteer, and free text is combined so that
/// the coordination weight can rank paragraphs holding more query words first.
class QueryBuilder {
  public:
    /// `analyzer` is the index's default language's (it stems the words a wildcard
    /// stands for); `other_languages` are analyzers for the index's other languages: each
    /// query word also matches its stem in those languages.
    /// `count_repeats_once`: a word repeated in a group is searched once (for words-first
    /// ranking, where each query word is one match); otherwise repeats weigh more, like a
    /// query term frequency in BM25.
    QueryBuilder(const Xapian::Database& db, const Gazetteer& gazetteer, Analyzer& analyzer,
                 std::vector<Analyzer*> other_languages, bool count_repeats_once);

    match::Plan build(const QueryNode& root, std::vector<std::string>& notes);

    /// A query word in a group of `synonyms` also finds the group's other members,
    /// weighted as that one word. Null: none (the default). Must outlive the builder.
    void use_synonyms(const SynonymTable* synonyms) { synonyms_ = synonyms; }
    /// A query word (or phrase) naming an actor also finds paragraphs tagged with it,
    /// weighted below the word itself (match::Role::Entity). Null: off (the default).
    void use_entities(const EntityNames* entities) { entities_ = entities; }
    /// Part of the index has no spelling list (a shard served over tcp: Xapian's remote
    /// backend serves none), so a wildcard there misses words indexed under a stem shorter
    /// than its prefix; `note` says so on every query with a wildcard. Empty: none missing.
    void note_missing_spellings(std::string note) { missing_spellings_ = std::move(note); }

    /// Whether the last build produced any ranked (weighted) part.
    bool ranked() const { return ranked_; }
    /// What to highlight for the last build.
    const highlight::HighlightQuery& highlights() const { return highlights_; }
    /// The notes (also given to build()) about filters ignored because their value could
    /// not be read: they widen the search, so a strict request refuses them.
    const std::vector<std::string>& ignored_filters() const { return ignored_filters_; }
    /// The `text` of each Field node the last build ignored (a selection such as
    /// "year:twenty"), so that a result lists only the selections applied.
    const std::set<std::string>& ignored_field_texts() const { return ignored_field_texts_; }

    /// Most terms one wildcard expands to (the most frequent are kept).
    static constexpr unsigned kWildcardLimit = 200;
    /// Spellings a wildcard reads to find the stems shorter than its prefix: enough for
    /// any prefix of three letters or more in a large archive.
    static constexpr std::size_t kWildcardScan = 50000;

  private:
    match::Plan node(const QueryNode& n, bool positive);
    match::Plan group(const QueryNode& n, bool positive);
    match::Plan word(const QueryNode& n, bool positive);
    /// A hyphenated word: whole, closed up, or its parts as a phrase.
    match::Plan compound(const QueryNode& n, bool positive);
    static std::string term_in(Analyzer& language, const std::string& norm);
    // One form of a query word, searched in paragraph text and titles.
    void add_term(const std::string& term, std::vector<std::string>& body,
                  std::vector<std::string>& title, bool positive);
    // The other members of the synonyms group of the word `typed` (its stems: several for
    // a word written with hyphens), added as words through `add_word` or as phrases.
    // `quotable`: quoting `written` would search it alone (a word; a phrase would not).
    void add_synonyms(const SynonymTable::Member& typed, const std::string& written,
                      const std::function<void(const std::string&)>& add_word,
                      std::vector<std::vector<std::string>>& phrases, bool positive,
                      bool quotable = true);
    /// Words (`body`, `title` terms) and phrases weighted as one query word.
    match::Plan one_word(const std::vector<std::string>& body,
                         const std::vector<std::string>& title,
                         const std::vector<std::vector<std::string>>& phrases, bool positive);
    /// `plan`, or also the paragraphs tagged with the actor `name` names.
    match::Plan or_entity(match::Plan plan, const std::string& name, bool positive);
    /// Words of a group in a row that are together a synonyms member of several words.
    struct MemberRun {
        std::size_t first;  ///< index of its first word in the group's children
        QueryNode phrase;   ///< the words as one Phrase node
    };
    /// The runs of a group, in order; they do not overlap.
    std::vector<MemberRun> members_in_sequence(const QueryNode& group) const;
    /// Entity parts for words of a group that name an actor together ("White House"),
    /// leaving out the words of `members`.
    std::vector<match::Plan> actors_in_sequence(const QueryNode& group,
                                                const std::vector<MemberRun>& members,
                                                bool positive);
    match::Plan phrase(const QueryNode& n, bool positive);
    /// Words and phrases close together in a paragraph's text (NEAR, ADJ, "…"~N).
    match::Plan near(const QueryNode& n, bool positive);
    /// The forms of one part of a proximity query, each a phrase of stems: a word's stems
    /// in the index's languages and its synonyms, a phrase's words in each language.
    std::vector<std::vector<std::string>> near_forms(const QueryNode& part);
    match::Plan wildcard(const QueryNode& n, bool positive);
    /// nullopt when the filter was ignored (with a note; its text recorded).
    /// A filter; one not under NOT (`positive`) naming actors (actor:, lineage:) has their
    /// names marked in the paragraphs tagged with them (HighlightQuery::filter_actors).
    std::optional<match::Plan> field(const QueryNode& n, bool positive);
    std::optional<match::Plan> read_field(const QueryNode& n);
    match::Plan field_values(std::string_view prefix, std::string_view field,
                             const std::string& value);
    /// Whether the index keeps topics named in passing (XM: terms): false for one tagged by
    /// rules 4 or older, which has topics and no mentions until re-tagged.
    bool holds_mentions() const;
    /// actor_type:leader; nullopt (with a note) for an unknown type.
    std::optional<match::Plan> actor_type(const std::string& value);
    /// lineage:Russia: the actor or any of its predecessors.
    match::Plan lineage(const std::string& value);
    std::vector<std::string> variants(const Token& token);
    void reject(std::string note);

    const Xapian::Database& db_;
    const Gazetteer& gazetteer_;
    Analyzer& analyzer_;
    std::vector<Analyzer*> others_;
    std::vector<std::string>* notes_ = nullptr;
    bool count_repeats_once_;
    const SynonymTable* synonyms_ = nullptr;
    const EntityNames* entities_ = nullptr;
    std::string missing_spellings_;
    bool ranked_ = false;
    highlight::HighlightQuery highlights_;
    int highlight_word_ = -1;  // the query word being built, for highlights_
    std::vector<std::string> ignored_filters_;
    std::set<std::string> ignored_field_texts_;
};

/// A query part that filters without adding weight.
match::Plan boolean(match::Plan plan);

}  // namespace parley::query
