// The query language on a small archive indexed by the real parley-index and searched by
// the real parley-search: queries in capitals, hyphenated words, did-you-mean, synonyms
// and entity-aware matching.
#include <algorithm>
#include <set>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// One article per file, one paragraph each, so a hit's article names the paragraph.
const std::string& query_language_index() {
    static const std::string index = [] {
        const std::string dir = fresh_dir("query-language");
        const auto article = [&](const std::string& name, const std::string& body) {
            write_file(dir + "/docs/" + name + ".txt", "Title: " + name + "\nDate: 2022-03-0" +
                                                           std::to_string(name.size() % 9 + 1) +
                                                           "\n\n" + body + "\n");
        };
        article("noise", "Aircraft noise and vibration damage old buildings near the runway.");
        article("libraries", "Public libraries in the United Kingdom lend more e-books each year.");
        article("union", "The union of catalogues helps readers find rare books.");
        article("hyphen", "Cross-strait tensions rose after the naval exercise.");
        article("spaced", "Trade across the strait grew; cross strait flights resumed in May.");
        article("joined", "Crossstrait shipping lanes were busy all winter.");
        article("strait", "The strait is narrow and the crossing is short.");
        article("kremlin", "The Kremlin rejected the proposal within hours.");
        article("moscow", "Moscow warned that the sanctions would hurt European farmers.");
        article("russia", "Russia announced new grain export quotas for the winter.");
        article("beijing", "Beijing said the drills were routine.");
        article("whitehouse", "The White House said the talks would resume.");
        article("washington", "Washington warned Beijing against further drills.");
        article("submarine", "The submarine programme doubled the naval budget.");
        article("cereal", "Cereal crops failed across the plains.");
        article("crops", "Crops of cereal and fruit were insured.");
        article("uboat", "The U-boat surfaced off the coast at dawn.");
        article("guinea", "Guinea-Bissau held elections in the spring.");
        article("bissau", "The Bissau-Guinean delegation left the summit early.");
        const std::string index_path = dir + "/index";
        const RunResult r = run({PARLEY_INDEX_BIN, "--index", index_path, dir + "/docs"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return index_path;
    }();
    return index;
}

std::vector<std::string> ranked_titles(const json& result) {
    std::vector<std::string> out;
    for (const auto& hit : result.at("hits")) out.push_back(hit.at("title").get<std::string>());
    return out;
}

TEST(QueryLanguage, AQueryInCapitalsFindsWhatTheSameQueryInLowerCaseFinds) {
    // The LISA case: a query in capitals with AND, OR, NOT and common words in it.
    const std::vector<std::pair<std::string, std::string>> pairs{
        {"NOISE AND VIBRATION NOT IN BUILDINGS", "noise and vibration not in buildings"},
        {"THE LIBRARIES OF THE UNITED KINGDOM OR EUROPE",
         "the libraries of the united kingdom or europe"},
        {"WHAT IS THE UNION OF CATALOGUES", "what is the union of catalogues"},
    };
    for (const auto& [upper, lower] : pairs) {
        const json caps = search(query_language_index(), {upper, "--facets", "none"});
        const json small = search(query_language_index(), {lower, "--facets", "none"});
        EXPECT_FALSE(caps.at("hits").empty()) << upper;
        EXPECT_EQ(ranked_titles(caps), ranked_titles(small)) << upper;
        EXPECT_EQ(caps.at("parsed"), small.at("parsed")) << upper;
        if (upper.find(" AND ") != std::string::npos || upper.find(" OR ") != std::string::npos) {
            EXPECT_TRUE(has_note(caps, "query in capitals")) << upper;
        }
    }
    // NOT between clauses of a mixed-case query still excludes; opening a query it is a word.
    EXPECT_EQ(titles(search(query_language_index(), {"noise NOT buildings"})).count("noise"), 0u);
    const json opening = search(query_language_index(), {"NOT noise", "--facets", "none"});
    EXPECT_EQ(ranked_titles(opening).front(), "noise");
    EXPECT_TRUE(has_note(opening, "'NOT' opening the query read as a word"));
}

TEST(QueryLanguage, AHyphenatedWordFindsItWrittenWholeClosedUpAndApart) {
    const json r = search(query_language_index(), {"cross-strait", "--facets", "none"});
    EXPECT_EQ(titles(r), (std::set<std::string>{"hyphen", "spaced", "joined"}));
    // Its parts far apart are not the word: "across the strait" alone would not do.
    EXPECT_EQ(titles(r).count("strait"), 0u);
    // Each form counts as one query word: with a second word, the paragraph holding both
    // comes first whichever form it uses.
    const json two = search(query_language_index(), {"cross-strait tensions", "--facets", "none"});
    EXPECT_EQ(ranked_titles(two).front(), "hyphen");
}

TEST(QueryLanguage, AQuotedPhraseMatchesTitlesAsWellAsParagraphText) {
    const std::string dir = fresh_dir("title-phrases");
    const auto article = [&](const std::string& name, const std::string& title,
                             const std::string& body, const std::string& language = "en") {
        write_file(dir + "/docs/" + name + ".md",
                   "---\ntitle: " + title + "\nlanguage: " + language + "\n---\n\n" + body + "\n");
    };
    article("titled", "Joint Naval Drills in the Pacific",
            "The fleet sailed at dawn.\n\nOfficials said little about the plan.");
    article("reversed", "Drills, Naval Budgets and Other Costs", "Spending rose again.");
    article("apart", "Naval Power", "The drills were cancelled.");
    article("body", "Exercises", "The navy held naval drills near the coast.");
    article("median", "Strait notes", "For decades the median line served as a buffer.");
    article("russian", "Военные учения флота", "Корабли вышли в море.", "ru");
    article("function", "Price of the Peace", "Markets fell.");
    article("french", "La flotte", "La ligne est fermée.", "fr");
    const std::string index = dir + "/index";
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", index, dir + "/docs"});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    const json found = search(index, {"\"naval drills\"", "--facets", "none"});
    // Both paragraphs of the article whose title holds the phrase, and the paragraph that
    // holds it itself; not the titles holding the words apart or in another order.
    std::multiset<std::string> got;
    for (const auto& hit : found.at("hits")) got.insert(hit.at("title").get<std::string>());
    EXPECT_EQ(got, (std::multiset<std::string>{"Exercises", "Joint Naval Drills in the Pacific",
                                               "Joint Naval Drills in the Pacific"}));
    EXPECT_EQ(found.at("total").get<int>(), 3);
    // A phrase scores as its words, whatever other languages the index holds: Russian's
    // stemmer leaves "median line" as English does, and the French form ("median lign")
    // sorted between them kept the two apart, so the phrase was searched, and scored, twice.
    const json words = search(index, {"median line", "--facets", "none", "--no-feedback"});
    const json quoted = search(index, {"\"median line\"", "--facets", "none", "--no-feedback"});
    ASSERT_EQ(quoted.at("hits").size(), 1u);
    EXPECT_EQ(quoted.at("hits").at(0).at("score"), words.at("hits").at(0).at("score"));
    EXPECT_EQ(quoted.at("hits").at(0).at("matched_terms"),
              words.at("hits").at(0).at("matched_terms"));
    // Stemmed as the title was: an inflected phrase in the title's own language.
    EXPECT_EQ(titles(search(index, {"\"военных учений\"", "--facets", "none"})),
              (std::set<std::string>{"Военные учения флота"}));
    // A phrase of function words alone is looked for in the text only.
    EXPECT_EQ(titles(search(index, {"\"of the\"", "--facets", "none"})).count("Price of the Peace"),
              0u);
    EXPECT_EQ(titles(search(index, {"\"of the peace\"", "--facets", "none"})),
              (std::set<std::string>{"Price of the Peace"}));
    // The title's own order, punctuation aside.
    EXPECT_EQ(titles(search(index, {"\"drills naval\"", "--facets", "none"})),
              (std::set<std::string>{"Drills, Naval Budgets and Other Costs"}));
}

