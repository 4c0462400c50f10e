#include "tagger/topic_tagger.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "tagger/tagger.hpp"

namespace parley {
namespace {

using Strings = std::vector<std::string>;
using Evidence = std::map<std::string, Strings>;

// Topics with strong (head line) and weak cues, one cue shared by two topics, and a longer
// cue under another topic that hides a shorter one.
constexpr const char* kGazetteer =
    "topic: maritime | navy; coast guard\n"
    "  weak: sea; port; fleet\n"
    "topic: military | navy; troops\n"
    "  weak: weapon; war\n"
    "topic: trade | tariff\n"
    "topic: terrorism | World Trade Center\n"
    "topic: economic development | developing countries\n"
    "topic: energy | oil\n"
    "  weak: energy; fuel\n";

// A paragraph as the indexer hands it to the topic tagger: word tokens only, with their
// terms in the analyzer's language.
struct TaggerWords {
    std::vector<Token> tokens;
    std::vector<const Token*> words;
    std::vector<std::string_view> stems;
};
TaggerWords words_of(Analyzer& analyzer, const std::string& text) {
    TaggerWords out;
    out.tokens = analyzer.analyze(text);
    for (const Token& t : out.tokens) {
        if (t.kind == Token::Kind::Compound) continue;
        out.words.push_back(&t);
        out.stems.push_back(t.term);
    }
    return out;
}

// `text` tagged by `topics` as the indexer does.
schema::ParagraphTags tag_with(const TopicTagger& topics, Analyzer& analyzer,
                               const std::string& text) {
    const TaggerWords w = words_of(analyzer, text);
    schema::ParagraphTags tags;
    topics.tag(text, w.words, w.stems, tags, analyzer.language());
    return tags;
}

class TopicTaggerTest : public ::testing::Test {
  protected:
    schema::ParagraphTags tag(const std::string& text) {
        return tag_with(topics_, analyzer_, text);
    }

