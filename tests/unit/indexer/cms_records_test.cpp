// Content systems' JSON read without a conversion script: WordPress REST API posts, a CMS's
// field names, HTML in a text field, and JSON Feed.
#include <gtest/gtest.h>

#include <sstream>

#include "collected_articles.hpp"
#include "readers/cms_json.hpp"
#include "readers/jsonl_reader.hpp"

namespace parley::readers {
namespace {

using testing::Collected;
using testing::read_lines;
using testing::Strings;

Collected read_file(const std::string& text) {
    Collected c;
    read_json_file(text, "f.json", c.sink(), c.report);
    return c;
}

// Every record of a /wp-json/wp/v2/posts dump was "bad field: field 'title' is an object".
TEST(CmsRecords, AWordPressPostIsReadFromItsRenderedFields) {
    const Collected c = read_file(R"([
  {"id": 12, "date": "2024-03-05T09:30:00", "date_gmt": "2024-03-05T08:30:00",
   "guid": {"rendered": "https://ed.example/?p=12"},
   "link": "https://ed.example/2024/03/05/tolls/",
   "title": {"rendered": "Tolls won&#8217;t <em>fix</em> it &amp; more"},
   "content": {"rendered": "<p>First &ldquo;point&rdquo; made.</p>\n<h2>A subhead</h2>\n<ul><li>One item.</li><li>Two item.</li></ul><blockquote><p>Quoted words.</p></blockquote><figure><img src=\"a.jpg\"/><figcaption>A caption.</figcaption></figure><script>track(12);</script><p>Last point.</p>", "protected": false},
   "excerpt": {"rendered": "<p>Teaser.</p>"},
   "author": 5, "lang": "fr",
   "_embedded": {"author": [{"id": 5, "name": "Mara Quill"}]}}
])");
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "Tolls won\u2019t fix it & more");
    EXPECT_EQ(a.paragraphs, (Strings{"First \u201cpoint\u201d made.", "A subhead", "One item.",
                                     "Two item.", "Quoted words.", "Last point."}));
    EXPECT_EQ(a.authors, Strings{"Mara Quill"});
    EXPECT_EQ(a.id, "https://ed.example/?p=12") << "post 12 of two sites is two articles";
    EXPECT_EQ(a.url, "https://ed.example/2024/03/05/tolls/");
    EXPECT_EQ(a.date, "2024-03-05");
    EXPECT_EQ(a.language, "fr");
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

// WordPress's "author" is a user id: 'bad field' skipped every post fetched without ?_embed.
TEST(CmsRecords, AnAuthorIdWithoutNamesIsLeftOutSaidOncePerFile) {
    const Collected c = read_lines(
        R"({"id":1,"link":"https://ed.example/a","title":{"rendered":"A"},"content":{"rendered":"<p>Text a.</p>"},"author":5})"
        "\n"
        R"({"id":2,"title":{"rendered":"B"},"content":{"rendered":"<p>Text b.</p>"},"author":7,"_embedded":{"author":[{"code":"rest_user_invalid_id"}]}})"
        "\n");
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_TRUE(c.articles[0].authors.empty());
    EXPECT_EQ(c.articles[0].id, "https://ed.example/a") << "no guid: the link names the post";
    EXPECT_EQ(c.articles[1].id, "2");
    EXPECT_EQ(c.problem_lines(),
              Strings{"1: field not read: field 'author' is 5: a user id, not a name: authors "
                      "left out (a WordPress API gives names with ?_embed); said once for the "
                      "file"});
}

// HTML in a body was indexed tags and all; text that only has a '<' stays as written.
TEST(CmsRecords, HtmlInATextFieldIsReadAsTheWebReaderReadsIt) {
    const Collected c =
        read_lines(R"({"id":"a","body":"<p>One &amp; two.</p><p>Three.</p><style>p{}</style>"})"
                   "\n"
                   R"({"id":"b","text":"If a < b and c > d, then\nthis stays <3 as written."})"
                   "\n"
                   R"({"id":"c","title":"T","body_html":"<div><p>Only html.</p></div>"})"
                   "\n");
    ASSERT_EQ(c.articles.size(), 3u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"One & two.", "Three."}));
    EXPECT_EQ(c.articles[1].paragraphs,
              (Strings{"If a < b and c > d, then", "this stays <3 as written."}));
    EXPECT_EQ(c.articles[2].paragraphs, Strings{"Only html."});
}

// A CMS's names (as CSV reads them) are read where the record has no text field of
// Parley's: only there, so a record indexed before keeps its identity.
TEST(CmsRecords, ACmsFieldNamesAreReadOnlyInARecordWithoutParleysTextFields) {
    const Collected c = read_lines(
        R"({"headline":"H","content":"Some text.\n\nMore text.","link":"https://x.example/a","byline":"Ann Lee and Bo Park"})"
        "\n"
        R"({"title":"T","body":"Body.","link":"https://x.example/b","headline":"Other"})"
        "\n");
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "H");
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"Some text.", "More text."}));
    EXPECT_EQ(c.articles[0].url, "https://x.example/a");
    EXPECT_EQ(c.articles[0].authors, (Strings{"Ann Lee", "Bo Park"}));
    EXPECT_EQ(c.articles[1].title, "T");
    EXPECT_EQ(c.articles[1].url, "") << "a record read before keeps its identity";
}

