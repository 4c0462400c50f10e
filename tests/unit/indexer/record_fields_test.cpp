// The fields of a record as exports and extraction tools write them: each value is read as
// its field, or said (converted, left out, given twice), or its record skipped naming the
// field; nothing is taken silently in another form.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "collected_articles.hpp"
#include "readers/csv_reader.hpp"
#include "readers/feed_reader.hpp"
#include "readers/jsonl_reader.hpp"
#include "readers/markdown_reader.hpp"
#include "readers/text_reader.hpp"
#include "scratch_dir.hpp"

namespace parley::readers {
namespace {

using testing::Collected;
using testing::read_lines;
using testing::Strings;

TEST(JsonFields, AValueOfTheWrongTypeSkipsItsRecordNamingTheField) {
    const Collected c = read_lines(
        "{\"id\":\"a\",\"title\":\"T\",\"body\":12}\n"
        "{\"id\":\"b\",\"title\":\"T\",\"body\":{\"p\":\"x\"}}\n"
        "{\"id\":\"c\",\"title\":true,\"body\":\"x\"}\n"
        "{\"id\":1.5,\"title\":\"T\",\"body\":\"x\"}\n"
        "{\"id\":\"e\",\"authors\":[\"Ann Lee\",3],\"body\":\"x\"}\n"
        "{\"id\":\"f\",\"paragraphs\":[\"one\",[\"two\"]]}\n"
        "{\"id\":\"g\",\"title\":\"Good\",\"body\":\"read on\"}\n");
    ASSERT_EQ(c.articles.size(), 1u) << "the rest of the file is read";
    EXPECT_EQ(c.articles[0].id, "g");
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: bad field: field 'body' is a number (12), not text: the record is "
                       "skipped",
                       "2: bad field: field 'body' is an object, not text: the record is skipped",
                       "3: bad field: field 'title' is a boolean (true), not a string: the record "
                       "is skipped",
                       "4: bad field: field 'id' is a number (1.5), not a string or a whole "
                       "number: the record is skipped",
                       "5: bad field: field 'authors' is a list whose item 2 is a number (3), not "
                       "a name: the record is skipped",
                       "6: bad field: field 'paragraphs' is a list whose item 2 is a list of one "
                       "value, not text: the record is skipped"}));
    EXPECT_EQ(c.report.skipped(), 6u);
}

TEST(JsonFields, FormsThatMeanOneThingAreReadAndConversionsAreSaid) {
    const Collected c = read_lines(
        // null is an absent field; a string of authors is split; an integer id is its digits
        "{\"id\":12,\"title\":null,\"authors\":\"Ann Lee and Bo Yu\",\"date\":null,"
        "\"body\":\"x\"}\n"
        // a scraper's one-element lists, a number for a title: read, and said
        "{\"id\":\"b\",\"title\":[\"Listed\"],\"source\":1843,\"body\":\"x\"}\n"
        // a number for a date is not guessed at; MongoDB's {"$date": ...} is a date
        "{\"id\":\"c\",\"title\":\"C\",\"date\":1709632800000,\"body\":\"x\"}\n"
        "{\"id\":\"d\",\"title\":\"D\",\"date\":{\"$date\":\"2024-03-05T10:00:00Z\"},"
        "\"body\":\"x\"}\n"
        "{\"id\":\"d2\",\"title\":\"D2\",\"date\":{\"$date\":{\"$numberLong\":\"1\"}},"
        "\"body\":\"x\"}\n"
        // paragraphs as one string, body as a list, JSON-LD persons as authors
        "{\"id\":\"e\",\"title\":\"E\",\"paragraphs\":\"One.\\n\\nTwo.\"}\n"
        "{\"id\":\"f\",\"title\":\"F\",\"body\":[\"One.\",null,\"Two.\"],"
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Cy Ho\"}]}\n");
    ASSERT_EQ(c.articles.size(), 7u) << ::testing::PrintToString(c.problem_lines());
    EXPECT_EQ(c.articles[0].id, "12");
    EXPECT_EQ(c.articles[0].title, "");
    EXPECT_EQ(c.articles[0].authors, (Strings{"Ann Lee", "Bo Yu"}));
    EXPECT_EQ(c.articles[1].title, "Listed");
    EXPECT_EQ(c.articles[1].source, "1843");
    EXPECT_EQ(c.articles[2].date, "");
    EXPECT_EQ(c.articles[3].date, "2024-03-05");
    EXPECT_EQ(c.articles[4].date, "");
    EXPECT_EQ(c.articles[5].paragraphs, (Strings{"One.", "Two."}));
    EXPECT_EQ(c.articles[6].paragraphs, (Strings{"One.", "Two."}));
    EXPECT_EQ(c.articles[6].authors, Strings{"Cy Ho"});
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: no title: indexed as untitled",
                       "2: field converted: field 'title' is a list of one string: read as that "
                       "string",
                       "2: field converted: field 'source' is a number (1843): read as the text "
                       "'1843'",
                       "3: field not read: field 'date' is a number (1709632800000), not a date: "
                       "write it as a string such as \"2024-03-05\" (a number is not taken for a "
                       "timestamp); indexed without a date",
                       "5: field not read: field 'date' is an object, not a date written as a "
                       "string: indexed without a date"}));
    EXPECT_EQ(c.report.skipped(), 0u);
}

