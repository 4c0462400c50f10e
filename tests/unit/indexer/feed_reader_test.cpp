#include "readers/feed_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "collected_articles.hpp"
#include "scratch_dir.hpp"

namespace parley::readers {
namespace {

using testing::Collected;
using testing::Counts;
using testing::Strings;

constexpr const char* kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour &amp; Strait</title>
  <link>https://hs.example/</link>
  <language>en-us</language>
  <item>
    <title>The Houthi gamble &amp;#8211; and its price</title>
    <link>https://hs.example/houthi-gamble</link>
    <guid isPermaLink="false">hs-2024-017</guid>
    <pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate>
    <dc:creator><![CDATA[Nadia Karim and Yusuf Ali]]></dc:creator>
    <description><![CDATA[<p>A teaser that must not be indexed&#8230;</p>]]></description>
    <content:encoded><![CDATA[<p>Full first paragraph about <a href="x">Houthi</a> attacks.</p>
<div class="share">Share this</div>
<p>Second paragraph.</p>
<script>track()</script>
<p>The post <a href="y">The Houthi gamble</a> appeared first on <a href="z">Harbour &amp; Strait</a>.</p>]]></content:encoded>
  </item>
  <item>
    <title>Only a description</title>
    <link>https://hs.example/desc</link>
    <pubDate>2 Oct 99 08:00 EST</pubDate>
    <author>editor@hs.example (Maria Lopes)</author>
    <description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt; body.&lt;/p&gt;</description>
  </item>
  <item>
    <title>No text at all</title>
    <link>https://hs.example/empty</link>
  </item>
</channel>
</rss>
)";

TEST(FeedReader, ReadsRssItemsWithFullContentAndAHeadlineAloneByIt) {
    Collected c;
    read_feed(kRss, "hs.rss", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "The Houthi gamble \u2013 and its price");
    EXPECT_EQ(a.id, "hs-2024-017");
    EXPECT_EQ(a.url, "https://hs.example/houthi-gamble");
    EXPECT_EQ(a.date, "2024-03-05");
    EXPECT_EQ(a.authors, (Strings{"Nadia Karim", "Yusuf Ali"}));
    EXPECT_EQ(a.source, "Harbour & Strait");
    EXPECT_EQ(a.language, "en");
    EXPECT_EQ(a.paragraphs,
              (Strings{"Full first paragraph about Houthi attacks.", "Second paragraph."}));

    const Article& b = c.articles[1];
    EXPECT_EQ(b.id, "https://hs.example/desc");  // no guid: the link
    EXPECT_EQ(b.date, "1999-10-02");
    EXPECT_EQ(b.authors, Strings{"Maria Lopes"});
    EXPECT_EQ(b.paragraphs, Strings{"Escaped HTML body."});

    // An item with a headline alone is found by it, its one paragraph (it was skipped),
    // without a warning: a feed of headlines is usual, and is read again on every run.
    EXPECT_EQ(c.articles[2].paragraphs, Strings{"No text at all"});
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
    EXPECT_EQ(c.report.articles_read, 3u);
}

TEST(FeedReader, FindsContentEncodedUnderAnyPrefix) {
    Collected c;
    read_feed(R"(<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/"><channel>
<title>T</title><item><title>A</title><description>Teaser.</description>
<c:encoded>&lt;p&gt;Full.&lt;/p&gt;</c:encoded></item></channel></rss>)",
              "prefix.rss", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Full."});
}

constexpr const char* kAtom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Gulf Monitor</title>
  <author><name>Desk Editor</name></author>
  <entry>
    <title type="html">Tankers &amp;amp; the &lt;em&gt;strait&lt;/em&gt;</title>
    <id>tag:gm.example,2023:tankers</id>
    <link rel="edit" href="https://gm.example/edit/1"/>
    <link rel="alternate" type="text/html" href="https://gm.example/tankers"/>
    <published>2023-08-01T09:00:00Z</published>
    <updated>2023-08-02T09:00:00Z</updated>
    <author><name>Omar Said</name></author>
    <author><name>Karin Holm</name></author>
    <summary>Summary that must not be indexed.</summary>
    <content type="html">&lt;p&gt;Escaped first.&lt;/p&gt;&lt;p&gt;Escaped &amp;amp; second.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>XHTML entry</title>
    <id>tag:gm.example,2023:xhtml</id>
    <link href="https://gm.example/xhtml"/>
    <updated>2023-09-10T00:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One <b>bold</b> claim.</p><aside>Aside</aside><p>Two &amp; three.</p></div></content>
  </entry>
  <entry>
    <title>Summary only</title>
    <id>tag:gm.example,2023:summary</id>
    <summary>Plain summary text.

Second block.</summary>
  </entry>
</feed>
)";

TEST(FeedReader, ReadsAtomEntriesWithHtmlXhtmlAndTextContent) {
    Collected c;
    read_feed(kAtom, "gm.atom", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "Tankers & the strait");
    EXPECT_EQ(a.id, "tag:gm.example,2023:tankers");
    EXPECT_EQ(a.url, "https://gm.example/tankers");
    EXPECT_EQ(a.date, "2023-08-01");
    EXPECT_EQ(a.authors, (Strings{"Omar Said", "Karin Holm"}));
    EXPECT_EQ(a.source, "Gulf Monitor");
    EXPECT_EQ(a.language, "en");
    EXPECT_EQ(a.paragraphs, (Strings{"Escaped first.", "Escaped & second."}));

    const Article& b = c.articles[1];
    EXPECT_EQ(b.url, "https://gm.example/xhtml");
    EXPECT_EQ(b.date, "2023-09-10");
    EXPECT_EQ(b.authors, Strings{"Desk Editor"});  // inherited from the feed
    EXPECT_EQ(b.paragraphs, (Strings{"One bold claim.", "Two & three."}));

    EXPECT_EQ(c.articles[2].paragraphs, (Strings{"Plain summary text.", "Second block."}));
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

TEST(FeedReader, SkipsMalformedXmlWithLineColumnAndByte) {
    Collected c;
    read_feed("<rss><channel>\n<item><title>A</title>\n<description>x</item>\n</channel></rss>",
              "broken.rss", c.sink(), c.report);
    read_feed("This is not XML at all.", "text.xml", c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    EXPECT_EQ(c.report.skipped_by_reason(), (Counts{{"malformed feed", 2}}));
    const auto& p = c.report.problems[0];
    EXPECT_EQ(p.source, "broken.rss");
    EXPECT_EQ(p.line, 3u);
    EXPECT_GT(p.byte, 0u);
    EXPECT_NE(p.detail.find("at line 3, column"), std::string::npos) << p.detail;
}

// Found by fuzz_feed_reader: pugixml placed the error in "<s v" at byte 5 of 4, and the
// problem named a byte past the end of the file.
TEST(FeedReader, PlacesAnErrorAtTheEndOfATruncatedFeedWithinTheFile) {
    for (const std::string feed : {"<s v", "<rss version=\"2.0\" xmlns:c", "<feed a"}) {
        Collected c;
        read_feed(feed, "cut.rss", c.sink(), c.report);
        ASSERT_EQ(c.report.problems.size(), 1u) << feed;
        const auto& p = c.report.problems[0];
        EXPECT_EQ(p.reason, "malformed feed");
        EXPECT_EQ(p.line, 1u);
        EXPECT_LE(p.byte, feed.size()) << p.to_string();
        EXPECT_NE(p.detail.find("column " + std::to_string(feed.size() + 1)), std::string::npos)
            << p.detail;
    }
}

TEST(FeedReader, SkipsXmlThatIsNotAFeed) {
    Collected c;
    read_feed("<?xml version=\"1.0\"?>\n<urlset><url><loc>https://x.example/</loc></url></urlset>",
              "sitemap.xml", c.sink(), c.report);
    ASSERT_EQ(c.report.problems.size(), 1u);
    EXPECT_EQ(c.report.problems[0].reason, "not a feed");
    EXPECT_EQ(c.report.problems[0].line, 2u);
}

TEST(FeedReader, DecodesALegacyEncoding) {
    Collected c;
    read_feed(
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>T</title>"
        "<item><title>\x93Quoted\x94</title><description>Price: \x80"
        "5</description></item></channel></rss>",
        "cp1252.rss", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "\u201cQuoted\u201d");
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Price: \u20ac5"});
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

// A feed fetched over HTTP: the Content-Type's charset outranks the XML declaration (RFC
// 7303), and without one ICU would guess windows-1252 for these windows-1250 bytes.
TEST(FeedReader, HonoursTheCharsetItCameWithOverHttp) {
    const std::string undeclared =
        "<rss><channel><title>T</title><item><title>\xA3\xF3"
        "d\x9F</title>"
        "<description>Zaba \x9Cr\xF3"
        "dmie\x9C"
        "cia w \xA3odzi.</description></item></channel></rss>";
    const std::string declared_otherwise =
        "<?xml version=\"1.0\" encoding=\"iso-8859-2\"?>" + undeclared;
    for (const std::string& feed : {undeclared, declared_otherwise}) {
        Collected c;
        read_feed(feed, "http://h/feed", c.sink(), c.report, {}, "http://h/feed", "windows-1250");
        ASSERT_EQ(c.articles.size(), 1u) << c.problems();
        EXPECT_EQ(c.articles[0].title, "Łódź") << feed;
        EXPECT_EQ(c.articles[0].paragraphs, Strings{"Zaba śródmieścia w Łodzi."});
    }
}

TEST(FeedReader, ReadsRss1Items) {
    Collected c;
    read_feed(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Old Outlet</title></channel>
<item><title>Old piece</title><link>https://o.example/1</link>
<dc:date>2004-05-06</dc:date><dc:creator>Ann Lee</dc:creator><description>Text.</description></item>
</rdf:RDF>)",
              "old.rdf", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].source, "Old Outlet");
    EXPECT_EQ(c.articles[0].date, "2004-05-06");
    EXPECT_EQ(c.articles[0].authors, Strings{"Ann Lee"});
}

// An item's pubDate (an entry's published) that is no date gives way to its dc:date
// (updated), as a page's unreadable date gives way to its next one.
TEST(FeedReader, AnUnreadableDateGivesWayToTheItemsOtherDate) {
    Collected c;
    read_feed(R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Outlet</title>
<item><guid>a</guid><title>A</title><pubDate>Mercredi matin</pubDate>
<dc:date>2024-03-05T10:00:00+01:00</dc:date><description>Text a.</description></item>
<item><guid>b</guid><title>B</title><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<dc:date>2023-01-01</dc:date><description>Text b.</description></item>
</channel></rss>)",
              "dates.rss", c.sink(), c.report);
    read_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom outlet</title>
<entry><id>c</id><title>C</title><published>this morning</published>
<updated>2024-03-06T10:00:00Z</updated><content>Text c.</content></entry>
</feed>)",
              "dates.atom", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 3u) << c.problems();
    EXPECT_EQ(c.articles[0].date, "2024-03-05");
    EXPECT_EQ(c.articles[1].date, "2024-03-05");  // the pubDate, read, comes first
    EXPECT_EQ(c.articles[2].date, "2024-03-06");
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

TEST(FeedReader, ResolvesRelativeLinksAgainstTheFeedsAddress) {
    Collected c;
    read_feed(R"(<rss><channel><title>T</title>
<item><title>A</title><link>/2024/12/editorial</link><description>One.</description></item>
<item><title>B</title><link>page/x</link><guid>tag:b</guid><description>Two.</description></item>
</channel></rss>)",
              "feed", c.sink(), c.report, {}, "https://news.example.org/opinion/feed.xml");
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].url, "https://news.example.org/2024/12/editorial");
    EXPECT_EQ(c.articles[0].id, "https://news.example.org/2024/12/editorial")
        << "a guid-less item is known by its absolute link";
    EXPECT_EQ(c.articles[1].url, "https://news.example.org/opinion/page/x");
    EXPECT_EQ(c.articles[1].id, "tag:b");
}

