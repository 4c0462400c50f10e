// Issue 3: op-ed web pages and feeds, through the real parley-index and parley-search, on
// the sample pages and feeds in corpora/ and on broken files written here.
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using json = nlohmann::json;

const std::string& web_index() {
    static const std::string index = [] {
        const std::string dir = fresh_dir("web") + "/index";
        const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir, "--json", PARLEY_CORPORA "/html",
                                 PARLEY_CORPORA "/feeds"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const json summary = json::parse(r.out);
        EXPECT_EQ(summary.at("articles").at("new"), 10);  // 4 pages, 3 RSS items, 3 entries
        EXPECT_EQ(summary.at("problems"), json::array()) << r.out;
        return dir;
    }();
    return index;
}

json first_hit(const std::vector<std::string>& args) {
    std::vector<std::string> a = args;
    a.insert(a.end(), {"-n", "1", "--duplicates"});
    const json r = search(web_index(), a);
    EXPECT_GE(r.at("hits").size(), 1u) << args[0];
    return r.at("hits").empty() ? json::object() : r.at("hits").at(0);
}

TEST(WebAndFeeds, PagesOfThreeLayoutsGiveTheirMetadataAndBody) {
    // Layout A: Open Graph, article: tags, <time>, a byline, ads and comments around.
    json h = first_hit({"\"Prosperity Guardian\"", "--filter", "source:Meridian"});
    EXPECT_EQ(h.value("title", ""), "Warships Alone Will Not Reopen the Red Sea");
    EXPECT_EQ(h.value("date", ""), "2024-02-20");
    EXPECT_EQ(h.value("authors", json()), json({"Owen Castellane"}));
    EXPECT_EQ(h.value("url", ""), "https://meridian-review.example/2024/02/red-sea-warships-alone");
    EXPECT_EQ(h.value("paragraph_count", 0), 8);
    // Layout B: JSON-LD only.
    h = first_hit({"Scarborough"});
    EXPECT_EQ(h.value("title", ""),
              "Manila Cut the Rope at Scarborough Shoal. Now It Needs Friends Who Stay");
    EXPECT_EQ(h.value("source", ""), "The Lantern");
    EXPECT_EQ(h.value("date", ""), "2023-11-29");
    EXPECT_EQ(h.value("authors", json()), json({"Marisol Dizon", "Kenji Arakawa"}));
    // Layout C: tables, <br><br> paragraphs, <meta name=author> with a character reference.
    h = first_hit({"Balticconnector"});
    EXPECT_EQ(h.value("source", ""), "The Hanseatic Tribune");
    EXPECT_EQ(h.value("date", ""), "2022-10-12");
    EXPECT_EQ(h.value("authors", json()), json({"Tomas Žemaitis"}));
    EXPECT_EQ(h.value("paragraph_count", 0), 7);
    // Navigation, cookie banners, newsletters, ads and reader comments are not the article.
    for (const std::string noise : {"cookie", "newsletter", "subscribe", "advertisement"})
        EXPECT_EQ(search(web_index(), {noise}).at("total"), 0) << noise;
}

TEST(WebAndFeeds, AWindows1252PageIndexesLikeUtf8) {
    const json h = first_hit({"\"forever war\""});
    EXPECT_EQ(h.value("source", ""), "The Quill");
    EXPECT_EQ(h.value("authors", json()), json({"Sébastien Marchand", "Agnieszka Wolny"}));
    EXPECT_NE(h.value("snippet", "").find("“forever war”"), std::string::npos) << h;
    EXPECT_NE(first_hit({"\"von der Leyen\" pledged"}).value("snippet", "").find("€1 billion"),
              std::string::npos);
}

TEST(WebAndFeeds, FeedItemsAreArticlesWithTheFeedsIdsAndFullText) {
    json h = first_hit({"\"Lai Ching-te\""});
    EXPECT_EQ(h.value("article_id", ""), "harbour-review-2024-0117");  // the RSS guid
    EXPECT_EQ(h.value("source", ""), "Harbour Review");
    EXPECT_EQ(h.value("date", ""), "2024-01-17");
    h = first_hit({"Tokayev"});
    EXPECT_EQ(h.value("article_id", "").rfind("tag:steppe-dispatch.example", 0), 0u) << h;
    EXPECT_EQ(h.value("source", ""), "Steppe Dispatch");
    EXPECT_EQ(first_hit({"Karabakh"}).value("paragraph_count", 0), 7);  // xhtml content
    // content:encoded is indexed, not the teaser in <description>.
    const json all = search(web_index(), {"source:\"Harbour Review\"", "-n", "100"});
    for (const auto& hit : all.at("hits")) EXPECT_GT(hit.at("paragraph_count"), 1) << hit;
}