TEST(QueryLanguage, AQueryFindingLittleGetsADidYouMeanFromTheIndexSpellings) {
    const json r = search(query_language_index(), {"submarne budgit", "--facets", "none"});
    EXPECT_EQ(r.at("total"), 0);
    EXPECT_EQ(r.at("did_you_mean"), "submarine budget");
    EXPECT_TRUE(has_note(r, "did you mean: submarine budget?"));
    // The correction finds what the typo did not.
    EXPECT_EQ(ranked_titles(search(query_language_index(), {"submarine budget"})).front(),
              "submarine");
    // A query that finds plenty gets none.
    const json found = search(query_language_index(), {"strait", "--facets", "none"});
    EXPECT_TRUE(found.at("did_you_mean").is_null());
    // The text output says it too.
    const RunResult text = run({PARLEY_SEARCH_BIN, "--index", query_language_index(), "submarne"});
    EXPECT_NE(text.out.find("Did you mean: submarine"), std::string::npos) << text.out;
}

TEST(QueryLanguage, DidYouMeanCorrectsPhrasesAndHyphenatedWordsInTheCaseTyped) {
    const auto did_you_mean = [](const std::string& query) {
        return search(query_language_index(), {query, "--facets", "none"}).at("did_you_mean");
    };
    // An all-capitals query stays one: in mixed case its AND would be an operator.
    EXPECT_EQ(did_you_mean("SUBMARNE BUDGIT AND NAVEL"), "SUBMARINE BUDGET AND NAVAL");
    EXPECT_EQ(did_you_mean("Submarne budgit"), "Submarine budget");
    // The words of a quoted phrase and the parts of a hyphenated word are words too.
    EXPECT_EQ(did_you_mean("\"submarne programme\""), "\"submarine programme\"");
    EXPECT_EQ(did_you_mean("\"Submarne Programme\""), "\"Submarine Programme\"");
    EXPECT_EQ(did_you_mean("crosss-strait"), "cross-strait");
    // The text output says it as the JSON does.
    const RunResult text =
        run({PARLEY_SEARCH_BIN, "--index", query_language_index(), "\"navel budgit\""});
    EXPECT_NE(text.out.find("Did you mean: \"naval budget\""), std::string::npos) << text.out;
}

