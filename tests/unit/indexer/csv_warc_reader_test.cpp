#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>

#include "collected_articles.hpp"
#include "json/json_forms.hpp"
#include "readers/csv_reader.hpp"
#include "readers/warc_reader.hpp"

namespace parley::readers {
namespace {

using namespace std::string_literals;
using testing::Collected;
using testing::Strings;

TEST(CsvReader, ReadsRowsByHeaderNameAndSkipsBadRowsWithTheirLine) {
    Collected c;
    read_csv(
        "Headline,Author,Published,Text,Ignored\r\n"
        "\"Naval drills, again\",Ann Lee and Bo Park,2024-12-04,\"First paragraph.\nSecond, "
        "with \"\"quotes\"\".\",x\r\n"
        "Too few,fields\r\n"
        "\r\n"
        "Plain row,Cy Diaz,4 December 2024,One line.,y\r\n"
        "\"Never closed,Dee,2024,text,z\r\n",
        "a.csv", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "Naval drills, again");
    EXPECT_EQ(c.articles[0].authors, (Strings{"Ann Lee", "Bo Park"}));
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"First paragraph.", "Second, with \"quotes\"."}))
        << "no blank line: one paragraph per line";
    EXPECT_EQ(c.articles[1].date, "2024-12-04");
    ASSERT_EQ(c.report.problems.size(), 2u) << c.problems();
    EXPECT_EQ(c.report.problems[0].line, 4u);
    EXPECT_EQ(c.report.problems[0].reason, "bad row");
    EXPECT_EQ(c.report.problems[1].line, 7u);
    EXPECT_NE(c.report.problems[1].detail.find("not closed"), std::string::npos);
}

// A quote never closed does not swallow the rows after it: its row is skipped, with its
// line, and reading goes on at the next line.
TEST(CsvReader, AQuoteNeverClosedLosesItsRowOnly) {
    Collected c;
    read_csv("title,text\nA,\"About Chile.\nB,About Peru.\nC,About Norway.\n", "q.csv", c.sink(),
             c.report);
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "B");
    EXPECT_EQ(c.articles[1].title, "C");
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    EXPECT_EQ(c.report.problems[0].line, 2u);
    EXPECT_NE(c.report.problems[0].detail.find("not closed"), std::string::npos);
}

