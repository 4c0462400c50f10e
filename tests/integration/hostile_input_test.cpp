// Hostile input to parley-index: every file is generated here, each past one limit or built to
// crash a parser, beside a good article that must still be indexed. Issue 9's findings.
#include <sys/stat.h>

#include <filesystem>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

const char* const kGood = "Title: Good\n\nNaval drills near the strait worried Tokyo.\n";

struct IndexRun {
    RunResult result;
    json summary;
};

IndexRun index_files(const std::string& index, const std::vector<std::string>& inputs,
                     const std::vector<std::string>& options = {}, const std::string& input = "") {
    std::vector<std::string> argv{PARLEY_INDEX_BIN, "--index", index, "--json"};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    IndexRun run_result{run(argv, input), {}};
    try {
        run_result.summary = json::parse(run_result.result.out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "no JSON summary: " << e.what() << "\nstdout: " << run_result.result.out
                      << "\nstderr: " << run_result.result.err;
    }
    return run_result;
}

// The problems of a run whose reason is `reason`, as "source: detail" lines.
std::vector<std::string> problems(const json& summary, const std::string& reason) {
    std::vector<std::string> out;
    for (const auto& p : summary.value("problems", json::array())) {
        if (p.at("reason") == reason)
            out.push_back(p.at("source").get<std::string>() + ": " +
                          p.at("detail").get<std::string>());
    }
    return out;
}

bool mentions(const std::vector<std::string>& lines, const std::string& what) {
    for (const auto& l : lines)
        if (l.find(what) != std::string::npos) return true;
    return false;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

TEST(HostileInput, DeepMarkupAndJsonAreSkippedBeforeParsingAndTheRestIsIndexed) {
    const std::string dir = fresh_dir("hostile-deep");
    write_file(dir + "/good.txt", kGood);
    // 100,000 levels crashed gumbo's recursion (finding 2).
    write_file(dir + "/deep.html", "<html><body>" + repeat("<div>", 100000) + "<p>x y z</p>" +
                                       repeat("</div>", 100000) + "</body></html>");
    // 50,000 levels of JSON, then a good line in the same file.
    write_file(dir + "/deep.jsonl",
               "{\"title\": \"d\", \"text\": \"t\", \"x\": " + repeat("[", 50000) +
                   repeat("]", 50000) + "}\n" +
                   R"({"title": "Line two", "text": "Frigates escorted the convoy."})" + "\n");
    // HTML escaped inside a feed item: quadratic in memory before (finding 6). The second
    // item is read on.
    write_file(dir + "/escaped.rss",
               "<rss><channel><title>T</title><item><title>deep</title><description>" +
                   repeat("&lt;div&gt;", 50000) + "x" + repeat("&lt;/div&gt;", 50000) +
                   "</description></item><item><title>Fine</title><link>https://x.example/1"
                   "</link><description>A fine item about submarines.</description></item>"
                   "</channel></rss>");
    write_file(dir + "/deep.md",
               "---\ntitle: " + repeat("[", 100000) + repeat("]", 100000) + "\n---\n\nText.\n");
    // Emphasis and quotes nested deep in Markdown are walked without recursion.
    write_file(dir + "/emphasis.md", "# Emphasis\n\n" + repeat("*a ", 30000) + "x" +
                                         repeat(" a*", 30000) + "\n\n" + repeat("> ", 30000) +
                                         "quoted\n");
    const IndexRun r = index_files(dir + "/index", {dir});
    EXPECT_EQ(r.result.exit_code, 1) << r.result.err;
    const auto deep = problems(r.summary, "too deep");
    EXPECT_EQ(deep.size(), 4u) << r.result.err;
    for (const char* file : {"deep.html", "deep.jsonl", "escaped.rss", "deep.md"})
        EXPECT_TRUE(mentions(deep, file)) << file << "\n" << r.result.err;
    EXPECT_TRUE(mentions(deep, "limit 'depth'")) << r.result.err;
    // good.txt, the second JSON line, the second feed item and emphasis.md.
    EXPECT_EQ(r.summary.at("articles").at("new"), 4) << r.result.err;
    EXPECT_EQ(search(dir + "/index", {"submarines"}).at("total"), 1);
    EXPECT_EQ(search(dir + "/index", {"frigates"}).at("total"), 1);

    // The same page is read when the limit allows it.
    const IndexRun raised = index_files(dir + "/index2", {dir + "/good.txt", dir + "/deep.jsonl"},
                                        {"--limit", "depth=60000"});
    EXPECT_EQ(raised.result.exit_code, 0) << raised.result.err;
    EXPECT_EQ(raised.summary.at("articles").at("new"), 3);
}

TEST(HostileInput, AHugeNumberSkipsItsRecordOnly) {
    const std::string dir = fresh_dir("hostile-number");
    write_file(dir + "/n.jsonl", R"({"title": "n", "text": "t", "x": 1)" + std::string(400, '0') +
                                     "}\n" + R"({"title": "Next", "text": "Corvettes at dawn."})" +
                                     "\n");
    const IndexRun r = index_files(dir + "/index", {dir + "/n.jsonl"});
    EXPECT_EQ(r.result.exit_code, 1) << r.result.err;
    EXPECT_EQ(problems(r.summary, "number out of range").size(), 1u) << r.result.err;
    EXPECT_EQ(r.summary.at("articles").at("new"), 1);
    EXPECT_EQ(search(dir + "/index", {"corvettes"}).at("total"), 1);
}

// A JSON string escape that is half of a UTF-16 pair (a tool that cut an emoji in two) is
// read as U+FFFD and said with its file, line and byte; the record was skipped whole. A
// whole pair, and an escaped backslash before "ud83d", are read as they are.
TEST(HostileInput, ALoneSurrogateEscapeCostsOneCharacterNotTheRecord) {
    const std::string dir = fresh_dir("hostile-surrogate");
    write_file(dir + "/s.jsonl",
               R"({"id": "a", "title": "A", "text": "Corvettes \ud83d at dawn, \ud83d\ude00."})"
               "\n"
               R"({"id": "b", "title": "B", "text": "Frigates \udc00 and \\ud83d as text."})"
               "\n");
    write_file(dir + "/s.json", R"([{"id": "c", "title": "C", "text": "Tugboats \ud800."}])");
    const IndexRun r = index_files(dir + "/index", {dir + "/s.jsonl", dir + "/s.json"});
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_EQ(r.summary.at("articles").at("new"), 3) << r.result.err;
    EXPECT_EQ(problems(r.summary, "lone surrogate").size(), 3u) << r.result.err;
    EXPECT_NE(r.result.err.find("s.jsonl:1: byte 45: warning: lone surrogate: '\\ud83d'"),
              std::string::npos)
        << r.result.err;
    EXPECT_NE(r.result.err.find("s.jsonl:2: byte "), std::string::npos) << r.result.err;
    EXPECT_NE(r.result.err.find("s.json:1: byte "), std::string::npos) << r.result.err;
    const json a = search(dir + "/index", {"corvettes"});
    ASSERT_EQ(a.at("total"), 1) << a;
    EXPECT_EQ(a.at("hits").at(0).at("snippet"), "Corvettes \uFFFD at dawn, \U0001F600.");
    const json b = search(dir + "/index", {"frigates"});
    ASSERT_EQ(b.at("total"), 1) << b;
    EXPECT_EQ(b.at("hits").at(0).at("snippet"), "Frigates \uFFFD and \\ud83d as text.");
    EXPECT_EQ(search(dir + "/index", {"tugboats"}).at("total"), 1);
}

// Each limit, set low so that the files stay small: the record past it is skipped with the
// limit's name, the good article beside it is indexed.
TEST(HostileInput, EachLimitSkipsWhatIsPastItAndNamesIt) {
    const std::string dir = fresh_dir("hostile-limits");
    write_file(dir + "/good.txt", kGood);
    struct Case {
        std::string limit, file, content;
    };
    const std::vector<Case> cases{
        {"file-bytes=1K", "big.txt", "Title: Big\n\n" + repeat("word ", 400) + "\n"},
        {"record-bytes=200", "long.jsonl",
         R"({"title": "L", "text": ")" + repeat("word ", 60) + "\"}\n"},
        {"paragraph-bytes=100", "para.txt", "Title: P\n\n" + repeat("word ", 30) + "\n"},
        {"paragraphs=3", "paras.txt", "Title: Four\n\none\n\ntwo\n\nthree\n\nfour\n"},
        {"article-bytes=100", "article.txt",
         "Title: A\n\n" + repeat("word ", 15) + "\n\n" + repeat("more ", 15) + "\n"},
        {"field-bytes=20", "title.txt", "Title: " + repeat("long ", 10) + "\n\nText.\n"},
        {"authors=3", "authors.txt", "Title: Byline\nAuthors: A, B, C and D\n\nText.\n"},
        {"depth=5", "nested.html",
         "<html><body>" + repeat("<div>", 6) +
             "<p>Naval drills near the strait worried Tokyo and Seoul alike.</p>" +
             repeat("</div>", 6) + "</body></html>"},
    };
    for (const Case& c : cases) {
        write_file(dir + "/" + c.file, c.content);
        const std::string name = c.limit.substr(0, c.limit.find('='));
        const IndexRun r = index_files(
            dir + "/index-" + name, {dir + "/good.txt", dir + "/" + c.file}, {"--limit", c.limit});
        EXPECT_EQ(r.result.exit_code, 1) << c.limit << "\n" << r.result.err;
        EXPECT_EQ(r.summary.value("skipped_total", 0), 1) << c.limit << "\n" << r.result.err;
        EXPECT_NE(r.result.err.find(c.file), std::string::npos) << c.limit << "\n" << r.result.err;
        EXPECT_NE(r.result.err.find("limit '" + name + "'"), std::string::npos) << c.limit << "\n"
                                                                                << r.result.err;
        EXPECT_EQ(r.summary.at("articles").at("new"), 1) << c.limit;
        // Within the default limits the same file is indexed.
        const IndexRun fine = index_files(dir + "/fine-" + name, {dir + "/" + c.file});
        EXPECT_EQ(fine.result.exit_code, 0) << c.limit << "\n" << fine.result.err;
    }
    const RunResult unknown =
        run({PARLEY_INDEX_BIN, "--index", dir + "/x", "--limit", "bogus=1", dir + "/good.txt"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("file-bytes"), std::string::npos) << unknown.err;
    const RunResult zero =
        run({PARLEY_INDEX_BIN, "--index", dir + "/x", "--limit", "depth=0", dir + "/good.txt"});
    EXPECT_EQ(zero.exit_code, 2);
    EXPECT_FALSE(std::filesystem::exists(dir + "/x"));
}

TEST(HostileInput, EndlessInputCostsNoMoreThanTheLimit) {
    const std::string dir = fresh_dir("hostile-stream");
    // A character device that never ends.
    const IndexRun zero = index_files(dir + "/index", {"/dev/zero"}, {"--limit", "file-bytes=1M"});
    EXPECT_EQ(zero.result.exit_code, 1) << zero.result.err;
    EXPECT_TRUE(mentions(problems(zero.summary, "over a limit"), "limit 'file-bytes'"))
        << zero.result.err;
    // Standard input read whole is bounded the same way ...
    const IndexRun text =
        index_files(dir + "/index", {"-"}, {"--limit", "file-bytes=1K"}, repeat("words ", 1000));
    EXPECT_EQ(text.result.exit_code, 1) << text.result.err;
    EXPECT_TRUE(mentions(problems(text.summary, "over a limit"), "<stdin>")) << text.result.err;
    // ... while JSON Lines on stdin stream past it, a record at a time.
    std::string lines;
    for (int i = 0; i < 50; ++i)
        lines += R"({"id": "s)" + std::to_string(i) + R"(", "title": "S", "text": ")" +
                 repeat("word ", 10) + "\"}\n";
    const IndexRun stream = index_files(dir + "/index", {"-"}, {"--limit", "file-bytes=1K"}, lines);
    EXPECT_EQ(stream.result.exit_code, 0) << stream.result.err;
    EXPECT_EQ(stream.summary.at("articles").at("new"), 50);
}

// The one problem a run reports for `reason`; fails the test unless there is exactly one.
json only_problem(const json& summary, const std::string& reason) {
    json found;
    int n = 0;
    for (const auto& p : summary.value("problems", json::array()))
        if (p.at("reason") == reason) {
            found = p;
            ++n;
        }
    EXPECT_EQ(n, 1) << summary.dump(2);
    return found;
}

TEST(HostileInput, AJsonLinesStreamStopsAtItsLimitAndKeepsTheRecordsBeforeIt) {
    const std::string dir = fresh_dir("hostile-stream-bytes");
    write_file(dir + "/good.txt", kGood);
    // 40 records of exactly `record` bytes each (ids of two digits), newline included.
    std::string lines;
    for (int i = 10; i < 50; ++i)
        lines += R"({"id": "r)" + std::to_string(i) + R"(", "title": "R", "text": ")" +
                 repeat("word ", 10) + "\"}\n";
    const std::size_t record = lines.size() / 40;
    ASSERT_EQ(lines.find('\n'), record - 1);
    // The limit falls inside the eleventh record: ten are indexed, reading stops there.
    const std::size_t limit = 10 * record + record / 2;
    const std::string stream_bytes = "stream-bytes=" + std::to_string(limit);
    const IndexRun in = index_files(dir + "/stdin", {"-"}, {"--limit", stream_bytes}, lines);
    EXPECT_EQ(in.result.exit_code, 1) << in.result.err;
    EXPECT_EQ(in.summary.at("articles").at("new"), 10) << in.result.err;
    EXPECT_EQ(in.summary.at("skipped").value("over a limit", 0), 1) << in.result.err;
    const json cut = only_problem(in.summary, "over a limit");
    EXPECT_EQ(cut.value("source", ""), "<stdin>");
    EXPECT_EQ(cut.value("line", 0), 11);
    EXPECT_EQ(cut.value("byte", std::size_t{0}), limit);
    EXPECT_NE(cut.value("detail", "").find("limit 'stream-bytes'"), std::string::npos) << cut;

    // A stream of exactly the limit is read whole.
    const IndexRun exact = index_files(dir + "/exact", {"-"},
                                       {"--limit", "stream-bytes=" + std::to_string(10 * record)},
                                       lines.substr(0, 10 * record));
    EXPECT_EQ(exact.result.exit_code, 0) << exact.result.err;
    EXPECT_EQ(exact.summary.at("articles").at("new"), 10);

    // A JSON Lines file streams the same way, and the next input is read on.
    write_file(dir + "/archive.jsonl", lines);
    const IndexRun file = index_files(dir + "/file", {dir + "/archive.jsonl", dir + "/good.txt"},
                                      {"--limit", stream_bytes});
    EXPECT_EQ(file.result.exit_code, 1) << file.result.err;
    EXPECT_EQ(file.summary.at("articles").at("new"), 11) << file.result.err;
    EXPECT_EQ(only_problem(file.summary, "over a limit").value("line", 0), 11);
    EXPECT_NE(file.result.err.find("archive.jsonl:11: byte " + std::to_string(limit)),
              std::string::npos)
        << file.result.err;

    // An endless device read as JSON Lines (one endless line) stops too.
    const IndexRun zero = index_files(dir + "/zero", {"/dev/zero"},
                                      {"--format", "jsonl", "--limit", "stream-bytes=1M"});
    EXPECT_EQ(zero.result.exit_code, 1) << zero.result.err;
    EXPECT_EQ(only_problem(zero.summary, "over a limit").value("byte", std::size_t{0}), 1u << 20);
    EXPECT_EQ(zero.summary.at("bytes"), (1u << 20) + 1);  // one byte to see that more follows
}