TEST(JsonFields, TwoFieldsForOneThingAreSaidAndOneNameIsOneAuthor) {
    const Collected c = read_lines(
        "{\"id\":\"a\",\"title\":\"A\",\"body\":\"Body text.\",\"text\":\"Other text.\"}\n"
        "{\"id\":\"b\",\"title\":\"B\",\"paragraphs\":[\"P.\"],\"body\":\"Body.\"}\n"
        "{\"id\":\"c\",\"title\":\"C\",\"lang\":\"fr\",\"language\":\"de\",\"body\":\"x\"}\n"
        "{\"id\":\"d\",\"title\":\"D\",\"body\":\"\",\"text\":\"Fallback.\","
        "\"author\":\"Ann Lee\",\"authors\":[\"Ann Lee\",\"Bo Yu\"]}\n");
    ASSERT_EQ(c.articles.size(), 4u);
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Body text."});
    EXPECT_EQ(c.articles[1].paragraphs, Strings{"P."});
    EXPECT_EQ(c.articles[2].language, "fr");
    EXPECT_EQ(c.articles[3].paragraphs, Strings{"Fallback."}) << "an empty body is no text";
    EXPECT_EQ(c.articles[3].authors, (Strings{"Ann Lee", "Bo Yu"}));
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: field not read: the record has both 'body' and 'text': 'body' is read, "
                       "'text' is not",
                       "2: field not read: the record has both 'paragraphs' and 'body': "
                       "'paragraphs' is read, 'body' is not",
                       "3: field not read: fields 'lang' ('fr') and 'language' ('de') differ: "
                       "'lang' is read"}));
}

// A record with no field holding its text was skipped as "empty article: no text": the
// message names the fields it has, whether the record is indexed by its title or, with no
// title either, skipped. (A CMS's "content" is read: cms_records_test.cpp.)
TEST(JsonFields, ARecordWithNoTextFieldNamesTheFieldsItHas) {
    const Collected c = read_lines(
        "{\"headline\":\"H\",\"summary_id\":\"x\",\"link\":\"https://x.example/a\"}\n"
        "{}\n"
        "{\"title\":\"T\",\"body\":\"  \"}\n");
    // The first (a CMS's headline) and the third have a title: found by it, their one
    // paragraph (they were skipped too); the second, with neither, is skipped.
    ASSERT_EQ(c.articles.size(), 2u);
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"H"});
    EXPECT_EQ(c.articles[1].paragraphs, Strings{"T"});
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: no text: 'H' has no text: indexed by its title alone; no "
                       "'paragraphs', 'body', 'text', 'content' or 'content_html' field to read "
                       "the text from (the record's fields: 'headline', 'link', 'summary_id')",
                       "2: empty article: no 'paragraphs', 'body', 'text', 'content' or "
                       "'content_html' field to read the text from (the record's fields: none)",
                       "3: no text: 'T' has no text: indexed by its title alone"}));
}