TEST(FeedReader, ResolvesAtomLinksAgainstXmlBase) {
    Collected c;
    const char* atom = R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/atom/">
<title>T</title>
<entry xml:base="2024/"><id>e1</id><title>A</title><link href="one.html"/><summary>One.</summary></entry>
<entry><id>e2</id><title>B</title><link href="http://other.example/b"/><summary>Two.</summary></entry>
</feed>)";
    read_feed(atom, "feed", c.sink(), c.report, {}, "http://h.example/feeds/all.xml");
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].url, "http://h.example/atom/2024/one.html");
    EXPECT_EQ(c.articles[1].url, "http://other.example/b");
    Collected from_file;
    read_feed(atom, "feed.atom", from_file.sink(), from_file.report);
    EXPECT_EQ(from_file.articles[0].url, "")
        << "no address, no absolute base: not taken, as a saved page's relative link is not";
}

TEST(ReadArticles, RecognisesPagesAndFeedsByExtensionAndContent) {
    namespace fs = std::filesystem;
    const test::ScratchDir scratch("parley-markup");
    const fs::path& dir = scratch.path();
    std::ofstream(dir / "a.html") << "<html><head><title>Page</title></head><body><p>P.</p>"
                                     "</body></html>";
    std::ofstream(dir / "b.atom") << "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
                                     "<title>Entry</title><summary>S.</summary></entry></feed>";
    std::ofstream(dir / "c.xml") << "<?xml version=\"1.0\"?><urlset/>";
    std::ofstream(dir / "d") << "\xEF\xBB\xBF  <!DOCTYPE HTML><title>Sniffed page</title><p>Q.</p>";
    std::ofstream(dir / "e") << "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss><channel><item>"
                                "<title>Sniffed feed</title><description>R.</description>"
                                "</item></channel></rss>";
    Collected c;
    read_articles(dir.string(), {}, c.sink(), c.report);  // d and e have no known extension
    for (const char* name : {"d", "e"})
        read_articles((dir / name).string(), {}, c.sink(), c.report);
    Strings titles;
    for (const auto& a : c.articles) titles.push_back(a.title);
    EXPECT_EQ(titles, (Strings{"Page", "Entry", "Sniffed page", "Sniffed feed"}));
    EXPECT_EQ(c.report.skipped_by_reason(),
              (Counts{{"not a feed", 1}, {"unsupported file type", 2}}));
}

}  // namespace
}  // namespace parley::readers