TEST(HostileInput, NamesAndQuotedInputAreEscapedAndShort) {
    const std::string dir = fresh_dir("hostile-names");
    const std::string name = dir + "/evil\x1b[2Jname.jsonl";
    write_file(name, "{\"title\": \"" + repeat("x", 5000) + "\x07\n");
    const IndexRun r = index_files(dir + "/index", {name});
    EXPECT_EQ(r.result.exit_code, 1);
    EXPECT_EQ(r.result.err.find('\x1b'), std::string::npos) << "raw ESC on stderr";
    EXPECT_EQ(r.result.err.find('\x07'), std::string::npos) << "raw BEL on stderr";
    EXPECT_NE(r.result.err.find("evil\\x1b[2Jname.jsonl"), std::string::npos) << r.result.err;
    EXPECT_LT(r.result.err.size(), 1000u) << "the bad line is quoted whole";
}

// An unknown language is said where it was read (file and line, not the article id) and
// escaped like every other value quoted from the input.
TEST(HostileInput, AnUnknownLanguageIsNamedByFileAndLineAndEscaped) {
    const std::string dir = fresh_dir("unknown-language");
    write_file(
        dir + "/in/l.jsonl",
        "{\"id\":\"a\\u001b[31mred\",\"title\":\"A\",\"paragraphs\":[\"text\"]}\n"
        "{\"id\":\"b\",\"lang\":\"x\\u001b[2Jy\",\"title\":\"B\",\"paragraphs\":[\"text\"]}\n");
    const IndexRun r = index_files(dir + "/index", {dir + "/in"});
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;  // indexed, with a warning
    EXPECT_EQ(r.result.err.find('\x1b'), std::string::npos) << "raw ESC on stderr";
    EXPECT_NE(r.result.err.find("l.jsonl:2: warning: unknown language: 'x\\x1b[2Jy'"),
              std::string::npos)
        << r.result.err;
    EXPECT_EQ(r.summary.at("articles").at("new"), 2);
}

