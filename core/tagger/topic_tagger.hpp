#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "schema/paragraph_tags.hpp"

namespace parley {

/// How often a topic's cues must occur in a paragraph for it to be one of the paragraph's
/// topics; named less often, the paragraph only mentions it. On the hand-judged samples
/// (tests/tags/topics-judging.md), topics resting on one occurrence were right about seven
/// times in ten whatever the cue, the paragraph's length or the article around it.
inline constexpr std::uint32_t kTopicMentions = 2;
/// Named this often, a topic is one of the paragraph's topics on that alone; so is one named
/// twice by the same cue. A topic named twice by two different cues (one "sea", one
/// "submarine") is often a side point: it is a topic only when no other topic of the paragraph
/// is named more often and kTopicArticleSupport other paragraphs of the article name it
/// twice or more (weigh_topics_in_article()). On the judged samples, fresh judges found two
/// different cues once each right 6 times in 10, three occurrences or more 9 in 10.
inline constexpr std::uint32_t kTopicDwelt = 3;
inline constexpr std::size_t kTopicArticleSupport = 2;

/// Finds the topics of a paragraph from the gazetteer's topic cues, and the cues that gave
/// each topic (its evidence).
///
/// Cues apply to text of their language only. The head line, `strong:` and `weak:` cues are
/// English and match English paragraphs on English stems; a topic's `L:` lines (`ru: санкции`)
/// are strong cues for paragraphs in language L, matched after L's own analysis (Snowball
/// stems for ru, fr, de, es; ICU words for zh). A paragraph in a language with no cues gets no
/// topic: English stems of foreign words make false friends ("sin embargo" is "however").
///
/// Cues match left to right, longest cue first, like actor names: a
/// longer cue hides the shorter ones inside it ("trade" inside "World Trade Center" when
/// that is a cue). A cue is strong (the topic's name unless listed under `weak:`, its
/// head-line aliases and its `strong:` cues) or weak (`weak:` cues). A topic is assigned on one
/// strong cue, or on two distinct cues of which at least one is weak: one weak cue, however often
/// it occurs, is not enough. A cue listed under several topics counts for each. A weak cue does not
/// count inside a longer capitalised name ("dialogue" in "Shangri-La Dialogue", "fleet"
/// in "Black Sea Fleet"); a strong one does ("Coast Guard" in "China Coast Guard").
///
/// Case: a lower-case cue matches any case; a cue word written with a capital needs a
/// capital in the text, one in capitals needs capitals.
///
/// A topic's `not:` words (English) never count for it, though the stemmer joins them to a cue: the
/// English stemmer makes "good" of "goods" and "recess" of "recession", so "in good faith"
/// would be trade and "the Senate's recess" finance.
///
/// Two tiers (kTopicMentions, kTopicDwelt): every topic the cues give is *mentioned*
/// (`out.mentioned_topics`, with its evidence); it is one of the paragraph's *topics*
/// (`out.topics`) when its cues occur three times or more, or one cue twice, and not only in
/// inner items of a list where it fills fewer than half the items (only_minor_list_items()):
/// "quality health care" among five needs. A topic named twice by two cues waits in
/// `out.topics_awaiting_article` for the article (weigh_topics_in_article()).
///
/// Immutable after construction; safe to share between threads.
class TopicTagger {
  public:
    explicit TopicTagger(const Gazetteer& gazetteer);

    /// `words` are the paragraph's word tokens (compounds left out) in its `language`, and
    /// `stems` the term of each in that language's analysis (English stems for English). Sets
    /// `out.topics`, `out.mentioned_topics` and `out.topic_evidence`.
    void tag(std::string_view text, const std::vector<const Token*>& words,
             const std::vector<std::string_view>& stems, schema::ParagraphTags& out,
             std::string_view language = "en") const;

    /// Where the cues that count for `topic` stand in a paragraph (byte ranges of `text`), as
    /// tag() counts them: what the highlighter marks under a topic filter, so that a paragraph
    /// found by its topic shows why it has it. Same arguments as tag().
    std::vector<std::pair<std::size_t, std::size_t>> cue_spans(
        std::string_view text, const std::vector<const Token*>& words,
        const std::vector<std::string_view>& stems, std::string_view topic,
        std::string_view language = "en") const;

    std::size_t topic_count() const { return topics_.size(); }

  private:
    enum class CaseRule : std::uint8_t { Any, Capitalised, AllCaps };
    /// English stems join "developing" and "developed", which as adjectives differ
    /// ("developing countries" are not "developed countries"): a cue word ending in -ing
    /// does not match a word ending in -ed, nor the reverse.
    enum class Participle : std::uint8_t { None, Present, Past };
    struct Target {
        std::uint32_t topic;
        bool strong;
    };
    struct Pattern {
        std::vector<std::string> stems;
        std::vector<CaseRule> cases;
        std::vector<Participle> participles;
        std::string cue;              ///< as the gazetteer writes it (first listing)
        std::vector<Target> targets;  ///< each topic once; strong wins over weak
    };
    struct StemHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    /// The cues of one language.
    struct CueSet {
        std::vector<Pattern> patterns;
        std::unordered_map<std::string, std::uint32_t> pattern_by_key;  ///< stems + cases
        /// First stem → patterns starting with it.
        std::unordered_map<std::string, std::vector<std::uint32_t>, StemHash, std::equal_to<>>
            index;
    };

    /// One occurrence of a cue that counts for a topic: words [first, last].
    struct CueMatch {
        std::uint32_t topic;
        std::uint32_t pattern;
        bool strong;
        std::size_t first, last;
        const std::string* cue;  ///< as the gazetteer writes it
    };
    /// Every cue occurrence of `text` that counts for a topic, left to right, longest cue
    /// first; an occurrence that counts for several topics is given for each.
    void match(std::string_view text, const std::vector<const Token*>& words,
               const std::vector<std::string_view>& stems, std::string_view language,
               const std::function<void(const CueMatch&)>& found) const;

    static void add_cue(CueSet& set, Analyzer& analyzer, std::string_view cue, std::uint32_t topic,
                        bool strong);

    std::vector<std::string> topics_;
    /// Per topic: the normalised forms of its `not:` words (English).
    std::vector<std::unordered_set<std::string>> not_words_;
    /// By language code; "en" holds the head-line, `strong:` and `weak:` cues.
    std::unordered_map<std::string, CueSet, StemHash, std::equal_to<>> cues_;
};

/// The article-wide step of topic tagging, after each paragraph was tagged alone: a topic
/// awaiting the article becomes one of its paragraph's topics when kTopicArticleSupport other
/// paragraphs name it twice or more.
void weigh_topics_in_article(std::vector<schema::ParagraphTags>& article);

}  // namespace parley