TEST(QueryLanguage, ADidYouMeanThatWouldFindNothingIsNotOffered) {
    const auto did_you_mean = [](std::vector<std::string> args) {
        args.insert(args.end(), {"--facets", "none"});
        return search(query_language_index(), args).at("did_you_mean");
    };
    // Each word is corrected, but no paragraph holds them together.
    EXPECT_TRUE(did_you_mean({"\"submarne cereal\""}).is_null());
    EXPECT_TRUE(did_you_mean({"submarne AND kremlinn"}).is_null());
    // The filters are the search's: no article on submarines is from 2023.
    EXPECT_TRUE(did_you_mean({"submarne", "--filter", "date:2023"}).is_null());
    EXPECT_EQ(did_you_mean({"submarne", "--filter", "date:2022"}), "submarine");
    const json r = search(query_language_index(), {"submarne AND kremlinn", "--facets", "none"});
    for (const auto& note : r.at("notes"))
        EXPECT_EQ(note.get<std::string>().find("did you mean"), std::string::npos) << note;
    // One that finds something is offered as before.
    EXPECT_EQ(did_you_mean({"submarne AND navel"}), "submarine AND naval");
}

TEST(QueryLanguage, AChineseWordTheIndexLacksGetsNoDidYouMean) {
    const std::string index = fresh_dir("cjk-spelling") + "/index";
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", PARLEY_CORPORA "/articles"}).exit_code,
        0);
    // "制裁" (sanctions) is in no paragraph; "机制", one character off, is another word.
    const json r = search(index, {"制裁", "--facets", "none"});
    EXPECT_TRUE(r.at("did_you_mean").is_null()) << r.at("did_you_mean");
    // A typo in Latin script still gets one.
    EXPECT_EQ(search(index, {"sanctoins", "--facets", "none"}).at("did_you_mean"), "sanctions");
}

// A synonyms file that cannot be read is a usage error (exit 2, as a bad option value), not
// "nothing found" (exit 1), and says where its name came from.
TEST(QueryLanguage, AnUnreadableSynonymsFileIsAUsageErrorNamingItsSource) {
    const std::string missing = fresh_dir("synonyms-missing") + "/no-such.txt";
    const RunResult flag =
        run({PARLEY_SEARCH_BIN, "--index", query_language_index(), "--synonyms", missing, "sub"});
    EXPECT_EQ(flag.exit_code, 2) << flag.err;
    EXPECT_NE(flag.err.find(missing + ": cannot read the synonyms file: No such file or "
                                      "directory (--synonyms)"),
              std::string::npos)
        << flag.err;
    const RunResult env =
        run({PARLEY_SEARCH_BIN, "--index", query_language_index(), "--json", "sub"}, "",
            {"PARLEY_SYNONYMS=" + missing});
    EXPECT_EQ(env.exit_code, 2) << env.err;
    EXPECT_NE(env.err.find("(PARLEY_SYNONYMS)"), std::string::npos) << env.err;
    EXPECT_EQ(json::parse(env.out).at("option"), "--synonyms");
    const RunResult serve =
        run({PARLEY_SERVE_BIN, "--index", query_language_index(), "--listen", "127.0.0.1:0"}, "",
            {"PARLEY_SYNONYMS=" + missing});
    EXPECT_EQ(serve.exit_code, 2) << serve.err;
    EXPECT_NE(serve.err.find(missing + ": cannot read the synonyms file"), std::string::npos)
        << serve.err;
    EXPECT_NE(serve.err.find("(PARLEY_SYNONYMS)"), std::string::npos) << serve.err;
}

