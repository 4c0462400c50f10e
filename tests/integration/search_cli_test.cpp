// parley-search, run as a program against the corpora indexed by the real parley-index.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;
const std::string kSeedTitle =
    "China-Russia strategic alignment: Is international relations entering a new era?";

std::vector<std::string> marked_words(const json& hit) {
    std::vector<std::string> out;
    const std::string snippet = hit.at("snippet");
    for (const auto& span : hit.at("spans")) {
        const std::size_t b = span[0], e = span[1];
        out.push_back(snippet.substr(b, e - b));
    }
    return out;
}

TEST(SearchCli, NavalDrillsAukusRanksTheSeedParagraphOnTheSeaOfJapanFirst) {
    const json r = search(corpora_index(), {"naval drills AUKUS", "--facet-size", "0"});
    ASSERT_FALSE(r.at("hits").empty());
    const json& top = r["hits"][0];
    EXPECT_EQ(top.at("title"), kSeedTitle);
    EXPECT_EQ(top.at("paragraph"), 9);
    EXPECT_EQ(top.at("paragraph_count"), 12);
    EXPECT_EQ(top.at("matched_terms"), 3);
    const auto marks = marked_words(top);
    for (const std::string word : {"naval", "drills", "AUKUS"}) {
        EXPECT_NE(std::find(marks.begin(), marks.end(), word), marks.end())
            << word << " not marked in " << top.at("snippet");
    }
    for (const std::string actor :
         {"China", "Russia", "AUKUS", "Australia", "United Kingdom", "United States"}) {
        EXPECT_TRUE(contains(top.at("actors"), actor)) << actor;
        EXPECT_GE(facet_count(r, "actor", actor), 1u) << actor;
    }
    // Every other hit holds fewer of the three words.
    for (std::size_t i = 1; i < r["hits"].size(); ++i)
        EXPECT_LT(r["hits"][i].at("matched_terms"), 3);
}

TEST(SearchCli, ActorFilterKeepsOnlyParagraphsNamingTheActor) {
    const json r = search(corpora_index(), {"actor:AUKUS", "--limit", "100"});
    ASSERT_GT(r.at("total"), 0);
    EXPECT_EQ(r.at("hits").size(), r.at("total"));
    for (const auto& hit : r["hits"])
        EXPECT_TRUE(contains(hit.at("actors"), "AUKUS")) << hit.at("snippet");
    EXPECT_EQ(facet_count(r, "actor", "AUKUS"), r.at("total"));
}

TEST(SearchCli, ActorAliasesResolveToTheSameFilter) {
    const json canonical = search(corpora_index(), {"actor:\"United States\"", "--facets", "none"});
    ASSERT_GT(canonical.at("total"), 0);
    for (const std::string alias : {"actor:US", "actor:us", "actor:U.S.", "actor:USA",
                                    "actor:\"United States of America\""}) {
        EXPECT_EQ(search(corpora_index(), {alias, "--facets", "none"}).at("total"),
                  canonical.at("total"))
            << alias;
    }
    const json unknown = search(corpora_index(), {"actor:Atlantis"});
    EXPECT_EQ(unknown.at("total"), 0);
    EXPECT_FALSE(unknown.at("notes").empty());
}

TEST(SearchCli, PhraseQueryMatchesAndMarksOnlyThePhrase) {
    const json r = search(corpora_index(), {"\"joint naval drills\""});
    ASSERT_EQ(r.at("total"), 1);
    EXPECT_EQ(r["hits"][0].at("title"), kSeedTitle);
    EXPECT_EQ(marked_words(r["hits"][0]), std::vector<std::string>{"joint naval drills"});
    // The same words without quotes match more paragraphs.
    EXPECT_GT(search(corpora_index(), {"joint naval drills"}).at("total"), 1);
}

