// A content system's JSON export indexed as it is: a WordPress REST API dump
// (curl .../wp-json/wp/v2/posts?_embed > posts.json) and a JSON Feed, read by the real
// parley-index and checked through parley-search --json.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// Three posts as /wp-json/wp/v2/posts?_embed gives them; the third fetched without its
// author's name.
const char* const kPosts = R"~([
  {
    "id": 101,
    "date": "2024-03-05T09:30:00",
    "date_gmt": "2024-03-05T08:30:00",
    "guid": {"rendered": "https://opinion.example/?p=101"},
    "link": "https://opinion.example/2024/03/05/harbour-tolls/",
    "title": {"rendered": "Harbour tolls won&#8217;t fix the budget &amp; here&#8217;s why"},
    "content": {"rendered": "\n<p>The council&#8217;s plan to raise <em>harbour tolls</em> rests on traffic figures from a boom year.</p>\n\n<h2>What the numbers say</h2>\n\n<p>Cargo volumes fell for three straight quarters, and the ferry operators have warned of cuts.</p>\n\n<ul><li>Fishing crews pay twice under the new scheme.</li><li>Small yards lose their winter trade.</li></ul>\n\n<blockquote class=\"wp-block-quote\"><p>We cannot tax our way out of a shrinking port.</p></blockquote>\n\n<figure class=\"wp-block-image\"><img src=\"/wp-content/uploads/harbour.jpg\" alt=\"\"/><figcaption>The east quay at dawn.</figcaption></figure>\n\n<script>trackView(101);</script>\n\n<p>A better plan starts with the port&#8217;s own accounts, published in full.</p>\n", "protected": false},
    "excerpt": {"rendered": "<p>The council&#8217;s plan rests on old figures.</p>\n", "protected": false},
    "author": 5,
    "lang": "en",
    "_embedded": {"author": [{"id": 5, "name": "Mara Quill", "slug": "mquill"}]}
  },
  {
    "id": 102,
    "date": "2024-03-07T14:00:00",
    "date_gmt": "2024-03-07T13:00:00",
    "guid": {"rendered": "https://opinion.example/?p=102"},
    "link": "https://opinion.example/2024/03/07/schools/",
    "title": {"rendered": "Rural schools need buses, not slogans"},
    "content": {"rendered": "<p>Every morning, children in the valley wait forty minutes for a bus that may not come.</p><p>The ministry&#8217;s answer is a poster campaign.</p>"},
    "excerpt": {"rendered": ""},
    "author": 7,
    "lang": "en",
    "_embedded": {"author": [{"id": 7, "name": "Tobias Renn"}]}
  },
  {
    "id": 103,
    "date": "2024-03-09T08:15:00",
    "date_gmt": "2024-03-09T07:15:00",
    "guid": {"rendered": "https://opinion.example/?p=103"},
    "link": "https://opinion.example/2024/03/09/lettre/",
    "title": {"rendered": "Le port et ses comptes"},
    "content": {"rendered": "<p>Le conseil municipal doit publier les comptes du port avant le vote.</p>"},
    "author": 5,
    "lang": "fr"
  }
]
)~";

const char* const kFeed = R"~({
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Valley Voices",
  "home_page_url": "https://voices.example/",
  "language": "en-GB",
  "authors": [{"name": "Valley Voices Desk"}],
  "items": [
    {
      "id": "https://voices.example/p/1",
      "url": "https://voices.example/p/1",
      "title": "Bridges before bypasses",
      "content_html": "<p>The old bridge carries <strong>twice</strong> the traffic it was built for.</p><p>Repair it first.</p>",
      "date_published": "2024-04-02T10:00:00+01:00",
      "authors": [{"name": "Ines Wold"}, {"url": "https://voices.example/u/2"}]
    },
    {
      "id": "2",
      "url": "https://voices.example/p/2",
      "title": "A library that opens on Sundays",
      "content_text": "Opening the library on Sundays costs less than the council thinks.\n\nThe volunteers are ready.",
      "date_published": "2024-04-03T09:00:00Z",
      "language": "de"
    }
  ]
}
)~";

struct Found {
    std::string title, date, url, language;
    json authors;
    std::map<int, std::string> paragraphs;  // by number
};

// The articles of `index`, by id, from one search for everything.
std::map<std::string, Found> articles_of(const std::string& index) {
    std::map<std::string, Found> out;
    const json r = search(index, {"--limit", "100", ""});
    for (const json& hit : r.at("hits")) {
        Found& f = out[hit.at("article_id").get<std::string>()];
        f.title = hit.at("title").get<std::string>();
        f.date = hit.at("date").get<std::string>();
        f.url = hit.at("url").get<std::string>();
        f.language = hit.at("language").get<std::string>();
        f.authors = hit.at("authors");
        f.paragraphs[hit.at("paragraph").get<int>()] = hit.at("snippet").get<std::string>();
    }
    return out;
}

