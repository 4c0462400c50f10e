#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "collected_articles.hpp"
#include "parley/article_reader.hpp"
#include "readers/jsonl_reader.hpp"
#include "readers/markdown_reader.hpp"
#include "readers/reader_common.hpp"
#include "readers/text_reader.hpp"
#include "scratch_dir.hpp"

namespace parley::readers {
namespace {

using testing::Collected;
using testing::Strings;

TEST(TextReader, ReadsTheSeedLayoutTitleLineThenHeaders) {
    Collected c;
    read_text(
        "China-Russia strategic alignment: a new era?\n\nAuthors: Sultana Yesmin and Noor Mohammad "
        "Sarker*\n\n"
        "First paragraph\nstill first.\n\n\nSecond paragraph.\n",
        "seed.txt", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "China-Russia strategic alignment: a new era?");
    EXPECT_EQ(a.authors, (Strings{"Sultana Yesmin", "Noor Mohammad Sarker"}));
    EXPECT_EQ(a.paragraphs, (Strings{"First paragraph still first.", "Second paragraph."}));
    EXPECT_TRUE(c.report.problems.empty());
}

TEST(TextReader, ReadsHeaderLines) {
    Collected c;
    read_text(
        "\xEF\xBB\xBFTitle: T\r\nAuthors: A; B\r\nDate: February 4, 2022\r\nSource: S\r\nURL: "
        "https://x.example/a\r\n"
        "Id: my-id\r\nLanguage: en\r\n\r\nBody one.\r\n",
        "a.txt", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "T");
    EXPECT_EQ(a.authors, (Strings{"A", "B"}));
    EXPECT_EQ(a.date, "2022-02-04");
    EXPECT_EQ(a.source, "S");
    EXPECT_EQ(a.url, "https://x.example/a");
    EXPECT_EQ(a.id, "my-id");
    EXPECT_EQ(a.paragraphs, Strings{"Body one."});
}

TEST(TextReader, ReportsInvalidUtf8WithLineAndByte) {
    Collected c;
    read_text("Title\n\nGood line.\nbad \xC3\x28 byte\n", "bad.txt", c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    ASSERT_EQ(c.report.problems.size(), 1u);
    const auto& p = c.report.problems[0];
    EXPECT_EQ(p.reason, "invalid UTF-8");
    EXPECT_EQ(p.line, 4u);
    EXPECT_EQ(p.byte, 22u);
    EXPECT_EQ(p.to_string().rfind("bad.txt:4: byte 22: skipped: invalid UTF-8", 0), 0u)
        << p.to_string();
}

// A title with no text is an article found by its title (it was skipped as "empty article").
TEST(TextReader, SkipsBinaryFilesAndIndexesATitleAloneByItsTitle) {
    Collected c;
    read_text(std::string("\x7f"
                          "ELF\0\0\1",
                          7),
              "prog.txt", c.sink(), c.report);
    read_text("Only a title\n\n\n", "title.txt", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Only a title"});
    EXPECT_EQ(c.report.skipped_by_reason(),
              (std::map<std::string, std::size_t>{{"binary file", 1}}));
    ASSERT_EQ(c.report.problems.size(), 2u);
    EXPECT_EQ(c.report.problems[1].to_string(),
              "title.txt:1: warning: no text: 'Only a title' has no text: indexed by its title "
              "alone");
}

TEST(TextReader, WarnsAboutAnUnreadableDateAndKeepsTheArticle) {
    Collected c;
    read_text("Title: T\nDate: soon\n\nText.\n", "d.txt", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].date, "");
    EXPECT_EQ(c.report.warnings(), 1u);
    EXPECT_EQ(c.report.skipped(), 0u);
}

// Every reader hands its date to the one parser (util/dates.hpp), so a form one reader
// understands, every reader understands.
TEST(Readers, ReadEveryDateFormTheOneParserReads) {
    Collected c;
    read_text("Title: T\nDate: Wed, 04 Dec 2024 09:30:00 GMT\n\nText.\n", "rfc.txt", c.sink(),
              c.report);
    read_markdown("---\ntitle: M\ndate: 04.12.2024\n---\n\nText.\n", "dots.md", c.sink(), c.report);
    std::istringstream in("{\"title\":\"J\",\"date\":\"2024/12/04\",\"text\":\"x\"}\n");
    read_jsonl(in, "slash.jsonl", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u) << c.report.problems.size();
    for (const auto& a : c.articles) EXPECT_EQ(a.date, "2024-12-04") << a.title;
    EXPECT_TRUE(c.report.problems.empty()) << c.report.problems.front().detail;
}

TEST(MarkdownReader, ReadsFrontMatterAndPlainTextOfBlocks) {
    Collected c;
    read_markdown(
        "---\nid: hs-1\ntitle: \"The ruling\"\nauthors:\n  - Nguyen Thi Lan\n  - Kenji Morishita\n"
        "date: 2016-07-20\nsource: Harbour & Strait\nurl: https://h.example/1\nlang: en\n---\n\n"
        "A *bold* [claim](https://x.example) with `code`\nover two lines.\n\n## Heading\n\n"
        "- a list item\n\n> a quote\n\n```\ncode block\n```\n",
        "a.md", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    const Article& a = c.articles[0];
    EXPECT_EQ(a.id, "hs-1");
    EXPECT_EQ(a.title, "The ruling");
    EXPECT_EQ(a.authors, (Strings{"Nguyen Thi Lan", "Kenji Morishita"}));
    EXPECT_EQ(a.date, "2016-07-20");
    EXPECT_EQ(a.source, "Harbour & Strait");
    EXPECT_EQ(a.paragraphs,
              (Strings{"A bold claim with code over two lines.", "a list item", "a quote"}));
}

// Raw HTML in a paragraph is dropped, but a line break or block tag stands for a space, as
// a browser shows it; inline markup can sit inside a word and does not.
TEST(MarkdownReader, ReadsARawHtmlBreakAsASpace) {
    Collected c;
    read_markdown(
        "# T\n\nFirst line<br>second<BR/>third<br />fourth</p><p>fifth<div>sixth\n\n"
        "un<em>believ</em>able and long<wbr>word<!-- note -->s\n",
        "br.md", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"First line second third fourth fifth sixth",
                                                 "unbelievable and longwords"}));
}

// YAML's escapes for U+0085 and U+00A0 (\N, \_) came out of yaml-cpp as single Latin-1
// bytes: an article with one in its title or an author was refused as invalid UTF-8
// (found by fuzz_markdown_reader). They are those characters, in UTF-8.
TEST(MarkdownReader, ReadsYamlEscapesOfLatin1CharactersAsUtf8) {
    Collected c;
    read_markdown(
        "---\ntitle: \"ASE\\N centrality\\_again \\xe9\\u00e9\"\nauthors:\n"
        "  - \"Ann\\_Lee\"\n  - name: \"Bo\\NKim\"\nsource: \"Desk\\_One\"\n---\n\nText.\n",
        "esc.md", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "ASE\u0085 centrality\u00a0again \u00e9\u00e9");
    EXPECT_EQ(a.authors, (Strings{"Ann\u00a0Lee", "Bo\u0085Kim"}));
    EXPECT_EQ(a.source, "Desk\u00a0One");
}

TEST(MarkdownReader, TakesTheTitleFromAHeadingWithoutFrontMatter) {
    Collected c;
    read_markdown("# Big title\n\nText.\n", "b.md", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    EXPECT_EQ(c.articles[0].title, "Big title");
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Text."});
}

TEST(MarkdownReader, ReportsMalformedFrontMatterWithItsLine) {
    Collected c;
    read_markdown("---\ntitle: ok\nauthors: [unclosed\n---\n\nText.\n", "c.md", c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    ASSERT_EQ(c.report.problems.size(), 1u);
    EXPECT_EQ(c.report.problems[0].reason, "malformed front matter");
    EXPECT_GE(c.report.problems[0].line, 3u);
}

TEST(MarkdownReader, FrontMatterNeverClosedIsReadAsTextWithAWarning) {
    Collected c;
    read_markdown("---\ntitle: X\ndate: 2024-12-04\n\nBody.\n", "u.md", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u);
    ASSERT_FALSE(c.report.problems.empty());
    EXPECT_EQ(c.report.problems[0].reason, "malformed front matter");
    EXPECT_EQ(c.report.problems[0].line, 1u);
    EXPECT_NE(c.report.problems[0].detail.find("never closed"), std::string::npos);
}

TEST(JsonlReader, ReadsEveryGoodLineAndReportsTheBadOnes) {
    Collected c;
    std::istringstream in(
        "{\"id\":\"a\",\"title\":\"A\",\"authors\":[\"X\"],\"date\":\"2021\",\"paragraphs\":["
        "\"one\",\"two\"]}\n"
        "\n"
        "{\"id\":\"b\",\"title\":\"B\",\"body\":\"p1\\n\\np2\"\n"
        "[1,2]\n"
        "{\"id\":\"c\",\"title\":\"C\",\"authors\":42,\"paragraphs\":[\"x\"]}\n"
        "{\"id\":\"d\",\"title\":\"D\",\"text\":\"only text\",\"authors\":\"P and Q\"}\n"
        "{\"id\":\"e\",\"title\":\"E\",\"paragraphs\":[]}\n");
    read_jsonl(in, "x.jsonl", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u);
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"one", "two"}));
    EXPECT_EQ(c.articles[1].authors, (Strings{"P", "Q"}));
    EXPECT_EQ(c.articles[1].paragraphs, Strings{"only text"});
    EXPECT_EQ(c.articles[2].paragraphs, Strings{"E"});  // a title alone: its one paragraph
    ASSERT_EQ(c.report.problems.size(), 4u);
    EXPECT_EQ(c.report.problems[0].line, 3u);
    EXPECT_EQ(c.report.problems[0].reason, "malformed JSON");
    EXPECT_GT(c.report.problems[0].byte, 0u);
    EXPECT_EQ(c.report.problems[1].line, 4u);
    EXPECT_EQ(c.report.problems[2].line, 5u);
    EXPECT_EQ(c.report.problems[2].reason, "bad field");
    EXPECT_EQ(c.report.problems[3].line, 7u);
    EXPECT_EQ(c.report.problems[3].reason, "no text");
    EXPECT_EQ(c.report.skipped(), 3u);
}

// A language tag with a region is the language of its primary subtag, in every reader
// (HTML and feeds already took it so).
TEST(Readers, TakeALanguageTagWithARegion) {
    Collected c;
    std::istringstream in(
        "{\"title\":\"A\",\"lang\":\"fr-FR\",\"body\":\"un\"}\n"
        "{\"title\":\"B\",\"lang\":\"es_ES\",\"body\":\"dos\"}\n");
    read_jsonl(in, "tags.jsonl", c.sink(), c.report);
    read_text("Title: C\nLanguage: pt-BR\n\nTr\u00eas.\n", "c.txt", c.sink(), c.report);
    read_markdown("---\ntitle: D\nlang: de-AT\n---\nVier.\n", "d.md", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 4u);
    EXPECT_EQ(c.articles[0].language, "fr-FR") << "kept as written; the index stores its code";
    EXPECT_TRUE(c.report.problems.empty()) << c.report.problems[0].to_string();
}

// Old Mac files end lines with a lone CR: each is a line, counted as one, and CRLF is one
// line end, not two.
TEST(JsonlReader, ReadsLinesEndingInALoneCrOrCrlf) {
    Collected c;
    std::istringstream in(
        "{\"id\":\"a\",\"title\":\"A\",\"body\":\"one\"}\r"
        "{\"id\":\"b\",\"title\":\"B\",\"body\":\"two\"}\r\n"
        "{bad\r"
        "{\"id\":\"c\",\"title\":\"C\",\"body\":\"three\"}\r");
    read_jsonl(in, "cr.jsonl", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u);
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"one"});
    EXPECT_EQ(c.articles[2].id, "c");
    ASSERT_EQ(c.report.problems.size(), 1u);
    EXPECT_EQ(c.report.problems[0].line, 3u);
    EXPECT_EQ(c.report.problems[0].reason, "malformed JSON");
}

