// What the programs say and do where there is no index: every one gives the same hint (how to
// build one), and a run with nothing to read leaves no new empty index behind.
#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

namespace fs = std::filesystem;

// Every program, on a path that holds no index, names it and says how to build one: for no
// directory, an empty one and a folder of sources alike.
TEST(NoIndex, EveryProgramSaysHowToBuildOne) {
    const std::string dir = fresh_dir("no-index-hint");
    fs::create_directories(dir + "/empty");
    write_file(dir + "/sources/a.txt", "Title: A\n\nA piece about Chile.\n");
    for (const std::string where : {"/missing", "/empty", "/sources"}) {
        const std::string path = dir + where;
        const std::vector<std::vector<std::string>> commands{
            {PARLEY_INDEX_BIN, "stats", "--index", path},
            {PARLEY_INDEX_BIN, "compact", "--index", path},
            {PARLEY_INDEX_BIN, "retag", "--index", path},
            {PARLEY_INDEX_BIN, "delete", "--index", path, "some-id"},
            {PARLEY_SEARCH_BIN, "--index", path, "chile"},
            {PARLEY_ANALYZE_BIN, "timeline", "--index", path, "chile"},
            {PARLEY_SERVE_BIN, "--index", path, "--listen", "127.0.0.1:0"},
        };
        for (const auto& argv : commands) {
            const RunResult r = run(argv);
            const std::string what = argv[0] + " " + argv[1] + " on " + where;
            EXPECT_EQ(r.exit_code, 1) << what << ": " << r.err;
            EXPECT_NE(r.err.find(path + ": no index there (build one with: parley-index --index " +
                                 path + " FILES...)"),
                      std::string::npos)
                << what << ": " << r.err;
        }
    }
}

// A file given as the index (a typo, the index's own XAPIANDB): every program says it is a
// file, naming it, instead of "no index there (build one with: parley-index --index FILE
// FILES...)", a hint that failed ("cannot create the index directory: Not a directory").
TEST(NoIndex, AFileGivenAsTheIndexIsSaidToBeAFile) {
    const std::string dir = fresh_dir("index-is-a-file");
    write_file(dir + "/notes.txt", "not an index");
    const std::string index = dir + "/index";
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", PARLEY_CORPORA "/feeds"}).exit_code, 0);
    const std::vector<std::pair<std::string, std::string>> cases{
        {dir + "/notes.txt", dir + "/notes.txt: a file, not an index; an index is a directory"},
        {index + "/XAPIANDB", index + "/XAPIANDB: a file of the index at " + index +
                                  ", not an index: give the index's directory (--index " + index +
                                  ")"}};
    for (const auto& [path, said] : cases) {
        const std::vector<std::vector<std::string>> commands{
            {PARLEY_INDEX_BIN, "stats", "--index", path},
            {PARLEY_INDEX_BIN, "compact", "--index", path},
            {PARLEY_INDEX_BIN, "retag", "--index", path},
            {PARLEY_SEARCH_BIN, "--index", path, "chile"},
            {PARLEY_ANALYZE_BIN, "timeline", "--index", path, "chile"},
        };
        for (const auto& argv : commands) {
            const RunResult r = run(argv);
            const std::string what = argv[0] + " " + argv[1] + " on " + path;
            EXPECT_EQ(r.exit_code, 1) << what << ": " << r.err;
            EXPECT_NE(r.err.find(said), std::string::npos) << what << ": " << r.err;
            EXPECT_EQ(r.err.find("build one with: parley-index --index " + path), std::string::npos)
                << what << ": " << r.err;
        }
    }
}

