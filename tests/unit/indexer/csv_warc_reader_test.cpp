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
    ASSERT_EQ(c.report.problems.size(), 3u) << c.problems();
    EXPECT_EQ(c.report.problems[0].line, 1u);
    EXPECT_EQ(c.report.problems[0].reason, "columns not read") << "'Ignored' is said once";
    EXPECT_EQ(c.report.problems[1].line, 4u);
    EXPECT_EQ(c.report.problems[1].reason, "bad row");
    EXPECT_EQ(c.report.problems[2].line, 7u);
    EXPECT_NE(c.report.problems[2].detail.find("not closed"), std::string::npos);
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

std::string page_record(const std::string& uri, const std::string& title) {
    return warc_record("response", uri,
                       "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page_html(title));
}

// One gzip member per record, as crawlers write them; `members` gets each one's offset.
std::string gzip_members(const std::vector<std::string>& records,
                         std::vector<std::size_t>* members = nullptr) {
    std::string out;
    for (const auto& r : records) {
        if (members) members->push_back(out.size());
        out += gzip(r);
    }
    return out;
}

Strings titles(const Collected& c) {
    Strings t;
    for (const auto& a : c.articles) t.push_back(a.title);
    return t;
}

// Crawls are big and disks fail: a damaged gzip member loses its own record, not the rest
// of the file. Reading goes on at the next member, found again after the damage.
TEST(WarcReader, ADamagedGzipMemberLosesOnlyItsOwnRecord) {
    const std::vector<std::string> records = {
        page_record("http://h.org/1", "One"), page_record("http://h.org/2", "Two"),
        page_record("http://h.org/3", "Three"), page_record("http://h.org/4", "Four")};
    std::vector<std::size_t> at;
    const std::string whole = gzip_members(records, &at);

    std::string flipped_bytes = whole;  // bytes inside member 2's deflate data changed
    for (std::size_t i = at[1] + 20; i < at[1] + 30; ++i)
        flipped_bytes[i] = static_cast<char>(~flipped_bytes[i]);
    const std::string& flipped = flipped_bytes;
    // Member 2 cut short: its last 25 bytes gone, so zlib reads on into member 3.
    const std::string cut = whole.substr(0, at[2] - 25) + whole.substr(at[2]);
    for (const std::string* file : {&flipped, &cut}) {
        Collected c;
        read_warc(*file, "crawl.warc.gz", c.sink(), c.report);
        EXPECT_EQ(titles(c), (Strings{"One", "Three", "Four"})) << c.problems();
        ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
        EXPECT_EQ(c.report.problems[0].reason, "bad gzip");
        EXPECT_EQ(c.report.problems[0].byte, at[1]);
        const std::string resumed = std::to_string(file == &cut ? at[2] - 25 : at[2]);
        EXPECT_NE(c.report.problems[0].detail.find("after record 1"), std::string::npos)
            << c.problems();
        EXPECT_NE(c.report.problems[0].detail.find("reading went on at byte " + resumed),
                  std::string::npos)
            << c.problems();
    }

    // A member that inflates to no WARC record is dropped by itself, too.
    const std::string stray =
        whole.substr(0, at[2]) + gzip("not a record\r\n\r\nat all") + whole.substr(at[2]);
    Collected c;
    read_warc(stray, "stray.warc.gz", c.sink(), c.report);
    EXPECT_EQ(titles(c), (Strings{"One", "Two", "Three", "Four"})) << c.problems();
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    EXPECT_EQ(c.report.problems[0].reason, "bad WARC record");
    EXPECT_NE(c.report.problems[0].detail.find("goes on at the next gzip member"),
              std::string::npos)
        << c.problems();

    // Garbage after the last member is said once; every record is kept.
    Collected tail;
    read_warc(whole + std::string(100, '\0'), "tail.warc.gz", tail.sink(), tail.report);
    EXPECT_EQ(tail.articles.size(), 4u);
    ASSERT_EQ(tail.report.problems.size(), 1u) << tail.problems();
    EXPECT_NE(tail.report.problems[0].detail.find("nothing after it could be read"),
              std::string::npos);
}

// The file-bytes limit bounds one record, not the file: a crawl of a gigabyte is read a
// record at a time. A page over the limit is reported by its record; other big records
// (a video, a PDF) pass unsaid, as they would at any size.
TEST(WarcReader, TheSizeLimitBoundsEachRecordNotTheFile) {
    const std::vector<std::string> records = {
        page_record("http://h.org/a", "Alpha"),
        page_record("http://h.org/huge", std::string(5000, 'x')),
        warc_record("response", "http://h.org/film",
                    "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n" + std::string(6000, 'v')),
        warc_record("resource", "http://h.org/blob", std::string(7000, 'b')),
        page_record("http://h.org/b", "Beta")};
    InputLimits limits;
    limits.file_bytes = 2000;
    std::string plain;
    for (const auto& r : records) plain += r;
    ASSERT_GT(plain.size(), 4 * limits.file_bytes);
    for (const std::string& file : {plain, gzip_members(records)}) {
        Collected c;
        read_warc(file, "big.warc", c.sink(), c.report, limits);
        EXPECT_EQ(titles(c), (Strings{"Alpha", "Beta"})) << c.problems();
        ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
        EXPECT_EQ(c.report.problems[0].source, "big.warc#2");
        EXPECT_EQ(c.report.problems[0].reason, "over a limit");
        EXPECT_NE(c.report.problems[0].detail.find("http://h.org/huge"), std::string::npos);
        EXPECT_NE(c.report.problems[0].detail.find("file-bytes"), std::string::npos);
        EXPECT_EQ(c.report.bytes_read, file.size());
    }

    // stream-bytes bounds the whole: reading stops there, the records before are kept.
    limits.stream_bytes = plain.size() + 10;
    Collected stopped;
    read_warc(plain + page_record("http://h.org/c", "Gamma"), "big.warc", stopped.sink(),
              stopped.report, limits);
    EXPECT_EQ(titles(stopped), (Strings{"Alpha", "Beta"})) << stopped.problems();
    ASSERT_EQ(stopped.report.problems.size(), 2u) << stopped.problems();
    EXPECT_EQ(stopped.report.problems[1].reason, "over a limit");
    EXPECT_NE(stopped.report.problems[1].detail.find("stream-bytes"), std::string::npos);
}

// A record's target is untrusted bytes: what a URL cannot hold is percent-encoded, so the
// url stays valid UTF-8 (found by fuzzing), and one over field-bytes skips its page.
TEST(WarcReader, ATargetWithBytesNoUrlHoldsIsPercentEncoded) {
    Collected c;
    read_warc(page_record("http://x.e\xff\xfe\x01 \xc3\xa9/a", "Bytes"), "t.warc", c.sink(),
              c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].url, "http://x.e%FF%FE%01%20%C3%A9/a");
    InputLimits limits;
    limits.field_bytes = 30;
    Collected long_target;
    read_warc(page_record("http://x.example/" + std::string(40, 'a'), "Long"), "t.warc",
              long_target.sink(), long_target.report, limits);
    EXPECT_TRUE(long_target.articles.empty());
    ASSERT_EQ(long_target.report.problems.size(), 1u);
    EXPECT_EQ(long_target.report.problems[0].reason, "over a limit");
    EXPECT_NE(long_target.report.problems[0].detail.find("field-bytes"), std::string::npos);
}

// A plain file that ends inside a record says which record and where, once.
TEST(WarcReader, AFileCutShortInsideARecordKeepsTheRecordsBefore) {
    const std::string two =
        page_record("http://h.org/1", "One") + page_record("http://h.org/2", "Two");
    const std::size_t second = page_record("http://h.org/1", "One").size();
    for (const std::size_t keep : {second + 30, two.size() - 40}) {
        Collected c;
        read_warc(two.substr(0, keep), "cut.warc", c.sink(), c.report);
        EXPECT_EQ(titles(c), Strings{"One"});
        ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
        EXPECT_EQ(c.report.problems[0].reason, "bad WARC record");
        EXPECT_EQ(c.report.problems[0].byte, second);
        EXPECT_NE(c.report.problems[0].detail.find("record 2 at byte " + std::to_string(second) +
                                                   " is cut short"),
                  std::string::npos)
            << c.problems();
    }
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