TEST(SearchCli, DateRangeAndYearFiltersAgree) {
    const json range = search(corpora_index(), {"date:2021-01-01..2021-12-31", "--limit", "200"});
    const json year = search(corpora_index(), {"year:2021", "--facets", "none"});
    ASSERT_GT(range.at("total"), 0);
    EXPECT_EQ(range.at("total"), year.at("total"));
    for (const auto& hit : range["hits"])
        EXPECT_EQ(hit.at("date").get<std::string>().substr(0, 4), "2021");
    EXPECT_EQ(range.at("facets").at("year").size(), 1u);
    const json open =
        search(corpora_index(), {"date:..2015-12-31", "--limit", "200", "--facets", "year"});
    for (const auto& v : open.at("facets").at("year"))
        EXPECT_LE(v.at("value").get<std::string>(), "2015");
    EXPECT_EQ(search(corpora_index(), {"year:2019..2021", "--facets", "none"}).at("total"),
              search(corpora_index(), {"year:2019 OR year:2020 OR year:2021", "--facets", "none"})
                  .at("total"));
    // Open year ranges, as date: takes them.
    for (const auto& [years, dates] : std::vector<std::pair<std::string, std::string>>{
             {"year:2020..", "date:2020.."}, {"year:..2015", "date:..2015"}}) {
        const json by_year = search(corpora_index(), {years, "--facets", "year"});
        ASSERT_GT(by_year.at("total"), 0) << years;
        EXPECT_EQ(by_year.at("total"),
                  search(corpora_index(), {dates, "--facets", "none"}).at("total"))
            << years;
        for (const auto& v : by_year.at("facets").at("year")) {
            if (years.starts_with("year:20"))
                EXPECT_GE(v.at("value").get<std::string>(), "2020");
            else
                EXPECT_LE(v.at("value").get<std::string>(), "2015");
        }
    }
}

// Filters in parentheses select as bare filters do: a clause of filters alone has no words
// to rank by, so it is not an optional clause that any paragraph of 2023 would satisfy.
TEST(SearchCli, FiltersInParenthesesSelectAsBareFiltersDo) {
    const auto total = [](const std::string& query) {
        return search(corpora_index(), {query, "--facets", "none", "--no-entities"})
            .at("total")
            .get<std::size_t>();
    };
    const std::size_t bare = total("sanctions actor:China");
    ASSERT_GT(bare, 0u);
    EXPECT_LT(bare, total("sanctions"));
    EXPECT_EQ(total("sanctions (actor:China)"), bare);
    const std::size_t years = total("sanctions year:2023..2024");
    ASSERT_GT(years, 0u);
    EXPECT_EQ(total("sanctions (year:2023 OR year:2024)"), years);
    EXPECT_EQ(total("sanctions AND (year:2023 OR year:2024)"), years);
    // A clause that holds a word is still optional.
    EXPECT_GT(total("sanctions (actor:China OR drills)"), bare);
}

TEST(SearchCli, FacetCountsAreExactOverTheWholeMatchSet) {
    const json r =
        search(corpora_index(), {"sanctions", "--facet-size", "0", "--facet-count", "articles"});
    ASSERT_GT(r.at("total"), 10);
    for (const std::string facet : {"actor", "topic", "year", "source"}) {
        for (std::size_t i = 0; i < std::min<std::size_t>(3, r["facets"][facet].size()); ++i) {
            const json& v = r["facets"][facet][i];
            const std::string value = v.at("value");
            const json narrowed =
                search(corpora_index(), {"sanctions", "--filter", facet + ":\"" + value + "\"",
                                         "--facets", "none", "--group-by", "article"});
            EXPECT_EQ(narrowed.at("total_paragraphs"), v.at("count")) << facet << ":" << value;
            EXPECT_EQ(narrowed.at("total_articles"), v.at("articles")) << facet << ":" << value;
        }
    }
}

