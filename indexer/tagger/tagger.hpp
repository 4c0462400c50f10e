#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "tagger/actor_tagger.hpp"

namespace parley {

/// Actors and topics found in one paragraph: canonical names, sorted, each once.
struct ParagraphTags {
    std::vector<std::string> actors;
    std::vector<std::string> topics;
};

/// Finds gazetteer actors (ActorTagger, whose comment lists the rules) and topic cues in
/// analysed text.
///
/// Topic cues match on English stems of folded words, left to right, longest match first.
/// Case rules per alias word: all-capitals aliases (US, NATO) need the same capitals in
/// the text; capitalised aliases (China, Xi) need a capital initial; lower-case aliases
/// match any case.
///
/// Immutable after construction; safe to share between threads.
class Tagger {
  public:
    explicit Tagger(const Gazetteer& gazetteer);

    /// `text` is the paragraph, `tokens` its analysis in its own `language`, `stems` the
    /// English stem of each token (the token's own term when the analyzer is English), `date`
    /// the article's date (YYYY[-MM[-DD]], empty if unknown; it chooses between namesakes).
    ParagraphTags tag(std::string_view text, const std::vector<Token>& tokens,
                      const std::vector<std::string_view>& stems, std::string_view language = "en",
                      std::string_view date = {}) const;

  private:
    enum class CaseRule : std::uint8_t { Any, Capitalised, AllCaps };
    struct Pattern {
        std::vector<std::string> stems;
        std::vector<CaseRule> cases;
        std::int32_t target = -1;  ///< index into names_, -1 for a block
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

    void add_pattern(Analyzer& english, std::string_view alias, std::int32_t target, bool is_state,
                     std::vector<Pattern>& patterns, Index& index);
    void match(std::string_view text, const std::vector<const Token*>& words,
               const std::vector<std::string_view>& stems, const std::vector<Pattern>& patterns,
               const Index& index, bool apply_institution_rule,
               std::vector<std::string>& out) const;

    std::vector<std::string> names_;
    ActorTagger actors_;
    std::vector<Pattern> topic_patterns_;
    Index topic_index_;
};

}  // namespace parley