// A line holding an array of articles (an API's pages, one a line, as jq -c writes them)
// was "malformed JSON: a line must hold one JSON object": its articles are read.
TEST(JsonFields, ALineHoldingAnArrayOfArticlesIsRead) {
    const Collected c = read_lines(
        "[{\"id\":\"a\",\"title\":\"A\",\"body\":\"x\"},{\"id\":\"b\",\"body\":12}]\n"
        "[{\"id\":\"c\",\"title\":\"C\",\"title\":\"D\",\"body\":\"y\"}]\n"
        "[1, 2]\n"
        "[]\n");
    Strings ids;
    for (const auto& a : c.articles) ids.push_back(a.id);
    EXPECT_EQ(ids, (Strings{"a", "c"}));
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: bad field: field 'body' is a number (12), not text: the record is "
                       "skipped",
                       "2: duplicate key: key 'title' is given more than once: its last value is "
                       "read",
                       "3: malformed JSON: a line must hold one JSON object, or an array of them",
                       "4: malformed JSON: a line must hold one JSON object, or an array of "
                       "them"}));
}

TEST(JsonFields, AKeyGivenTwiceIsSaidWithItsLineAndKey) {
    const Collected c = read_lines(
        "{\"id\":\"a\",\"title\":\"A\",\"body\":\"first\",\"body\":\"second\"}\n"
        "{\"id\":\"b\",\"title\":\"B\",\"body\":\"x\",\"meta\":{\"k\":1,\"k\":2}}\n");
    ASSERT_EQ(c.articles.size(), 2u);
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"second"});
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: duplicate key: key 'body' is given more than once: its last value is "
                       "read",
                       "2: duplicate key: key 'meta.k' is given more than once: its last value is "
                       "read"}));
    // A JSON array of articles (parley::read_json_articles, POST /articles): by article.
    Collected array;
    ASSERT_TRUE(read_json_articles(
        R"([{"id":"x","body":"one"},{"id":"y","title":"Y","title":"Z","body":"two"}])", "post", {},
        array.sink(), array.report));
    EXPECT_EQ(array.problem_lines(),
              (Strings{"1: no title: indexed as untitled",
                       "2: duplicate key: key 'title' is given more than once: its last value is "
                       "read"}));
}