    Gazetteer gazetteer_ = Gazetteer::from_text(kGazetteer);
    TopicTagger topics_{gazetteer_};
    Analyzer analyzer_{"en"};
};

TEST_F(TopicTaggerTest, OneStrongCueMentionsATopic) {
    EXPECT_EQ(tag("New tariffs took effect.").mentioned_topics, Strings{"trade"});
    EXPECT_EQ(tag("The coast guard boarded it.").mentioned_topics, Strings{"maritime"});
}

TEST_F(TopicTaggerTest, OneWeakCueIsNoMentionHoweverOftenItOccurs) {
    EXPECT_EQ(tag("A sea change.").mentioned_topics, Strings{});
    EXPECT_EQ(tag("A sea change, a sea of faces, and the sea.").mentioned_topics, Strings{});
}

TEST_F(TopicTaggerTest, TwoDistinctWeakCuesMentionATopic) {
    const auto tags = tag("The fleet left port for the open sea.");
    EXPECT_EQ(tags.mentioned_topics, Strings{"maritime"});
    EXPECT_EQ(tags.topic_evidence, (Evidence{{"maritime", {"fleet", "port", "sea"}}}));
}

TEST_F(TopicTaggerTest, ACueListedUnderSeveralTopicsCountsForEach) {
    const auto tags = tag("The navy sailed.");
    EXPECT_EQ(tags.mentioned_topics, (Strings{"maritime", "military"}));
    EXPECT_EQ(tags.topic_evidence, (Evidence{{"maritime", {"navy"}}, {"military", {"navy"}}}));
    // A strong cue and a weak one: both are evidence.
    EXPECT_EQ(tag("Troops and weapons.").topic_evidence,
              (Evidence{{"military", {"troops", "weapon"}}}));
}

TEST_F(TopicTaggerTest, ALongerCueHidesTheCuesInsideIt) {
    const auto tags = tag("The World Trade Center fell; tariff talk was elsewhere.");
    EXPECT_EQ(tags.mentioned_topics, (Strings{"terrorism", "trade"}));
    EXPECT_EQ(tags.topic_evidence.at("trade"), Strings{"tariff"});
    EXPECT_EQ(tag("The World Trade Center fell.").mentioned_topics, Strings{"terrorism"});
}

TEST_F(TopicTaggerTest, AWeakCueInsideACapitalisedNameDoesNotCount) {
    EXPECT_EQ(tag("The Black Sea Fleet left port.").mentioned_topics, Strings{});
    EXPECT_EQ(tag("The black sea fleet left port.").mentioned_topics, Strings{"maritime"});
    EXPECT_EQ(tag("The China Coast Guard boarded it.").mentioned_topics, Strings{"maritime"});
}

TEST_F(TopicTaggerTest, PresentAndPastParticiplesAreDifferentWords) {
    EXPECT_EQ(tag("Aid to developing countries grew.").mentioned_topics,
              Strings{"economic development"});
    EXPECT_EQ(tag("Targets for developed countries.").mentioned_topics, Strings{});
}

// cue_spans() gives where the cues that count for one topic stand, by the rules tag()
// counts them by: a weak cue inside a capitalised name, a word the longer cue holds, a
// topic's `not:` word and a cue of another topic stand nowhere. The highlighter marks these
// under a topic filter.
TEST_F(TopicTaggerTest, CueSpansAreTheCuesTagCounted) {
    const auto spans = [&](const std::string& text, const std::string& topic,
                           const TopicTagger& topics) {
        const TaggerWords w = words_of(analyzer_, text);
        Strings out;
        for (const auto& [begin, end] : topics.cue_spans(text, w.words, w.stems, topic, "en"))
            out.push_back(text.substr(begin, end - begin));
        return out;
    };
    EXPECT_EQ(spans("The Black Sea Fleet left port; the Navy and two coast guards followed.",
                    "maritime", topics_),
              (Strings{"port", "Navy", "coast guards"}));
    EXPECT_EQ(spans("The Navy sailed past the World Trade Center; tariffs.", "military", topics_),
              Strings{"Navy"});
    EXPECT_EQ(spans("The World Trade Center; tariffs.", "trade", topics_), Strings{"tariffs"});
    EXPECT_EQ(spans("Tariffs.", "no such topic", topics_), Strings{});
    const Gazetteer with_not = Gazetteer::from_text("topic: trade | goods; tariff\n  not: good\n");
    const TopicTagger trade(with_not);
    EXPECT_EQ(spans("Goods bought in good faith.", "trade", trade), Strings{"Goods"});
}

TEST_F(TopicTaggerTest, ANameListedAsWeakIsAWeakCue) {
    EXPECT_EQ(tag("She spoke with energy.").mentioned_topics, Strings{});
    EXPECT_EQ(tag("Energy and fuel costs.").topic_evidence,
              (Evidence{{"energy", {"energy", "fuel"}}}));
    EXPECT_EQ(tag("Oil.").mentioned_topics, Strings{"energy"});
}

TEST_F(TopicTaggerTest, ATopicIsTheParagraphsWhenItsCuesOccurThriceOrOneCueTwice) {
    // Named once: mentioned, with its evidence, but not a topic of the paragraph.
    auto tags = tag("New tariffs took effect.");
    EXPECT_EQ(tags.mentioned_topics, Strings{"trade"});
    EXPECT_EQ(tags.topics, Strings{});
    EXPECT_EQ(tags.topic_evidence, (Evidence{{"trade", {"tariff"}}}));
    // One cue twice, or cues three times.
    EXPECT_EQ(tag("New tariffs, and more tariffs after them.").topics, Strings{"trade"});
    EXPECT_EQ(tag("The fleet left port for the open sea.").topics, Strings{"maritime"});
    // Two different cues once each: named twice, but a topic only if the article bears it out.
    tags = tag("The fleet left port.");
    EXPECT_EQ(tags.topics, Strings{});
    EXPECT_EQ(tags.mentioned_topics, Strings{"maritime"});
    EXPECT_EQ(tags.topics_named_twice, Strings{"maritime"});
    EXPECT_EQ(tags.topics_awaiting_article, Strings{"maritime"});
    // Each topic counts its own cues: the navy, the coast guard and the fleet for maritime,
    // the navy and troops for military, which is named less than maritime and so is only
    // mentioned whatever the article says.
    tags = tag("The navy, the coast guard and the fleet sailed; troops followed.");
    EXPECT_EQ(tags.topics, Strings{"maritime"});
    EXPECT_EQ(tags.mentioned_topics, (Strings{"maritime", "military"}));
    EXPECT_EQ(tags.topics_named_twice, (Strings{"maritime", "military"}));
    EXPECT_EQ(tags.topics_awaiting_article, Strings{});
    EXPECT_EQ(tags.topic_evidence, (Evidence{{"maritime", {"coast guard", "fleet", "navy"}},
                                             {"military", {"navy", "troops"}}}));
    // One weak cue is not even a mention, however often it occurs.
    EXPECT_EQ(tag("A sea change, a sea of faces, and the sea.").mentioned_topics, Strings{});
}

TEST_F(TopicTaggerTest, ATopicNamedTwiceByTwoCuesNeedsTwoOtherParagraphsNamingIt) {
    std::vector<schema::ParagraphTags> article{
        tag("The fleet left port."),                  // maritime awaits the article
        tag("The navy and the coast guard sailed."),  // maritime awaits, and names it twice
        tag("Tariffs rose, then tariffs fell."),      // trade only
    };
    auto weighed = article;
    weigh_topics_in_article(weighed);
    // Each maritime paragraph has one other naming it twice: not enough.
    EXPECT_EQ(weighed[0].topics, Strings{});
    EXPECT_EQ(weighed[1].topics, Strings{});
    EXPECT_EQ(weighed[2].topics, Strings{"trade"});
    // A third paragraph naming it twice gives each of them two.
    article.push_back(tag("The port and the sea were calm."));
    ASSERT_EQ(article.back().topics_named_twice, Strings{"maritime"});
    weigh_topics_in_article(article);
    EXPECT_EQ(article[0].topics, Strings{"maritime"});
    EXPECT_EQ(article[1].topics, Strings{"maritime"});
    EXPECT_EQ(article[2].topics, Strings{"trade"});
    // A paragraph that names maritime once is no support.
    std::vector<schema::ParagraphTags> thin{tag("The fleet left port."), tag("The navy sailed."),
                                            tag("The coast guard sailed."),
                                            tag("The navy and the coast guard sailed.")};
    weigh_topics_in_article(thin);
    EXPECT_EQ(thin[0].topics, Strings{});
}

TEST_F(TopicTaggerTest, ATopicNamedOnlyAsAMinorItemOfAListIsOnlyMentioned) {
    // Trade twice, both times one short item among six: mentioned, not a topic. It fills
    // most of the next list; oil is also named outside its list.
    const auto tags = tag("We fund schools, tariffs, roads, tariff cuts, clinics and parks.");
    EXPECT_EQ(tags.topics, Strings{});
    EXPECT_EQ(tags.mentioned_topics, Strings{"trade"});
    EXPECT_EQ(tag("Quotas, tariffs, tariff rates and levies rose.").topics, Strings{"trade"});
    EXPECT_EQ(tag("Oil prices rose. We fund schools, roads, oil, clinics and parks.").topics,
              Strings{"energy"});
}

// The built-in gazetteer's topics on cases the issue reported, and its rules.
TEST(BuiltinTopics, ReadParagraphsAsAnAnalystWould) {
    const Tagger tagger(Gazetteer::builtin());
    Analyzer analyzer("en");
    auto topics = [&](const std::string& text) {
        const auto tokens = analyzer.analyze(text);
        std::vector<std::string_view> stems;
        for (const auto& t : tokens) stems.push_back(t.term);
        return tagger.tag(text, tokens, stems).mentioned_topics;
    };
    const std::vector<std::pair<std::string, Strings>> cases{
        {"According to the minister, the plan is sound.", {}},
        {"The attack on the World Trade Center shocked the world.", {"terrorism"}},
        {"Industry leaders met on Tuesday.", {}},
        {"Arms control talks resumed in Geneva.", {"arms control"}},
        {"The two sides agreed to negotiate a peace settlement.", {"diplomacy"}},
        {"The navy deployed a carrier group.", {"maritime", "military"}},
        {"A ceasefire took hold.", {"diplomacy", "military"}},
        {"It was a sea change in attitudes.", {}},
        {"Free elections, a free press and free trade unions.", {}},
    };
    for (const auto& [text, expected] : cases) EXPECT_EQ(topics(text), expected) << text;
}

// A topic's `not:` words share a cue's stem but not its sense: they never count for that
// topic, whatever their case, while the cue's own forms still do, and another topic with
// the same cue is not affected.
TEST(TopicTaggerNotWords, WordsJoinedToACueByTheStemmerDoNotCount) {
    const Gazetteer gazetteer = Gazetteer::from_text(
        "topic: trade | goods; tariff\n"
        "  not: good; goodness\n"
        "topic: finance | recession\n"
        "  not: recess\n"
        "topic: charity | goods\n");
    const TopicTagger topics(gazetteer);
    Analyzer analyzer("en");
    auto tag = [&](const std::string& text) {
        return tag_with(topics, analyzer, text).mentioned_topics;
    };
    ASSERT_EQ(analyzer.stem("good"), analyzer.stem("goods")) << "the conflation this is for";
    EXPECT_EQ(tag("Exports of goods rose."), (Strings{"charity", "trade"}));
    EXPECT_EQ(tag("They bargained in good faith."), Strings{"charity"});
    EXPECT_EQ(tag("Good. GOODNESS knows."), Strings{"charity"});
    EXPECT_EQ(tag("The Senate is in recess."), Strings{});
    EXPECT_EQ(tag("The recession deepened."), Strings{"finance"});
    EXPECT_EQ(tag("A good tariff."), (Strings{"charity", "trade"})) << "another cue still counts";
}

// Cues apply to text of their language: English cues to English paragraphs, a topic's
// language lines to paragraphs in that language, after that language's analysis.
TEST(TopicTaggerLanguages, CuesApplyToTextOfTheirLanguageOnly) {
    const Gazetteer gazetteer = Gazetteer::from_text(
        "topic: sanctions | embargo; asset freeze\n"
        "  ru: санкции; эмбарго\n"
        "  es: sanciones\n"
        "  zh: 制裁\n"
        "topic: military | troops\n"
        "  weak: war; blockade\n"
        "topic: maritime | canal\n"
        "  weak: port\n"
        "  he: סנקציות\n");
    const TopicTagger topics(gazetteer);
    auto tag = [&](const std::string& language, const std::string& text) {
        Analyzer analyzer(language);
        return tag_with(topics, analyzer, text).mentioned_topics;
    };
    // English stems of foreign words are false friends.
    EXPECT_EQ(tag("es", "Sin embargo, el gobierno no cedió."), Strings{});
    EXPECT_EQ(tag("de", "Die Blockade war ein Fehler, der Krieg war lang."), Strings{});
    EXPECT_EQ(tag("fr", "Le porte-parole du canal a parlé."), Strings{});
    // The language's own cues match its inflected forms.
    EXPECT_EQ(tag("es", "Las sanciones contra Rusia siguen."), Strings{"sanctions"});
    EXPECT_EQ(tag("ru", "Новые санкции против России."), Strings{"sanctions"});
    EXPECT_EQ(tag("ru", "Отмена санкций обсуждалась."), Strings{"sanctions"});
    EXPECT_EQ(tag("zh", "美国宣布对俄罗斯实施新的制裁。"), Strings{"sanctions"});
    Analyzer russian("ru");
    EXPECT_EQ(tag_with(topics, russian, "Новое эмбарго.").topic_evidence.at("sanctions"),
              Strings{"эмбарго"});
    // A language's cues stay in that language; English cues in English.
    EXPECT_EQ(tag("en", "The sanciones were debated."), Strings{});
    EXPECT_EQ(tag("en", "An embargo on oil."), Strings{"sanctions"});
    // A language without cues (or one Parley does not analyse) gets no topic.
    EXPECT_EQ(tag("fr", "Un embargo et des troupes."), Strings{});
}

// The built-in gazetteer's cues in the five languages, read as ArticlePreparer does.
TEST(BuiltinTopics, OtherLanguagesUseTheirOwnCues) {
    const Tagger tagger(Gazetteer::builtin());
    Analyzer english("en");
    auto topics = [&](const std::string& language, const std::string& text) {
        Analyzer own(language);
        const auto tokens = own.analyze(text);
        std::vector<std::string> english_stems;
        for (const auto& t : tokens) english_stems.push_back(english.stem(t.norm));
        const std::vector<std::string_view> stems(english_stems.begin(), english_stems.end());
        return tagger.tag(text, tokens, stems, language).mentioned_topics;
    };
    const std::vector<std::tuple<std::string, std::string, Strings>> cases{
        {"es", "Sin embargo, el gobierno no cedió.", {}},
        {"de", "Das war ein Fehler, sagte sie.", {}},
        {"de", "Die Blockade der Reform war lang.", {}},
        {"fr", "Le porte-parole du gouvernement a répondu.", {}},
        {"ru", "Евросоюз ввёл новые санкции против России.", {"sanctions"}},
        {"zh", "美国宣布对俄罗斯实施新的制裁。", {"sanctions"}},
        {"es", "Las sanciones de la Unión Europea.", {"sanctions"}},
        {"fr", "Les sanctions contre l'Iran.", {"sanctions"}},
        {"de", "Neue Sanktionen gegen Russland.", {"sanctions"}},
        {"de", "Die Bundeswehr schickt Truppen.", {"military"}},
        {"ru", "Цены на нефть выросли.", {"energy"}},
        {"fr", "Les pourparlers entre diplomates reprennent.", {"diplomacy"}},
        {"es", "Los aranceles sobre el acero.", {"trade"}},
        {"zh", "中国海军在南海举行演习。", {"maritime"}},
        {"ru", "Иран продолжает ядерную программу.", {"nuclear"}},
    };
    for (const auto& [language, text, expected] : cases)
        EXPECT_EQ(topics(language, text), expected) << language << ": " << text;
}

}  // namespace
}  // namespace parley
