// Proximity queries: NEAR/N, ADJ/N and "a b"~N, from syntax to the rule that places the
// words and the snippet marks.
#include "match/proximity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "highlight/highlighter.hpp"
#include "query/query_parser.hpp"
#include "schema/token_stream.hpp"

namespace parley {
namespace {

// ---- syntax ----------------------------------------------------------------------------

struct ProximityCase {
    std::string input;
    std::string parsed;
    std::string note;  // a substring of one expected note; empty: no notes
};

class ProximityParserTest : public ::testing::Test {
  protected:
    void check_proximity(const std::vector<ProximityCase>& cases) {
        for (const auto& c : cases) {
            const query::ParsedQuery p = query::QueryParser(analyzer_).parse(c.input);
            EXPECT_EQ(query::describe(p.root), c.parsed) << "query: " << c.input;
            if (c.note.empty()) {
                EXPECT_TRUE(p.notes.empty())
                    << "query: " << c.input << " notes: " << ::testing::PrintToString(p.notes);
                continue;
            }
            EXPECT_TRUE(std::any_of(
                p.notes.begin(), p.notes.end(),
                [&](const std::string& n) { return n.find(c.note) != std::string::npos; }))
                << "query: " << c.input << " notes: " << ::testing::PrintToString(p.notes);
        }
    }
    Analyzer analyzer_{"en"};
};

TEST_F(ProximityParserTest, ReadsTheThreeSyntaxes) {
    check_proximity({
        {"Putin NEAR/5 sanctions", "(putin NEAR/5 sanctions)", ""},
        {"Putin NEAR sanctions", "(putin NEAR/10 sanctions)", ""},
        {"Putin ADJ/3 sanctions", "(putin ADJ/3 sanctions)", ""},
        {"Putin ADJ sanctions", "(putin ADJ/10 sanctions)", ""},
        {"\"Putin sanctions\"~5", "\"putin sanctions\"~5", ""},
        {"\"joint naval drills\"~2", "\"joint naval drills\"~2", ""},
        // Tighter than juxtaposition; the group takes the first word's sign.
        {"oil Putin NEAR/5 sanctions Iran", "oil (putin NEAR/5 sanctions) iran", ""},
        {"+Putin NEAR/5 sanctions oil", "+(putin NEAR/5 sanctions) oil", ""},
        {"-Putin NEAR/5 sanctions oil", "-(putin NEAR/5 sanctions) oil", ""},
        {"China AND Putin NEAR/5 sanctions", "(china AND (putin NEAR/5 sanctions))", ""},
        // A phrase as a part; a common word is kept inside, as in a phrase.
        {"\"joint naval drills\" NEAR/4 Taiwan", "(\"joint naval drills\" NEAR/4 taiwan)", ""},
        {"the NEAR/2 war", "(the NEAR/2 war)", ""},
        // A chain is one group.
        {"oil NEAR/5 gas NEAR/5 Russia", "(oil NEAR/5 gas NEAR/5 russia)", ""},
        {"oil ADJ/2 gas ADJ/2 Russia", "(oil ADJ/2 gas ADJ/2 russia)", ""},
        {"Putin NEAR/0 sanctions", "(putin NEAR/0 sanctions)", ""},
    });
}

TEST_F(ProximityParserTest, RepairsMalformedProximityWithANote) {
    check_proximity({
        {"Putin NEAR/abc sanctions", "(putin NEAR/10 sanctions)",
         "'NEAR/abc': no number of words after '/'; read as NEAR/10"},
        {"Putin NEAR/ sanctions", "(putin NEAR/10 sanctions)", "read as NEAR/10"},
        {"Putin NEAR/-3 sanctions", "(putin NEAR/10 sanctions)", "read as NEAR/10"},
        {"Putin NEAR/5000 sanctions", "(putin NEAR/100 sanctions)", "capped at NEAR/100"},
        {"Putin ADJ/99999999999999999999 sanctions", "(putin ADJ/100 sanctions)",
         "capped at ADJ/100"},
        {"\"Putin sanctions\"~", "\"putin sanctions\"~10", "'~' after a phrase without a number"},
        {"\"Putin sanctions\"~900", "\"putin sanctions\"~100", "capped at ~100"},
        {"\"sanctions\"~3 oil", "sanctions oil", "'~' after a single word"},
        {"oil NEAR/3", "oil", "'NEAR/3' with nothing after it was ignored"},
        {"NEAR/3 oil", "oil", "'NEAR/3' with nothing before it was ignored"},
        {"(NEAR/3 oil)", "oil", "'NEAR/3' with nothing before it was ignored"},
        {"oil NEAR/3 actor:China", "oil actor:China", "not 'actor:…'"},
        {"oil NEAR/3 (gas)", "oil gas", "not '(…'"},
        {"oil NEAR/3 gas*", "oil gas*", "'gas*' was searched beside it"},
        {"oil NEAR/3 -gas", "(oil NEAR/3 gas)", "'-' after 'NEAR/3' was ignored"},
        {"oil NEAR/5 gas ADJ/2 Russia", "(oil NEAR/5 gas NEAR/5 russia)",
         "a chain of proximity operators is one group: read as NEAR/5"},
        {"oil ADJ/2 gas ADJ/7 Russia", "(oil ADJ/7 gas ADJ/7 russia)", "read as ADJ/7"},
    });
    // A pasted chain of hundreds of parts is bounded: 40 parts make groups of 16, 16, 8.
    std::string chain = "w0";
    for (int i = 1; i < 40; ++i) chain += " NEAR/3 w" + std::to_string(i);
    const query::ParsedQuery p = query::QueryParser(analyzer_).parse(chain);
    ASSERT_EQ(p.root.type, query::QueryNode::Type::Group);
    ASSERT_EQ(p.root.children.size(), 3u);
    EXPECT_EQ(p.root.children[0].children.size(), query::kMaxNearParts);
    EXPECT_EQ(p.root.children[1].children.size(), query::kMaxNearParts);
    EXPECT_EQ(p.root.children[2].children.size(), 8u);
    EXPECT_EQ(p.notes, (std::vector<std::string>{"a proximity group holds at most 16 words and "
                                                 "phrases; the next ones make another group"}));
}

// NEAR follows AND's rules for capitals: a word first or last, and a word in a query typed
// all in capitals; NEAR/5 says it is syntax and stays an operator there.
TEST_F(ProximityParserTest, NearIsAWordWhereAndIsOne) {
    check_proximity({
        {"NEAR East", "near east", "'NEAR' opening the query read as a word"},
        {"sanctions NEAR", "sanctions near", "'NEAR' closing the query read as a word"},
        {"HOMES NEAR THE AIRPORT NOISE", "homes near the airport noise",
         "query in capitals: NEAR and ADJ read as words"},
        {"OIL GAS NEAR/5 RUSSIA", "oil (gas NEAR/5 russia)", ""},
        // Counted as AND is: two words besides it are not a query in capitals.
        {"PUTIN NEAR SANCTIONS", "(putin NEAR/10 sanctions)", ""},
        {"near the border", "near the border", ""},
        {"Near/5 sanctions", "\"near 5\" sanctions", ""},
    });
}

// ---- the rule --------------------------------------------------------------------------

using match::Occurrence;
using match::Proximity;
using Places = std::vector<std::vector<Occurrence>>;

// Parts of one word each at these positions.
Places at_positions(const std::vector<std::vector<std::uint32_t>>& positions) {
    Places out;
    for (const auto& part : positions) {
        out.emplace_back();
        for (const auto p : part) out.back().push_back({p, 1});
    }
    return out;
}

TEST(ProximityRule, NearCountsTheOtherWordsInTheStretchInAnyOrder) {
    const Proximity near5{Proximity::Order::Any, 5};
    EXPECT_TRUE(match::within(at_positions({{1}, {2}}), near5));
    EXPECT_TRUE(match::within(at_positions({{1}, {7}}), near5));   // 5 words between
    EXPECT_FALSE(match::within(at_positions({{1}, {8}}), near5));  // 6
    EXPECT_TRUE(match::within(at_positions({{7}, {1}}), near5));   // reversed
    EXPECT_TRUE(match::within(at_positions({{1, 30}, {40, 33}}), near5));
    EXPECT_FALSE(match::within(at_positions({{1}, {}}), near5));
    // Three parts: 5 other words in their stretch at most, together.
    EXPECT_TRUE(match::within(at_positions({{1}, {4}, {8}}), near5));
    EXPECT_FALSE(match::within(at_positions({{1}, {5}, {9}}), near5));
    // A phrase part is several words long, none of them "other".
    EXPECT_TRUE(match::within({{{1, 3}}, {{9, 1}}}, near5));
    EXPECT_FALSE(match::within({{{1, 3}}, {{10, 1}}}, near5));
    EXPECT_TRUE(match::within(at_positions({{3}, {2}}), {Proximity::Order::Any, 0}));
    // The same word twice is two places, not one place taken twice.
    EXPECT_FALSE(match::within(at_positions({{4}, {4}}), near5));
    EXPECT_TRUE(match::within(at_positions({{4, 9}, {4, 9}}), near5));
    EXPECT_FALSE(match::within(at_positions({{4}, {4}}), {Proximity::Order::Sloppy, 5}));
}

TEST(ProximityRule, AdjKeepsTheOrderTyped) {
    const Proximity adj2{Proximity::Order::Typed, 2};
    EXPECT_TRUE(match::within(at_positions({{1}, {4}}), adj2));
    EXPECT_FALSE(match::within(at_positions({{1}, {5}}), adj2));
    EXPECT_FALSE(match::within(at_positions({{4}, {1}}), adj2));
    EXPECT_TRUE(match::within(at_positions({{4, 10}, {1, 12}}), adj2));
    EXPECT_TRUE(match::within(at_positions({{1}, {2}, {3}}), adj2));
    EXPECT_FALSE(match::within(at_positions({{1}, {3}, {2}}), adj2));
}

// Lucene's sloppy phrase: the moves that bring the words into the phrase's order, next to
// each other; a swap of two neighbours costs 2.
TEST(ProximityRule, SlopIsLucenesEditDistance) {
    const auto slop = [](unsigned n) { return Proximity{Proximity::Order::Sloppy, n}; };
    EXPECT_TRUE(match::within(at_positions({{5}, {6}}), slop(0)));
    EXPECT_FALSE(match::within(at_positions({{5}, {7}}), slop(0)));
    EXPECT_TRUE(match::within(at_positions({{5}, {7}}), slop(1)));
    EXPECT_FALSE(match::within(at_positions({{6}, {5}}), slop(1)));  // reversed
    EXPECT_TRUE(match::within(at_positions({{6}, {5}}), slop(2)));
    EXPECT_TRUE(match::within(at_positions({{8}, {5}}), slop(4)));  // b x x a: 3 + 1
    EXPECT_FALSE(match::within(at_positions({{8}, {5}}), slop(3)));
    EXPECT_TRUE(match::within(at_positions({{1}, {3}, {4}}), slop(1)));
}

TEST(ProximityRule, ChoosesEveryOccurrenceOfAFittingStretchForMarking) {
    std::vector<std::pair<std::size_t, std::size_t>> chosen;
    // "a" at 1 and 20, "b" at 3 and 40: only a@1 with b@3 fit.
    ASSERT_TRUE(
        match::within(at_positions({{1, 20}, {3, 40}}), {Proximity::Order::Any, 5}, &chosen));
    EXPECT_EQ(chosen, (std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {1, 0}}));
}

// ---- the token stream ------------------------------------------------------------------

TEST(TokenStreamPositions, PlacesTheTermsAParagraphHolds) {
    const std::vector<std::string_view> words{"putin", "said", "the", "sanction",
                                              "on",    "the",  "oil", "bite"};
    const std::string stream = schema::encode_token_stream(words);
    std::vector<std::vector<std::uint32_t>> at;
    ASSERT_TRUE(schema::stream_positions(stream, {"the", "putin", "oil"}, at));
    EXPECT_EQ(at, (std::vector<std::vector<std::uint32_t>>{{3, 6}, {1}, {7}}));
    EXPECT_FALSE(schema::stream_positions(std::string(2, '\0'), {"the"}, at));
    EXPECT_FALSE(schema::stream_positions("", {"the"}, at));
}

// ---- marks -----------------------------------------------------------------------------

TEST(ProximityMarks, MarksTheWordsOnlyWhereTheyAreNear) {
    highlight::Highlighter highlighter;
    Analyzer analyzer("en");
    highlight::HighlightQuery q;
    highlight::HighlightQuery::Near near;
    near.parts = {{{"putin"}}, {{"sanction"}}};
    near.words = {0, 1};
    near.rule = {Proximity::Order::Any, 3};
    q.nears.push_back(near);
    const std::string text =
        "Sanctions were discussed at length. Weeks later, Putin said new sanctions would fail.";
    const auto s = highlighter.snippet(text, q, analyzer, 400);
    std::vector<std::string> marked;
    for (const auto& span : s.spans)
        marked.push_back(s.text.substr(span.begin, span.end - span.begin));
    EXPECT_EQ(marked, (std::vector<std::string>{"Putin", "sanctions"}));
}

}  // namespace
}  // namespace parley