TEST(SplitAuthors, HandlesTheUsualBylines) {
    EXPECT_EQ(split_authors("By A, B & C"), (Strings{"A", "B", "C"}));
    EXPECT_EQ(split_authors("Sultana Yesmin and Noor Mohammad Sarker*"),
              (Strings{"Sultana Yesmin", "Noor Mohammad Sarker"}));
    EXPECT_EQ(split_authors("  "), Strings{});
    EXPECT_EQ(split_authors("Par Alice Martin et Jean Roy"), (Strings{"Alice Martin", "Jean Roy"}));
    EXPECT_EQ(split_authors("por Ana Gil y Luis Sanz"), (Strings{"Ana Gil", "Luis Sanz"}));
    EXPECT_EQ(split_authors("Von Miller und Eva Ott"), (Strings{"Von Miller", "Eva Ott"}));
    EXPECT_EQ(split_authors("Sam Lee @samlee, Kim Ito"), (Strings{"Sam Lee", "Kim Ito"}));
    EXPECT_EQ(split_authors("Ann Lee <ann@ex.example>, Bo Yu"), (Strings{"Ann Lee", "Bo Yu"}));
    EXPECT_EQ(split_authors("Ann <b>Lee</b>"), Strings{"Ann <b>Lee</b>"}) << "no address";
}

