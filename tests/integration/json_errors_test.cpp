// A program asked for JSON (--json, parley-analyze --format json or ndjson) that fails
// prints one JSON object on stdout naming the error — {"error", "exit", "kind", "option"} —
// besides the message on stderr, with the exit status it has without --json: a script
// parsing stdout never reads nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string kind, option, says;
};

void expect_json_error(const Case& c) {
    const RunResult r = run(c.args);
    std::string line;
    for (const auto& a : c.args) line += a + " ";
    EXPECT_EQ(r.exit_code, c.exit_code) << line << r.err;
    EXPECT_FALSE(r.err.empty()) << line;
    json j;
    ASSERT_NO_THROW(j = json::parse(r.out)) << line << "stdout: " << r.out;
    EXPECT_EQ(j.value("exit", -1), c.exit_code) << line << r.out;
    EXPECT_EQ(j.value("kind", ""), c.kind) << line << r.out;
    EXPECT_EQ(j.value("option", ""), c.option) << line << r.out;
    EXPECT_NE(j.value("error", "").find(c.says), std::string::npos) << line << r.out;
}

TEST(JsonErrors, ParleySearchPrintsAnObjectForEveryFailure) {
    const std::string missing = fresh_dir("json-errors") + "/nothing";
    const std::string& index = corpora_index();
    const std::string bin = PARLEY_SEARCH_BIN;
    for (const Case& c : std::vector<Case>{
             {{bin, "--json", "--index", missing, "china"}, 1, "index_missing", "", "no index"},
             {{bin, "--json", "--index", index, "--sort", "size", "x"},
              2,
              "usage",
              "--sort",
              "'size'"},
             {{bin, "--index", index, "--limit", "-5", "--json", "x"}, 2, "usage", "--limit", "-5"},
             {{bin, "--json", "--index", index, "--bogus", "x"}, 2, "usage", "--bogus", "--bogus"},
             {{bin, "--json", "--index", index, "actr:China"}, 2, "query", "", "actr"},
             {{bin, "--json", "--index", index, "date:2021-13-45"}, 2, "query", "", "date"},
         })
        expect_json_error(c);
    // Without --json, stdout stays empty; after "--", "--json" is a query word.
    const RunResult plain = run({bin, "--index", missing, "china"});
    EXPECT_EQ(plain.exit_code, 1);
    EXPECT_EQ(plain.out, "");
    const RunResult word = run({bin, "--index", missing, "--", "--json"});
    EXPECT_EQ(word.out, "");
}

TEST(JsonErrors, ParleyIndexAndAnalyzePrintAnObjectToo) {
    const std::string dir = fresh_dir("json-errors-index");
    expect_json_error({{PARLEY_INDEX_BIN, "stats", "--json", "--index", dir + "/none"},
                       1,
                       "index_missing",
                       "",
                       "none"});
    expect_json_error({{PARLEY_INDEX_BIN, "--json", "--index", dir + "/i", "--batch", "0", "x"},
                       2,
                       "usage",
                       "--batch",
                       "--batch"});
    expect_json_error(
        {{PARLEY_ANALYZE_BIN, "timeline", "--format", "json", "--index", dir + "/none", "china"},
         1,
         "index_missing",
         "",
         "none"});
    expect_json_error({{PARLEY_ANALYZE_BIN, "context", "--format", "json", "--index",
                        corpora_index(), "no-such-article", "3"},
                       1,
                       "not_found",
                       "",
                       "no paragraph 3 in article 'no-such-article'"});
    // ndjson: the object on one line, as the rows would be.
    const RunResult r = run({PARLEY_ANALYZE_BIN, "timeline", "--format=ndjson", "--index",
                             corpora_index(), "--interval", "fortnight", "china"});
    EXPECT_EQ(r.exit_code, 2);
    ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    EXPECT_EQ(json::parse(r.out).value("kind", ""), "usage") << r.out;
}

}  // namespace
}  // namespace parley::testing