// Text saved as UTF-16 with a byte order mark (as Windows editors may) is read as text,
// not refused as binary for its NUL bytes: both byte orders, plain text and JSON Lines.
TEST(HostileInput, Utf16TextWithAByteOrderMarkIsRead) {
    const std::string dir = fresh_dir("utf16");
    const auto utf16 = [](const std::string& ascii, bool little_endian) {
        std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
        for (const char c : ascii) {
            out += little_endian ? std::string{c, '\0'} : std::string{'\0', c};
        }
        return out;
    };
    write_file(dir + "/in/le.txt", utf16("Title: Little\n\nA text about Norway.\n", true));
    write_file(dir + "/in/be.txt", utf16("Title: Big\n\nA text about Chile.\n", false));
    write_file(
        dir + "/in/l.jsonl",
        utf16("{\"id\":\"j\",\"title\":\"J\",\"paragraphs\":[\"A text about Peru.\"]}\n", true));
    const IndexRun r = index_files(dir + "/index", {dir + "/in"});
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_EQ(r.summary.at("articles").at("new"), 3) << r.result.err;
    for (const std::string word : {"Norway", "Chile", "Peru"})
        EXPECT_EQ(search(dir + "/index", {word}).at("total"), 1) << word;
    // Looking for the mark must not cost a pipe its first bytes: <(command) is a pipe.
    const RunResult piped =
        run({"/bin/bash", "-c",
             std::string(PARLEY_INDEX_BIN) + " --index " + dir +
                 "/piped --json --format jsonl <(printf '%s\\n' "
                 "'{\"id\":\"p\",\"title\":\"P\",\"paragraphs\":[\"A text about Ghana.\"]}')"});
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    EXPECT_EQ(json::parse(piped.out).at("articles").at("new"), 1) << piped.out;
    // An unpaired surrogate is read as U+FFFD, and said.
    std::string broken = utf16("Title: Broken\n\nA text about Laos ", true);
    broken += std::string("\x00\xD8", 2) + utf16(" and more.\n", true).substr(2);
    write_file(dir + "/broken/b.txt", broken);
    const IndexRun b = index_files(dir + "/index-broken", {dir + "/broken"});
    EXPECT_EQ(b.summary.at("articles").at("new"), 1) << b.result.err;
    EXPECT_NE(b.result.err.find("b.txt: byte 68: warning: mislabelled charset"), std::string::npos)
        << b.result.err;
}