TEST(QueryLanguage, ASynonymsFileWidensAWordAndReportsBadLinesByFileAndLine) {
    const std::string dir = fresh_dir("synonyms");
    const std::string file = dir + "/synonyms.txt";
    write_file(file,
               "# drills and their kin\n"
               "sub, submarine, U-boat\n"
               "grain, cereal crops\n"
               "lonely\n"
               "winter, , season\n"
               "Strait, \"narrows\"\n"
               "SUB, boat\n"
               "drills, exercises\n"
               "drilling, practice\n");
    const RunResult r = run({PARLEY_SEARCH_BIN, "--index", query_language_index(), "--json",
                             "--facets", "none", "--synonyms", file, "sub"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const std::string& expected :
         {file + ":4: a group needs at least two members", file + ":5: empty member",
          file + ":6: '\"narrows\"': write plain words",
          file + ":7: 'SUB' is already in the group on line 2",
          // the same word once stemmed: the later line would never be reached
          file + ":9: 'drilling' is the same word as 'drills' of " + file + ":8",
          file + ":9: only 'practice' is left once analysed; the group expands nothing"}) {
        EXPECT_NE(r.err.find(expected), std::string::npos) << expected << " in:\n" << r.err;
    }
    const json j = json::parse(r.out);
    EXPECT_EQ(titles(j), (std::set<std::string>{"submarine", "uboat"}));
    EXPECT_TRUE(has_note(j, "'sub' also searched as 'submarine', 'U-boat'"));
    // A member written with a hyphen expands as any word does.
    const std::string boats = dir + "/boats.txt";
    write_file(boats, "sub, submarine, U-boat\n");
    const json uboat =
        search(query_language_index(), {"U-boat", "--synonyms", boats, "--facets", "none"});
    EXPECT_EQ(titles(uboat), (std::set<std::string>{"submarine", "uboat"}));
    EXPECT_TRUE(has_note(uboat, "'u-boat' also searched as 'sub', 'submarine'"));
    // A member of several words is a phrase: "grain" also finds "cereal crops" in sequence.
    const std::string clean = dir + "/clean.txt";
    write_file(clean, "grain, cereal crops\n");
    const json grain =
        search(query_language_index(), {"grain", "--synonyms", clean, "--facets", "none"});
    EXPECT_EQ(titles(grain), (std::set<std::string>{"russia", "cereal"}));
    EXPECT_TRUE(has_note(grain, "'grain' also searched as 'cereal crops'"));
    // Excluded, the group is excluded whole, and a note says so.
    const json without =
        search(query_language_index(), {"crops -grain", "--synonyms", clean, "--facets", "none"});
    EXPECT_EQ(titles(without), (std::set<std::string>{"crops"}));  // not "cereal crops"
    EXPECT_TRUE(has_note(without, "excluding 'grain' also excludes 'cereal crops'"));
    // Without the file, or quoted (as written, like a quoted phrase): no expansion.
    EXPECT_EQ(search(query_language_index(), {"sub", "--facets", "none"}).at("total"), 0);
    const json quoted =
        search(query_language_index(), {"\"grain\"", "--synonyms", clean, "--facets", "none"});
    EXPECT_EQ(titles(quoted).count("cereal"), 0u);
    EXPECT_FALSE(has_note(quoted, "also searched as"));
    // An unreadable file is an error naming it.
    const RunResult missing = run({PARLEY_SEARCH_BIN, "--index", query_language_index(),
                                   "--synonyms", dir + "/none.txt", "sub"});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.err.find(dir + "/none.txt"), std::string::npos) << missing.err;
}