// A file of blank lines, or of white space, is as empty as a file of 0 bytes: an export
// whose job failed.
TEST(RecordFiles, AFileOfBlankLinesIsSkippedAsEmpty) {
    namespace fs = std::filesystem;
    const test::ScratchDir scratch("parley-blank-files");
    const fs::path& dir = scratch.path();
    std::ofstream(dir / "a.jsonl") << "\n  \r\n\t\n";
    std::ofstream(dir / "b.csv") << "\xEF\xBB\xBF\n\n";
    std::ofstream(dir / "c.rss") << "  \n";
    std::ofstream(dir / "d.jsonl") << "\n{\"title\":\"D\",\"body\":\"d\"}\n\n";
    Collected c;
    read_articles(dir.string(), {}, c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    const std::string d = dir.string();
    EXPECT_EQ(
        Strings({c.report.problems.at(0).to_string(), c.report.problems.at(1).to_string(),
                 c.report.problems.at(2).to_string()}),
        (Strings{d + "/a.jsonl: skipped: empty file: the file holds only blank lines (3): no "
                     "records in it",
                 d + "/b.csv: skipped: empty file: the file holds only white space: no records "
                     "in it",
                 d + "/c.rss: skipped: empty file: the file holds only white space: no records "
                     "in it"}));
    EXPECT_EQ(c.report.problems.size(), 3u);
}

// A .json export (an array of articles, one pretty-printed object, or JSON Lines under
// .json), and a .tsv one, are read as articles (a .tsv was skipped, or read as text by name): a
// .json file was an unsupported type in a directory, and given by name was sniffed as text, the
// whole JSON indexed as one article titled "[".
TEST(RecordFiles, AJsonFileIsReadAsArticlesWithTheLinesOfItsProblems) {
    namespace fs = std::filesystem;
    const test::ScratchDir scratch("parley-json-files");
    const fs::path& dir = scratch.path();
    std::ofstream(dir / "a.json")
        << "[\n  {\"id\": \"a1\", \"title\": \"A1\", \"body\": \"One.\"},\n"
           "  {\"id\": \"a2\",\n   \"body\": 12},\n"
           "  {\"id\": \"a3\", \"title\": \"A3\", \"body\": \"[not, \\\"an] array\"}\n"
           "]\n";
    std::ofstream(dir / "b.json")
        << "{\n  \"id\": \"b\",\n  \"title\": \"B\",\n  \"body\": \"Bee.\"\n}\n";
    std::ofstream(dir / "c.json") << "{\"id\":\"c1\",\"title\":\"C1\",\"body\":\"x\"}\n"
                                     "{\"id\":\"c2\",\"title\":\"C2\",\"body\":\"y\"}\n";
    std::ofstream(dir / "e.tsv") << "id\ttitle\tbody\ne\tE\tTabbed text.\n";  // was skipped
    std::ofstream(dir / "d.json")
        << "[{\"id\": \"d\", \"title\": \"D\", \"body\": \"Dee.\"},\n{oops}]";
    Collected c;
    read_articles(dir.string(), {}, c.sink(), c.report);
    Strings ids;
    for (const auto& a : c.articles) ids.push_back(a.id);
    EXPECT_EQ(ids, (Strings{"a1", "a3", "b", "c1", "c2", "e"}));
    EXPECT_EQ(c.articles[1].paragraphs, Strings{"[not, \"an] array"});
    EXPECT_EQ(c.articles[0].origin, (dir / "a.json").string()) << "--prune sees its file";
    ASSERT_EQ(c.report.problems.size(), 2u) << c.problems();
    EXPECT_EQ(c.report.problems[0].to_string(),
              (dir / "a.json").string() +
                  ":3: skipped: bad field: field 'body' is a number (12), not text: the record "
                  "is skipped");
    EXPECT_EQ(c.report.problems[1].source, (dir / "d.json").string());
    EXPECT_EQ(c.report.problems[1].line, 2u);
    EXPECT_EQ(c.report.problems[1].reason, "malformed JSON");
}

TEST(CsvFields, MessagesCountInGoodEnglishAndSayWhatToDo) {
    Collected c;
    read_csv("title,body\nlonely\nA,\"b\nC,one,two\n", "r.csv", c.sink(), c.report);
    read_csv("title\nHello\n", "h.csv", c.sink(), c.report);
    read_csv("titel;texte\nA;b\n", "fr.csv", c.sink(), c.report);
    EXPECT_EQ(c.problem_lines(),
              (Strings{"2: bad row: the row has 1 field where the header has 2 columns (a row cut "
                       "short, or a line break in a field not in double quotes)",
                       "3: bad row: a quoted field is not closed before the end of the file; read "
                       "on from the next line",
                       "4: bad row: the row has 3 fields where the header has 2 columns (a field "
                       "holding a comma must be in double quotes)",
                       "1: bad header: no text column in the header row, whose 1 column is "
                       "'title': name one text, body, content or article",
                       "1: bad header: no text column in the header row, whose 2 columns are "
                       "'titel' and 'texte' (separated by semicolons): name one text, body, "
                       "content or article"}));
}

TEST(CsvFields, ColumnsNotReadAreSaidAndTwoForOneFieldGiveTheFirstNonEmpty) {
    Collected c;
    read_csv(
        "id,title,headline,body,summary,tags\n"
        "1,,Headline only,Text one.,s,t\n"
        "2,Title wins,Headline too,Text two.,s,t\n"
        "3, \"Quoted, after a space\", x ,\"Text, three.\",s,t\n",
        "cms.csv", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u) << ::testing::PrintToString(c.problem_lines());
    EXPECT_EQ(c.articles[0].title, "Headline only");
    EXPECT_EQ(c.articles[1].title, "Title wins");
    EXPECT_EQ(c.articles[2].title, "Quoted, after a space");
    EXPECT_EQ(c.articles[2].paragraphs, Strings{"Text, three."});
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: columns not read: 2 columns of the header not read: 'summary' and "
                       "'tags' (read: title/headline, text/body/content/article, "
                       "author/authors/byline, date/published, url/link, source/outlet/site, id, "
                       "lang/language)",
                       "1: columns not read: columns 'title' and 'headline' are all the title: "
                       "each row's first non-empty one is read"}));
}