TEST(WebAndFeeds, ARepublishedOpEdShowsOnceAndNamesTheOtherOutlet) {
    const json once = search(web_index(), {"Houthi", "-n", "50"});
    const json every = search(web_index(), {"Houthi", "-n", "50", "--duplicates"});
    EXPECT_GE(once.at("duplicates_hidden"), 2);
    EXPECT_EQ(once.at("total").get<int>() + once.at("duplicates_hidden").get<int>(),
              every.at("total").get<int>());
    EXPECT_EQ(once.at("total_paragraphs"), every.at("total_paragraphs"));
    int copies_named = 0;
    for (const auto& hit : once.at("hits")) {
        for (const auto& other : hit.at("republished")) {
            ++copies_named;
            EXPECT_NE(other.at("source"), hit.at("source"));
        }
    }
    EXPECT_GT(copies_named, 0);
    // The retouched last paragraph ("only yesterday" / "on 19 February") collapses too.
    EXPECT_EQ(search(web_index(), {"\"persuade an insurer\""}).at("total"), 1);
    EXPECT_EQ(search(web_index(), {"\"persuade an insurer\"", "--duplicates"}).at("total"), 2);
}

std::string warc_page_record(int n) {
    const std::string page =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>"
        "Crawled op-ed " +
        std::to_string(n) + "</title></head><body><article><p>Dugong number " + std::to_string(n) +
        " argues about naval drills in the Sulu Sea.</p></article></body></html>";
    return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://crawl.example/" +
           std::to_string(n) +
           "\r\nContent-Type: application/http; msgtype=response\r\n"
           "Content-Length: " +
           std::to_string(page.size()) + "\r\n\r\n" + page + "\r\n\r\n";
}

// Crawlers write WARC files of a gigabyte: the file-bytes limit bounds each record read,
// not the file, which is read a record at a time; from standard input too.
TEST(WebAndFeeds, AWarcFileBiggerThanTheFileLimitIsReadARecordAtATime) {
    const std::string dir = fresh_dir("big-warc");
    std::string warc;
    for (int n = 1; n <= 40; ++n) warc += warc_page_record(n);
    ASSERT_GT(warc.size(), 3u * 4096);
    write_file(dir + "/crawl.warc", warc);
    RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/index", "--json", "--limit",
                       "file-bytes=4K", dir + "/crawl.warc"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out).at("articles").at("new"), 40) << r.out;
    EXPECT_EQ(search(dir + "/index", {"dugong"}).at("total"), 40);

    r = run({PARLEY_INDEX_BIN, "--index", dir + "/stdin-index", "--json", "-"}, warc);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out).at("articles").at("new"), 40) << "sniffed as WARC: " << r.out;
    const json hit = search(dir + "/stdin-index", {"\"dugong number 7\""}).at("hits").at(0);
    EXPECT_EQ(hit.at("url"), "https://crawl.example/7");
}

// Each item's date as the feed writes it, zones beyond RFC 822's included: none is lost.
TEST(WebAndFeeds, FeedDatesWithNamedZonesAreRead) {
    const std::string dir = fresh_dir("feed-dates");
    std::string rss = "<rss version=\"2.0\"><channel><title>Zones</title>";
    const std::vector<std::pair<std::string, std::string>> items{
        {"Wed, 04 Dec 2024 09:30:00 CET", "2024-12-04"},
        {"Sun, 30 Jun 2024 23:30:00 BST", "2024-06-30"},
        {"Thu, 05 Dec 2024 14.30 GMT", "2024-12-05"},
    };
    for (std::size_t i = 0; i < items.size(); ++i) {
        rss += "<item><guid>z" + std::to_string(i) + "</guid><title>Item " + std::to_string(i) +
               "</title><pubDate>" + items[i].first + "</pubDate><description>Okapi zone" +
               std::to_string(i) + " talks.</description></item>";
    }
    write_file(dir + "/zones.rss", rss + "</channel></rss>");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/index", "--json", dir});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("unreadable date"), std::string::npos) << r.err;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const json hits = search(dir + "/index", {"zone" + std::to_string(i)}).at("hits");
        ASSERT_EQ(hits.size(), 1u) << items[i].first;
        EXPECT_EQ(hits.at(0).value("date", ""), items[i].second) << items[i].first;
    }
}