TEST(QueryLanguage, AWordNamingAnActorAlsoFindsItsTaggedParagraphsBelowTheWordItself) {
    const json r = search(query_language_index(), {"Kremlin", "--facets", "none"});
    const std::vector<std::string> order = ranked_titles(r);
    ASSERT_GE(order.size(), 3u);
    EXPECT_EQ(order.front(), "kremlin");       // the word itself first
    EXPECT_EQ(titles(r).count("moscow"), 1u);  // "Moscow warned": tagged Russia
    EXPECT_EQ(titles(r).count("russia"), 1u);
    EXPECT_GT(r["hits"][0].at("score").get<double>(), r["hits"][1].at("score").get<double>());
    EXPECT_TRUE(has_note(r, "'kremlin' also finds paragraphs tagged Russia"));
    // Off: only the word.
    const json off =
        search(query_language_index(), {"Kremlin", "--no-entities", "--facets", "none"});
    EXPECT_EQ(ranked_titles(off), (std::vector<std::string>{"kremlin"}));
    EXPECT_FALSE(has_note(off, "tagged"));
    // Two words that together name an actor, typed without quotes.
    const json house = search(query_language_index(), {"White House", "--facets", "none"});
    EXPECT_EQ(ranked_titles(house).front(), "whitehouse");
    EXPECT_EQ(titles(house).count("washington"), 1u);  // tagged United States
    EXPECT_TRUE(has_note(house, "'white house' also finds paragraphs tagged United States"));
    // An actor's name written with a hyphen, as the gazetteer writes it.
    const json guinea = search(query_language_index(), {"Guinea-Bissau", "--facets", "none"});
    EXPECT_EQ(ranked_titles(guinea), (std::vector<std::string>{"guinea", "bissau"}));
    EXPECT_TRUE(has_note(guinea, "'guinea-bissau' also finds paragraphs tagged Guinea-Bissau"));
    // A capital as a place is not tagged, so it is not found through the tag: "Beijing"
    // finds its own paragraph (there it acts: tagged China) and nothing else.
    EXPECT_EQ(
        ranked_titles(search(query_language_index(), {"Beijing", "--facets", "none"})).front(),
        "beijing");
}

// In an index of several languages, a query word is also read as each language reads it:
// French drops the elided article ("l'Ukraine" is "Ukraine"), in a word and in a phrase,
// though the index's default language (English) keeps the word whole.
TEST(QueryLanguage, AnElidedFrenchWordFindsTheWordInAnEnglishDefaultIndex) {
    const std::string dir = fresh_dir("elisions");
    write_file(dir + "/fr.jsonl",
               "{\"id\":\"fr1\",\"lang\":\"fr\",\"title\":\"Aide\",\"paragraphs\":[\"Les "
               "livraisons d'armes \u00e0 l'Ukraine ont ralenti.\"]}\n"
               "{\"id\":\"en1\",\"lang\":\"en\",\"title\":\"Aid\",\"paragraphs\":[\"Arms "
               "deliveries to Ukraine slowed.\"]}\n");
    const std::string index = dir + "/index";
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/fr.jsonl"}).exit_code, 0);
    for (const std::string q : {"l'Ukraine", "d\u2019Ukraine", "L'UKRAINE"})
        EXPECT_EQ(search(index, {q, "--no-entities"}).at("total"), 2) << q;
    const json phrase = search(index, {"\"livraisons d'armes\"", "--no-entities"});
    ASSERT_EQ(phrase.at("total"), 1);
    EXPECT_EQ(phrase["hits"][0].at("title"), "Aide");
}

// A word typed three times is one word of the query: matched once, noted once, under
// either ranking.
TEST(QueryLanguage, ARepeatedWordCountsOnceAmongTheMatchedWordsAndIsNotedOnce) {
    for (const std::string rank : {"bm25", "words"}) {
        const json r = search(query_language_index(), {"Kremlin Kremlin Kremlin rejected", "--rank",
                                                       rank, "--no-feedback", "--facets", "none"});
        ASSERT_FALSE(r.at("hits").empty()) << rank;
        EXPECT_EQ(r["hits"][0].at("title"), "kremlin") << rank;
        EXPECT_EQ(r["hits"][0].at("matched_terms"), 2) << rank;
        std::size_t entity_notes = 0;
        for (const auto& note : r.at("notes"))
            entity_notes += note.get<std::string>().find("tagged Russia") != std::string::npos;
        EXPECT_EQ(entity_notes, 1u) << rank << ": " << r.at("notes");
    }
}

}  // namespace
}  // namespace parley::testing
