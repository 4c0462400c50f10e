#include "query/query_parser.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace parley::query {
namespace {

struct Case {
    std::string input;
    std::string parsed;
    std::string note;  // a substring of the single expected note; empty: no notes
};

class QueryParserTest : public ::testing::Test {
  protected:
    ParsedQuery parse(const std::string& q) { return QueryParser(analyzer_).parse(q); }

    void check(const std::vector<Case>& cases) {
        for (const auto& c : cases) {
            const ParsedQuery p = parse(c.input);
            EXPECT_EQ(describe(p.root), c.parsed) << "query: " << c.input;
            if (c.note.empty()) {
                EXPECT_TRUE(p.notes.empty())
                    << "query: " << c.input << " note: " << (p.notes.empty() ? "" : p.notes[0]);
            } else {
                const bool found = std::any_of(
                    p.notes.begin(), p.notes.end(),
                    [&](const std::string& n) { return n.find(c.note) != std::string::npos; });
                EXPECT_TRUE(found)
                    << "query: " << c.input << " notes: " << ::testing::PrintToString(p.notes);
            }
        }
    }
    Analyzer analyzer_{"en"};
};

TEST_F(QueryParserTest, ReadsEachConstruct) {
    check({
        {"naval drills AUKUS", "naval drills aukus", ""},
        {"\"joint naval drills\"", "\"joint naval drills\"", ""},
        {"\u201Cjoint naval drills\u201D", "\"joint naval drills\"", ""},
        {"+AUKUS -submarine naval", "+aukus -submarine naval", ""},
        {"-\"Sea of Japan\" drills", "-\"sea of japan\" drills", ""},
        {"China AND Russia", "(china AND russia)", ""},
        {"China OR Russia", "(china OR russia)", ""},
        {"China NOT Ukraine", "(china NOT ukraine)", ""},
        {"naval NOT (Ukraine)", "(naval NOT ukraine)", ""},
        {"China OR Russia AND Iran", "(china OR (russia AND iran))", ""},
        {"(China OR Russia) AND naval", "((china OR russia) AND naval)", ""},
        {"naval (AUKUS OR Quad)", "naval ((aukus OR quad))", ""},
        {"actor:China", "actor:China", ""},
        {"actor:\"United States\" naval", "actor:\"United States\" naval", ""},
        {"Actor:US", "actor:US", ""},
        {"topic:maritime year:2021 date:2021-01-01..2022-12-31",
         "topic:maritime year:2021 date:2021-01-01..2022-12-31", ""},
        {"-actor:Russia China", "-actor:Russia china", ""},
        {"drill*", "drill*", ""},
        {"China-Russia", "china-russia", ""},
        {"", "<all>", ""},
        {"   ", "<all>", ""},
        {"and or not", "and or not", ""},  // lower case: words, not operators
        // Colons in text are no field attempts: no note about an unknown field.
        {"https://example.org/oil", "\"https example.org oil\"", ""},
        {"3:1 vote", "\"3 1\" vote", ""},
    });
}

// Parentheses past the nesting limit are read as absent, their closing ones too: a
// balanced query gets one note, not a second about an unmatched ')'.
TEST_F(QueryParserTest, ParenthesesPastTheLimitCloseWithoutAnUnmatchedNote) {
    const ParsedQuery p = parse(std::string(40, '(') + "oil" + std::string(40, ')'));
    EXPECT_EQ(describe(p.root), "oil");
    EXPECT_EQ(p.notes,
              (std::vector<std::string>{"parentheses nested deeper than 32 levels were ignored"}));
}

// '*' is a wildcard at the end of a word only; elsewhere it is dropped, and a note says so.
TEST_F(QueryParserTest, AStarThatIsNoWildcardIsSaid) {
    check({
        {"\"oil expo*\"", "\"oil expo\"", "'*' inside a quoted phrase is no wildcard"},
        {"ex*ports", "\"ex ports\"", "'*' works at the end of a word only"},
    });
}

TEST_F(QueryParserTest, RepairsMalformedQueriesAndSaysHow) {
    check({
        {"\"joint naval drills", "\"joint naval drills\"", "missing closing quote"},
        {"(China OR Russia", "(china OR russia)", "missing ')'"},
        {"China) naval", "china naval", "unmatched ')'"},
        {"naval AND (", "naval", "'AND' with nothing after it"},
        {"( AND naval", "naval", "'AND' with nothing before it"},
        {"naval OR ()", "naval", "'OR' with nothing after it"},
        {"( OR naval)", "naval", "'OR' with nothing before it"},
        {"naval NOT ()", "naval", "'NOT' with nothing after it"},
        {"naval AND AND drills", "(naval AND drills)", "'AND' with nothing after it"},
        {"() naval", "naval", "empty parentheses"},
        {"actor: naval", "naval", "empty 'actor:' filter"},
        {"foo:bar", "bar", "unknown field 'foo:': 'bar' searched as words"},
        {"naval - drills", "naval drills", "'-' with nothing after it"},
        {"\"\" naval", "naval", "empty phrase"},
        {"a* naval", "naval", "needs at least two letters"},
        {"* naval", "naval", "needs at least two letters"},
        {"((((", "<all>", "empty parentheses"},
        {"--- naval", "naval", "'---' holds no words"},
        {"\u20AC", "<all>", "'\u20AC' holds no words: everything matches"},  // a sign alone
    });
}

// A query of signs alone holds no word: it matches everything, as an empty query does,
// and says so even when a repair was noted on the way ('+' dangling, '()' empty).
TEST_F(QueryParserTest, SignsAloneMatchEverythingAndSaySo) {
    for (const std::string q : {"+", "-", "\"\"", "+-", "()", "*", "-*", "( )", "+\"\"", "-()"}) {
        const ParsedQuery p = parse(q);
        EXPECT_EQ(p.root.type, QueryNode::Type::MatchAll) << q;
        EXPECT_TRUE(std::any_of(p.notes.begin(), p.notes.end(),
                                [](const std::string& n) {
                                    return n.find(
                                               "' leaves nothing to search for: "
                                               "everything matches") != std::string::npos;
                                }))
            << q << " notes: " << ::testing::PrintToString(p.notes);
    }
    EXPECT_TRUE(parse("").notes.empty());
}

// A control character is a space, said in a note: "china\0russia" is two words, not the
// phrase it silently was.
TEST_F(QueryParserTest, ControlCharactersAreSpacesWithANote) {
    const ParsedQuery p = parse(std::string("china\0russia", 12));
    EXPECT_EQ(describe(p.root), "china russia");
    ASSERT_FALSE(p.notes.empty());
    EXPECT_NE(p.notes.front().find("1 control character"), std::string::npos) << p.notes.front();
    EXPECT_EQ(describe(parse("china\x01russia\x7f").root), "china russia");
    EXPECT_TRUE(parse("china\trussia").notes.empty());
}

TEST_F(QueryParserTest, NeverLoopsOrThrowsOnHostileInput) {
    const std::vector<std::string> hostile{")))(((",
                                           "\"\"\"",
                                           "+-+-",
                                           "AND OR NOT",
                                           ":::",
                                           "actor:\"",
                                           "*",
                                           "-(",
                                           "+\"",
                                           std::string(500, '('),
                                           std::string(200000, '('),  // would overflow the stack
                                           std::string(100000, ')'),
                                           "\xff\xfe broken",
                                           std::string(5000, 'a')};
    for (const std::string& q : hostile) {
        EXPECT_NO_THROW(parse(q)) << q.substr(0, 20);
    }
    const ParsedQuery deep = parse(std::string(100, '(') + "naval" + std::string(100, ')'));
    EXPECT_EQ(describe(deep.root), "naval");
}

TEST_F(QueryParserTest, FlagsCommonWordsButNotCapitalisedAcronyms) {
    const auto words = [&](const std::string& q) {
        std::vector<bool> flags;
        for (const auto& child : parse(q).root.children) flags.push_back(child.stopword);
        return flags;
    };
    EXPECT_EQ(words("the naval drills"), (std::vector<bool>{true, false, false}));
    EXPECT_EQ(words("US sanctions"), (std::vector<bool>{false, false}));
    EXPECT_EQ(words("us sanctions"), (std::vector<bool>{true, false}));
}

TEST_F(QueryParserTest, OperatorsOnlyBetweenClausesOfAMixedCaseQuery) {
    check({
        // Typed in capitals: every word is a word (LISA-style queries).
        {"EFFECTS OF NOISE AND VIBRATION", "effects of noise and vibration", "query in capitals"},
        {"LIBRARIES NOT IN THE UK OR USA", "libraries not in the uk or usa", "query in capitals"},
        {"(NOISE OR VIBRATION) DAMAGE", "(noise or vibration) damage", "query in capitals"},
        // At the start or the end of a query: a word.
        {"NOT Ukraine", "not ukraine", "'NOT' opening the query read as a word"},
        {"naval AND", "naval and", "'AND' closing the query"},
        {"AND naval", "and naval", "'AND' opening"},
        {"naval OR", "naval or", "'OR' closing"},
        {"naval NOT", "naval not", "'NOT' closing"},
        {"NOT", "not", "'NOT' opening"},
        // Between clauses of a mixed-case query: operators as before.
        {"China AND Russia NOT Ukraine", "(china AND (russia NOT ukraine))", ""},
        {"China OR Russia", "(china OR russia)", ""},
        {"-Ukraine NOT Russia", "(-ukraine NOT russia)", ""},
        // Fewer than three words besides operators may be operators typed on purpose.
        {"US OR UK", "(us OR uk)", ""},
        {"NATO AND EU", "(nato AND eu)", ""},
    });
}

TEST_F(QueryParserTest, CommonWordsInAnyCaseButAcronymsInMixedCase) {
    const auto words = [&](const std::string& q) {
        std::vector<bool> flags;
        for (const auto& child : parse(q).root.children) flags.push_back(child.stopword);
        return flags;
    };
    EXPECT_EQ(words("THE Naval Drills"), (std::vector<bool>{false, false, false}));
    EXPECT_EQ(words("The naval drills"), (std::vector<bool>{true, false, false}));
    // In a query all in capitals, capitals say nothing: THE, OF, US and AND are common words.
    EXPECT_EQ(words("THE EFFECT OF US AND UK SANCTIONS"),
              (std::vector<bool>{true, false, true, true, true, false, false}));
    // An operator read as a word is the common word, whatever its capitals: "NOT Ukraine"
    // searches what "Ukraine" does, not every paragraph holding "not".
    EXPECT_EQ(words("NOT Ukraine"), (std::vector<bool>{true, false}));
    EXPECT_EQ(words("naval AND"), (std::vector<bool>{false, true}));
}

TEST_F(QueryParserTest, AnalysesWordsLikeTheIndexer) {
    const ParsedQuery p = parse("Drills Russia\u2019s");
    ASSERT_EQ(p.root.children.size(), 2u);
    EXPECT_EQ(p.root.children[0].tokens[0].term, "drill");
    EXPECT_EQ(p.root.children[1].tokens[0].term, "russia");
    const ParsedQuery compound = parse("China-Russia");
    EXPECT_EQ(compound.root.tokens.front().kind, Token::Kind::Compound);
    EXPECT_EQ(compound.root.tokens.front().term, "china-russia");
}

}  // namespace
}  // namespace parley::query
