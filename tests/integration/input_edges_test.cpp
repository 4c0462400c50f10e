// The edges of input and output as a user meets them: dates written as front matter and
// JSON exports write them, date bounds typed as a person types them, control characters in
// a CSV export, and the counts of a summary. Each runs the real programs on real files.
#include <algorithm>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

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

// parley-analyze --from/--to (timeline, bursts) took YYYY[-MM[-DD]] only: a bound is now any
// date the articles' dates are read in, a month or year covering the whole of it, and one
// that is not a date is a usage error naming the option and the value.
TEST(InputEdges, DateBoundsAreReadAsADateIsWrittenAndCoverTheirPeriod) {
    const std::string dir = fresh_dir("date-bounds");
    write_file(
        dir + "/a.jsonl",
        "{\"id\":\"b1\",\"title\":\"One\",\"date\":\"2024-12-01\",\"body\":\"Quagga.\"}\n"
        "{\"id\":\"b2\",\"title\":\"Two\",\"date\":\"2024-12-31\",\"body\":\"Quagga.\"}\n"
        "{\"id\":\"b3\",\"title\":\"Three\",\"date\":\"2025-01-01\",\"body\":\"Quagga.\"}\n");
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", dir + "/i", dir + "/a.jsonl"}).exit_code, 0);
    const auto days = [&](const std::string& from, const std::string& to) {
        const RunResult r =
            run({PARLEY_ANALYZE_BIN, "timeline", "--index", dir + "/i", "--interval", "day",
                 "--format", "json", "--from", from, "--to", to, "quagga"});
        EXPECT_EQ(r.exit_code, 0) << from << ".." << to << "\n" << r.err;
        json buckets = json::parse(r.out).at("series").at(0).at("buckets");
        std::size_t matches = 0;
        for (const auto& b : buckets) matches += b.at("count").get<std::size_t>();
        return std::pair{buckets.size(), matches};
    };
    EXPECT_EQ(days("2024-12", "2024-12"), (std::pair<std::size_t, std::size_t>{31, 2}));
    EXPECT_EQ(days("December 2024", "Dec 2024"), (std::pair<std::size_t, std::size_t>{31, 2}));
    EXPECT_EQ(days("1 December 2024", "12/31/2024"), (std::pair<std::size_t, std::size_t>{31, 2}));
    EXPECT_EQ(days("2024", "2024"), (std::pair<std::size_t, std::size_t>{366, 2}));
    EXPECT_EQ(days("Dec 31, 2024 at 10:00", "2025"), (std::pair<std::size_t, std::size_t>{366, 2}));
    for (const auto& [option, value, why] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"--from", "2024-13", "--from '2024-13' is not a date: there is no month 13"},
             {"--to", "Feb 30, 2024", "--to 'Feb 30, 2024' is not a date: February 2024 has 29"},
             {"--to", "soon", "--to 'soon' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD"}}) {
        for (const std::string program : {PARLEY_ANALYZE_BIN, PARLEY_SEARCH_BIN}) {
            std::vector<std::string> args{program, "--index", dir + "/i", option, value, "quagga"};
            if (program == PARLEY_ANALYZE_BIN) args.insert(args.begin() + 1, "timeline");
            const RunResult r = run(args);
            EXPECT_EQ(r.exit_code, 2) << program << " " << value;
            EXPECT_NE(r.err.find(why), std::string::npos) << program << "\n" << r.err;
        }
    }
    const RunResult reversed = run(
        {PARLEY_SEARCH_BIN, "--index", dir + "/i", "--from", "2025", "--to", "Dec 2024", "quagga"});
    EXPECT_EQ(reversed.exit_code, 2);
    EXPECT_NE(reversed.err.find("--to 'Dec 2024' ends before --from '2025' begins"),
              std::string::npos)
        << reversed.err;

    // parley-search --from/--to (it had none: the date: filter only, ISO and without spaces),
    // and GET /search's from and to, select the paragraphs of the range so typed.
    const auto titles = [](const json& result) {
        std::vector<std::string> out;
        for (const auto& hit : result.at("hits")) out.push_back(hit.at("title"));
        std::sort(out.begin(), out.end());
        return out;
    };
    using Titles = std::vector<std::string>;
    EXPECT_EQ(titles(search(dir + "/i", {"--to", "2024-12", "quagga"})), (Titles{"One", "Two"}));
    EXPECT_EQ(titles(search(dir + "/i",
                            {"--from", "December 31, 2024", "--to", "January 2025", "quagga"})),
              (Titles{"Three", "Two"}));
    EXPECT_EQ(titles(search(dir + "/i", {"--from", "2025", "quagga"})), Titles{"Three"});
    const Server server(dir + "/i");
    EXPECT_EQ(titles(server.get(url("/search", {{"q", "quagga"}, {"to", "December 2024"}}))),
              (Titles{"One", "Two"}));
    EXPECT_EQ(titles(server.get(url("/search", {{"q", "quagga"}, {"from", "2024-12-31"}}))),
              (Titles{"Three", "Two"}));
    const Reply bad = server.send("GET", url("/search", {{"q", "quagga"}, {"from", "2024-13"}}));
    expect_error(bad, 400, "from=2024-13");
    EXPECT_NE(bad.text.find("from '2024-13' is not a date: there is no month 13"),
              std::string::npos)
        << bad.text;
    const json timeline = server.get(
        url("/analyze/timeline",
            {{"q", "quagga"}, {"interval", "day"}, {"from", "December 2024"}, {"to", "Dec 2024"}}));
    EXPECT_EQ(timeline.at("series").at(0).at("buckets").size(), 31u) << timeline;
    expect_error(server.send("GET", url("/analyze/timeline", {{"q", "quagga"}, {"to", "soon"}})),
                 400, "to=soon");
}

}  // namespace
}  // namespace parley::testing