// Front matter fields of another shape than a line of text were dropped without a word
// ("title: [A, B]" an untitled article, "id: [x1]" another identity).
TEST(FrontMatterFields, AFieldOfAnotherShapeIsSaidWithItsLine) {
    Collected c;
    read_markdown(
        "---\ntitle: [A, B]\ndate: {y: 2024}\nsource: [Outlet]\nauthors:\n  - name: Ann Lee\n"
        "  - [x]\n  - Bo Yu\n---\nSome body text.\n",
        "fm.md", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].title, "");
    EXPECT_EQ(c.articles[0].source, "Outlet");
    EXPECT_EQ(c.articles[0].authors, (Strings{"Ann Lee", "Bo Yu"}));
    EXPECT_EQ(c.problem_lines(),
              (Strings{"2: field not read: field 'title' is a list of 2 values, not text: left out",
                       "3: field not read: field 'date' is a mapping, not text: left out",
                       "4: field converted: field 'source' is a list of one value: read as that "
                       "value",
                       "7: field not read: an item of 'authors' is a list of one value, not a "
                       "name: left out",
                       "1: no title: indexed as untitled"}));
    Collected bad_id;
    read_markdown("---\ntitle: T\nid: {a: 1}\n---\nText.\n", "id.md", bad_id.sink(), bad_id.report);
    EXPECT_TRUE(bad_id.articles.empty());
    EXPECT_EQ(bad_id.problem_lines(),
              Strings{"3: bad field: field 'id' is a mapping, not a string: "
                      "the article is skipped"});
}