// Inputs that are all missing (a typo, a disk not mounted): each is reported, the run fails,
// and no index is created where there was none.
TEST(NoIndex, ARunWithEveryInputMissingCreatesNoIndex) {
    const std::string dir = fresh_dir("no-input");
    for (const std::string where : {"/new", "/empty"}) {
        const std::string index = dir + where;
        if (where == "/empty") fs::create_directories(index);
        const RunResult r = run(
            {PARLEY_INDEX_BIN, "--index", index, dir + "/typo.txt", dir + "/unmounted/archive"});
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_NE(r.err.find(dir + "/typo.txt: skipped: missing file"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(dir + "/unmounted/archive: skipped: missing file"), std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find("no index created at " + index), std::string::npos) << r.err;
        EXPECT_NE(r.out.find("Skipped 2: 2 missing file"), std::string::npos) << r.out;
        EXPECT_TRUE(!fs::exists(index) || fs::is_empty(index)) << where;
    }
    // One input there: the index is built from it, the missing one reported.
    write_file(dir + "/in/a.txt", "Title: A\n\nA piece about Chile.\n");
    const RunResult some =
        run({PARLEY_INDEX_BIN, "--index", dir + "/new", dir + "/in", dir + "/typo.txt"});
    EXPECT_EQ(some.exit_code, 1) << some.err;
    EXPECT_EQ(paragraph_count(dir + "/new"), 1u);
    // An existing index and missing inputs: the index stays as it was.
    const RunResult again = run({PARLEY_INDEX_BIN, "--index", dir + "/new", dir + "/typo.txt"});
    EXPECT_EQ(again.exit_code, 1) << again.err;
    EXPECT_EQ(paragraph_count(dir + "/new"), 1u);
}

// Inputs that are there but give no article (an empty drop folder, files all skipped) and a
// fetch whose every URL fails: no empty index is left behind, as for missing inputs. An
// empty folder is no error (exit 0); skipped files and failed URLs are (exit 1).
TEST(NoIndex, ARunThatReadsNoArticleCreatesNoIndex) {
    const std::string dir = fresh_dir("no-article");
    fs::create_directories(dir + "/drop");
    write_file(dir + "/junk/notes.pdf", "%PDF");
    write_file(dir + "/junk/blank.jsonl", "\n\n");
    for (const std::string where : {"/new", "/empty"}) {
        const std::string index = dir + where;
        if (where == "/empty") fs::create_directories(index);
        const RunResult empty = run({PARLEY_INDEX_BIN, "--index", index, dir + "/drop"});
        EXPECT_EQ(empty.exit_code, 0) << empty.err;
        EXPECT_NE(
            empty.err.find("no article read from the inputs, so no index created at " + index),
            std::string::npos)
            << empty.err;
        EXPECT_EQ(fs::exists(index), where == "/empty") << where;
        const RunResult quiet = run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/drop"});
        EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
        EXPECT_EQ(quiet.err, "") << "an empty drop folder is no error: --quiet says nothing";
        EXPECT_TRUE(!fs::exists(index) || fs::is_empty(index)) << where;
        const RunResult junk = run({PARLEY_INDEX_BIN, "--index", index, dir + "/junk"});
        EXPECT_EQ(junk.exit_code, 1) << junk.err;
        EXPECT_NE(junk.err.find("no index created at " + index), std::string::npos) << junk.err;
        EXPECT_TRUE(!fs::exists(index) || fs::is_empty(index)) << where;
        // Nothing listens on port 1: the URL fails, and its crawl state goes with the index.
        const RunResult fetch = run({PARLEY_INDEX_BIN, "fetch", "--index", index, "--retries", "0",
                                     "--timeout", "5", "http://127.0.0.1:1/feed.xml"});
        EXPECT_EQ(fetch.exit_code, 1) << fetch.err;
        EXPECT_NE(fetch.err.find("no article fetched, so no index created at " + index),
                  std::string::npos)
            << fetch.err;
        EXPECT_TRUE(!fs::exists(index) || fs::is_empty(index)) << where;
    }
    // An index that is there keeps being one, whatever a run reads.
    write_file(dir + "/in/a.txt", "Title: A\n\nA piece about Chile.\n");
    EXPECT_EQ(run({PARLEY_INDEX_BIN, "--index", dir + "/new", dir + "/in"}).exit_code, 0);
    const RunResult again = run({PARLEY_INDEX_BIN, "--index", dir + "/new", dir + "/drop"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.err.find("no index created"), std::string::npos) << again.err;
    EXPECT_EQ(paragraph_count(dir + "/new"), 1u);
}

}  // namespace
}  // namespace parley::testing
