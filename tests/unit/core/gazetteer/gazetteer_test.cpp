#include "parley/gazetteer.hpp"

#include <gtest/gtest.h>

#include "parley/error.hpp"

namespace parley {
namespace {

TEST(Gazetteer, ParsesKindsNamesAndAliases) {
    const Gazetteer g = Gazetteer::from_text(
        "# comment\n\nstate: United States | US; U.S.; American ; Washington\n"
        "leader: Xi Jinping | Xi; President Xi\nblock: South China Sea\ntopic: maritime | naval; "
        "sea\n",
        "test");
    ASSERT_EQ(g.entries().size(), 4u);
    EXPECT_EQ(g.entries()[0].name, "United States");
    EXPECT_EQ(g.entries()[0].aliases,
              (std::vector<std::string>{"US", "U.S.", "American", "Washington"}));
    EXPECT_EQ(g.entries()[0].line, 3u);
    EXPECT_EQ(g.actor_count(), 2u);
    EXPECT_EQ(g.topic_count(), 1u);
    EXPECT_EQ(g.fingerprint().size(), 16u);
}

TEST(Gazetteer, ResolvesNamesTypedByPeople) {
    const Gazetteer& g = Gazetteer::builtin();
    EXPECT_EQ(g.canonical_actor("US"), "United States");
    EXPECT_EQ(g.canonical_actor("u.s."), "United States");
    EXPECT_EQ(g.canonical_actor("united states of america"), "United States");
    EXPECT_EQ(g.canonical_actor("aukus"), "AUKUS");
    EXPECT_EQ(g.canonical_actor("President Xi"), "Xi Jinping");
    EXPECT_EQ(g.canonical_actor("Erdogan"), g.canonical_actor("Erdoğan"));
    EXPECT_EQ(g.canonical_actor("Atlantis"), std::nullopt);
    EXPECT_EQ(g.canonical_topic("Maritime"), "maritime");
}

TEST(Gazetteer, BuiltinCoversTheRequiredActorsAndTopics) {
    const Gazetteer& g = Gazetteer::builtin();
    EXPECT_GE(g.actor_count(), 150u);
    EXPECT_GE(g.topic_count(), 12u);
    for (const char* name : {"China",
                             "Russia",
                             "United States",
                             "NATO",
                             "AUKUS",
                             "Quad",
                             "BRICS",
                             "ASEAN",
                             "AIIB",
                             "New Development Bank",
                             "IMF",
                             "World Bank",
                             "WTO",
                             "OPCW",
                             "IAEA",
                             "G7",
                             "G20",
                             "OPEC",
                             "Xi Jinping",
                             "Vladimir Putin",
                             "Shanghai Cooperation Organisation",
                             "United Nations",
                             "European Union"}) {
        EXPECT_EQ(g.canonical_actor(name), name) << name;
    }
}

TEST(Gazetteer, ReportsFileAndLineOfAMalformedEntry) {
    try {
        Gazetteer::from_text("state: China\nplanet: Mars\n", "my.gazetteer");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("my.gazetteer:2: unknown kind 'planet'"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(Gazetteer::from_text("state China\n", "x"), InputError);
    EXPECT_THROW(Gazetteer::from_text("state: China\nstate: china\n", "x"), InputError);
    EXPECT_THROW(Gazetteer::from_text("state: \n", "x"), InputError);
    EXPECT_THROW(Gazetteer::from_file("/nonexistent/file"), InputError);
}

TEST(FoldName, IgnoresCaseAccentsAndPunctuation) {
    EXPECT_EQ(fold_name("U.S."), "us");
    EXPECT_EQ(fold_name("  Guinea-Bissau "), "guinea bissau");
    EXPECT_EQ(fold_name("Hannah Bergström"), "hannah bergstrom");
}

}  // namespace
}  // namespace parley