namespace parley::testing {
namespace {

// Every byte of `csv` that is a control character a CSV must not carry raw: all of C0 but
// tab, line feed and carriage return, DEL, and C1 (UTF-8 C2 80 to C2 9F).
std::vector<std::string> raw_controls(const std::string& csv) {
    std::vector<std::string> found;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const auto c = static_cast<unsigned char>(csv[i]);
        const bool c1 = c == 0xC2 && i + 1 < csv.size() &&
                        static_cast<unsigned char>(csv[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(csv[i + 1]) <= 0x9F;
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c1)
            found.push_back("byte " + std::to_string(i) + ": " + std::to_string(c));
    }
    return found;
}

// A NUL or another control character in a paragraph or a title (a JSON "\u0000") reached a
// CSV export raw, where Python's csv module stops ("line contains NUL") and spreadsheets
// show nothing or cut the cell: each is now U+FFFD, in every CSV parley-analyze and the
// HTTP API write (export, context, the views: one writer), and a cell a spreadsheet would run as a
// formula still gets its leading '.
TEST(InputEdges, ACsvExportCarriesNoRawControlCharacter) {
    const std::string dir = fresh_dir("csv-controls");
    write_file(dir + "/c.jsonl",
               "{\"id\":\"c1\",\"title\":\"=1+2\\u0000 Nul\\u0007title\",\"date\":\"2024-12-04\","
               "\"body\":\"Quagga\\u0000talks\\u0001 went\\u001b[2J on \\u007f and \\u0085 "
               "on.\\n\\nA second quagga paragraph.\"}\n");
    const RunResult indexed = run({PARLEY_INDEX_BIN, "--index", dir + "/i", dir + "/c.jsonl"});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    const std::string replacement = "\xEF\xBF\xBD";
    std::vector<std::pair<std::string, std::string>> exports;
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"export", "quagga"}, {"context", "c1", "1"}}) {
        std::vector<std::string> argv{PARLEY_ANALYZE_BIN, args[0],    "--index",
                                      dir + "/i",         "--format", "csv"};
        argv.insert(argv.end(), args.begin() + 1, args.end());
        const RunResult r = run(argv);
        EXPECT_LE(r.exit_code, 1) << args[0] << "\n" << r.err;
        exports.push_back({"parley-analyze " + args[0], r.out});
    }
    const Server server(dir + "/i");
    for (const std::string& target :
         {url("/analyze/export", {{"q", "quagga"}, {"format", "csv"}}),
          url("/analyze/context", {{"article", "c1"}, {"paragraph", "1"}, {"format", "csv"}})})
        exports.push_back({target, server.send("GET", target).text});
    for (const auto& [what, csv] : exports) {
        EXPECT_EQ(raw_controls(csv), std::vector<std::string>{}) << what << "\n" << csv;
        EXPECT_NE(csv.find("Quagga" + replacement + "talks" + replacement + " went" + replacement +
                           "[2J on " + replacement + " and " + replacement + " on."),
                  std::string::npos)
            << what << "\n"
            << csv;
    }
    EXPECT_NE(exports[0].second.find("'=1+2" + replacement + " Nul" + replacement + "title"),
              std::string::npos)
        << exports[0].second;
}

}  // namespace
}  // namespace parley::testing