TEST(CmsExports, AWordPressPostsDumpIsIndexedAsItIs) {
    const std::string dir = fresh_dir("cms-wordpress");
    write_file(dir + "/posts.json", kPosts);
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/index", dir + "/posts.json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("3 new"), std::string::npos) << r.out;
    // The third post has only an author id: said once, and the post read.
    EXPECT_NE(r.err.find("posts.json:28: warning: field not read: field 'author' is 5: a user id"),
              std::string::npos)
        << r.err;
    const auto articles = articles_of(dir + "/index");
    ASSERT_EQ(articles.size(), 3u);
    const Found& tolls = articles.at("https://opinion.example/?p=101");
    EXPECT_EQ(tolls.title, "Harbour tolls won\u2019t fix the budget & here\u2019s why");
    EXPECT_EQ(tolls.authors, json::array({"Mara Quill"}));
    EXPECT_EQ(tolls.date, "2024-03-05");
    EXPECT_EQ(tolls.url, "https://opinion.example/2024/03/05/harbour-tolls/");
    // <p>, <h2>, <li> and <blockquote> are paragraphs; the figure's caption and the
    // script are not text.
    EXPECT_EQ(tolls.paragraphs,
              (std::map<int, std::string>{
                  {1,
                   "The council\u2019s plan to raise harbour tolls rests on traffic figures "
                   "from a boom year."},
                  {2, "What the numbers say"},
                  {3,
                   "Cargo volumes fell for three straight quarters, and the ferry operators "
                   "have warned of cuts."},
                  {4, "Fishing crews pay twice under the new scheme."},
                  {5, "Small yards lose their winter trade."},
                  {6, "We cannot tax our way out of a shrinking port."},
                  {7,
                   "A better plan starts with the port\u2019s own accounts, published in "
                   "full."}}));
    const Found& schools = articles.at("https://opinion.example/?p=102");
    EXPECT_EQ(schools.authors, json::array({"Tobias Renn"}));
    EXPECT_EQ(schools.date, "2024-03-07");
    EXPECT_EQ(schools.paragraphs.size(), 2u);
    const Found& port = articles.at("https://opinion.example/?p=103");
    EXPECT_EQ(port.authors, json::array());
    EXPECT_EQ(port.language, "fr");
    EXPECT_EQ(port.title, "Le port et ses comptes");
}

// A JSON Feed is a feed: its items, and --prune keeps those that rolled off it while the
// file is there, as for RSS.
TEST(CmsExports, AJsonFeedIsReadAndPrunedAsAFeed) {
    const std::string dir = fresh_dir("cms-jsonfeed");
    write_file(dir + "/in/feed.json", kFeed);
    const std::string index = dir + "/index";
    RunResult r = run({PARLEY_INDEX_BIN, "--index", index, dir + "/in"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto articles = articles_of(index);
    ASSERT_EQ(articles.size(), 2u);
    const Found& bridges = articles.at("https://voices.example/p/1");
    EXPECT_EQ(bridges.title, "Bridges before bypasses");
    EXPECT_EQ(bridges.authors, json::array({"Ines Wold"}));
    EXPECT_EQ(bridges.date, "2024-04-02");
    EXPECT_EQ(bridges.language, "en");
    EXPECT_EQ(bridges.paragraphs.at(1),
              "The old bridge carries twice the traffic it was built for.");
    EXPECT_EQ(articles.at("https://voices.example/#2").authors,
              json::array({"Valley Voices Desk"}));
    EXPECT_EQ(articles.at("https://voices.example/#2").language, "de");

    json feed = json::parse(kFeed);
    feed["items"].erase(1);
    write_file(dir + "/in/feed.json", feed.dump(2));
    r = run({PARLEY_INDEX_BIN, "--index", index, "--prune", dir + "/in"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(articles_of(index).size(), 2u) << "the item that left the feed is kept";
    std::filesystem::remove(dir + "/in/feed.json");
    write_file(dir + "/in/other.json", R"([{"id": "o", "body": "Other text."}])");
    r = run({PARLEY_INDEX_BIN, "--index", index, "--prune", dir + "/in"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(articles_of(index).size(), 1u) << "the feed's articles go with the file";
}

// So does a compressed one: its items are read through the gzip, and --prune keeps those
// that rolled off it.
TEST(CmsExports, ACompressedJsonFeedKeepsItsRolledOffItems) {
    const std::string dir = fresh_dir("cms-jsonfeed-gz");
    write_file(dir + "/in/feed.json", kFeed);
    ASSERT_EQ(run({"gzip", "-f", dir + "/in/feed.json"}).exit_code, 0);
    const std::string index = dir + "/index";
    RunResult r = run({PARLEY_INDEX_BIN, "--index", index, dir + "/in"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(articles_of(index).size(), 2u);
    json feed = json::parse(kFeed);
    feed["items"].erase(1);
    write_file(dir + "/in/feed.json", feed.dump(2));
    ASSERT_EQ(run({"gzip", "-f", dir + "/in/feed.json"}).exit_code, 0);
    r = run({PARLEY_INDEX_BIN, "--index", index, "--prune", dir + "/in"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(articles_of(index).size(), 2u) << "the item that left the feed is kept";
}

// A JSON Feed (or any object printed over many lines) piped in was read as JSON Lines,
// every line 'malformed JSON'.
TEST(CmsExports, AnObjectPrintedOverManyLinesIsReadFromStdin) {
    const std::string dir = fresh_dir("cms-stdin");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/index", "-"}, kFeed);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2 new"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace parley::testing
