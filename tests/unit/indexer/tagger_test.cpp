#include "tagger/tagger.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace parley {
namespace {

class TaggerTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { tagger_ = new Tagger(Gazetteer::builtin()); }
    static void TearDownTestSuite() { delete tagger_; }

    ParagraphTags tag(const std::string& text) {
        const auto tokens = analyzer_.analyze(text);
        std::vector<std::string_view> stems;
        for (const auto& t : tokens) stems.push_back(t.term);
        return tagger_->tag(text, tokens, stems);
    }
    bool has_actor(const std::string& text, const std::string& actor) {
        const auto actors = tag(text).actors;
        return std::find(actors.begin(), actors.end(), actor) != actors.end();
    }

    static Tagger* tagger_;
    Analyzer analyzer_{"en"};
};
Tagger* TaggerTest::tagger_ = nullptr;

using Strings = std::vector<std::string>;

TEST_F(TaggerTest, ResolvesAliasesToCanonicalNames) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"the People's Republic of China objected", "China"},
        {"Beijing insists on its claims", "China"},
        {"the Kremlin said nothing", "Russia"},
        {"Moscow responded", "Russia"},
        {"officials in Canberra", "Australia"},
        {"President Xi met him", "Xi Jinping"},
        {"Xi spoke first", "Xi Jinping"},
        {"the North Atlantic Treaty Organization", "NATO"},
        {"the Asian Infrastructure Investment Bank (AIIB)", "AIIB"},
        {"the Shanghai Cooperation Organisation", "Shanghai Cooperation Organisation"},
        {"the International Monetary Fund", "IMF"},
        {"President Erdogan", "Recep Tayyip Erdoğan"},
    };
    for (const auto& [text, actor] : cases)
        EXPECT_TRUE(has_actor(text, actor)) << text << " -> " << actor;
}

TEST_F(TaggerTest, MatchesShortAcronymsOnlyInCapitals) {
    EXPECT_EQ(tag("It reminds us that deterrence is fragile.").actors, Strings{});
    EXPECT_EQ(tag("Us and them.").actors, Strings{});
    EXPECT_EQ(tag("US forces withdrew").actors, Strings{"United States"});
    EXPECT_EQ(tag("U.S. troops withdrew").actors, Strings{"United States"});
    EXPECT_EQ(tag("the US's allies").actors, Strings{"United States"});
    EXPECT_EQ(tag("the un resolution").actors, Strings{});
    EXPECT_EQ(tag("the UN resolution").actors, Strings{"United Nations"});
    EXPECT_EQ(tag("who knows").actors, Strings{});
}

TEST_F(TaggerTest, MapsDemonymsToTheirState) {
    EXPECT_EQ(tag("Chinese President Xi Jinping").actors, (Strings{"China", "Xi Jinping"}));
    EXPECT_EQ(tag("Russian forces and American allies").actors,
              (Strings{"Russia", "United States"}));
}

TEST_F(TaggerTest, IgnoresStateNamesInsideInstitutionNames) {
    // The seed op-ed's author note: the university is not the actor China...
    EXPECT_EQ(tag("a PhD Candidate at Central China Normal University (CCNU), Hubei").actors,
              Strings{});
    EXPECT_EQ(
        tag("Research Fellow at Bangladesh Institute of Law and International Affairs").actors,
        Strings{});
    EXPECT_EQ(tag("the Yunnan Academy of Social Sciences").actors, Strings{});
    // ...but a place named after a comma, or in a sentence, still is.
    EXPECT_EQ(tag("the University of Dhaka, Bangladesh").actors, Strings{"Bangladesh"});
    EXPECT_EQ(tag("Sultana Yesmin is at Central China Normal University, Hubei, China.").actors,
              Strings{"China"});
    // A state's own agency is that state.
    EXPECT_EQ(tag("The US National Intelligence Council's Global Trends 2040").actors,
              Strings{"United States"});
}

TEST_F(TaggerTest, BlockedNamesHideTheActorsInside) {
    EXPECT_EQ(tag("patrols in the South China Sea").actors, Strings{});
    EXPECT_EQ(tag("drills in the Sea of Japan").actors, Strings{});
    EXPECT_EQ(tag("the Paris Agreement").actors, Strings{});
}

TEST_F(TaggerTest, LongestMatchWins) {
    EXPECT_EQ(tag("South Korea and North Korea").actors, (Strings{"North Korea", "South Korea"}));
    EXPECT_EQ(tag("the North Atlantic Treaty Organization (NATO)").actors, Strings{"NATO"});
    EXPECT_EQ(tag("South Sudan").actors, Strings{"South Sudan"});
}

TEST_F(TaggerTest, ReadsPossessivesAndHyphenatedCompounds) {
    EXPECT_EQ(tag("Russia\u2019s legitimate concerns").actors, Strings{"Russia"});
    EXPECT_EQ(tag("China-Russia alignment").actors, (Strings{"China", "Russia"}));
    EXPECT_EQ(tag("the US-led Indo-Pacific strategy").actors, Strings{"United States"});
}

TEST_F(TaggerTest, CapitalisedNamesNeedCapitals) {
    EXPECT_EQ(tag("a turkey dinner in china cups").actors, Strings{});
    EXPECT_EQ(tag("Turkey and China").actors, (Strings{"China", "Turkey"}));
}

TEST_F(TaggerTest, TagsTopicsFromStemmedCues) {
    const auto tags = tag("Russia and China held joint naval drills in October.");
    EXPECT_NE(std::find(tags.topics.begin(), tags.topics.end(), "maritime"), tags.topics.end());
}

TEST_F(TaggerTest, TagsTheSeedParagraphOnAukus) {
    const std::string text =
        "Likewise, in the maritime domain, China and Russia have condemned Australia, the United "
        "Kingdom and the US (AUKUS) alliance for destabilizing the order of the sea in the Asia "
        "Pacific and heightened coordination to counterbalance the trilateral security "
        "partnership. "
        "As a part of this, Russia and China held joint naval drills for the first time in the Sea "
        "of Japan in October 2021.";
    EXPECT_EQ(tag(text).actors, (Strings{"AUKUS", "Australia", "China", "Russia", "United Kingdom",
                                         "United States"}));
}

TEST(Tagger, UsesACustomGazetteer) {
    const Gazetteer g = Gazetteer::from_text(
        "alliance: Quad | Quadrilateral Security Dialogue\ntopic: vaccines | vaccine\n");
    Tagger tagger(g);
    Analyzer analyzer("en");
    const std::string text =
        "The Quadrilateral Security Dialogue pledged vaccines; a quad bike is not the Quad.";
    const auto tokens = analyzer.analyze(text);
    std::vector<std::string_view> stems;
    for (const auto& t : tokens) stems.push_back(t.term);
    const auto tags = tagger.tag(text, tokens, stems);
    EXPECT_EQ(tags.actors, Strings{"Quad"});
    EXPECT_EQ(tags.topics, Strings{"vaccines"});
}

}  // namespace
}  // namespace parley