TEST(SearchCli, StemmedWordsAndHyphenatedCompoundsAreFound) {
    const json drills = search(corpora_index(), {"drilling"});
    const json drill = search(corpora_index(), {"drills"});
    EXPECT_EQ(drills.at("total"), drill.at("total"));
    const json compound = search(corpora_index(), {"China-Russia"});
    ASSERT_GT(compound.at("total"), 0);
    const auto marks = marked_words(compound["hits"][0]);
    EXPECT_NE(std::find(marks.begin(), marks.end(), "China-Russia"), marks.end());
    EXPECT_GT(search(corpora_index(), {"Indo-Pacific"}).at("total"), 0);
    EXPECT_GE(search(corpora_index(), {"\"indo pacific\""}).at("total"),
              search(corpora_index(), {"Indo-Pacific"}).at("total"));
    // Wildcards expand over stems, including stems shorter than the typed prefix
    // ("sanctio*": sanctions is indexed as sanction, "immigra*" would need immigr).
    const json sanction = search(corpora_index(), {"sanction*"});
    EXPECT_GT(sanction.at("total"), 0);
    EXPECT_EQ(search(corpora_index(), {"sanctions"}).at("total"), sanction.at("total"));
    const json economi = search(corpora_index(), {"economi*"});  // economic → econom
    EXPECT_EQ(economi.at("total"), search(corpora_index(), {"econom*"}).at("total"));
    EXPECT_GT(economi.at("total"), 0);
    EXPECT_FALSE(marked_words(economi["hits"][0]).empty());
    EXPECT_EQ(search(corpora_index(), {"zzqx*"}).at("notes").size(), 1u);
    // A shorter stem comes in only through a word that starts with the prefix: "war" is no
    // word starting with "warship", "party" none starting with "partisan".
    EXPECT_EQ(search(corpora_index(), {"warship*"}).at("total"),
              search(corpora_index(), {"warship OR warships"}).at("total"));
    EXPECT_EQ(search(corpora_index(), {"partisan*"}).at("total"), 0);
    EXPECT_EQ(search(corpora_index(), {"immigra*"}).at("total"),
              search(corpora_index(), {"immigrant OR immigration OR immigrants"}).at("total"));
}

TEST(SearchCli, RequiredExcludedAndBooleanOperators) {
    const auto total = [](const std::vector<std::string>& args) {
        return search(corpora_index(), args).at("total").get<int>();
    };
    const int china = total({"China"}), russia = total({"Russia"});
    const int both = total({"China AND Russia"}), either = total({"China OR Russia"});
    EXPECT_EQ(either, china + russia - both);
    EXPECT_EQ(total({"+China +Russia"}), both);
    EXPECT_EQ(total({"China NOT Russia"}), china - both);
    EXPECT_EQ(total({"China -Russia"}), china - both);
    EXPECT_EQ(
        total({"(China OR Russia) AND NOT Ukraine"}) + total({"(China OR Russia) AND Ukraine"}),
        either);
}

TEST(SearchCli, GroupsByArticleWithMatchingParagraphCounts) {
    const json r =
        search(corpora_index(), {"sanctions", "--group-by", "article", "--limit", "100"});
    EXPECT_EQ(r.at("total"), r.at("total_articles"));
    EXPECT_EQ(r.at("hits").size(), r.at("total_articles"));
    std::set<std::string> seen;
    std::size_t paragraphs = 0;
    for (const auto& hit : r["hits"]) {
        EXPECT_TRUE(seen.insert(hit.at("article_id")).second) << "article listed twice";
        paragraphs += hit.at("matched_paragraphs").get<std::size_t>();
    }
    EXPECT_EQ(paragraphs, r.at("total_paragraphs"));
    const json flat = search(corpora_index(), {"sanctions", "--limit", "1"});
    EXPECT_EQ(flat.at("total_paragraphs"), r.at("total_paragraphs"));
    EXPECT_EQ(flat.at("facets"), r.at("facets"));
}

TEST(SearchCli, SortsByDateAndPagesConsistently) {
    const json all = search(corpora_index(),
                            {"Ukraine", "--sort", "date", "--limit", "200", "--facets", "none"});
    std::string previous = "9999";
    for (const auto& hit : all["hits"]) {
        EXPECT_LE(hit.at("date").get<std::string>(), previous);
        previous = hit.at("date");
    }
    const json page = search(corpora_index(), {"Ukraine", "--sort", "date", "--offset", "5",
                                               "--limit", "5", "--facets", "none"});
    ASSERT_EQ(page.at("hits").size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(page["hits"][i].at("rank"), i + 6);
        EXPECT_EQ(page["hits"][i].at("article_id"), all["hits"][i + 5].at("article_id"));
        EXPECT_EQ(page["hits"][i].at("paragraph"), all["hits"][i + 5].at("paragraph"));
    }
}