TEST(CsvReader, NeedsATextColumnAndReadsSemicolons) {
    Collected c;
    read_csv("title,author\nA,B\n", "no-text.csv", c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    ASSERT_EQ(c.report.problems.size(), 1u);
    EXPECT_EQ(c.report.problems[0].reason, "bad header");
    read_csv("title;body\nSemicolons;Text here.\n", "semi.csv", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Text here."});
}

// Old Mac Excel ends rows with a lone CR; a quoted field's lone CR is a line break in it.
TEST(CsvReader, ReadsRowsEndingInALoneCr) {
    Collected c;
    read_csv("title,text,date\rA,alpha body,2024-12-04\rB,\"beta\rsecond\",2024-12-05\r", "v.csv",
             c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "A");
    EXPECT_EQ(c.articles[0].date, "2024-12-04");
    EXPECT_EQ(c.articles[1].paragraphs, (Strings{"beta", "second"}));
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

TEST(CsvReader, WarnsAboutAFileWithAHeaderAndNoRows) {
    Collected c;
    read_csv("title,text\r\n\r\n", "empty.csv", c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    EXPECT_EQ(c.report.problems[0].source, "empty.csv");
    EXPECT_EQ(c.report.problems[0].reason, "no rows");
    EXPECT_EQ(c.report.problems[0].severity, IngestProblem::Severity::Warning);
}

// Text is checked a row at a time: a row with malformed UTF-8 or a NUL is skipped with the
// line it is on, and the rows around it are read.
TEST(CsvReader, ABadRowLosesItsRowOnly) {
    const std::string lf =
        "title,text\nGood1,good one\nBad,caf\xe9\nGood2,\"two\nlines\"\n"
        "Nul,\"first\nsecond\0\"\nGood3,good three\n"s;
    std::string lone_cr = lf;
    std::replace(lone_cr.begin(), lone_cr.end(), '\n', '\r');
    for (const std::string& file : {lf, lone_cr}) {
        Collected c;
        read_csv(file, "r6.csv", c.sink(), c.report);
        ASSERT_EQ(c.articles.size(), 3u) << c.problems();
        EXPECT_EQ(c.articles[0].title, "Good1");
        EXPECT_EQ(c.articles[1].title, "Good2");
        EXPECT_EQ(c.articles[2].title, "Good3");
        ASSERT_EQ(c.report.problems.size(), 2u) << c.problems();
        EXPECT_EQ(c.report.problems[0].reason, "invalid UTF-8");
        EXPECT_EQ(c.report.problems[0].line, 3u);
        EXPECT_EQ(c.report.problems[1].reason, "binary file");
        EXPECT_EQ(c.report.problems[1].line, 7u) << "the NUL is on the row's second line";
    }
}

TEST(CsvReader, ABinaryHeaderLosesTheFile) {
    Collected c;
    read_csv("PK\x03\x04\0\0title,text\nA,a\n"s, "x.csv", c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    EXPECT_EQ(c.report.problems[0].reason, "binary file");
}

TEST(ArticleJson, SplitsAnExtractionToolsTextAtLinesAndABodyAtBlankLines) {
    const auto text = json_forms::article_from_json(
        nlohmann::json::parse(R"({"title": "t", "text": "One.\nTwo.\n"})"));
    EXPECT_EQ(text.paragraphs, (Strings{"One.", "Two."}));
    const auto body = json_forms::article_from_json(
        nlohmann::json::parse(R"({"title": "t", "body": "One\nwrapped.\n\nTwo."})"));
    EXPECT_EQ(body.paragraphs, (Strings{"One wrapped.", "Two."}));
}

// A record whose WARC header has `content_type`, or no Content-Type when it is empty.
std::string warc_record_typed(const std::string& type, const std::string& content_type,
                              const std::string& uri, const std::string& block) {
    const std::string type_line =
        content_type.empty() ? "" : "Content-Type: " + content_type + "\r\n";
    return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
           "\r\nWARC-Date: 2024-12-04T10:00:00Z\r\n" + type_line +
           "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string warc_record(const std::string& type, const std::string& uri, const std::string& block) {
    return warc_record_typed(type, "application/http; msgtype=" + type, uri, block);
}

// `data` compressed with zlib's `window_bits`: 31 gzip, 15 zlib, -15 raw deflate.
std::string compress(const std::string& data, int window_bits) {
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, data.size()) + 32, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::string gzip(const std::string& data) { return compress(data, 31); }

TEST(WarcReader, ReadsHtmlResponsesOfPlainAndPerRecordGzippedFiles) {
    const std::string page =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n"
        "<html><head><title>Caf\xE9 talks</title></head><body><article><p>Ministers met in a "
        "caf\xE9.</p></article></body></html>";
    const std::string records[] = {
        "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\ninfo\r\n\r\n",
        warc_record("request", "http://h.org/a", "GET /a HTTP/1.1\r\n\r\n"),
        warc_record("response", "http://h.org/a", page),
        warc_record("response", "http://h.org/missing",
                    "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>"),
        warc_record("response", "http://h.org/img",
                    "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG")};
    std::string plain, gzipped;
    for (const auto& r : records) {
        plain += r;
        gzipped += gzip(r);
    }
    for (const std::string* file : {&plain, &gzipped}) {
        Collected c;
        read_warc(*file, "crawl.warc", c.sink(), c.report);
        ASSERT_EQ(c.articles.size(), 1u) << c.problems();
        EXPECT_EQ(c.articles[0].url, "http://h.org/a");
        EXPECT_EQ(c.articles[0].title, "Caf\u00e9 talks") << "the HTTP header's charset";
        EXPECT_EQ(c.articles[0].paragraphs, Strings{"Ministers met in a caf\u00e9."});
        EXPECT_TRUE(c.report.problems.empty()) << c.problems();
    }
    Collected cut;
    read_warc(gzipped.substr(0, gzipped.size() - 20), "cut.warc.gz", cut.sink(), cut.report);
    EXPECT_EQ(cut.articles.size(), 1u) << "the records before the damage are kept";
    ASSERT_FALSE(cut.report.problems.empty());
    EXPECT_EQ(cut.report.problems[0].reason, "bad gzip");
    Collected bad;
    read_warc(plain.substr(0, 200) + "garbage", "bad.warc", bad.sink(), bad.report);
    ASSERT_FALSE(bad.report.problems.empty());
    EXPECT_EQ(bad.report.problems.back().reason, "bad WARC record");
}

std::string encoded_page(const std::string& encoding, const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: " +
           encoding + "\r\n\r\n" + body;
}

std::string page_html(const std::string& title) {
    return "<html><head><title>" + title + "</title></head><body><article><p>Body of " + title +
           ".</p></article></body></html>";
}

// A compressed HTTP payload is inflated before it is read as a page: gzip, and deflate as
// a zlib stream or as the raw data some servers send; anything else is skipped by name.
TEST(WarcReader, UndoesTheContentEncodingOfAPage) {
    const std::string warc =
        warc_record("response", "http://h.org/g",
                    encoded_page("gzip", gzip(page_html("Gzipped")))) +
        warc_record("response", "http://h.org/z",
                    encoded_page("deflate", compress(page_html("Zlib"), 15))) +
        warc_record("response", "http://h.org/r",
                    encoded_page("Deflate", compress(page_html("Raw"), -15))) +
        warc_record("response", "http://h.org/b", encoded_page("br", "\x1b\x2f\x00")) +
        warc_record("response", "http://h.org/c", encoded_page("gzip", "not gzip at all")) +
        warc_record("response", "http://h.org/big",
                    encoded_page("gzip", gzip(page_html(std::string(5000, 'x'))))) +
        warc_record("response", "http://h.org/p", encoded_page("identity", page_html("Plain")));
    Collected c;
    InputLimits limits;
    limits.file_bytes = 4000;
    read_warc(warc, "enc.warc", c.sink(), c.report, limits);
    ASSERT_EQ(c.articles.size(), 4u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "Gzipped");
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Body of Gzipped."});
    EXPECT_EQ(c.articles[1].title, "Zlib");
    EXPECT_EQ(c.articles[2].title, "Raw");
    EXPECT_EQ(c.articles[3].title, "Plain");
    ASSERT_EQ(c.report.problems.size(), 3u) << c.problems();
    EXPECT_EQ(c.report.problems[0].source, "enc.warc#4");
    EXPECT_EQ(c.report.problems[0].reason, "unsupported Content-Encoding");
    EXPECT_EQ(c.report.problems[0].detail.rfind("br;", 0), 0u) << c.problems();
    EXPECT_EQ(c.report.problems[1].reason, "bad Content-Encoding");
    EXPECT_EQ(c.report.problems[2].reason, "over a limit");
    EXPECT_NE(c.report.problems[2].detail.find("file-bytes"), std::string::npos);
}

// A response record is read as HTTP when its block starts with a status line, whatever its
// WARC Content-Type says, and a page of no stated type is read when it is HTML. A record
// typed as HTTP that holds none, and an untyped payload that is not HTML, are reported; a
// crawler's dns: lookup is no page, passed over like a redirect.
TEST(WarcReader, ReadsResponsesByTheirStatusLineAndReportsTheOthers) {
    const std::string page =
        "<!DOCTYPE html><html><head><title>T</title></head><body><article>"
        "<p>Some text.</p></article></body></html>";
    const std::string warc =
        warc_record_typed("response", "", "http://h.org/untyped-record",
                          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page) +
        warc_record("response", "http://h.org/untyped-page", "HTTP/1.0 200 OK\r\n\r\n" + page) +
        warc_record("response", "http://h.org/image", "HTTP/1.1 200 OK\r\n\r\n\x89PNG\r\n") +
        warc_record_typed("response", "text/dns", "dns:h.org",
                          "20241204100000\nh.org. 300 IN A 192.0.2.1\n") +
        warc_record("response", "http://h.org/moved",
                    "HTTP/1.1 301 Moved Permanently\r\nLocation: /a\r\n") +
        warc_record("response", "http://h.org/garbled", "<html>no status line</html>\r\n");
    Collected c;
    read_warc(warc, "mixed.warc", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].url, "http://h.org/untyped-record");
    EXPECT_EQ(c.articles[1].url, "http://h.org/untyped-page");
    ASSERT_EQ(c.report.problems.size(), 2u) << c.problems();
    EXPECT_EQ(c.report.problems[0].source, "mixed.warc#3");
    EXPECT_EQ(c.report.problems[0].reason, "not HTML");
    EXPECT_EQ(c.report.problems[1].source, "mixed.warc#6");
    EXPECT_EQ(c.report.problems[1].reason, "not an HTTP response");
}

// Two sites' pages with the same relative canonical link are two pages: each is resolved
// against its record's target, not stored as "/story" for both.
TEST(WarcReader, ResolvesARelativeCanonicalLinkAgainstTheRecordsTarget) {
    const std::string page =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><link rel=canonical "
        "href=/story></head><body><article><p>Some text.</p></article></body></html>";
    Collected c;
    read_warc(warc_record("response", "http://a.example/x/1", page) +
                  warc_record("response", "https://b.example/y/2", page),
              "two.warc", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].url, "http://a.example/story");
    EXPECT_EQ(c.articles[1].url, "https://b.example/story");
}

}  // namespace
}  // namespace parley::readers