// In a directory, a broken link, a pipe and a link to a directory are said and counted, not
// passed over in silence (a pipe is not opened: reading it would wait for a writer).
TEST(HostileInput, BrokenLinksAndPipesInADirectoryAreReported) {
    const std::string dir = fresh_dir("odd-files");
    write_file(dir + "/in/a.txt", "Title: A\n\nA text about Chile.\n");
    std::filesystem::create_symlink(dir + "/nowhere.txt", dir + "/in/gone.txt");
    ASSERT_EQ(mkfifo((dir + "/in/pipe.txt").c_str(), 0600), 0);
    // A link to a directory (here one that loops back) is not followed, and is said.
    std::filesystem::create_directory_symlink(dir + "/in", dir + "/in/loop");
    const IndexRun r = index_files(dir + "/index", {dir + "/in"});
    EXPECT_EQ(r.result.exit_code, 1) << r.result.err;
    EXPECT_EQ(r.summary.at("articles").at("new"), 1);
    EXPECT_TRUE(
        mentions(problems(r.summary, "broken link"), "gone.txt: points to " + dir + "/nowhere.txt"))
        << r.result.err;
    EXPECT_TRUE(mentions(problems(r.summary, "not a regular file"), "pipe.txt")) << r.result.err;
    EXPECT_TRUE(mentions(problems(r.summary, "linked directory"), "loop")) << r.result.err;
}

