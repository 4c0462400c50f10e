// Proximity queries (NEAR/N, ADJ/N, "a b"~N) through the real parley-index, parley-search
// and parley-serve: which paragraphs match, what their snippets mark, the repairs.
#include <set>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// Titles hold neither word, so that a title cannot make a paragraph match.
const std::string& proximity_index() {
    static const std::string index = [] {
        const std::string dir = fresh_dir("proximity");
        const auto article = [&](const std::string& name, const std::string& body) {
            write_file(dir + "/docs/" + name + ".txt",
                       "Title: " + name + "\nDate: 2023-05-01\n\n" + body + "\n");
        };
        article("near", "Putin said the sanctions would fail within a year.");
        article("far",
                "Putin spoke for an hour about farming, roads, schools, pensions, the weather "
                "and, at the very end of the broadcast, about the sanctions.");
        article("reversed", "New sanctions against the oligarchs angered Putin.");
        // The unit is the paragraph: the two words in neighbouring paragraphs are not near.
        article("split",
                "The longest speech of the spring was given by Putin.\n\n"
                "Sanctions were the subject of the next morning's papers.");
        article("elsewhere", "Farmers in the south asked for rain.");
        const std::string index_path = dir + "/index";
        const RunResult r = run({PARLEY_INDEX_BIN, "--index", index_path, dir + "/docs"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return index_path;
    }();
    return index;
}

json near_search(const std::string& query) {
    return search(proximity_index(), {query, "--facets", "none", "--no-feedback"});
}

// The text each span of a hit marks.
std::vector<std::string> near_marks(const json& hit) {
    std::vector<std::string> out;
    const std::string snippet = hit.at("snippet").get<std::string>();
    for (const auto& span : hit.at("spans")) {
        const auto begin = span.at(0).get<std::size_t>(), end = span.at(1).get<std::size_t>();
        out.push_back(snippet.substr(begin, end - begin));
    }
    return out;
}

TEST(Proximity, MatchesExactlyTheParagraphsWhereTheWordsAreNear) {
    const std::vector<std::pair<std::string, std::set<std::string>>> cases{
        {"Putin AND sanctions", {"near", "far", "reversed"}},
        {"Putin NEAR/5 sanctions", {"near", "reversed"}},
        {"sanctions NEAR/5 Putin", {"near", "reversed"}},
        {"Putin NEAR/3 sanctions", {"near"}},
        {"Putin NEAR/2 sanctions", {"near"}},
        {"Putin NEAR/1 sanctions", {}},
        {"Putin NEAR sanctions", {"near", "reversed"}},
        {"Putin NEAR/100 sanctions", {"near", "far", "reversed"}},
        {"Putin ADJ/5 sanctions", {"near"}},
        {"sanctions ADJ/5 Putin", {"reversed"}},
        // Lucene's slop: reversed, "sanctions … Putin" four words apart costs 4 + 2.
        {"\"Putin sanctions\"~2", {"near"}},
        {"\"Putin sanctions\"~5", {"near"}},
        {"\"Putin sanctions\"~6", {"near", "reversed"}},
        {"\"Putin sanctions\"", {}},
        // Words are matched as their stems, as in a phrase.
        {"sanction NEAR/5 putin", {"near", "reversed"}},
        // A phrase as a part.
        {"\"new sanctions\" NEAR/4 Putin", {"reversed"}},
        {"\"new sanctions\" NEAR/3 Putin", {}},
        {"Putin NEAR/5 sanctions -oligarchs", {"near"}},
    };
    for (const auto& [query, expected] : cases) {
        const json r = near_search(query);
        EXPECT_EQ(titles(r), expected) << query;
        EXPECT_EQ(r.at("total").get<std::size_t>(), expected.size()) << query;
    }
}

TEST(Proximity, SnippetsMarkTheWordsThatAreNear) {
    const json r = near_search("Putin NEAR/5 sanctions");
    ASSERT_EQ(r.at("hits").size(), 2u);
    for (const auto& hit : r.at("hits")) {
        const std::vector<std::string> marks = near_marks(hit);
        const std::set<std::string> words(marks.begin(), marks.end());
        EXPECT_EQ(words, (std::set<std::string>{"Putin", "sanctions"})) << hit.at("title");
    }
    // The far paragraph, found by the plain words, marks both; NEAR does not find it.
    EXPECT_EQ(near_marks(near_search("Putin NEAR/100 sanctions").at("hits").at(0)).size(), 2u);
}

TEST(Proximity, SaysWhatItRepairedAndParsed) {
    const json bad = near_search("Putin NEAR/abc sanctions");
    EXPECT_TRUE(has_note(bad, "'NEAR/abc': no number of words after '/'; read as NEAR/10"));
    EXPECT_EQ(titles(bad), (std::set<std::string>{"near", "reversed"}));
    EXPECT_EQ(bad.at("parsed"), "(putin NEAR/10 sanctions)");
    EXPECT_TRUE(has_note(near_search("Putin NEAR/100000 sanctions"), "capped at NEAR/100"));
    EXPECT_TRUE(has_note(near_search("\"Putin sanctions\"~"), "read as ~10"));
    const json dangling = near_search("Putin NEAR/5");
    EXPECT_TRUE(has_note(dangling, "'NEAR/5' with nothing after it was ignored"));
    EXPECT_EQ(titles(dangling), (std::set<std::string>{"near", "far", "reversed", "split"}));
    // First in the query, NEAR is a word, as AND is.
    EXPECT_TRUE(has_note(near_search("NEAR Putin"), "'NEAR' opening the query read as a word"));
}

TEST(Proximity, ASynonymStandsInForItsWord) {
    const std::string file = fresh_dir("proximity-synonyms") + "/synonyms.txt";
    write_file(file, "embargo, sanctions\nPutin, Kremlin chief\n");
    // A member of several words, quoted, also stands for its group's other members.
    const json quoted = search(proximity_index(), {"\"Kremlin chief\" NEAR/5 embargo", "--synonyms",
                                                   file, "--facets", "none"});
    EXPECT_EQ(titles(quoted), (std::set<std::string>{"near", "reversed"}));
    EXPECT_TRUE(has_note(quoted, "in its proximity group (synonyms file)"));
}

TEST(Proximity, DidYouMeanCorrectsAWordAndKeepsTheOperator) {
    EXPECT_EQ(near_search("Putni NEAR/5 sanctoins").at("did_you_mean"), "Putin NEAR/5 sanctions");
    EXPECT_EQ(near_search("\"Putin sanctoins\"~6").at("did_you_mean"), "\"Putin sanctions\"~6");
}

// On the seed op-ed corpus: a proximity query finds a subset of what the words find, the
// narrower window a subset of the wider, and every snippet marks both words.
TEST(Proximity, NarrowsTheWordsOnTheSeedCorpus) {
    const auto found = [](const std::string& query) {
        const json r =
            search(corpora_index(), {query, "--facets", "none", "--no-feedback", "--limit", "200"});
        std::set<std::string> out;
        for (const auto& hit : r.at("hits"))
            out.insert(hit.at("article_id").get<std::string>() + "#" +
                       std::to_string(hit.at("paragraph").get<int>()));
        return out;
    };
    const auto both = found("sanctions AND oil");
    const auto near10 = found("sanctions NEAR oil");
    const auto near5 = found("sanctions NEAR/5 oil");
    const auto ordered = found("sanctions ADJ/5 oil");
    EXPECT_FALSE(near5.empty());
    EXPECT_LT(near10.size(), both.size());
    for (const auto& p : near10) EXPECT_TRUE(both.count(p)) << p;
    for (const auto& p : near5) EXPECT_TRUE(near10.count(p)) << p;
    for (const auto& p : ordered) EXPECT_TRUE(near5.count(p)) << p;
    const json r = search(corpora_index(), {"sanctions NEAR/5 oil", "--facets", "none"});
    for (const auto& hit : r.at("hits")) EXPECT_GE(near_marks(hit).size(), 2u);
}

TEST(Proximity, TheHttpApiAnswersAsTheCommandLine) {
    const Server server(shared_index());
    for (const std::string q : {"sanctions NEAR/5 oil", "\"oil sanctions\"~4", "oil ADJ/3 price"}) {
        const json served = server.get(url("/search", {{"q", q}}));
        EXPECT_EQ(served, search(shared_index(), {q})) << q;
        // Read as a proximity ("NEAR/5", "ADJ/3", "~4"), not as words.
        EXPECT_NE(served.at("parsed").get<std::string>().find_first_of("/~"), std::string::npos)
            << q;
    }
}

}  // namespace
}  // namespace parley::testing