TEST(SearchCli, MalformedQueriesAreReadSensiblyNeverCrash) {
    for (const std::string q :
         {"\"joint naval", "(China OR Russia", "China)", "naval AND", "OR", "NOT", "()",
          "actor:", "foo:bar", "---", "\"\"", "*", "date:garbage", "year:20x1"}) {
        // --lenient: without it "foo:bar", "date:garbage" and "year:20x1", which would widen
        // the search, are usage errors (CliSafety.FiltersThatWouldWidenTheSearchAreUsageErrors).
        const RunResult r =
            run({PARLEY_SEARCH_BIN, "--index", corpora_index(), "--json", "--lenient", "--", q});
        ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1)
            << q << ": exit " << r.exit_code << " " << r.err;
        const json j = json::parse(r.out);
        EXPECT_FALSE(j.at("notes").empty()) << "no note for: " << q;
    }
    const json quote = search(corpora_index(), {"\"joint naval drills"});
    EXPECT_EQ(quote.at("total"), 1);  // read as the phrase
}

TEST(SearchCli, TextOutputIsReadableAndColouredOnlyWhenAsked) {
    const RunResult plain =
        run({PARLEY_SEARCH_BIN, "--index", corpora_index(), "naval drills AUKUS", "-n", "2"});
    EXPECT_EQ(plain.exit_code, 0);
    EXPECT_EQ(plain.out.rfind("1. " + kSeedTitle, 0), 0u) << plain.out;
    EXPECT_NE(plain.out.find("paragraph 9 of 12"), std::string::npos);
    EXPECT_NE(plain.out.find("actor   "), std::string::npos);
    EXPECT_EQ(plain.out.find('\x1b'), std::string::npos);  // not a terminal: no escapes
    const RunResult forced =
        run({PARLEY_SEARCH_BIN, "--index", corpora_index(), "--color", "always", "naval"});
    EXPECT_NE(forced.out.find("\x1b[1;33m"), std::string::npos);
}

