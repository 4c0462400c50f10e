#include "highlight/highlighter.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "highlight/actor_names.hpp"
#include "parley/gazetteer.hpp"
#include "tagger/topic_tagger.hpp"
#include "util/utf8.hpp"

namespace parley::highlight {
namespace {

std::vector<std::string> marked(const Snippet& s) {
    std::vector<std::string> out;
    for (const auto& span : s.spans)
        out.push_back(s.text.substr(span.begin, span.end - span.begin));
    return out;
}

using Strings = std::vector<std::string>;

// The index term of one word.
std::string term_of(Analyzer& analyzer, const std::string& word) {
    std::vector<Token> tokens;
    analyzer.analyze(word, tokens);
    return tokens.empty() ? std::string() : tokens.front().term;
}

class HighlighterTest : public ::testing::Test {
  protected:
    Snippet snippet(const std::string& text, const HighlightQuery& q, std::size_t length = 220) {
        return highlighter_.snippet(text, q, analyzer_, length);
    }
    Highlighter highlighter_;
    Analyzer analyzer_{"en"};
};

TEST_F(HighlighterTest, MarksEveryFormOfAStem) {
    HighlightQuery q;
    q.terms = {"drill"};
    const Snippet s =
        snippet("The drill and the drilling continued; drills resumed, not drilled ground.", q);
    EXPECT_EQ(marked(s), (Strings{"drill", "drilling", "drills", "drilled"}));
}

// Text written without spaces (Chinese, Japanese) is cut where its words end, so a
// snippet keeps to its length there too (it ran to the end of the paragraph); a window
// with no mark at all (a hit found by a tag) keeps to it as well.
TEST_F(HighlighterTest, TextWithoutSpacesIsCutAtWordsToTheLengthAsked) {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "双方签署了多项合作文件，涉及能源、贸易和科技等领域。";
    text += "普京总统表示，俄方愿意深化合作。";
    for (int i = 0; i < 40; ++i) text += "这一倡议从一句口号逐步变成了一套机制。";
    Analyzer chinese("zh");
    HighlightQuery q;
    q.terms = {term_of(chinese, "普京")};
    for (const std::size_t length : {60u, 220u}) {
        const Snippet s = highlighter_.snippet(text, q, chinese, length);
        EXPECT_LE(util::count_chars(s.text), length + 2) << s.text;  // and the ellipses
        EXPECT_GE(util::count_chars(s.text), length / 2) << s.text;
        EXPECT_NE(s.text.find("普京"), std::string::npos) << s.text;
        EXPECT_FALSE(marked(s).empty()) << s.text;
    }
    const Snippet none = highlighter_.snippet(text, HighlightQuery{}, chinese, 60);
    EXPECT_LE(util::count_chars(none.text), 62u) << none.text;
    // An ideographic full stop ends a sentence as "." does.
    const Snippet sentence = highlighter_.snippet(text, q, chinese, 60);
    EXPECT_TRUE(sentence.text.ends_with("\u2026")) << sentence.text;
}

// A snippet cut after a sentence's end gives its "…" a space after "." ("ended. …"), none
// after an ideographic full stop, which holds its own ("。…"; it was "。 …").
TEST_F(HighlighterTest, AnEllipsisAfterAnIdeographicStopHasNoSpace) {
    std::string text;
    // Sentences apart, as text converted from other formats often has them.
    for (int i = 0; i < 10; ++i) text += "普京总统表示，俄方愿意深化合作。 ";
    Analyzer chinese("zh");
    HighlightQuery q;
    q.terms = {term_of(chinese, "普京")};
    std::size_t after_stop = 0;
    for (std::size_t length = 10; length <= 60; ++length) {
        const Snippet s = highlighter_.snippet(text, q, chinese, length);
        EXPECT_EQ(s.text.find("\u3002 \u2026"), std::string::npos) << s.text;
        if (s.text.ends_with("\u3002\u2026")) ++after_stop;
    }
    EXPECT_GT(after_stop, 0u);
    std::string english;
    for (int i = 0; i < 10; ++i) english += "The drills ended. ";
    const Snippet s = snippet(english, q, 20);
    EXPECT_TRUE(s.text.ends_with("ended. \u2026")) << s.text;
}

TEST_F(HighlighterTest, MarksPhrasesNotLoneWords) {
    HighlightQuery q;
    q.phrases = {{"joint", "naval", "drill"}};
    const Snippet s = snippet(
        "Joint exercises matter. Russia and China held joint naval drills; naval power grows.", q);
    EXPECT_EQ(marked(s), Strings{"joint naval drills"});
}

TEST_F(HighlighterTest, MarksCompoundsWhole) {
    HighlightQuery q;
    q.terms = {"china-russia"};
    const Snippet s = snippet("China and Russia: the China-Russia alignment.", q);
    EXPECT_EQ(marked(s), Strings{"China-Russia"});
}

TEST_F(HighlighterTest, KeepsAShortParagraphWhole) {
    HighlightQuery q;
    q.terms = {"naval"};
    const Snippet s = snippet("A naval drill.", q);
    EXPECT_EQ(s.text, "A naval drill.");
    EXPECT_EQ(s.spans, (std::vector<MatchSpan>{{2, 7}}));
}

TEST_F(HighlighterTest, PicksTheDensestWindowAndCutsAtWordBoundaries) {
    const std::string filler =
        "Trade talks continued through the spring with little to show for them, as delegations "
        "argued over tariffs, quotas and the wording of a joint statement that nobody expected to "
        "matter. ";
    const std::string text = filler + filler +
                             "Then came the naval drills near AUKUS waters, the first in years. " +
                             filler;
    HighlightQuery q;
    q.terms = {"naval", "drill", "aukus"};
    const Snippet s = snippet(text, q, 120);
    EXPECT_EQ(marked(s), (Strings{"naval", "drills", "AUKUS"}));
    EXPECT_EQ(s.text.rfind("\u2026", 0), 0u) << s.text;  // starts with an ellipsis
    EXPECT_NE(s.text.find("\u2026", 3), std::string::npos) << s.text;
    EXPECT_LE(util::count_chars(s.text), 124u);
    // No word is cut: the text before the final ellipsis ends at a word end.
    const std::string body = s.text.substr(3, s.text.size() - 6);
    EXPECT_NE(text.find(body), std::string::npos) << body;
    const std::size_t end = text.find(body) + body.size();
    EXPECT_TRUE(end == text.size() || text[end] == ' ' || text[end] == ',' || text[end] == '.')
        << s.text;
}

TEST_F(HighlighterTest, StartsAtASentenceWhenTheMatchIsNearIt) {
    const std::string text = std::string(300, 'x') +
                             ". The naval drills began in October and lasted a week, " +
                             std::string(300, 'y');
    HighlightQuery q;
    q.terms = {"naval"};
    const Snippet s = snippet(text, q, 100);
    EXPECT_EQ(s.text.rfind("\u2026The naval drills", 0), 0u) << s.text;
}

TEST_F(HighlighterTest, NeverCutsOffTheMatchTheWindowWasChosenFor) {
    // The window that starts at the second sentence ends right after "oil": cutting back to
    // the last space before its end would drop the only match.
    const std::string text =
        "The committee met on a grey morning to review a long list of proposals about roads, "
        "schools and hospitals in the northern districts. Instead, the United States reimposed "
        "sanctions and, under its \"maximum pressure\" campaign, threatened penalties against "
        "any country buying Iranian oil.";
    HighlightQuery q;
    q.terms = {"oil"};
    for (std::size_t length = 60; length <= 200; ++length) {
        const Snippet s = snippet(text, q, length);
        EXPECT_EQ(marked(s), Strings{"oil"}) << length << ": " << s.text;
    }
}

TEST_F(HighlighterTest, NeverCutsInsideAMultibyteCharacter) {
    std::string text;
    for (int i = 0; i < 80; ++i) text += "Россия и Китай провели учения. ";
    HighlightQuery q;
    q.terms = {"учения"};
    for (std::size_t length : {10u, 37u, 100u, 151u}) {
        const Snippet s = snippet(text, q, length);
        EXPECT_FALSE(util::first_invalid_utf8(s.text).has_value()) << length;
        for (const auto& span : s.spans) EXPECT_LE(span.end, s.text.size());
    }
}

TEST_F(HighlighterTest, WithoutMatchesShowsTheStart) {
    const Snippet s = snippet("Alliances run on capability. " + std::string(400, 'z'), {}, 60);
    EXPECT_EQ(s.text.rfind("Alliances run on capability.", 0), 0u);
    EXPECT_TRUE(s.spans.empty());
}

const std::string kFiller =
    "The council met again to discuss the budget and other ordinary matters of the city. ";

std::string repeated(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

// A wildcard's expansions, a word's synonyms or its stems in several languages are forms of
// one query word: three of them in a window do not outweigh the query's other word.
TEST_F(HighlighterTest, FormsOfOneQueryWordCountAsOneWord) {
    const std::string text = "Economists said the economy and economic policy were weak. " +
                             repeated(kFiller, 4) + "New sanctions hit the economy hard. " +
                             repeated(kFiller, 2);
    HighlightQuery q;
    for (const std::string form : {"economist", "economi", "econom"}) q.add_term(form, 0);
    q.add_term("sanction", 1);
    const Snippet s = snippet(text, q);
    EXPECT_EQ(marked(s), (Strings{"sanctions", "economy"})) << s.text;
    // Phrases too: the forms of a phrase in two languages, a synonym written as a phrase.
    HighlightQuery p;
    p.add_phrase({"econom", "polici"}, 0);
    p.add_phrase({"econom", "weak"}, 0);
    p.add_term("sanction", 1);
    const std::string phrases =
        "Economic policy failed. " + kFiller + "Economic weakness grew. " + repeated(kFiller, 4) +
        "New sanctions followed economic policy changes. " + repeated(kFiller, 2);
    const Snippet t = snippet(phrases, p);
    EXPECT_EQ(marked(t), (Strings{"sanctions", "economic policy"})) << t.text;
}

// Of windows holding the same matches, the one with the least text before them, or one
// starting at a sentence near them: a sentence start far before a lone match no longer
// pushes it to the window's last word.
TEST_F(HighlighterTest, ALoneMatchKeepsTextAfterIt) {
    const std::string text =
        repeated(kFiller, 3) +
        "Within months the government invited its neighbours back into the coastal naval drills "
        "it holds every summer with two other navies, and the four fleets sailed together. " +
        repeated(kFiller, 3);
    HighlightQuery q;
    q.add_term("drill", 0);
    for (const std::size_t length : {120u, 220u, 300u}) {
        const Snippet s = snippet(text, q, length);
        ASSERT_EQ(marked(s), Strings{"drills"}) << s.text;
        const std::size_t after = util::count_chars(s.text.substr(s.spans.back().end));
        EXPECT_GE(after, length / 4) << length << ": " << s.text;
    }
    // The sentence holding it starts 82 characters before it: near enough to start at.
    EXPECT_EQ(snippet(text, q, 220).text.rfind("\u2026Within months", 0), 0u);
}

// A length shorter than the match still shows the match, whole (it showed the first word
// of the paragraph and no match).
TEST_F(HighlighterTest, AWindowShorterThanTheMatchHoldsIt) {
    const std::string text = repeated(kFiller, 2) + "Then came sanctions. " + kFiller;
    HighlightQuery q;
    q.add_term("sanction", 0);
    for (std::size_t length = 1; length <= 30; ++length) {
        const Snippet s = snippet(text, q, length);
        EXPECT_EQ(marked(s), Strings{"sanctions"}) << length << ": " << s.text;
    }
    HighlightQuery phrase;
    phrase.add_phrase({"came", "sanction"}, 0);
    EXPECT_EQ(marked(snippet(text, phrase, 3)), Strings{"came sanctions"});
}

// A paragraph without words (a rule of "=", a row of flags or emoji) was shown whole, however
// long; it is cut to the length asked, between characters as a reader sees them (a flag is
// two code points, a family of four people seven).
TEST_F(HighlighterTest, TextWithoutWordsIsCutToTheLengthBetweenCharacters) {
    const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
    for (const std::string& unit :
         {std::string("="), std::string("\U0001F1FA\U0001F1E6"), family}) {
        const std::string text = repeated(unit, 3000);
        for (const std::size_t length : {1u, 10u, 50u, 220u}) {
            const Snippet s = snippet(text, {}, length);
            ASSERT_TRUE(s.text.ends_with("\u2026")) << s.text;
            const std::string body = s.text.substr(0, s.text.size() - 3);
            EXPECT_FALSE(body.empty());
            EXPECT_EQ(body.size() % unit.size(), 0u) << length << ": " << s.text;
            EXPECT_EQ(body, repeated(unit, static_cast<int>(body.size() / unit.size())));
            EXPECT_LE(util::count_chars(body), length + unit.size()) << length;
        }
    }
}

// Trying every window was quadratic in the matches: a paragraph of 256 KB holding one
// word 32,000 times took 2.4 s for its snippet, each hit of it. Now it is linear.
TEST_F(HighlighterTest, AParagraphWithThousandsOfMatchesIsQuick) {
    const std::string text = "The council met. Budget " + repeated("council ", 32000);
    HighlightQuery q;
    q.add_term("council", 0);
    q.add_term("budget", 1);
    const auto began = std::chrono::steady_clock::now();
    const Snippet s = snippet(text, q);
    const auto took = std::chrono::steady_clock::now() - began;
    EXPECT_EQ(marked(s).at(0), "Budget") << s.text;
    EXPECT_LT(took, std::chrono::milliseconds(1500));
}

// A window that reaches the paragraph's end gives the length it has left to the text
// before it (from a sentence start when one is in reach).
TEST_F(HighlighterTest, AWindowAtTheEndUsesTheLengthBeforeIt) {
    const std::string text =
        repeated(kFiller, 3) + "Sanctions against the central bank may well be justified.";
    HighlightQuery q;
    q.add_term("sanction", 0);
    const Snippet s = snippet(text, q, 220);
    EXPECT_EQ(marked(s), Strings{"Sanctions"});
    EXPECT_GE(util::count_chars(s.text), 140u) << s.text;  // 58 before
    EXPECT_EQ(s.text.rfind("\u2026The council met", 0), 0u) << s.text;
    EXPECT_TRUE(s.text.ends_with("justified.")) << s.text;
}

// An actor's names are marked as names are written: "US" in capitals, "China" with a
// capital first, any form in a script without case; not the pronoun "us" or "china" ware.
TEST_F(HighlighterTest, MarksAnActorsNamesAsNamesAreWritten) {
    HighlightQuery q;
    q.actor_names = {{"United States", 0}, {"US", 0}, {"China", 1}};
    const Snippet s = snippet(
        "The United States told us that the US would act; china plates and China's exports.", q);
    EXPECT_EQ(marked(s), (Strings{"United States", "US", "China's"}));
    Analyzer chinese("zh");
    HighlightQuery zh;
    zh.actor_names = {{"俄罗斯", 0}};
    const Snippet t = highlighter_.snippet("中国和俄罗斯举行了联合演习。", zh, chinese, 220);
    EXPECT_EQ(marked(t), Strings{"俄罗斯"});
}

// A query filtering by an actor (actor:Japan) marks the actor's names, as the gazetteer
// gives them, in a paragraph tagged with it, and the window goes to them: it showed the
// paragraph's start, marking nothing.
TEST_F(HighlighterTest, AFilteredActorsNamesAreMarkedAndTheWindowGoesToThem) {
    HighlightQuery q;
    q.filter_actors = {"Japan"};
    add_actor_names(q, Gazetteer::builtin(), {"China", "Japan"}, "en");
    const std::string filler =
        "The council met again to discuss the budget and other ordinary matters of the city. ";
    const std::string text = filler + filler + filler +
                             "Japanese officials in Tokyo said Japan would act; japan lacquer. " +
                             filler + filler;
    const Snippet s = snippet(text, q, 120);
    EXPECT_EQ(marked(s), (Strings{"Japanese", "Tokyo", "Japan"})) << s.text;

    // Only in a paragraph tagged with the actor, and not for an actor filtered out.
    HighlightQuery untagged;
    untagged.filter_actors = {"Japan"};
    add_actor_names(untagged, Gazetteer::builtin(), {"China"}, "en");
    EXPECT_TRUE(snippet(text, untagged, 120).spans.empty());
}

// A leader named in full once is tagged where the surname stands alone ("Morrison insists"),
// so actor:"Scott Morrison" marks the surname too, in the paragraph's language as well
// ("Путина"); 15 of 34 actor-filtered hits on corpora/ whose snippet marked nothing were such.
TEST_F(HighlighterTest, AFilteredLeadersSurnameIsMarked) {
    const Gazetteer g = Gazetteer::from_text(
        "leader: Scott Morrison\n"
        "leader: Vladimir Putin\n  ru: Владимир Путин\n"
        "leader: Charles de Gaulle\n"
        "leader: Ferdinand Marcos Jr. | Bongbong Marcos\n  surname: Marcos\n",
        "test");
    HighlightQuery q;
    q.filter_actors = {"Scott Morrison", "Charles de Gaulle", "Ferdinand Marcos Jr."};
    add_actor_names(q, g, {"Scott Morrison", "Charles de Gaulle", "Ferdinand Marcos Jr."}, "en");
    const Snippet s = snippet(
        "Morrison insists he raised it with de Gaulle's heirs; Marcos agreed; a morrison shelter.",
        q);
    EXPECT_EQ(marked(s), (Strings{"Morrison", "de Gaulle's", "Marcos"})) << s.text;

    Analyzer russian("ru");
    HighlightQuery ru;
    ru.filter_actors = {"Vladimir Putin"};
    add_actor_names(ru, g, {"Vladimir Putin"}, "ru");
    const Snippet t = highlighter_.snippet("Позиция Путина не изменилась.", ru, russian, 220);
    EXPECT_EQ(marked(t), Strings{"Путина"}) << t.text;
}

// With words in the query, the window is chosen for them first; the filtered actor's names
// are marked where the window holds them and choose among windows holding as many words.
TEST_F(HighlighterTest, TheQuerysWordsChooseTheWindowBeforeAFilteredActorsNames) {
    HighlightQuery q;
    q.add_term("drill", 0);
    q.filter_names = {{"Japan", 0}};
    const std::string filler =
        "The council met again to discuss the budget and other ordinary matters of the city. ";
    const std::string text = "Japan and Japan and Japan. " + filler + filler +
                             "The drills went on. " + filler + filler +
                             "Japan said the drills went on. " + filler;
    const Snippet s = snippet(text, q, 60);
    EXPECT_EQ(marked(s), (Strings{"Japan", "drills"})) << s.text;
    const Snippet shorter =
        snippet("Japan and Japan and Japan. " + filler + filler + "The drills went on.", q, 40);
    EXPECT_EQ(marked(shorter), Strings{"drills"}) << shorter.text;

    // A word of the query that is also the filtered actor's name stays a query word.
    HighlightQuery both;
    both.add_term("japan", 0);
    both.filter_names = {{"Japan", 0}};
    const std::vector<Mark> m = highlighter_.marks("Japan said so.", both, analyzer_);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_FALSE(m.front().filter);
}

// A query filtering by a topic (topic:maritime) marks, in a paragraph naming it, the cues the
// tagger counted for it, and the window goes to them; the words of the query choose first.
// It marked nothing and showed the paragraph's start.
TEST_F(HighlighterTest, AFilteredTopicsCuesAreMarkedAndTheWindowGoesToThem) {
    const Gazetteer g = Gazetteer::from_text(
        "topic: maritime | navy; coast guard\n  weak: sea; port; fleet\n"
        "topic: trade | tariff\n");
    const TopicTagger topics(g);
    HighlightQuery q;
    q.filter_topics = {"maritime"};
    q.cue_topics = {"maritime"};
    q.topic_tagger = &topics;
    const std::string filler =
        "The council met again to discuss the budget and other ordinary matters of the city. ";
    const std::string text = filler + filler +
                             "The Black Sea Fleet left port; the navy and the coast guard "
                             "followed it to sea. " +
                             filler + "New tariffs. " + filler;
    const Snippet s = snippet(text, q, 120);
    EXPECT_EQ(marked(s), (Strings{"port", "navy", "coast guard", "sea"})) << s.text;
    for (const Mark& m : highlighter_.marks(text, q, analyzer_)) EXPECT_TRUE(m.filter);

    HighlightQuery worded = q;
    worded.add_term("tariff", 0);
    const Snippet w = snippet(text, worded, 60);
    EXPECT_EQ(marked(w), Strings{"tariffs"}) << w.text;

    // Only for the topics the paragraph names (cue_topics), and only with the tagger.
    HighlightQuery none = q;
    none.cue_topics.clear();
    EXPECT_TRUE(snippet(text, none, 120).spans.empty());
    none = q;
    none.topic_tagger = nullptr;
    EXPECT_TRUE(snippet(text, none, 120).spans.empty());
}

}  // namespace
}  // namespace parley::highlight