TEST(HostileInput, OldMacLineEndsKeepTheirParagraphs) {
    const std::string dir = fresh_dir("hostile-cr");
    write_file(dir + "/cr.txt", "Title: CR\r\rFirst paragraph,\rstill first.\r\rSecond one.\r");
    write_file(dir + "/cr.md", "# CR\r\rOne.\r\rTwo.\r");
    const IndexRun r = index_files(dir + "/index", {dir});
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_EQ(r.summary.at("paragraphs"), 4) << r.result.err;
    EXPECT_EQ(search(dir + "/index", {"\"paragraph still first\""}).at("total"), 1);
}

TEST(HostileInput, FeedItemsWithoutGuidOrLinkStayDistinct) {
    const std::string dir = fresh_dir("hostile-feed-ids");
    std::string items;
    for (int i = 0; i < 3; ++i)
        items += "<item><title>Daily column</title><description>Column number " +
                 std::to_string(i) + " on the harbour.</description></item>";
    write_file(dir + "/f.rss", "<rss><channel><title>T</title>" + items + "</channel></rss>");
    const IndexRun r = index_files(dir + "/index", {dir + "/f.rss"});
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_EQ(r.summary.at("articles").at("new"), 3) << r.result.err;
    // A rerun finds the same three.
    const IndexRun again = index_files(dir + "/index", {dir + "/f.rss"});
    EXPECT_EQ(again.summary.at("articles").at("unchanged"), 3) << again.result.err;
}