TEST(SplitAuthors, ReadsCoAuthorsInParenthesesAsAuthors) {
    EXPECT_EQ(split_authors("Martin Untersinger (avec Damien Leloup et Morgane Tual)"),
              (Strings{"Martin Untersinger", "Damien Leloup", "Morgane Tual"}));
    EXPECT_EQ(split_authors("By Ann Fox (with Bo Yu)"), (Strings{"Ann Fox", "Bo Yu"}));
    EXPECT_EQ(split_authors("Eva Ott (mit Jan Berg und Ida Roth)"),
              (Strings{"Eva Ott", "Jan Berg", "Ida Roth"}));
    // Other brackets stay with the name, unless a separator inside one left it open.
    EXPECT_EQ(split_authors("Jo Ruiz (Reuters)"), (Strings{"Jo Ruiz (Reuters)"}));
    EXPECT_EQ(split_authors("Jo Ruiz (Reuters, AFP)"), (Strings{"Jo Ruiz", "AFP"}));
}

TEST(ReadArticles, WalksDirectoriesInOrderAndSkipsUnknownTypes) {
    namespace fs = std::filesystem;
    const test::ScratchDir scratch("parley-readers");
    const fs::path& dir = scratch.path();
    fs::create_directories(dir / "sub" / ".hidden");
    std::ofstream(dir / "b.txt") << "B\n\nText b.\n";
    std::ofstream(dir / "sub" / "a.md") << "# A\n\nText a.\n";
    std::ofstream(dir / "sub" / "c.jsonl") << "{\"title\":\"C\",\"paragraphs\":[\"c\"]}\n";
    std::ofstream(dir / "notes.pdf") << "%PDF";
    std::ofstream(dir / "sub" / ".hidden" / "x.txt") << "X\n\nx\n";
    Collected c;
    read_articles(dir.string(), {}, c.sink(), c.report);
    Strings titles;
    for (const auto& a : c.articles) titles.push_back(a.title);
    EXPECT_EQ(titles, (Strings{"B", "A", "C"}));
    EXPECT_EQ(c.report.files_read, 3u);
    EXPECT_EQ(c.report.skipped_by_reason(),
              (std::map<std::string, std::size_t>{{"unsupported file type", 1}}));
    Collected missing;
    read_articles((dir / "nope").string(), {}, missing.sink(), missing.report);
    EXPECT_EQ(missing.report.skipped(), 1u);
}

// An export or crawl file with nothing in it is said to be empty: JSON Lines and WARC read it
// as no records without a word, CSV called it a bad header and feeds malformed XML.
TEST(ReadArticles, AnEmptyFileOfRecordsIsSkippedAsEmpty) {
    namespace fs = std::filesystem;
    const test::ScratchDir scratch("parley-empty-files");
    const fs::path& dir = scratch.path();
    const Strings names{"a.jsonl", "b.warc", "c.csv", "d.rss", "e.atom", "f.warc.gz"};
    for (const auto& name : names) std::ofstream(dir / name).flush();
    Collected c;
    read_articles(dir.string(), {}, c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    ASSERT_EQ(c.report.problems.size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        EXPECT_EQ(c.report.problems[i].to_string(),
                  (dir / names[i]).string() +
                      ": skipped: empty file: the file is empty (0 bytes): no records in it");
    }
}

}  // namespace
}  // namespace parley::readers
