// The synonyms file as every program that searches reads it: members of several words
// typed as words or as a phrase, a word of the file that is no typo, the same option in
// parley-search, parley-analyze and parley-serve, and parley-serve reading the file again
// when it is edited while it serves.
#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// One article per file, one paragraph each, so a hit's title names the paragraph.
const std::string& states_index() {
    static const std::string index = [] {
        const std::string dir = fresh_dir("synonyms-states");
        const auto article = [&](const std::string& name, const std::string& body) {
            write_file(dir + "/docs/" + name + ".txt",
                       "Title: " + name + "\nDate: 2022-03-01\n\n" + body + "\n");
        };
        article("unitedstates", "Talks with the United States resumed in May.");
        article("america", "America sent a delegation to the talks.");
        article("usa", "The USA team won the final.");
        article("united", "The united front of farmers held firm.");
        article("states", "Several states passed new laws.");
        article("provinces", "The provinces passed new budgets.");
        article("apart", "The States of the union were united in grief.");
        article("kiev", "Kiev hosted the summit in June.");
        const std::string index_path = dir + "/index";
        const RunResult r = run({PARLEY_INDEX_BIN, "--index", index_path, dir + "/docs"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return index_path;
    }();
    return index;
}

const std::string& states_synonyms() {
    static const std::string file = [] {
        const std::string path = fresh_dir("synonyms-states-file") + "/synonyms.txt";
        write_file(path, "United States, America, USA\nstates, provinces\nKyiv, Kiev\n");
        return path;
    }();
    return file;
}

json find(const std::string& query, std::vector<std::string> more = {}) {
    std::vector<std::string> args{query,      "--synonyms", states_synonyms(),
                                  "--facets", "none",       "--no-entities"};
    args.insert(args.end(), more.begin(), more.end());
    return search(states_index(), args);
}

using Titles = std::set<std::string>;

TEST(Synonyms, AMemberOfSeveralWordsTypedAsWordsOrAPhraseFindsItsGroup) {
    const Titles group{"unitedstates", "america", "usa"};
    // Typed as words or in quotes: the member as a phrase, or any other member; not the
    // words apart ("united" alone, "states" alone or far apart), and "states" is not also
    // expanded to its own group ("provinces") inside "United States".
    const json words = find("United States");
    EXPECT_EQ(titles(words), group) << words.at("notes");
    EXPECT_TRUE(has_note(words, "'united states' also searched as 'America', 'USA'"))
        << words.at("notes");
    EXPECT_EQ(titles(find("\"United States\"")), group);
    EXPECT_EQ(titles(find("united   STATES")), group);
    // Beside other words, with operators and filters.
    EXPECT_EQ(titles(find("talks United States", {"--rank", "words"})).count("unitedstates"), 1u);
    EXPECT_EQ(titles(find("United States year:2022")), group);
    EXPECT_EQ(titles(find("United States -USA")), Titles{});  // USA's group is excluded whole
    EXPECT_EQ(titles(find("delegation -\"United States\"")), Titles{});
    const json excluded = find("talks -\"United States\"");
    EXPECT_TRUE(has_note(excluded, "excluding 'united states' also excludes 'America', 'USA'"))
        << excluded.at("notes");
    // A single word keeps its own group, and a member finds the member of several words.
    EXPECT_EQ(titles(find("states")), (Titles{"states", "provinces", "apart", "unitedstates"}));
    EXPECT_EQ(titles(find("America")), group);
    // Without the file, the words are words.
    EXPECT_EQ(
        titles(search(states_index(), {"United States", "--facets", "none", "--no-entities"})),
        (Titles{"unitedstates", "united", "states", "apart"}));
}

TEST(Synonyms, ParleyAnalyzeReadsTheFileAsParleySearchDoes) {
    const auto exported = [](std::vector<std::string> args, std::vector<std::string> env = {}) {
        std::vector<std::string> all{PARLEY_ANALYZE_BIN, "export", "--index",      states_index(),
                                     "--format",         "ndjson", "--no-entities"};
        all.insert(all.end(), args.begin(), args.end());
        return run(all, "", env);
    };
    const auto lines = [](const std::string& text) {
        std::size_t n = 0;
        for (char c : text) n += c == '\n';
        return n;
    };
    const RunResult flag = exported({"--synonyms", states_synonyms(), "America"});
    ASSERT_EQ(flag.exit_code, 0) << flag.err;
    EXPECT_EQ(lines(flag.out), 3u) << flag.out;
    const RunResult env = exported({"America"}, {"PARLEY_SYNONYMS=" + states_synonyms()});
    ASSERT_EQ(env.exit_code, 0) << env.err;
    EXPECT_EQ(lines(env.out), 3u) << env.out;
    EXPECT_EQ(lines(exported({"America"}).out), 1u);
    // Bad lines are named by file and line; an unreadable file is a usage error.
    const std::string dir = fresh_dir("analyze-synonyms");
    write_file(dir + "/bad.txt", "America, USA\nlonely\n");
    const RunResult bad = exported({"--synonyms", dir + "/bad.txt", "America"});
    EXPECT_EQ(bad.exit_code, 0) << bad.err;
    EXPECT_NE(bad.err.find("parley-analyze: warning: " + dir +
                           "/bad.txt:2: a group needs at least two members"),
              std::string::npos)
        << bad.err;
    const RunResult missing = exported({"America"}, {"PARLEY_SYNONYMS=" + dir + "/none.txt"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find(dir + "/none.txt: cannot read the synonyms file: No such file or "
                                     "directory (PARLEY_SYNONYMS)"),
              std::string::npos)
        << missing.err;
}

TEST(Synonyms, AWordOfTheFileIsNoTypoAndACorrectionGetsItsSynonyms) {
    const Server server(states_index(), {"--synonyms", states_synonyms()});
    // "Kyiv" is not in the index but is in the file: it finds what "Kiev" finds, and it is
    // not "corrected" to "Kiev".
    const json kyiv =
        server.get(url("/search", {{"q", "Kyiv"}, {"facets", "none"}, {"entities", "false"}}));
    EXPECT_EQ(titles(kyiv), Titles{"kiev"});
    EXPECT_TRUE(kyiv.at("did_you_mean").is_null()) << kyiv;
    const json suggested = server.get(url("/suggest", {{"q", "Kyiv"}}));
    EXPECT_TRUE(suggested.at("did_you_mean").is_null()) << suggested;
    // A misspelt word is corrected, and the correction is searched with its group.
    const json typo = server.get(url("/search", {{"q", "provnces"}, {"facets", "none"}}));
    ASSERT_EQ(typo.at("did_you_mean"), "provinces") << typo;
    const json corrected =
        server.get(url("/search", {{"q", "provinces"}, {"facets", "none"}, {"entities", "false"}}));
    EXPECT_EQ(titles(corrected), (Titles{"states", "provinces", "apart", "unitedstates"}));
    EXPECT_EQ(server.get(url("/suggest", {{"q", "provnces"}})).at("did_you_mean"), "provinces");
}

TEST(Synonyms, ParleyServeReadsAnEditedFileAgainAndKeepsTheOldOneWhenTheNewIsBad) {
    const std::string dir = fresh_dir("serve-synonyms-reload");
    const std::string file = dir + "/synonyms.txt";
    write_file(file, "states, provinces\n");
    const Server server(states_index(), {"--synonyms", file});
    const auto found = [&](const std::string& q) {
        return titles(server.get(url(
            "/search", {{"q", q}, {"facets", "none"}, {"entities", "false"}, {"limit", "20"}})));
    };
    // Waits (searching, as users go on doing) until `q` finds `want`; false after 10 s.
    const auto until = [&](const std::string& q, const Titles& want) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (found(q) == want) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    };
    EXPECT_EQ(found("America"), Titles{"america"});
    EXPECT_EQ(found("states"), (Titles{"states", "provinces", "apart", "unitedstates"}));

    // Edited: the next searches (after at most a second) use the new groups.
    write_file(file, "United States, America, USA\nstates, provinces\n");
    EXPECT_TRUE(until("America", Titles{"unitedstates", "america", "usa"})) << server.err();
    EXPECT_NE(server.err().find(file + ": read again, 2 groups"), std::string::npos)
        << server.err();

    // Edited into a file with a bad line: not taken; the groups in use stay, and the
    // problem is said by file and line.
    write_file(file, "United States, America, USA\nstates\n");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (server.err().find("the synonyms in use stay") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
        found("America");  // a search makes the server look
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_NE(server.err().find(file + ":2: a group needs at least two members"), std::string::npos)
        << server.err();
    EXPECT_NE(server.err().find(file + ": changed, and not read again (1 problem); the synonyms "
                                       "in use stay until the file is fixed"),
              std::string::npos)
        << server.err();
    EXPECT_EQ(found("states"), (Titles{"states", "provinces", "apart", "unitedstates"}));
    EXPECT_EQ(found("America"), (Titles{"unitedstates", "america", "usa"}));

    // Removed: said once, and the server searches on with the groups in use.
    std::filesystem::remove(file);
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    for (int i = 0; i < 15; ++i) {
        EXPECT_EQ(found("America"), (Titles{"unitedstates", "america", "usa"}));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string err = server.err();
    const std::string cannot = file + ": cannot read the synonyms file: No such file or directory";
    const auto first = err.find(cannot);
    EXPECT_NE(first, std::string::npos) << err;
    EXPECT_EQ(err.find(cannot, first + 1), std::string::npos) << err;  // once

    // Fixed: taken.
    write_file(file, "America, USA\n");
    EXPECT_TRUE(until("America", Titles{"america", "usa"})) << server.err();
    EXPECT_EQ(found("states"), (Titles{"states", "apart", "unitedstates"}));
}

}  // namespace
}  // namespace parley::testing
