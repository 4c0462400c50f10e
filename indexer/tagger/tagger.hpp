#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "schema/paragraph_tags.hpp"
#include "tagger/topic_tagger.hpp"

namespace parley {

/// Actors, their types and topics (with evidence) found in one paragraph.
using ParagraphTags = schema::ParagraphTags;

/// Finds gazetteer actors and topic cues in analysed text (topics: see TopicTagger).
///
/// Matching is on English stems of folded words, left to right, longest match first.
/// Case rules per alias word: all-capitals aliases (US, NATO) need the same capitals in
/// the text; capitalised aliases (China, Xi) need a capital initial; lower-case aliases
/// match any case. Block entries match like actors but tag nothing, hiding the names
/// inside them. A state's name is also ignored inside a longer capitalised name holding
/// an institution word (University, Institute, Academy, College, School, ...), such as
/// "Central China Normal University" or "Bangladesh Institute of Law".
///
/// Immutable after construction; safe to share between threads. Keeps a reference to
/// `gazetteer`, which must outlive it.
class Tagger {
  public:
    explicit Tagger(const Gazetteer& gazetteer);

    /// `text` is the paragraph, `tokens` its analysis, `stems` the English stem of each
    /// token (the token's own term when the analyzer is English).
    ParagraphTags tag(std::string_view text, const std::vector<Token>& tokens,
                      const std::vector<std::string_view>& stems) const;

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

    const Gazetteer& gazetteer_;
    std::vector<std::string> names_;
    std::vector<Pattern> actor_patterns_;
    Index actor_index_;  ///< first stem → patterns starting with it
    TopicTagger topics_;
};

}  // namespace parley