// Ghost's and WP-CLI's exports and CSV's other names, read where Parley's are missing; a
// date in UTC without its zone is read as UTC; a record with a body keeps its own fields.
TEST(CmsRecords, OtherSystemsNamesAreReadInARecordWithoutParleysTextFields) {
    const Collected c = read_lines(
        R"({"id":"g1","title":"Ghost post","html":"<p>From Ghost.</p>","published_at":"2024-05-01T10:00:00.000Z","authors":[{"name":"Ann Lee","slug":"ann"}],"url":"https://g.example/p/"})"
        "\n"
        R"({"ID":41,"post_title":"CLI post","post_content":"<!-- wp:paragraph -->\n<p>From WP-CLI.</p>\n<!-- /wp:paragraph -->","post_date":"2024-05-02 23:30:00","post_date_gmt":"2024-05-02 21:30:00","guid":"https://w.example/?p=41","post_author":"1"})"
        "\n"
        R"({"headline":"CSV names","article":"Plain text.","site":"The Outlet","date_gmt":"2024-05-03T23:30:00","published":null})"
        "\n"
        R"({"title":"Own","body":"Own text.","date_gmt":"2024-05-04T10:00:00","published":"2024-05-04"})"
        "\n");
    ASSERT_EQ(c.articles.size(), 4u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"From Ghost."});
    EXPECT_EQ(c.articles[0].date, "2024-05-01");
    EXPECT_EQ(c.articles[0].authors, Strings{"Ann Lee"});
    EXPECT_EQ(c.articles[1].title, "CLI post");
    EXPECT_EQ(c.articles[1].paragraphs, Strings{"From WP-CLI."});
    EXPECT_EQ(c.articles[1].date, "2024-05-02") << "the site's own date, not UTC's";
    EXPECT_EQ(c.articles[1].id, "https://w.example/?p=41");
    EXPECT_TRUE(c.articles[1].authors.empty()) << "post_author is a user id";
    EXPECT_EQ(c.articles[2].title, "CSV names");
    EXPECT_EQ(c.articles[2].paragraphs, Strings{"Plain text."});
    EXPECT_EQ(c.articles[2].source, "The Outlet");
    EXPECT_EQ(c.articles[2].date, "2024-05-03");
    EXPECT_EQ(c.articles[3].date, "") << "a record read before keeps its identity";
}

// A rich-text tree where the text is was 'empty article: no ... field', as if the record
// had none.
TEST(CmsRecords, ATextFieldOfAnotherShapeIsNamed) {
    const Collected c =
        read_lines(R"({"id":"r","title":"T","content":{"nodeType":"document","content":[]}})"
                   "\n");
    EXPECT_TRUE(c.articles.empty());
    EXPECT_EQ(c.problem_lines(),
              Strings{"1: bad field: field 'content' is an object, not text, a list of "
                      "paragraphs or {\"rendered\": \"...\"}: the record is skipped"});
}

TEST(CmsRecords, AJsonFeedIsReadAsAFeed) {
    const Collected c = read_file(R"({
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Valley Voices",
  "language": "en-GB",
  "authors": [{"name": "The Desk"}],
  "items": [
    {"id": "https://v.example/1", "url": "https://v.example/1", "title": "Bridges",
     "content_html": "<p>The <b>old</b> bridge.</p><p>Repair it.</p>",
     "date_published": "2024-04-02T10:00:00+01:00",
     "authors": [{"name": "Ines Wold"}, {"url": "https://v.example/u/2"}]},
    {"id": "2", "title": "Library", "content_text": "Open on Sundays.\n\nVolunteers wait.",
     "date_modified": "2024-04-03T09:00:00Z", "language": "de"},
    {"id": "3", "title": "No text"}
  ]
})");
    ASSERT_EQ(c.articles.size(), 3u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.id, "https://v.example/1");
    EXPECT_EQ(a.title, "Bridges");
    EXPECT_EQ(a.paragraphs, (Strings{"The old bridge.", "Repair it."}));
    EXPECT_EQ(a.authors, Strings{"Ines Wold"});
    EXPECT_EQ(a.source, "Valley Voices");
    EXPECT_EQ(a.language, "en");
    EXPECT_EQ(a.date, "2024-04-02");
    EXPECT_EQ(a.origin.empty(), false);
    const Article& b = c.articles[1];
    EXPECT_EQ(b.id, "2");
    EXPECT_EQ(b.paragraphs, (Strings{"Open on Sundays.", "Volunteers wait."}));
    EXPECT_EQ(b.authors, Strings{"The Desk"}) << "the feed's authors where the item has none";
    EXPECT_EQ(b.language, "de");
    EXPECT_EQ(b.date, "2024-04-03");
    // A title alone: found by it, unsaid, as a feed of headlines is usual.
    EXPECT_EQ(c.articles[2].paragraphs, Strings{"No text"});
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