// A French, German or Spanish page's date in its <time>, as the page writes it.
TEST(WebAndFeeds, PageDatesInFrenchGermanAndSpanishAreRead) {
    const std::string dir = fresh_dir("page-dates");
    const std::vector<std::pair<std::string, std::string>> pages{
        {"mercredi 4 d\u00e9cembre 2024 \u00e0 9h30", "2024-12-04"},
        {"Donnerstag, 5. Dez. 2024, 09:30 Uhr", "2024-12-05"},
        {"viernes, 6 de diciembre de 2024", "2024-12-06"},
    };
    for (std::size_t i = 0; i < pages.size(); ++i) {
        write_file(dir + "/page" + std::to_string(i) + ".html",
                   "<html><head><meta charset=\"utf-8\"><title>Page " + std::to_string(i) +
                       "</title></head><body><article><h1>Page " + std::to_string(i) +
                       "</h1><time>" + pages[i].first + "</time><p>Okapi page" + std::to_string(i) +
                       " talks went on for a long time in the capital, and the delegates left "
                       "without an agreement on anything at all.</p></article></body></html>");
    }
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/index", "--json", dir});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("unreadable date"), std::string::npos) << r.err;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const json hits = search(dir + "/index", {"page" + std::to_string(i)}).at("hits");
        ASSERT_EQ(hits.size(), 1u) << pages[i].first;
        EXPECT_EQ(hits.at(0).value("date", ""), pages[i].second) << pages[i].first;
    }
}

TEST(WebAndFeeds, BrokenPagesAndFeedsAreReportedByFileAndNothingElseIsLost) {
    const std::string dir = fresh_dir("broken-web");
    write_file(dir + "/good.html",
               "<html><head><title>Good page</title></head><body><article><p>Axolotl "
               "diplomacy in Mexico City.</p></article></body></html>");
    write_file(dir + "/truncated.html",
               "<html><head><title>Cut short</title></head><body><article><p>Pangolin "
               "trade talks opened in Hanoi.</p><p>The second paragraph was cut off mid");
    write_file(dir + "/nobody.html",
               "<html><head><title>Index</title></head><body><nav><a href=/>Home</a></nav>"
               "</body></html>");
    write_file(dir + "/mislabelled.html",
               "<html><head><meta charset=\"utf-8\"><title>Caf\xe9</title></head><body><article>"
               "<p>Quokka summit at the caf\xe9 \x93Le Monde\x94 \x96 a \x80"
               "5 lunch.</p>"
               "</article></body></html>");
    write_file(dir + "/broken.rss", "<rss version=\"2.0\"><channel><item><title>Oops</title>");
    write_file(dir + "/sitemap.xml", "<?xml version=\"1.0\"?><urlset><url/></urlset>");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", dir + "/index", "--json", dir});
    EXPECT_EQ(r.exit_code, 1);  // something was skipped
    const json summary = json::parse(r.out);
    EXPECT_EQ(summary.at("articles").at("new"), 3);
    EXPECT_EQ(summary.at("skipped"),
              (json{{"malformed feed", 1}, {"no article body", 1}, {"not a feed", 1}}));
    for (const std::string expected :
         {"broken.rss:1:", "malformed feed", "nobody.html", "no article body", "truncated.html",
          "truncated HTML", "mislabelled.html", "mislabelled charset", "sitemap.xml"}) {
        EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
    }
    const std::string index = dir + "/index";
    EXPECT_EQ(search(index, {"axolotl"}).at("total"), 1);
    EXPECT_EQ(search(index, {"pangolin"}).at("total"), 1);
    const json quokka = search(index, {"quokka"});
    ASSERT_EQ(quokka.at("total"), 1);
    EXPECT_EQ(quokka.at("hits").at(0).at("title"), "Café");
    EXPECT_NE(quokka.at("hits").at(0).at("snippet").get<std::string>().find("“Le Monde” – a €5"),
              std::string::npos)
        << quokka;
}

}  // namespace
}  // namespace parley::testing