// gzip data as gzip(1) writes it.
std::string gzipped(const std::string& text) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(static_cast<uLong>(text.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// A gzip-compressed export (export.jsonl.gz, a .csv.gz, gzip data under a plain name) is
// read as what it holds: given by name it was a "binary file" at its first NUL byte, and in
// a directory an unsupported type.
TEST(RecordFiles, ACompressedExportIsReadAsWhatItHolds) {
    namespace fs = std::filesystem;
    const test::ScratchDir scratch("parley-gz");
    const fs::path& dir = scratch.path();
    fs::create_directories(dir / "in");
    std::ofstream(dir / "in" / "a.jsonl.gz") << gzipped(
        "{\"id\":\"a1\",\"title\":\"A1\",\"body\":\"x\"}\n"
        "{\"id\":\"a2\",\"title\":\"A2\",\"body\":12}\n");
    std::ofstream(dir / "in" / "b.csv.gz") << gzipped("id,title,body\nb,B,Text b.\n");
    std::ofstream(dir / "in" / "c.pdf.gz") << gzipped("%PDF");
    std::ofstream(dir / "in" / "d.json.gz") << gzipped("");
    std::ofstream(dir / "in" / "e.xml.gz") << gzipped("<rss");
    std::ofstream(dir / "plain-name.jsonl") << gzipped("{\"id\":\"p\",\"body\":\"y\"}\n");
    Collected c;
    read_articles((dir / "in").string(), {}, c.sink(), c.report);
    read_articles((dir / "plain-name.jsonl").string(), {}, c.sink(), c.report);
    Strings ids;
    for (const auto& a : c.articles) ids.push_back(a.id);
    EXPECT_EQ(ids, (Strings{"a1", "b", "p"}));
    EXPECT_EQ(c.articles[0].origin, (dir / "in" / "a.jsonl.gz").string()) << "for --prune";
    Strings problems;
    for (const auto& p : c.report.problems)
        problems.push_back(fs::path(p.source).filename().string() + ":" + std::to_string(p.line) +
                           ": " + p.reason);
    EXPECT_EQ(problems, (Strings{"a.jsonl.gz:2: bad field", "c.pdf.gz:0: unsupported file type",
                                 "d.json.gz:0: empty file", "e.xml.gz:1: malformed feed",
                                 "plain-name.jsonl:1: no title"}))
        << c.problems();
    // A file that inflates to more than file-bytes is skipped naming the limit.
    ReadOptions small;
    small.limits.file_bytes = 10;
    Collected over;
    read_articles((dir / "in" / "b.csv.gz").string(), small, over.sink(), over.report);
    ASSERT_EQ(over.report.problems.size(), 1u);
    EXPECT_EQ(over.report.problems[0].reason, "over a limit");
    EXPECT_NE(over.report.problems[0].detail.find("limit 'file-bytes'"), std::string::npos);
}

// A placeholder url ("N/A" in every record of an export) made the records one article, each
// replacing the last (the url is the id when there is none): it is left out, and said; so
// is an id written as a missing value.
TEST(RecordFields, APlaceholderUrlIsNoAddress) {
    const Collected c = read_lines(
        "{\"title\":\"A\",\"url\":\"N/A\",\"body\":\"Alpha.\"}\n"
        "{\"title\":\"B\",\"url\":\" - \",\"body\":\"Beta.\"}\n"
        "{\"title\":\"C\",\"url\":\"www.example.org/c\",\"body\":\"Gamma.\"}\n"
        "{\"title\":\"D\",\"url\":\"https://example.org/d\",\"body\":\"Delta.\"}\n"
        "{\"title\":\"E\",\"url\":\"/e\",\"body\":\"Epsilon.\"}\n");
    Strings urls;
    for (const auto& a : c.articles) urls.push_back(a.url);
    EXPECT_EQ(urls, (Strings{"", "", "www.example.org/c", "https://example.org/d", "/e"}));
    // An id written as a missing value, likewise.
    const Collected ids = read_lines(
        "{\"id\":\"None\",\"title\":\"A\",\"body\":\"a\"}\n"
        "{\"id\":\"NaN\",\"title\":\"B\",\"body\":\"b\"}\n"
        "{\"id\":\"nano\",\"title\":\"C\",\"body\":\"c\"}\n");
    ASSERT_EQ(ids.articles.size(), 3u);
    EXPECT_EQ(ids.articles[0].id, "");
    EXPECT_EQ(ids.articles[1].id, "");
    EXPECT_EQ(ids.articles[2].id, "nano");
    EXPECT_EQ(ids.problem_lines(),
              (Strings{"1: field not read: id 'None' stands for no value: left out",
                       "2: field not read: id 'NaN' stands for no value: left out"}));
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: field not read: url 'N/A' is no web address (no '://', no dot, not a "
                       "path): left out",
                       "2: field not read: url '-' is no web address (no '://', no dot, not a "
                       "path): left out"}));
}

// A text file's header given twice kept the last value without a word; several author
// lines add up, as before.
TEST(TextFields, AHeaderGivenTwiceIsSaid) {
    Collected c;
    read_text(
        "Title: First\nDate: 2024-03-05\nAuthor: Ann Lee\nAuthor: Bo Yu\n"
        "Link: https://x.example/a\nURL: https://x.example/b\n\nBody.\n",
        "t.txt", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].url, "https://x.example/b");
    EXPECT_EQ(c.articles[0].authors, (Strings{"Ann Lee", "Bo Yu"}));
    EXPECT_EQ(c.problem_lines(), Strings{"6: field not read: a second header for the url replaces "
                                         "the first, which is not read"});
}

// Two exports joined with cat: the second header row is no article titled "title".
TEST(CsvFields, AHeaderRowRepeatedIsNoArticle) {
    Collected c;
    read_csv("title,body\nA,Text a.\n\xEF\xBB\xBFtitle,body\nB,Text b.\n", "joined.csv", c.sink(),
             c.report);
    Strings titles;
    for (const auto& a : c.articles) titles.push_back(a.title);
    EXPECT_EQ(titles, (Strings{"A", "B"}));
    EXPECT_EQ(c.problem_lines(), Strings{"3: header repeated: the header row again (exports joined "
                                         "together?): not read as an article"});
}