// Item "2" of two feeds was one article, the second replacing the first.
TEST(CmsRecords, AJsonFeedsIdsAndLinksAreTheFeeds) {
    const Collected c = read_lines(
        R"({"version":"https://jsonfeed.org/version/1.1","home_page_url":"https://a.example/blog/","items":[{"id":"2","url":"/p/2","content_text":"A."},{"id":"https://a.example/p/3","content_text":"B."}]})"
        "\n"
        R"({"version":"https://jsonfeed.org/version/1.1","feed_url":"https://b.example/feeds/all.json","home_page_url":"https://b.example/","items":[{"id":2,"url":"p/2","content_text":"C."}]})"
        "\n");
    ASSERT_EQ(c.articles.size(), 3u) << c.problems();
    EXPECT_EQ(c.articles[0].id, "https://a.example/blog/#2");
    EXPECT_EQ(c.articles[0].url, "https://a.example/p/2");
    EXPECT_EQ(c.articles[1].id, "https://a.example/p/3") << "an address is id enough";
    EXPECT_EQ(c.articles[2].id, "https://b.example/feeds/all.json#2");
    EXPECT_EQ(c.articles[2].url, "https://b.example/p/2");
}

// A JSON Feed whose items are no list gave no article and no word, exit 0.
TEST(CmsRecords, AJsonFeedWithoutAListOfItemsIsSaid) {
    const Collected c = read_file(
        R"({"version":"https://jsonfeed.org/version/1.1","title":"X","items":{"id":"1"}})");
    const Collected d =
        read_lines(R"({"version":"https://jsonfeed.org/version/1","title":"X"})"
                   "\n"
                   R"({"version":"https://jsonfeed.org/version/1","title":"X","items":[]})"
                   "\n");
    EXPECT_TRUE(c.articles.empty());
    EXPECT_EQ(c.problem_lines(), Strings{"1: malformed feed: a JSON Feed whose 'items' is an "
                                         "object, not a list of items"});
    EXPECT_EQ(d.problem_lines(),
              Strings{"1: malformed feed: a JSON Feed with no 'items' (a list of "
                      "the feed's items is required)"})
        << "an empty list is an empty feed, as an RSS channel with no item is";
}

TEST(CmsRecords, AJsonFeedOnALineIsReadToo) {
    const Collected c = read_lines(
        R"({"version":"https://jsonfeed.org/version/1","title":"F","author":{"name":"Al Bo"},"items":[{"id":"x","content_text":"Hi there."}]})"
        "\n");
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].authors, Strings{"Al Bo"});
    EXPECT_EQ(c.articles[0].source, "F");
}

// An API's pages saved one after another ("for p in 1 2; do curl ...&page=$p; done >
// posts.json" writes "[...][...]") were one 'malformed JSON' skip: each page is read, its
// problems placed in the file.
TEST(CmsRecords, PagesSavedOneAfterAnotherAreEachRead) {
    const Collected c = read_file(
        "[{\"id\":\"a\",\"title\":{\"rendered\":\"A\"},\"content\":{\"rendered\":\"<p>x</p>\"},"
        "\"author\":5}]"
        "[{\"id\":\"b\",\"title\":\"B\",\"body\":\"y\",\"author\":6},\n{\"id\":\"c\",\"body\":3}]\n"
        "{\"id\":\"d\" oops}\n"
        "[{\"id\":\"e\",\"title\":\"E\",\"body\":\"z\"}]");
    ASSERT_EQ(c.articles.size(), 3u) << c.problems();
    EXPECT_EQ(c.articles[0].id, "a");
    EXPECT_EQ(c.articles[1].id, "b");
    EXPECT_EQ(c.articles[2].id, "e");
    EXPECT_EQ(c.problem_lines(),
              (Strings{"1: field not read: field 'author' is 5: a user id, not a name: authors "
                       "left out (a WordPress API gives names with ?_embed); said once for the "
                       "file",
                       "2: bad field: field 'body' is a number (3), not text: the record is "
                       "skipped",
                       "3: malformed JSON: parse error at line 3, column 11: syntax error while "
                       "parsing object - invalid literal; last read: '\"d\" o'; expected '}' (at "
                       "byte 160)"}));
}

TEST(CmsRecords, HtmlIsToldByItsTags) {
    EXPECT_TRUE(holds_html_markup("<p>x</p>"));
    EXPECT_TRUE(holds_html_markup("a<br/>b"));
    EXPECT_TRUE(holds_html_markup("see <a href=\"x\">this</a>"));
    EXPECT_TRUE(holds_html_markup("<H2>Head</H2>"));
    EXPECT_FALSE(holds_html_markup("a < b > c"));
    EXPECT_FALSE(holds_html_markup("I <3 it"));
    EXPECT_FALSE(holds_html_markup("<unknown> words"));
    EXPECT_TRUE(text_is_json_feed(" {\"version\": \"https://jsonfeed.org/version/1.1\"}"));
    EXPECT_FALSE(text_is_json_feed("[{\"text\": \"\\\"https://jsonfeed.org/version/1\"}]"));
}

}  // namespace
}  // namespace parley::readers
