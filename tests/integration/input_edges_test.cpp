// The edges of input and output as a user meets them: dates written as front matter and
// JSON exports write them, date bounds typed as a person types them, control characters in
// a CSV export, and the counts of a summary. Each runs the real programs on real files.
#include <algorithm>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// A date written with text after it ("December 4, 2024 at 10:00 EST", "4 December 2024,
// updated 5 December") was an unreadable date where an ISO one with text after it was
// read: every form is now read so, and a date that cannot be read is still a warning at
// the record's line.
TEST(InputEdges, ADateWithTextAfterItIsReadInEveryForm) {
    const std::string dir = fresh_dir("dates-with-text");
    write_file(dir + "/a.jsonl",
               "{\"id\":\"a1\",\"title\":\"One\",\"date\":\"December 4, 2024 at 10:00 EST\","
               "\"body\":\"Quagga talks one.\"}\n"
               "{\"id\":\"a2\",\"title\":\"Two\",\"date\":\"4 December 2024, updated 5 December\","
               "\"body\":\"Quagga talks two.\"}\n"
               "{\"id\":\"a3\",\"title\":\"Three\",\"date\":\"Dec. 4, 2024 10:00\","
               "\"body\":\"Quagga talks three.\"}\n"
               "{\"id\":\"a4\",\"title\":\"Four\",\"date\":\"04.12.2024, aktualisiert 05.12.2024\","
               "\"body\":\"Quagga talks four.\"}\n"
               "{\"id\":\"a5\",\"title\":\"Five\",\"date\":\"updated December 4, 2024\","
               "\"body\":\"Quagga talks five.\"}\n");
    write_file(
        dir + "/b.md",
        "---\ntitle: Six\ndate: 4 Dec 2024 (updated 6 Dec 2024)\n---\n\nQuagga talks six.\n");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/i", dir});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("a.jsonl:5: warning: unreadable date: 'updated December 4, 2024': not a "
                         "date Parley reads"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("unreadable date"), r.err.rfind("unreadable date")) << r.err;
    const json found = search(dir + "/i", {"date:2024-12-04", "--facets", "none"});
    std::vector<std::string> titles;
    for (const auto& hit : found.at("hits")) {
        titles.push_back(hit.at("title"));
        EXPECT_EQ(hit.at("date"), "2024-12-04") << hit;
    }
    std::sort(titles.begin(), titles.end());
    EXPECT_EQ(titles, (std::vector<std::string>{"Four", "One", "Six", "Three", "Two"}));
}

}  // namespace
}  // namespace parley::testing