// A crawled page may carry escape sequences (as character references, or raw in JSON
// Lines): the text output shows them escaped, so none reaches the terminal.
TEST(SearchCli, ControlCharactersFromTheInputAreShownEscaped) {
    const std::string dir = fresh_dir("search-escapes");
    write_file(dir + "/esc.html",
               "<html><head><title>Esc &#x1b;[31mRed</title></head><body><article><p>Paragraph "
               "&#x1b;[2J about Chile and more text here.</p></article></body></html>");
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", dir + "/index", "--quiet", dir + "/esc.html"}).exit_code,
        0);
    for (const std::string color : {"never", "always"}) {
        const RunResult r =
            run({PARLEY_SEARCH_BIN, "--index", dir + "/index", "--color", color, "Chile"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.out.find("\x1b[31m"), std::string::npos) << color << "\n" << r.out;
        EXPECT_EQ(r.out.find("\x1b[2J"), std::string::npos) << color << "\n" << r.out;
        EXPECT_NE(r.out.find("Esc \\x1b[31mRed"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("Paragraph \\x1b[2J about"), std::string::npos) << r.out;
    }
}

TEST(SearchCli, ExitCodesFollowTheConvention) {
    EXPECT_EQ(run({PARLEY_SEARCH_BIN, "--help"}).exit_code, 0);
    EXPECT_NE(run({PARLEY_SEARCH_BIN, "--version"}).out.find("Xapian"), std::string::npos);
    const RunResult bad_option =
        run({PARLEY_SEARCH_BIN, "--index", corpora_index(), "--sort", "sideways", "x"});
    EXPECT_EQ(bad_option.exit_code, 2);
    EXPECT_NE(bad_option.err.find("--sort"), std::string::npos);
    EXPECT_EQ(
        run({PARLEY_SEARCH_BIN, "--index", corpora_index(), "--facets", "colour", "x"}).exit_code,
        2);
    const RunResult missing = run({PARLEY_SEARCH_BIN, "--index", "/nonexistent/index", "x"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("/nonexistent/index"), std::string::npos);
    EXPECT_EQ(run({PARLEY_SEARCH_BIN, "--index", corpora_index(), "zzzzqqqq"}).exit_code, 1);
}

// --index beside --shard or --shards names two things to search; the shards alone were
// searched, without a word. It is a usage error now in each program that takes both; an
// index from $PARLEY_INDEX (a default) still gives way to the shards.
TEST(SearchCli, AnIndexBesideShardsIsAUsageError) {
    const std::string list = fresh_dir("index-beside-shards") + "/cluster.txt";
    write_file(list, "live=" + corpora_index() + "\n");
    for (const std::vector<std::string>& shards :
         {std::vector<std::string>{"--shard", "live=" + corpora_index()},
          std::vector<std::string>{"--shards", list}}) {
        for (const std::string bin : {PARLEY_SEARCH_BIN, PARLEY_ANALYZE_BIN, PARLEY_SERVE_BIN}) {
            // A server that took the options would serve until stopped: bounded.
            std::vector<std::string> args{bin};
            if (bin == PARLEY_SERVE_BIN) args = {"/usr/bin/timeout", "20", bin};
            if (bin == PARLEY_ANALYZE_BIN) args.push_back("timeline");
            args.insert(args.end(), {"--index", corpora_index()});
            args.insert(args.end(), shards.begin(), shards.end());
            if (bin != PARLEY_SERVE_BIN) args.push_back("sanctions");
            const RunResult r = run(args);
            EXPECT_EQ(r.exit_code, 2) << bin << " " << shards[0] << ": " << r.err;
            EXPECT_NE(r.err.find("--index and " + shards[0] + " both say what to search"),
                      std::string::npos)
                << r.err;
        }
    }
    const RunResult from_env =
        run({PARLEY_SEARCH_BIN, "--shard", "live=" + corpora_index(), "sanctions"}, "",
            {"PARLEY_INDEX=/nonexistent/index"});
    EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
}

// An index or shard that is there but may not be read is said to be unreadable, with the
// system's reason, not "no index there" or "couldn't detect type of database". Root reads
// anything, so the search runs as nobody then.
TEST(SearchCli, AnUnreadableIndexIsSaidToBeUnreadableNotMissing) {
    const std::string dir = fresh_dir("unreadable-index");
    write_file(dir + "/a.txt", "Title: Sanctions\n\nThe sanctions on Iran were widened.\n");
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", dir + "/index", "--quiet", dir + "/a.txt"}).exit_code, 0);
    ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
    ASSERT_EQ(::chmod((dir + "/index").c_str(), 0), 0);
    std::vector<std::string> as_user;
    if (::geteuid() == 0)
        as_user = {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
    for (const std::vector<std::string>& how :
         {std::vector<std::string>{"--index", dir + "/index"},
          std::vector<std::string>{"--shard", dir + "/index"}}) {
        std::vector<std::string> args = as_user;
        args.push_back(PARLEY_SEARCH_BIN);
        args.insert(args.end(), how.begin(), how.end());
        args.push_back("sanctions");
        const RunResult r = run(args);
        EXPECT_EQ(r.exit_code, 1) << how[0] << ": " << r.err;
        EXPECT_NE(r.err.find(dir + "/index"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("cannot be read: Permission denied"), std::string::npos)
            << how[0] << ": " << r.err;
        EXPECT_EQ(r.err.find("no index there"), std::string::npos) << r.err;
    }
    std::vector<std::string> add = as_user;  // the indexer says the same, no internal error
    add.insert(add.end(), {PARLEY_INDEX_BIN, "--index", dir + "/index", dir + "/a.txt"});
    const RunResult w = run(add);
    EXPECT_EQ(w.exit_code, 1) << w.err;
    EXPECT_NE(w.err.find(dir + "/index: the index cannot be read: Permission denied"),
              std::string::npos)
        << w.err;
    ::chmod((dir + "/index").c_str(), 0755);
}

TEST(SearchCli, SearchesNonEnglishArticlesInTheirOwnLanguage) {
    const json ru = search(corpora_index(), {"Северного морского пути"});
    ASSERT_GT(ru.at("total"), 0);
    EXPECT_EQ(ru["hits"][0].at("language"), "ru");
    const json zh = search(corpora_index(), {"全球发展倡议"});
    ASSERT_GT(zh.at("total"), 0);
    EXPECT_EQ(zh["hits"][0].at("language"), "zh");
    EXPECT_FALSE(zh["hits"][0].at("spans").empty());
    // A word a Russian article holds is no misspelling, though the English stemmer would
    // not find it: no "did you mean".
    const json word = search(corpora_index(), {"Россия", "--no-entities"});
    ASSERT_GT(word.at("total"), 0);
    EXPECT_TRUE(word.at("did_you_mean").is_null()) << word.dump();
}

// Feedback is on by default and lists its stems in feedback_stems; --no-feedback ranks by
// the query's words alone.
TEST(SearchCli, FeedbackReranksTheSameMatchesAndSaysWhichWordsItAdded) {
    const json plain = search(
        corpora_index(), {"sanctions oil", "--facets", "actor,year", "-n", "20", "--no-feedback"});
    const json fed =
        search(corpora_index(), {"sanctions oil", "--facets", "actor,year", "-n", "20"});
    EXPECT_TRUE(plain.at("feedback_stems").empty()) << plain.at("feedback_stems");
    // The same paragraphs match: totals and facet counts are the query's.
    EXPECT_EQ(fed.at("total"), plain.at("total"));
    EXPECT_EQ(fed.at("facets"), plain.at("facets"));
    // The stems added: the oil price cap's, which two or more of the best paragraphs share;
    // never the query's own, and at most ten.
    const auto stems = fed.at("feedback_stems").get<std::vector<std::string>>();
    EXPECT_NE(std::find(stems.begin(), stems.end(), "cap"), stems.end())
        << fed.at("feedback_stems");
    EXPECT_EQ(std::find(stems.begin(), stems.end(), "oil"), stems.end());
    EXPECT_EQ(std::find(stems.begin(), stems.end(), "sanction"), stems.end());
    EXPECT_LE(stems.size(), 10u);
    for (const auto& n : fed.at("notes"))
        EXPECT_EQ(n.get<std::string>().find("feedback"), std::string::npos) << n;
    // The added words rerank: the same set of hits on the page in another order, or others.
    std::vector<std::string> a, b;
    for (const auto& h : plain.at("hits"))
        a.push_back(h.at("article_id").get<std::string>() + "#" + h.at("paragraph").dump());
    for (const auto& h : fed.at("hits"))
        b.push_back(h.at("article_id").get<std::string>() + "#" + h.at("paragraph").dump());
    EXPECT_NE(a, b);
    // Each hit still counts only the query's own words.
    for (const auto& h : fed.at("hits")) EXPECT_LE(h.at("matched_terms").get<int>(), 2);
}

// A query of more than 20 distinct words (function words and repetitions not counted)
// weighs its words by idf squared and says so; one of 20 does not.
TEST(SearchCli, LongQueriesWeighRareWordsMoreAndSaySo) {
    const std::vector<std::string> words = {
        "navy",   "drills",  "submarine", "alliance", "pacific",  "sanctions", "trade",
        "oil",    "markets", "summit",    "treaty",   "missile",  "border",    "election",
        "budget", "banks",   "currency",  "tariffs",  "shipping", "ports",     "energy"};
    auto query_of = [&](std::size_t n) {
        std::string q = "the navy and the";  // function words and a repeated word
        for (std::size_t i = 0; i < n; ++i) q += " " + words[i];
        return q;
    };
    auto long_note = [](const json& r) {
        for (const auto& n : r.at("notes"))
            if (n.get<std::string>().rfind("long query: ", 0) == 0) return n.get<std::string>();
        return std::string();
    };
    const json twenty = search(corpora_index(), {query_of(20), "--facets", "none"});
    EXPECT_EQ(long_note(twenty), "") << twenty.at("notes");
    const json twenty_one = search(corpora_index(), {query_of(21), "--facets", "none"});
    EXPECT_EQ(long_note(twenty_one),
              "long query: 21 words, so rarer words weigh more (idf squared)")
        << twenty_one.at("notes");
    // The weight changes the order, never what matches.
    const json as_words =
        search(corpora_index(), {query_of(21), "--facets", "none", "--rank", "words"});
    EXPECT_EQ(as_words.at("total"), twenty_one.at("total"));
}

// Dense words (here "the", "of" and "government", in every paragraph of 4,500) are read
// from decoded copies of their posting lists kept in memory; PARLEY_POSTINGS_CACHE_MB=0
// reads everything through Xapian. Every answer must be the same, byte for byte.
TEST(SearchCli, DecodedPostingsOfDenseWordsChangeNoAnswer) {
    const std::string dir = fresh_dir("dense-words");
    std::string jsonl;
    const std::vector<std::string> rare = {"navy",    "sanctions", "tariffs", "drills",
                                           "embassy", "treaty",    "oil",     "harbour"};
    unsigned state = 7;
    auto pick = [&](std::size_t n) {
        state = state * 1103515245u + 12345u;
        return (state >> 16) % n;
    };
    for (int a = 0; a < 900; ++a) {
        std::string id = "a";
        id += std::to_string(a);  // appended: GCC 12 misreads "a" + to_string() (bug 105329)
        json article = {
            {"id", id},
            {"title", "The government of " + rare[pick(rare.size())]},
            {"date", "20" + std::to_string(10 + a % 15) + "-03-0" + std::to_string(1 + a % 9)}};
        std::string text;
        for (int p = 0; p < 5; ++p) {
            std::string para = "The government of the day";
            for (int w = 0; w < 12; ++w) {
                para += " " + rare[pick(rare.size())];
                if (pick(3) == 0) para += " of the";
                if (pick(5) == 0) para += " government";
            }
            text += (p ? "\n\n" : "") + para + ".";
        }
        article["text"] = text;
        jsonl += article.dump() + "\n";
    }
    write_file(dir + "/dense.jsonl", jsonl);
    const std::string index = dir + "/index";
    const RunResult built =
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/dense.jsonl"});
    ASSERT_EQ(built.exit_code, 0) << built.err;
    ASSERT_EQ(paragraph_count(index), 4500u);

    auto answer = [&](const std::vector<std::string>& args, const std::string& budget) {
        std::vector<std::string> argv{PARLEY_SEARCH_BIN, "--index", index, "--json"};
        argv.insert(argv.end(), args.begin(), args.end());
        const RunResult r = run(argv, "", {"PARLEY_POSTINGS_CACHE_MB=" + budget});
        EXPECT_LE(r.exit_code, 1) << r.err;
        return r.out;
    };
    const std::vector<std::vector<std::string>> queries = {
        {"the"},
        {"government navy"},
        {"the of government treaty oil", "-n", "50"},
        {"+government +navy +drills"},
        {"\"of the\""},
        {"\"of the government\"", "--group-by", "article"},
        {"\"government of the\" navy", "--sort", "date"},
        {"\"the government\" -sanctions", "--offset", "20"},
        {"government", "--filter", "year:2015", "--facets", "year,topic"},
        {"the navy", "--rank", "words", "-n", "30"},
    };
    const json whole = json::parse(answer({"the", "--facets", "none"}, "0"));
    EXPECT_EQ(whole.at("total"), 4500) << "'the' is in every paragraph: a dense word";
    for (const auto& q : queries) {
        SCOPED_TRACE(q.front());
        const std::string direct = answer(q, "0");
        ASSERT_FALSE(direct.empty());
        EXPECT_GT(json::parse(direct).at("total").get<int>(), 0);
        EXPECT_EQ(answer(q, "256"), direct);
    }
    const RunResult bad =
        run({PARLEY_SEARCH_BIN, "--index", index, "the"}, "", {"PARLEY_POSTINGS_CACHE_MB=lots"});
    EXPECT_EQ(bad.exit_code, 2) << bad.out;
    EXPECT_NE(bad.err.find("PARLEY_POSTINGS_CACHE_MB"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace parley::testing