// Finding 1: the record of an article with more authors than the old reader's 1,000 is read
// back exactly, and the fields after the authors with it.
TEST(HostileInput, AnArticleWithThousandsOfAuthorsReadsBackWhole) {
    const std::string dir = fresh_dir("hostile-authors");
    json authors = json::array();
    for (int i = 0; i < 1500; ++i) authors.push_back("Author " + std::to_string(i));
    write_file(dir + "/a.jsonl", json{{"id", "crowd"},
                                      {"title", "Crowded byline"},
                                      {"authors", authors},
                                      {"lang", "en"},
                                      {"source", "The Source"},
                                      {"text", "Quinquereme convoys crossed the strait."}}
                                         .dump() +
                                     "\n");
    const IndexRun refused = index_files(dir + "/index", {dir + "/a.jsonl"});
    EXPECT_EQ(refused.result.exit_code, 1);
    EXPECT_TRUE(mentions(problems(refused.summary, "over a limit"), "limit 'authors'"));
    const IndexRun r = index_files(dir + "/index", {dir + "/a.jsonl"}, {"--limit", "authors=2000"});
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    const json found = search(dir + "/index", {"quinquereme"});
    ASSERT_EQ(found.at("hits").size(), 1u);
    const json& hit = found.at("hits")[0];
    EXPECT_EQ(hit.at("authors").size(), 1500u);
    EXPECT_EQ(hit.at("authors").back(), "Author 1499");
    EXPECT_EQ(hit.at("source"), "The Source");
    EXPECT_EQ(hit.at("language"), "en");
}