TEST(FeedFields, AGuidPermalinkIsTheAddressAndOneNameIsOneAuthor) {
    Collected c;
    read_feed(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>C</title>
<item><title>One</title><guid>https://ex.example/one</guid>
  <author>ann@ex.example (Ann Lee)</author><dc:creator>Ann Lee</dc:creator>
  <description>Text one.</description></item>
<item><title>Two</title><guid isPermaLink="false">https://ex.example/two</guid>
  <description>Text two.</description></item>
<item><title>Three</title><guid>tag-3</guid><description>Text three.</description></item>
</channel></rss>)",
              "f.rss", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u);
    EXPECT_EQ(c.articles[0].url, "https://ex.example/one");
    EXPECT_EQ(c.articles[0].authors, Strings{"Ann Lee"});
    EXPECT_EQ(c.articles[1].url, "") << "isPermaLink=\"false\": an id, not an address";
    EXPECT_EQ(c.articles[2].url, "") << "no address";
    EXPECT_EQ(c.articles[2].id, "tag-3");
}

// An aggregator's items name their outlet and may name their language; an author may
// carry an address. The channel's title stood for every outlet, its language for every
// item, and "Ann Lee <ann@ex.example>" was the author's name.
TEST(FeedFields, AnItemsOwnSourceLanguageAndAuthorNameAreRead) {
    Collected c;
    read_feed(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Aggregator</title><language>en</language>
<item><title>One</title><link>https://ex.example/one</link>
  <author>Ann Lee &lt;ann@ex.example&gt;</author>
  <source url="https://outlet.example/rss">The Outlet</source><description>Text.</description></item>
<item><title>Two</title><link>https://ex.example/two</link><dc:language>fr-FR</dc:language>
  <description>Texte.</description></item>
</channel></rss>)",
              "agg.rss", c.sink(), c.report);
    read_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title>
<entry><title>Three</title><id>urn:3</id><source><title>Origin Blog</title></source>
  <content>Text three.</content></entry></feed>)",
              "planet.atom", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u);
    EXPECT_EQ(c.articles[0].source, "The Outlet");
    EXPECT_EQ(c.articles[0].authors, Strings{"Ann Lee"});
    EXPECT_EQ(c.articles[0].language, "en");
    EXPECT_EQ(c.articles[1].source, "Aggregator");
    EXPECT_EQ(c.articles[1].language, "fr");
    EXPECT_EQ(c.articles[2].source, "Origin Blog");
}

// Two sites' saved feeds with relative item links ("/story/1") made one article of their
// items, the second replacing the first: a feed read from a file reads its links against
// the site's address (the channel's <link>, the Atom feed's own link), and a relative link
// with no base at all is not taken (the item is then known by its guid or content).
TEST(FeedFields, RelativeLinksOfASavedFeedAreReadAgainstTheSitesAddress) {
    Collected c;
    for (const std::string site : {"a", "b"})
        read_feed("<rss version=\"2.0\"><channel><title>" + site + "</title><link>https://" + site +
                      ".example/</link><item><title>T</title><link>/story/1</link>"
                      "<description>Text.</description></item></channel></rss>",
                  site + ".rss", c.sink(), c.report);
    read_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>C</title>
<link rel="alternate" href="https://c.example/blog/"/>
<entry><id>c1</id><title>T</title><link href="story/1"/><summary>Text.</summary></entry></feed>)",
              "c.atom", c.sink(), c.report);
    read_feed(
        "<rss version=\"2.0\"><channel><title>D</title><item><title>T</title>"
        "<link>/story/1</link><description>Text d.</description></item></channel></rss>",
        "d.rss", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 4u);
    EXPECT_EQ(c.articles[0].url, "https://a.example/story/1");
    EXPECT_EQ(c.articles[1].url, "https://b.example/story/1");
    EXPECT_EQ(c.articles[2].url, "https://c.example/blog/story/1");
    EXPECT_EQ(c.articles[3].url, "");
    EXPECT_EQ(c.articles[3].id.rfind("item:", 0), 0u) << c.articles[3].id;
}

}  // namespace
}  // namespace parley::readers
