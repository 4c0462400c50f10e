#pragma once

#include <bitset>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"

namespace parley {

/// One paragraph as the actor tagger reads it.
struct ActorTagInput {
    std::string_view text;             ///< the paragraph
    const std::vector<Token>* tokens;  ///< its analysis in its own language
    /// The English stem of each token (the token's own term for English text); empty or
    /// of another size means "the tokens' terms".
    const std::vector<std::string_view>* english_stems;
    std::string_view language = "en";  ///< ISO code of the paragraph's language
    std::string_view date;             ///< article date YYYY[-MM[-DD]], empty if unknown
    /// Leaders (canonical names) that the article names elsewhere: here their surname alone
    /// names them too ("Nasser, meanwhile"). Null or empty: no such second mentions.
    const std::vector<std::string>* article_leaders = nullptr;
    /// Surnames of those leaders (folded) that the article also writes in lower case, as
    /// common words ("major reforms"): at a sentence start they need more evidence.
    const std::vector<std::string>* article_common_words = nullptr;
};

/// Finds the actors of a paragraph. The rules, each documented in docs/analysis-and-tags.md,
/// section "Actors and topics: the gazetteer":
///
/// * Names: head-line names (English) match English stems, longest match first, with the
///   case rules of each alias word (all-capitals aliases need capitals, capitalised ones a
///   capital initial). In a paragraph of another language they match only when the first
///   word is written with a capital. `L:` names match paragraphs in language L after L's own
///   analysis (Snowball stems, ICU words for Chinese), so inflected forms match. A
///   head-line name listed under `not.L` does not name its actor in language L (Spanish
///   "América" is the continent); in Russian a name ending in a consonant (or -й) also
///   matches itself (less the -й) plus a case ending ("Байдену", "Байденом"); in German, which
///   capitalises every noun, a leader's one-word name after a determiner is the noun ("der Kohl",
///   "jeder Palme").
/// * Blocks match in any case and hide the names inside them. A state's name inside a
///   capitalised institution name (University, Institute, ...) is not the state.
/// * Capitals (`capital:`) tag their state only when they act (see acting()).
/// * Coordination: "North and South Korea" tags both when "North Korea" is a name too;
///   so do "Nord- und Südkorea" (a suspended hyphen) and "Corea del Norte y del Sur" (a
///   shared head).
/// * Title + surname ("President Gorbachev", "Presidents Gorbachev, Mitterrand"), and
///   office holders at the article date ("the Presidents of Russia and China", "the Russian
///   president", by `office`, `of` and `term`); English paragraphs only.
/// * Names shared by leaders (namesakes) go to the one the article names elsewhere, else to
///   the leader in office at the article date, else the nearest term; without a date they
///   tag nothing.
/// * Second mentions: a capitalised surname alone names a leader the article names elsewhere
///   (`article_leaders`), unless it is part of another name ("Robert Kennedy", "Kennedy
///   Center"), a name of something else ("Washington"), a noun after a German determiner
///   other than the colloquial definite article ("die Merkel"), or a month ("in May"; a
///   month's name is the leader only before a verb of saying: "May said", "May told"). The
///   surname is the English one or the one of a name in the paragraph's language ("Путин"
///   of "Владимир Путин", declined in Russian: "Путина"). A surname that is a common word
///   ("Major", "Brown", "Коль") at a sentence start needs more evidence: a possessive, a
///   comma, or a verb after it ("Major said").
///
/// Immutable after construction; safe to share between threads.
class ActorTagger {
  public:
    explicit ActorTagger(const Gazetteer& gazetteer);

    /// Appends the canonical names of the actors found, each once. Thread-safe; allocates
    /// nothing per word (per-thread scratch buffers are reused).
    /// `leaders_named`, when given, receives the leaders tagged by a form only they bear
    /// (not a namesake's: "Bush"), which may name them in the article's other paragraphs.
    void tag(const ActorTagInput& input, std::vector<std::string>& out,
             std::vector<std::string>* leaders_named = nullptr) const;

    /// A leader's surname as "Title Surname" forms and second mentions read it, as written
    /// ("Nasser", "de Gaulle"); empty for an unknown leader.
    std::string_view surname_of(std::string_view leader) const;
    /// Every surname of a leader as written: the English one, then those read from its names
    /// in other languages ("Путин"); empty for an unknown leader.
    std::vector<std::string_view> surnames_of(std::string_view leader) const;

  private:
    enum class CaseRule : std::uint8_t { Any, Capitalised, AllCaps };
    enum class Role : std::uint8_t { Name, Capital, Block };
    struct Pattern {
        std::vector<std::string> stems;
        std::vector<std::string> norms;  ///< each word as written, folded
        std::vector<CaseRule> cases;
        std::vector<std::uint32_t> targets;  ///< actors_ indices; several for namesakes
        Role role = Role::Name;
        bool is_state = false;
    };
    // Looked up once per word of every paragraph: string_view keys, no allocation.
    struct StemHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using Index =
        std::unordered_map<std::string, std::vector<std::uint32_t>, StemHash, std::equal_to<>>;
    struct PatternSet {
        std::vector<Pattern> patterns;
        Index index;  ///< first stem → patterns starting with it
        /// Russian: a name ending in a consonant or -й also matches itself (less the -й) plus a
        /// case ending, which the stemmer may cut differently ("Байдену", "Китая").
        bool case_endings = false;
        Index by_norm;  ///< first word's declension base (declension_base()) → patterns
    };
    struct Term {
        std::int64_t from = 0, until = 0;  ///< day numbers, inclusive
    };
    struct Actor {
        std::string name;
        GazetteerEntry::Kind kind = GazetteerEntry::Kind::State;
        std::vector<Term> terms;
        std::int32_t of = -1;                     ///< a leader's state or organisation
        std::string office_key;                   ///< folded `office`
        Term exists;                              ///< `from`..`until`, open ends unbounded
        std::vector<std::uint32_t> predecessors;  ///< actors whose `successor` it is
        std::int32_t successor = -1;              ///< its `successor`, if any
    };
    struct Surname {
        std::vector<std::string> words;  ///< folded
        std::vector<std::uint32_t> leaders;
    };
    class Paragraph;

