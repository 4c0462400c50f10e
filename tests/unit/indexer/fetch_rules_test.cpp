#include <gtest/gtest.h>

#include "fetch/robots.hpp"
#include "fetch/url.hpp"

namespace parley::fetch {
namespace {

TEST(Url, SplitsAndNormalisesHttpUrls) {
    const auto u = parse_url("  HTTPS://News.Example.org:443/opinion/a?x=1#comments ");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->scheme, "https");
    EXPECT_EQ(u->host, "news.example.org");
    EXPECT_EQ(u->port, "");
    EXPECT_EQ(u->path, "/opinion/a?x=1");
    EXPECT_EQ(u->str(), "https://news.example.org/opinion/a?x=1");
    EXPECT_EQ(parse_url("http://h:8080")->str(), "http://h:8080/");
    EXPECT_EQ(parse_url("http://user:pw@h/x")->host, "h");
    for (const char* bad :
         {"mailto:a@b", "ftp://h/x", "/relative", "http://", "http://h:x/", "http://a b/"})
        EXPECT_FALSE(parse_url(bad)) << bad;
}

TEST(Url, ResolvesLinksAgainstThePageTheyCameFrom) {
    const Url base = *parse_url("http://h.org/opinion/2024/page.html?p=2");
    EXPECT_EQ(resolve_url(base, "other.html")->str(), "http://h.org/opinion/2024/other.html");
    EXPECT_EQ(resolve_url(base, "/feed.xml")->str(), "http://h.org/feed.xml");
    EXPECT_EQ(resolve_url(base, "//cdn.org/a")->str(), "http://cdn.org/a");
    EXPECT_EQ(resolve_url(base, "?p=3")->str(), "http://h.org/opinion/2024/page.html?p=3");
    EXPECT_EQ(resolve_url(base, "https://x.org/y")->str(), "https://x.org/y");
    EXPECT_FALSE(resolve_url(base, "javascript:void(0)"));
    EXPECT_FALSE(resolve_url(base, "mailto:desk@h.org"));
}

// Two spellings of one address are one URL, and the one requested: else robots.txt is
// checked against a path libcurl does not send, and one page becomes two articles.
TEST(Url, KeepsOneCanonicalFormOfEachPath) {
    EXPECT_EQ(parse_url("http://h/public/../private/secret.html")->path, "/private/secret.html");
    EXPECT_EQ(parse_url("http://h/./private/./a")->path, "/private/a");
    EXPECT_EQ(parse_url("http://h/a/b/..")->path, "/a/");
    EXPECT_EQ(parse_url("http://h/../../x")->path, "/x") << "never above the root";
    EXPECT_EQ(parse_url("http://h/a/%2e%2E/b")->path, "/b") << "encoded dots are dots";
    EXPECT_EQ(parse_url("http://h/%7Euser/%61b%2fc%3f?q=%c3%a9")->path,
              "/~user/ab%2Fc%3F?q=%C3%A9");
    EXPECT_EQ(parse_url("http://h/a b/\xC3\xA9t\xC3\xA9?x=1 2&y=%zz")->path,
              "/a%20b/%C3%A9t%C3%A9?x=1%202&y=%25zz");
    EXPECT_EQ(parse_url("http://h/a?x=/../b")->path, "/a?x=/../b") << "the query is no path";
    EXPECT_EQ(parse_url("http://h?q")->path, "/?q");
    const Url base = *parse_url("http://h.org/opinion/2024/page.html");
    EXPECT_EQ(resolve_url(base, "../2023/old.html")->str(), "http://h.org/opinion/2023/old.html");
    EXPECT_EQ(resolve_url(base, "/public/../private/x")->str(), "http://h.org/private/x");
    EXPECT_EQ(resolve_url(base, "my story.html")->str(),
              "http://h.org/opinion/2024/my%20story.html");
}

// One article is one address: the same page linked with a newsletter's utm_* or a social
// network's click id, or with an empty query, is not a second article.
TEST(Url, DropsTrackingParametersAndKeepsTheOthers) {
    EXPECT_EQ(parse_url("https://h.org/a?utm_source=x&UTM_Medium=y")->str(), "https://h.org/a");
    EXPECT_EQ(parse_url("https://h.org/a?id=3&fbclid=F&page=2#c")->str(),
              "https://h.org/a?id=3&page=2");
    EXPECT_EQ(parse_url("https://h.org/a?gclid=1&msclkid=2&mc_cid=3&_ga=4")->str(),
              "https://h.org/a");
    EXPECT_EQ(parse_url("https://h.org/a?")->str(), "https://h.org/a");
    EXPECT_EQ(parse_url("https://h.org/a?utmost=1&source=utm_x")->str(),
              "https://h.org/a?utmost=1&source=utm_x");
    const Url base = *parse_url("https://h.org/x/");
    EXPECT_EQ(resolve_url(base, "b?utm_campaign=feed&p=1")->str(), "https://h.org/x/b?p=1");
    EXPECT_EQ(resolve_url(base, "?fbclid=1")->str(), "https://h.org/x/");
}

// A page's canonical link names its article when it is of the same site; another site's
// address is not taken, so one site cannot replace another's articles.
TEST(Url, TakesTheAddressAPageNamesOnlyFromItsOwnSite) {
    const Url fetched = *parse_url("https://www.paper.org/2024/story?utm_source=rss");
    EXPECT_EQ(article_address("", fetched), "https://www.paper.org/2024/story");
    EXPECT_EQ(article_address("HTTPS://WWW.Paper.org:443/2024/story-slug#top", fetched),
              "https://www.paper.org/2024/story-slug");
    EXPECT_EQ(article_address("https://paper.org/s?utm_medium=x", fetched), "https://paper.org/s");
    EXPECT_EQ(article_address("http://opinion.paper.org/s", fetched), "http://opinion.paper.org/s");
    EXPECT_EQ(article_address("https://m.paper.org/s", fetched), "https://m.paper.org/s");
    EXPECT_EQ(article_address("https://other.org/2024/story", fetched),
              "https://www.paper.org/2024/story");
    EXPECT_EQ(article_address("https://notpaper.org/s", fetched),
              "https://www.paper.org/2024/story");
    EXPECT_EQ(article_address("not a url", fetched), "https://www.paper.org/2024/story");
    // Every page "canonical" to the home page: each stays its own article.
    EXPECT_EQ(article_address("https://www.paper.org/", fetched),
              "https://www.paper.org/2024/story");
    EXPECT_EQ(article_address("https://paper.org/?utm_source=x", fetched),
              "https://www.paper.org/2024/story");
    EXPECT_EQ(article_address("https://paper.org/", *parse_url("https://www.paper.org/")),
              "https://paper.org/");
}

TEST(Robots, ReadsAFileThatStartsWithAByteOrderMark) {
    const RobotsRules rules =
        RobotsRules::parse("\xEF\xBB\xBFUser-agent: *\nDisallow: /private/\n", "Parley/0.1");
    EXPECT_FALSE(rules.allows("/private/secret.html"));
    EXPECT_TRUE(rules.allows("/public/a.html"));
}

TEST(Robots, MatchesRulesAndPathsInOneEncoding) {
    const RobotsRules rules = RobotsRules::parse(
        "User-agent: *\nDisallow: /%7ejoe/\nDisallow: /caf\xC3\xA9/\n", "Parley/0.1");
    EXPECT_FALSE(rules.allows(parse_url("http://h/~joe/a")->path));
    EXPECT_FALSE(rules.allows(parse_url("http://h/caf%c3%a9/menu")->path));
    EXPECT_TRUE(rules.allows(parse_url("http://h/cafe/menu")->path));
}

TEST(Robots, AppliesTheMostSpecificGroupAndTheLongestRule) {
    const std::string text =
        "# comment\n"
        "User-agent: *\n"
        "Disallow: /private/\n"
        "Allow: /private/open/\n"
        "Disallow: /*.pdf$\n"
        "Crawl-delay: 2\n"
        "\n"
        "User-agent: parley\n"
        "User-agent: otherbot\n"
        "Disallow: /drafts\n";
    const RobotsRules ours = RobotsRules::parse(text, "Parley/0.1 (indexer)");
    EXPECT_FALSE(ours.allows("/drafts/x"));
    EXPECT_TRUE(ours.allows("/private/x")) << "our own group replaces the * group";
    EXPECT_EQ(ours.crawl_delay(), 0);
    const RobotsRules any = RobotsRules::parse(text, "SomeBot/2");
    EXPECT_FALSE(any.allows("/private/x"));
    EXPECT_TRUE(any.allows("/private/open/y")) << "the longer Allow wins";
    EXPECT_FALSE(any.allows("/files/a.pdf"));
    EXPECT_TRUE(any.allows("/files/a.pdf?download=1")) << "$ anchors the end";
    EXPECT_TRUE(any.allows("/drafts/x"));
    EXPECT_EQ(any.crawl_delay(), 2);
    EXPECT_TRUE(RobotsRules().allows("/anything"));
    const RobotsRules stars =
        RobotsRules::parse("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*a*b\n", "x");
    EXPECT_TRUE(stars.allows("/" + std::string(5000, 'a'))) << "many stars stay linear";
    EXPECT_FALSE(stars.allows("/" + std::string(50, 'a') + "b"));
    EXPECT_TRUE(RobotsRules::parse("User-agent: *\nDisallow:\n", "Parley").allows("/x"))
        << "an empty Disallow allows everything";
}

TEST(Robots, OurGroupWithNoRulesStillReplacesTheStarGroup) {
    const RobotsRules ours = RobotsRules::parse(
        "User-agent: *\nDisallow: /\n\nUser-agent: Parley\nDisallow:\n", "Parley/0.1");
    EXPECT_TRUE(ours.allows("/opinion/a.html")) << "our group, empty, allows everything";
    const RobotsRules others = RobotsRules::parse(
        "User-agent: *\nDisallow: /\n\nUser-agent: other\nDisallow:\n", "Parley/0.1");
    EXPECT_FALSE(others.allows("/x")) << "another agent's empty group does not";
}

}  // namespace
}  // namespace parley::fetch