namespace parley::testing {
namespace {

// A record with a title and no text (a headline-only feed item, a JSON record with only a
// title) was skipped as 'empty article', found by no search: in every reader it is now
// indexed with its title as its one paragraph, with a warning at its line (but in a feed,
// where headlines alone are usual and each run would repeat it); a record with neither is
// still skipped.
TEST(InputEdges, AHeadlineWithoutTextIsFoundByItsTitle) {
    const std::string dir = fresh_dir("headlines");
    write_file(
        dir + "/in/h.jsonl",
        "{\"id\":\"h1\",\"title\":\"Tariffs on quagga hides\",\"url\":\"https://x.example/1\"}\n"
        "{\"id\":\"h2\",\"title\":\"Quagga jsonl blank\",\"body\":\"   \"}\n"
        "{\"id\":\"h3\",\"url\":\"https://x.example/3\"}\n");
    write_file(dir + "/in/f.rss",
               "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>F</title>\n"
               "<link>https://f.example/</link>\n"
               "<item><title>Quagga feed headline</title><link>https://f.example/1</link></item>\n"
               "</channel></rss>\n");
    write_file(dir + "/in/c.csv", "title,text\nQuagga csv headline,\n");
    write_file(dir + "/in/m.md", "---\ntitle: Quagga markdown headline\n---\n\n");
    write_file(dir + "/in/t.txt", "Title: Quagga text headline\n\n");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/i", dir + "/in"});
    EXPECT_EQ(r.exit_code, 1) << r.err;  // h3: no title, no text
    for (const std::string expected :
         {"h.jsonl:1: warning: no text: 'Tariffs on quagga hides' has no text: indexed by its "
          "title alone; no 'paragraphs', 'body', 'text', 'content' or 'content_html' field",
          "h.jsonl:2: warning: no text: 'Quagga jsonl blank' has no text: indexed by its title "
          "alone",
          "h.jsonl:3: skipped: empty article: no 'paragraphs'",
          "c.csv:2: warning: no text: 'Quagga csv headline' has no text",
          "m.md:1: warning: no text: 'Quagga markdown headline' has no text",
          "t.txt:1: warning: no text: 'Quagga text headline' has no text"})
        EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
    EXPECT_EQ(r.err.find("f.rss:"), std::string::npos) << r.err;
    std::vector<std::string> titles;
    const json found = search(dir + "/i", {"quagga", "--facets", "none"});
    for (const auto& hit : found.at("hits")) titles.push_back(hit.at("title"));
    std::sort(titles.begin(), titles.end());
    EXPECT_EQ(titles,
              (std::vector<std::string>{"Quagga csv headline", "Quagga feed headline",
                                        "Quagga jsonl blank", "Quagga markdown headline",
                                        "Quagga text headline", "Tariffs on quagga hides"}));
    const json tariffs = search(dir + "/i", {"tariffs"});
    ASSERT_EQ(tariffs.at("hits").size(), 1u) << tariffs;
    EXPECT_EQ(tariffs.at("hits").at(0).at("paragraph_count"), 1) << tariffs;
}

// Counts in summaries and notes agree with their nouns: "1 paragraphs written, from 1
// files", "1 warnings", "exported 1 paragraphs", "1 of the 1 matches ... have no date".
TEST(InputEdges, ACountOfOneTakesTheSingular) {
    const std::string dir = fresh_dir("singular");
    write_file(dir + "/one.txt", "Title: One\nDate: soon\n\nQuagga alone.\n");
    const RunResult indexed = run({PARLEY_INDEX_BIN, "--index", dir + "/i", dir + "/one.txt"});
    EXPECT_EQ(indexed.exit_code, 0) << indexed.err;
    EXPECT_NE(indexed.out.find("0 unchanged, 0 updated, 1 new; 1 paragraph written, from 1 file ("),
              std::string::npos)
        << indexed.out;
    EXPECT_NE(indexed.out.find("\n1 warning (on stderr)\n"), std::string::npos) << indexed.out;
    const RunResult exported =
        run({PARLEY_ANALYZE_BIN, "export", "--index", dir + "/i", "--format", "csv", "quagga"});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.err.find("parley-analyze: exported 1 paragraph\n"), std::string::npos)
        << exported.err;
    const RunResult timeline =
        run({PARLEY_ANALYZE_BIN, "timeline", "--index", dir + "/i", "quagga"});
    EXPECT_NE(timeline.err.find("note: 1 of the 1 match of quagga has no date"), std::string::npos)
        << timeline.err;
}

}  // namespace
}  // namespace parley::testing
