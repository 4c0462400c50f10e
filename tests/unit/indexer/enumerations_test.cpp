#include "tagger/enumerations.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parley {
namespace {

using Lists = std::vector<std::vector<std::string>>;

// The enumerations of `text`, each item as the words it covers.
Lists lists_in(const std::string& text) {
    Analyzer analyzer("en");
    const std::vector<Token> tokens = analyzer.analyze(text);
    std::vector<const Token*> words;
    for (const Token& t : tokens)
        if (t.kind != Token::Kind::Compound) words.push_back(&t);
    Lists out;
    for (const Enumeration& list : find_enumerations(text, words)) {
        auto& items = out.emplace_back();
        for (const EnumerationItem& item : list)
            items.push_back(text.substr(words[item.first]->begin,
                                        words[item.last]->end - words[item.first]->begin));
    }
    return out;
}

TEST(Enumerations, CommaListsKeepTheEndItemsNearTheList) {
    EXPECT_EQ(lists_in("The paralyzing effects of a nationwide strike in such industries as "
                       "transportation, coal, oil, steel, or communications can result in "
                       "national disaster."),
              (Lists{{"such industries as transportation", "coal", "oil", "steel",
                      "communications can result in"}}));
    EXPECT_EQ(lists_in("Excellent schools, quality health care, a secure retirement, a cleaner "
                       "environment, a stronger defense: these are needs."),
              (Lists{{"Excellent schools", "quality health care", "a secure retirement",
                      "a cleaner environment", "a stronger defense"}}));
}

TEST(Enumerations, TheLastItemMayFollowAConjunctionWithoutAComma) {
    EXPECT_EQ(lists_in("Sanctions, tariffs, export controls and investment screening."),
              (Lists{{"Sanctions", "tariffs", "export controls", "investment screening"}}));
}

TEST(Enumerations, OneConjunctionRepeatedMakesAList) {
    EXPECT_EQ(lists_in("These cuts do not undermine it by endangering Medicare or Medicaid or "
                       "education or the environment or by raising taxes on working families."),
              (Lists{{"it by endangering Medicare", "Medicaid", "education", "the environment",
                      "by raising taxes on"}}));
    EXPECT_EQ(lists_in("Oil and gas or coal and steel."), Lists{}) << "mixed conjunctions";
}

TEST(Enumerations, PairsTriplesAndClausesAreNotLists) {
    EXPECT_EQ(lists_in("Military, economic and diplomatic pressure."), Lists{});
    EXPECT_EQ(lists_in("But they pay more, wait longer and often receive lower quality."), Lists{});
    EXPECT_EQ(lists_in("Oil, gas. Coal, steel, iron."), Lists{}) << "a sentence end cuts";
    // A long inner segment is a clause, not an item: it ends one run and begins the next.
    EXPECT_EQ(lists_in("Tanks, guns, the long columns of trucks that moved slowly north, mines."),
              Lists{});
}

TEST(Enumerations, NamesWithTheirDescriptionsAreNotLists) {
    EXPECT_EQ(lists_in("After a call between Ajit Doval, the national security adviser, and Wang "
                       "Yi, China's foreign minister, on 5 July, the armies pulled back."),
              Lists{});
    EXPECT_EQ(lists_in("The government changed the tone, and Penny Wong, the foreign minister, "
                       "flew to Fiji."),
              Lists{});
}

TEST(Enumerations, OnlyMinorListItems) {
    // Items: 0 "A", 1 "B", 2 "C", 3 "D", 4 "E" (one word each, words 0..4).
    const std::vector<Enumeration> lists{{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}}};
    EXPECT_TRUE(only_minor_list_items(lists, {{2, 2}}));
    EXPECT_TRUE(only_minor_list_items(lists, {{1, 1}, {3, 3}})) << "two of five";
    EXPECT_FALSE(only_minor_list_items(lists, {{1, 1}, {2, 2}, {3, 3}})) << "most of the list";
    EXPECT_FALSE(only_minor_list_items(lists, {{0, 0}})) << "an end item";
    EXPECT_FALSE(only_minor_list_items(lists, {{2, 2}, {7, 7}})) << "also outside the list";
    EXPECT_FALSE(only_minor_list_items(lists, {}));
    EXPECT_FALSE(only_minor_list_items({}, {{2, 2}}));
}

}  // namespace
}  // namespace parley
