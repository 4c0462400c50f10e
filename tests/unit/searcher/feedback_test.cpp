// Pseudo-relevance feedback's choice of words (search::Feedback::words) on a small
// in-memory index whose paragraphs are given as their terms.
#include "search/feedback.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "schema/schema.hpp"

namespace parley::search {
namespace {

std::string z(const std::string& word) { return schema::term(schema::kWordPrefix, word); }

// Adds a paragraph holding each of `words` (repeats count) and returns its docid.
Xapian::docid add(Xapian::WritableDatabase& db, const std::vector<std::string>& words) {
    Xapian::Document doc;
    for (const auto& w : words) doc.add_term(z(w));
    return db.add_document(doc);
}

std::vector<std::string> terms_of(const std::vector<Feedback::Word>& words) {
    std::vector<std::string> out;
    for (const auto& w : words) out.push_back(w.term.substr(schema::kWordPrefix.size()));
    return out;
}

// The best paragraphs of "submarine pact": two on the topic, sharing "nuclear" with both
// query words, and two that hold only "pact" and talk of a trade deal at length. Counting
// alone (Bo1) picks the trade deal's many repeated words first and leaves no room for
// "nuclear"; how the words go with the query's (LCA) puts "nuclear" first.
struct DriftingFeedback : ::testing::Test {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    std::vector<Xapian::docid> best;
    const std::vector<std::string> query{z("submarin"), z("pact")};
    std::vector<std::string> trade;  // the off-topic paragraphs' words

    void SetUp() override {
        for (int i = 0; i < 12; ++i) trade.push_back("trade" + std::string(1, char('a' + i)));
        std::vector<std::string> off{"pact"};
        for (const auto& w : trade) off.insert(off.end(), {w, w, w});
        best.push_back(add(db, {"submarin", "pact", "nuclear", "navy"}));
        best.push_back(add(db, {"submarin", "pact", "nuclear", "ocean"}));
        best.push_back(add(db, off));
        best.push_back(add(db, off));
        // The rest of the archive: every word rare in it, "nuclear" as rare as the others.
        for (int i = 0; i < 40; ++i) add(db, {"filler" + std::to_string(i), "other"});
        add(db, {"nuclear"});
        for (const auto& w : trade) add(db, {w});
    }
};

TEST_F(DriftingFeedback, ChoosesTheWordsThatGoWithTheQueryWords) {
    const auto words = Feedback::words(db, best, query, 2);
    const auto terms = terms_of(words);
    ASSERT_FALSE(terms.empty());
    EXPECT_EQ(terms.front(), "nuclear") << ::testing::PrintToString(terms);
    EXPECT_LE(words.size(), Feedback::kWords);
    // Never a query word; weights are shares of the strongest.
    EXPECT_EQ(std::find(terms.begin(), terms.end(), "pact"), terms.end());
    for (const auto& w : words) {
        EXPECT_GT(w.weight, 0);
        EXPECT_LE(w.weight, 1);
    }
}

// Without query words (the paragraph of "more like this") the words are chosen by how much
// they stand out (Bo1): the repeated ones first.
TEST_F(DriftingFeedback, WithoutQueryWordsChoosesByFrequency) {
    const auto terms = terms_of(Feedback::words(db, best, {}, 2));
    ASSERT_FALSE(terms.empty());
    EXPECT_NE(std::find(trade.begin(), trade.end(), terms.front()), trade.end())
        << ::testing::PrintToString(terms);
}

}  // namespace
}  // namespace parley::search