// A write that fails (here: a file-size limit standing in for a full disk) is reported with
// its cause; a bulk build used to say only "cancel() not supported under DB_DANGEROUS".
TEST(HostileInput, AFailedWriteNamesItsCause) {
    const std::string dir = fresh_dir("hostile-full");
    // Over 10,000 paragraphs per shard: Xapian writes blocks before the commit only then,
    // and that mid-transaction failure is the one DB_DANGEROUS hid.
    std::string lines;
    for (int a = 0; a < 240; ++a) {
        json article{{"id", "a" + std::to_string(a)}, {"title", "Article " + std::to_string(a)}};
        for (int p = 0; p < 100; ++p)
            article["paragraphs"].push_back("Frigate " + std::to_string(a * 100 + p) +
                                            " escorts convoy " + std::to_string(p) + ".");
        lines += article.dump() + "\n";
    }
    write_file(dir + "/many.jsonl", lines);
    // Writes past 1 MB fail with EFBIG; SIGXFSZ ignored so that the error reaches Xapian.
    const RunResult r =
        run({"/bin/bash", "-c",
             "trap '' XFSZ; ulimit -f 1024; exec \"$0\" --index \"$1\" --quiet \"$2\"",
             PARLEY_INDEX_BIN, dir + "/index", dir + "/many.jsonl"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("cancel()"), std::string::npos) << r.err;
}

// A disk that fills: Xapian 1.4 can end the process mid-commit when a write fails there, so
// parley-index checks the room first and stops with a message; the index keeps its last
// commit and a rerun with room goes on. Needs a small file system: a tmpfs, mounted when
// the test may (root, in a machine that allows it).
TEST(HostileInput, AFullDiskStopsTheRunWithAMessageAndTheIndexKeepsItsLastCommit) {
    const std::string dir = fresh_dir("hostile-disk");
    const std::string mount = dir + "/small";
    std::filesystem::create_directories(mount);
    if (run({"mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount}).exit_code != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here (not root, or not allowed)";
    std::string lines;
    for (int a = 0; a < 3000; ++a) {
        const std::string n = std::to_string(a);
        json article{{"id", "r" + n}, {"title", "Piece " + n}};
        for (int p = 0; p < 3; ++p)
            article["paragraphs"].push_back("Paragraph " + n + " on tariffs and naval drills.");
        lines += article.dump() + "\n";
    }
    write_file(dir + "/many.jsonl", lines);
    write_file(dir + "/seed.txt", kGood);
    const std::string index = mount + "/index";
    const RunResult seed = run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/seed.txt"});
    const RunResult full =
        run({PARLEY_INDEX_BIN, "--index", index, "--json", "--batch", "200", dir + "/many.jsonl"});
    const RunResult search = run({PARLEY_SEARCH_BIN, "--index", index, "--json", "-n", "0", ""});
    run({"umount", mount});
    EXPECT_EQ(seed.exit_code, 0) << seed.err;
    EXPECT_EQ(full.exit_code, 1) << full.err;  // not 134 (abort)
    EXPECT_NE(full.err.find("free on its disk"), std::string::npos) << full.err;
    EXPECT_NE(full.err.find("holds its last commit"), std::string::npos) << full.err;
    // --json still prints an object: the error, for the tool reading it.
    const json stopped = json::parse(full.out);
    EXPECT_NE(stopped.at("error").get<std::string>().find("free on its disk"), std::string::npos);
    EXPECT_EQ(stopped.at("exit"), 1);
    ASSERT_EQ(search.exit_code, 0) << search.err;
    const json answer = json::parse(search.out);
    EXPECT_GE(answer.at("total"), 1);  // the seed, and the batches committed before the stop
    EXPECT_EQ(answer.at("total_paragraphs").get<int>() % 3, 1) << "whole articles only";
}

TEST(CliSafety, OptionsBeforeOrAfterTheSubcommandAreTheSame) {
    const std::string dir = fresh_dir("cli-order");
    write_file(dir + "/good.txt", kGood);
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", dir + "/index", "--quiet", dir + "/good.txt"}).exit_code,
        0);
    const RunResult before = run({PARLEY_INDEX_BIN, "--index", dir + "/index", "stats", "--json"});
    const RunResult after = run({PARLEY_INDEX_BIN, "stats", "--index", dir + "/index", "--json"});
    EXPECT_EQ(before.exit_code, 0) << before.err;
    EXPECT_EQ(before.out, after.out);
    // Stats of a missing index is an error, and creates nothing.
    const RunResult missing = run({PARLEY_INDEX_BIN, "--index", dir + "/nope", "stats"});
    EXPECT_EQ(missing.exit_code, 1) << missing.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/nope"));
}

TEST(CliSafety, ANewIndexGoesOnlyIntoAMissingOrEmptyDirectory) {
    const std::string dir = fresh_dir("cli-target");
    write_file(dir + "/sources/a.txt", kGood);
    write_file(dir + "/other.txt", kGood);
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/sources", dir + "/other.txt"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("not a Parley index"), std::string::npos) << r.err;
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir + "/sources"))
        ++entries;
    EXPECT_EQ(entries, 1u) << "index files written among the sources";
    std::filesystem::create_directories(dir + "/empty");
    EXPECT_EQ(
        run({PARLEY_INDEX_BIN, "--index", dir + "/empty", "--quiet", dir + "/other.txt"}).exit_code,
        0);
}

// "-1" for a count is not its largest value (Boost would read it so): a usage error.
TEST(CliSafety, ANegativeCountIsAUsageErrorNamingTheOption) {
    const std::string& index = corpora_index();
    for (const auto& [argv, named] : std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{PARLEY_SEARCH_BIN, "--index", index, "-n", "-1", "naval"}, "--limit"},
             {{PARLEY_SEARCH_BIN, "--index", index, "--offset", "-5", "naval"}, "--offset"},
             {{PARLEY_INDEX_BIN, "--index", fresh_dir("negative") + "/i", "--batch", "-1",
               PARLEY_CORPORA "/articles"},
              "--batch"}}) {
        const RunResult r = run(argv);
        EXPECT_EQ(r.exit_code, 2) << named << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find("'" + named + "' is invalid"), std::string::npos) << r.err;
    }
}