    void add(PatternSet& set, Analyzer& analyzer, std::string_view form, std::uint32_t target,
             Role role, bool is_state, std::unordered_map<std::string, std::uint32_t>& seen);
    void match_set(Paragraph& p, const PatternSet& set, bool english_rules,
                   std::vector<std::uint32_t>& hits) const;
    bool noun_not_name(const Paragraph& p, const Pattern& name, std::size_t i) const;
    void suspended_hyphen(const Paragraph& p, const PatternSet& set, std::size_t i,
                          std::vector<std::uint32_t>& hits) const;
    std::size_t shared_head(const Paragraph& p, const PatternSet& set, const Pattern& name,
                            std::size_t last, std::vector<std::uint32_t>& hits) const;
    const std::vector<std::uint32_t>& targets_in_language(const Paragraph& p, const PatternSet& set,
                                                          const Pattern& name, std::size_t first,
                                                          std::size_t last) const;
    const Pattern* longest_at(const Paragraph& p, const PatternSet& set, std::size_t i) const;
    bool acting(const Paragraph& p, const PatternSet& set, std::size_t first, std::size_t last,
                bool english_rules, std::size_t previous_capital_end) const;
    std::int32_t title_at(const Paragraph& p, std::size_t i, std::size_t& length) const;
    void office_holders(const Paragraph& p, std::uint32_t state, std::string_view title,
                        std::vector<std::uint32_t>& hits) const;
    std::size_t titled(const Paragraph& p, const PatternSet& set, std::size_t i,
                       std::vector<std::uint32_t>& hits) const;
    std::size_t surname_at(const Paragraph& p, std::size_t k, std::vector<std::uint32_t>& hits,
                           std::string_view office = {}) const;
    void second_mentions(const Paragraph& p, const std::vector<std::string>& leaders,
                         std::vector<std::uint32_t>& hits) const;
    bool names_something_else(const Paragraph& p, std::size_t k) const;
    bool surname_fits(const Paragraph& p, std::size_t k, const Surname& s) const;
    bool is_given_name(std::string_view language, std::string_view word) const;
    bool common_word_use(const Paragraph& p, std::size_t k, std::string_view word) const;
    void resolve(const Paragraph& p, const std::vector<std::uint32_t>& targets,
                 std::vector<std::uint32_t>& hits) const;
    void resolve_by_date(const std::vector<std::uint32_t>& targets, std::int64_t date,
                         std::vector<std::uint32_t>& hits) const;
    std::vector<std::uint32_t> known_by_then(const std::vector<std::uint32_t>& leaders,
                                             std::int64_t date) const;
    void read_in_its_time(std::int64_t date, std::vector<std::uint32_t>& hits) const;
    std::uint32_t seat_holder_at(std::uint32_t state, std::int64_t date) const;

    std::vector<Actor> actors_;
    /// By language; "en" = head lines.
    std::unordered_map<std::string, PatternSet, StemHash, std::equal_to<>> sets_;
    const PatternSet* english_set_ = nullptr;  ///< sets_["en"]
    /// By language: (actor, English stems of a head-line name) pairs that do not name the
    /// actor in paragraphs of that language (`not.LANG`).
    std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, std::string>>, StemHash,
                       std::equal_to<>>
        not_names_;
    std::vector<Surname> surnames_;
    /// Leader's canonical name → its surname as written.
    std::unordered_map<std::string, std::string, StemHash, std::equal_to<>> written_surnames_;
    Index surname_index_;  ///< first folded word → surnames_
    /// By language: first folded word → surnames_ read from the leaders' names in that
    /// language where they differ from the English surname ("путин").
    std::unordered_map<std::string, Index, StemHash, std::equal_to<>> local_surname_index_;
    /// By language: the first words (folded) of the leaders' full names in that language
    /// ("владимир"), which before a surname make another person's name ("Роберт Кеннеди").
    std::unordered_map<std::string, std::unordered_set<std::string, StemHash, std::equal_to<>>,
                       StemHash, std::equal_to<>>
        given_names_;
    /// Leader's canonical name → its surnames in other languages, as written.
    std::unordered_map<std::string, std::vector<std::string>, StemHash, std::equal_to<>>
        local_written_surnames_;
    Index title_index_;                  ///< first folded word → titles starting with it
    std::bitset<65536> title_prefixes_;  ///< first two bytes of the titles' first words
    std::vector<std::vector<std::string>> title_words_;  ///< each title's folded words
    std::vector<std::string> party_object_verbs_;  ///< English stems of kPartyObjectVerbs, sorted
};

}  // namespace parley
