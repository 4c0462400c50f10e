#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "match/proximity.hpp"

namespace parley {
class TopicTagger;
}

namespace parley::highlight {

/// What the highlighter marks: the positive words of a query, as index terms
/// (stems and compounds, without prefix; wildcards as the stems they expanded to) and its
/// phrases.
/// Words under NOT or '-' are never marked.
struct HighlightQuery {
    std::set<std::string> terms;
    std::vector<std::vector<std::string>> phrases;
    /// The query word each term stands for, and each phrase (by its index in `phrases`).
    /// A word's forms — its stems in several languages, a wildcard's expansions, its
    /// synonyms, a compound whole, closed up and apart — are one word, so that a snippet
    /// window holding three forms of one word does not beat one holding two of the query's
    /// words. A term or phrase left out here is a word of its own.
    std::map<std::string, int> term_word;
    std::map<std::size_t, int> phrase_word;
    /// A proximity query (NEAR, ADJ, "…"~N): its parts are marked only where they lie as
    /// its rule says, as a phrase's words are only where they follow each other.
    struct Near {
        /// Each part's forms: phrases of stems (one stem for a word).
        std::vector<std::vector<std::vector<std::string>>> parts;
        std::vector<int> words;  ///< each part's query word
        match::Proximity rule;
    };
    std::vector<Near> nears;
    /// Actors a query word also finds paragraphs by (entity matching: "Kremlin" finds those
    /// tagged Russia), each with that word: a paragraph tagged with one has its names
    /// marked (add_actor_names()), so a paragraph found by its tag shows why.
    std::map<std::string, int> actors;
    /// The names to mark in one paragraph, as written, with their query word.
    std::vector<std::pair<std::string, int>> actor_names;
    /// Actors the query filters by (actor:China, lineage:Russia, a selected actor): a
    /// paragraph tagged with one has its names marked too, so that a filter shows where the
    /// paragraph names the actor. They are no query words: a snippet window is chosen for
    /// the words first, and for these names only after them.
    std::set<std::string> filter_actors;
    /// The names of filtered actors to mark in one paragraph, as written, each with a
    /// number shared by the names of one actor.
    std::vector<std::pair<std::string, int>> filter_names;

    /// Topics the query filters by (topic:maritime, mentioned_topic:, a selected topic): in
    /// a paragraph naming one, the cues the tagger counted for it are marked as a filtered
    /// actor's names are ("navy", "sea lanes"), so that a filter shows why the paragraph has
    /// the topic.
    std::set<std::string> filter_topics;
    /// The filtered topics one paragraph names, and the tagger that finds their cues.
    std::vector<std::string> cue_topics;
    const TopicTagger* topic_tagger = nullptr;

    bool empty() const {
        return terms.empty() && phrases.empty() && nears.empty() && actor_names.empty() &&
               filter_names.empty() && (cue_topics.empty() || topic_tagger == nullptr);
    }

    /// `term` as a form of the query word `word` (the first word that gave it keeps it).
    void add_term(const std::string& term, int word) {
        terms.insert(term);
        term_word.emplace(term, word);
    }
    void add_phrase(std::vector<std::string> phrase, int word) {
        phrase_word.emplace(phrases.size(), word);
        phrases.push_back(std::move(phrase));
    }
};

}  // namespace parley::highlight
