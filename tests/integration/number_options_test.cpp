// Numeric options of every program: a value out of range or no plain number is refused
// with exit 2, naming the option, the value as typed and the range it takes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

struct BadNumber {
    std::vector<std::string> command;  // program and subcommand
    std::string option;
    std::string range;  // expected "give ..." text
};

TEST(NumberOptions, BadValuesNameTheOptionTheValueAndTheRange) {
    const std::string dir = fresh_dir("number-options");
    const std::vector<BadNumber> cases{
        {{PARLEY_SEARCH_BIN}, "--shard-timeout", "a whole number of milliseconds from 1 to 600000"},
        {{PARLEY_SEARCH_BIN}, "--limit", "a whole number from 0 to 10000"},
        {{PARLEY_SEARCH_BIN}, "--offset", "a whole number from 0 to 1000000"},
        {{PARLEY_SEARCH_BIN}, "--facet-size", "a whole number from 0 to "},
        {{PARLEY_SEARCH_BIN}, "--snippet-length", "a whole number from 1 to 2000"},
        {{PARLEY_SERVE_BIN}, "--threads", "a whole number from 1 to 1024"},
        {{PARLEY_SERVE_BIN}, "--head-timeout", "a number of seconds from 0.001 to 3600"},
        {{PARLEY_SERVE_BIN}, "--max-query-chars", "a whole number from 1 to 8192"},
        {{PARLEY_SERVE_BIN}, "--max-connections", "a whole number from 1 to "},
        {{PARLEY_INDEX_BIN}, "--batch", "a whole number from 1 to "},
        {{PARLEY_INDEX_BIN}, "--threads", "a whole number from 0 to 256"},
        {{PARLEY_INDEX_BIN}, "--commit-seconds", "a number of seconds from 0.001 to "},
        {{PARLEY_INDEX_BIN, "fetch"}, "--timeout", "a number of seconds from 0.001 to 86400"},
        {{PARLEY_INDEX_BIN, "fetch"}, "--retries", "a whole number from 0 to "},
        {{PARLEY_INDEX_BIN, "stats"}, "--top", "a whole number from 0 to "},
    };
    for (const BadNumber& c : cases) {
        for (const std::string value : {"-5", "abc", "10x", "1e3", "0x10", " 5", "nan", "inf",
                                        "-0.5", "99999999999999999999999"}) {
            std::vector<std::string> args = c.command;
            args.insert(args.end(), {"--index", dir + "/index", c.option + "=" + value});
            const RunResult r = run(args);
            EXPECT_EQ(r.exit_code, 2) << c.option << " " << value << ": " << r.err;
            const std::string expected = "the argument ('" + value + "') for option '" + c.option +
                                         "' is invalid: give " + c.range;
            EXPECT_NE(r.err.find(expected), std::string::npos)
                << c.option << " " << value << ": " << r.err;
        }
    }
    // A snippet takes what the HTTP API's snippet_length takes: 0 showed a word and no
    // match, and any length was taken.
    for (const std::string value : {"0", "2001"}) {
        const RunResult r = run(
            {PARLEY_SEARCH_BIN, "--index", corpora_index(), "--snippet-length=" + value, "naval"});
        EXPECT_EQ(r.exit_code, 2) << value << ": " << r.err;
        EXPECT_NE(r.err.find("give a whole number from 1 to 2000"), std::string::npos) << r.err;
    }
    // In range, a '+' included, is taken.
    EXPECT_EQ(run({PARLEY_SEARCH_BIN, "--index", corpora_index(), "--shard-timeout", "+5",
                   "--limit", "0", "naval"})
                  .exit_code,
              0);
}

}  // namespace
}  // namespace parley::testing