// --language sets a new index's default: given for an index that has another, it says so
// rather than passing unnoticed.
TEST(CliSafety, ALanguageGivenForAnExistingIndexOfAnotherIsNoted) {
    const std::string dir = fresh_dir("language-later");
    write_file(dir + "/a.txt", "Title: Un\n\nUn texte sur le Chili.\n");
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", dir + "/i", "--language", "fr", dir + "/a.txt"})
                  .exit_code,
              0);
    const RunResult other =
        run({PARLEY_INDEX_BIN, "--index", dir + "/i", "--language", "de", dir + "/a.txt"});
    EXPECT_EQ(other.exit_code, 0) << other.err;
    EXPECT_NE(other.err.find("this one's default language is fr"), std::string::npos) << other.err;
    const RunResult same =
        run({PARLEY_INDEX_BIN, "--index", dir + "/i", "--language", "fr", dir + "/a.txt"});
    EXPECT_EQ(same.err.find("note:"), std::string::npos) << same.err;
}

// A date that cannot be is said to be impossible, and why, where it is read (an article's
// date, a date: filter), not taken for an unknown form; a text header or front matter field
// is named by its own line (they named the article's first line).
TEST(CliSafety, AnImpossibleDateIsSaidToBeOneAndWhy) {
    const std::string dir = fresh_dir("impossible-dates");
    write_file(dir + "/feb.txt", "Title: Leap\nDate: 2023-02-29\n\nQuagga leap day talks.\n");
    write_file(dir + "/month.txt", "Title: Month\nDate: 2024/13/05\n\nQuagga month talks.\n");
    write_file(dir + "/year.txt", "Title: Year\nDate: 0999-01-01\n\nQuagga year talks.\n");
    write_file(dir + "/soon.txt", "Title: Soon\nDate: soon\n\nQuagga soon talks.\n");
    write_file(dir + "/front.md",
               "---\ntitle: Front\nlang: xx\ndate: 2023-04-31\n---\n\nQuagga front talks.\n");
    write_file(dir + "/lang.txt", "Title: Lang\nAuthors: Ann Lee\nLanguage: zz\n\nQuagga talks.\n");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/i", dir});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const std::string expected :
         {"feb.txt:2: warning: unreadable date: '2023-02-29': February 2023 has 28 days, not 29",
          "month.txt:2: warning: unreadable date: '2024/13/05': there is no month 13",
          "year.txt:2: warning: unreadable date: '0999-01-01': the year 999 is not from 1000",
          "soon.txt:2: warning: unreadable date: 'soon': not a date Parley reads (use "
          "YYYY-MM-DD); indexed without one",
          "front.md:4: warning: unreadable date: '2023-04-31': April 2023 has 30 days, not 31",
          "front.md:3: warning: unknown language: 'xx'",
          "lang.txt:3: warning: unknown language: 'zz'"})
        EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
    const RunResult filter = run({PARLEY_SEARCH_BIN, "--index", dir + "/i", "date:2021-02-29"});
    EXPECT_EQ(filter.exit_code, 2);
    EXPECT_NE(filter.err.find("'2021-02-29': February 2021 has 28 days, not 29"), std::string::npos)
        << filter.err;
    const RunResult range =
        run({PARLEY_SEARCH_BIN, "--index", dir + "/i", "date:2021-01..2021-06-31"});
    EXPECT_NE(range.err.find("'2021-06-31': June 2021 has 30 days, not 31"), std::string::npos)
        << range.err;
}

TEST(CliSafety, FiltersThatWouldWidenTheSearchAreUsageErrors) {
    const std::string& index = corpora_index();
    for (const auto& [query, named] :
         std::vector<std::pair<std::string, std::string>>{{"actr:China", "actr"},
                                                          {"naval date:2021-13-45", "2021-13-45"},
                                                          {"year:twenty", "twenty"},
                                                          {"lang:xx naval", "xx"},
                                                          {"naval actor:", "actor:"},
                                                          {"date:2024-02..2023", "2024-02..2023"},
                                                          {"year:2021..2019", "2021..2019"}}) {
        const RunResult r = run({PARLEY_SEARCH_BIN, "--index", index, query});
        EXPECT_EQ(r.exit_code, 2) << query << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find(named), std::string::npos) << query << "\n" << r.err;
    }
    const RunResult fields = run({PARLEY_SEARCH_BIN, "--index", index, "actr:China"});
    EXPECT_NE(fields.err.find("actor, topic"), std::string::npos) << fields.err;
    // Text with colons is still text, searched without a word said (it is no field
    // attempt); --lenient searches a mistyped field as before, with a note.
    EXPECT_TRUE(search(index, {"https://example.org naval"}).at("notes").empty());
    const RunResult lenient =
        run({PARLEY_SEARCH_BIN, "--index", index, "--lenient", "--json", "actr:China naval"});
    EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
    EXPECT_NE(lenient.out.find("unknown field"), std::string::npos);
}

}  // namespace
}  // namespace parley::testing
