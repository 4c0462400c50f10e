#include "readers/html_reader.hpp"

#include <gtest/gtest.h>

#include <map>

#include "collected_articles.hpp"

namespace parley::readers {
namespace {

using testing::Collected;
using testing::Counts;
using testing::Strings;

std::string joined(const Strings& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) out += p + "\n";
    return out;
}

// The paragraphs of `html`, which must read as exactly one article (a failure otherwise,
// naming the problems, and no paragraphs).
Strings paragraphs_of_page(std::string_view html, const std::string& name) {
    Collected c;
    read_html(html, name, c.sink(), c.report);
    if (c.articles.size() != 1u) {
        ADD_FAILURE() << name << ": " << c.articles.size() << " articles, not 1\n" << c.problems();
        return {};
    }
    return c.articles[0].paragraphs;
}

// 16 <p>s of prose long enough to count as an article's: "<label> 0 of <what>, long ...".
std::string long_paragraphs(std::string_view label, std::string_view what) {
    std::string out;
    for (int i = 0; i < 16; ++i)
        out += "<p>" + std::string(label) + " " + std::to_string(i) + " of " + std::string(what) +
               ", long enough to read as prose across a whole line of text, and then some more "
               "words so that it is not short.</p>";
    return out;
}

// A modern op-ed page with everything around the article that must not be indexed.
constexpr const char* kPage = R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Red Sea shipping after the Houthi attacks | The Harbour Review</title>
<meta property="og:title" content="Red Sea shipping after the Houthi attacks | The Harbour Review">
<meta property="og:site_name" content="The Harbour Review">
<meta property="og:url" content="https://harbour.example/opinion/red-sea">
<meta property="article:published_time" content="2024-01-15T08:30:00+00:00">
<meta name="author" content="Amina Rahman">
<link rel="canonical" href="https://harbour.example/opinion/red-sea-shipping">
<style>p { color: red }</style>
<script>var tracking = "<p>not text</p>";</script>
</head>
<body class="single has-sidebar comments-open">
<header class="site-header"><a href="/">The Harbour Review</a>
  <nav><ul><li><a href="/world">World</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
<main>
<article class="post category-social-affairs">
  <header>
    <h1>Red Sea shipping after the Houthi attacks</h1>
    <p class="byline">By <a rel="author" href="/a/amina">Amina Rahman</a></p>
    <time datetime="2024-01-15">15 January 2024</time>
  </header>
  <figure><img src="ship.jpg" alt="A ship"><figcaption>A container ship in the Red Sea.</figcaption></figure>
  <p>Shipping through the <em>Bab el-Mandeb</em> has fallen by half since
     the Houthi campaign began&nbsp;&mdash; and insurers have noticed.</p>
  <div class="ad-slot"><p>Advertisement</p></div>
  <p>Rerouting around the Cape adds &amp; costs ten days.</p>
  <h2>What navies can do</h2>
  <p class="read-more shadow">Escorts help, but <a href="/x">only</a> so much.</p>
  <div class="share-buttons"><p>Share on X</p></div>
  <aside class="pullquote"><p>Escorts help.</p></aside>
  <script>document.write("<p>injected</p>");</script>
  <noscript><p>Enable JavaScript</p></noscript>
  <form><p>Sign up for our newsletter</p></form>
</article>
<section id="comments">
  <article class="comment"><p class="comment-author">Troll</p><p>First!</p></article>
</section>
</main>
<aside class="sidebar"><div class="related-articles"><article><h3>Related</h3><p>Another piece on Yemen.</p></article></div></aside>
<div class="newsletter-signup"><p>Get the newsletter</p></div>
<footer><p>&copy; 2024 The Harbour Review</p></footer>
</body>
</html>
)";

TEST(HtmlReader, ReadsTheArticleAndNothingAroundIt) {
    Collected c;
    read_html(kPage, "red-sea.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "Red Sea shipping after the Houthi attacks");
    EXPECT_EQ(a.authors, Strings{"Amina Rahman"});
    EXPECT_EQ(a.date, "2024-01-15");
    EXPECT_EQ(a.url, "https://harbour.example/opinion/red-sea-shipping");
    EXPECT_EQ(a.source, "The Harbour Review");
    EXPECT_EQ(a.language, "en");
    EXPECT_EQ(a.id, "");
    EXPECT_EQ(a.paragraphs,
              (Strings{"Shipping through the Bab el-Mandeb has fallen by half since the Houthi "
                       "campaign began\u00a0\u2014 and insurers have noticed.",
                       "Rerouting around the Cape adds & costs ten days.", "What navies can do",
                       "Escorts help, but only so much."}))
        << joined(a.paragraphs);
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

TEST(HtmlReader, PrefersJsonLdToMetaTagsAndFollowsGraphReferences) {
    Collected c;
    read_html(R"(<html><head>
<meta property="og:title" content="OG title">
<meta name="author" content="Meta Author">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"Organization","@id":"#org","name":"Gulf &amp; Strait Monitor"},
  {"@type":"WebPage","@id":"https://g.example/p","url":"https://g.example/p"},
  {"@type":["OpinionNewsArticle"],"headline":"Who guards the strait?",
   "author":[{"@type":"Person","name":"Layla Haddad"},"Tomas Berg and Ines Duarte"],
   "datePublished":"2023-11-02T10:00:00Z","publisher":{"@id":"#org"},
   "mainEntityOfPage":{"@type":"WebPage","@id":"https://g.example/p"}}]}
</script>
<script type="application/ld+json">{ broken json </script>
</head><body><article><h1>H1 title</h1><p>Body text.</p></article></body></html>)",
              "ld.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "Who guards the strait?");
    EXPECT_EQ(a.authors, (Strings{"Layla Haddad", "Tomas Berg", "Ines Duarte"}));
    EXPECT_EQ(a.date, "2023-11-02");
    EXPECT_EQ(a.url, "https://g.example/p");
    EXPECT_EQ(a.source, "Gulf & Strait Monitor");
    EXPECT_EQ(a.paragraphs, Strings{"Body text."});
}

TEST(HtmlReader, ReadsJsonLdWrappedInCdataAndCountsAnAuthorOnce) {
    Collected c;
    read_html(R"(<html><head><script type="application/ld+json">
//<![CDATA[
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Quay talks",
 "author":[{"@type":"Person","name":"Rosa Lind"},{"@type":"Person","name":"Rosa Lind"}]}
//]]>
</script></head><body><article><p>Text.</p></article></body></html>)",
              "cdata.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "Quay talks");
    EXPECT_EQ(c.articles[0].authors, Strings{"Rosa Lind"});
}

// Every schema.org type that is an Article is read as one (a post on a blogging platform
// is a SocialMediaPosting, a paper a ScholarlyArticle); Parse.ly's date tag is a date.
TEST(HtmlReader, ReadsEveryArticleTypeOfSchemaOrgAndParselyDates) {
    const std::vector<std::pair<std::string, std::string>> types{
        {"SocialMediaPosting", "2014-09-02"},
        {"ScholarlyArticle", "2014-09-02"},
        {"TechArticle", "2014-09-02"},
        {"WebPage", ""}};  // not an article: nothing read from it
    for (const auto& [type, date] : types) {
        Collected c;
        read_html(R"(<html><head><script type="application/ld+json">{"@type":")" + type +
                      R"(","headline":"Bountiful","datePublished":"2014-09-02T08:35:27-04:00"}
</script></head><body><article><p>Text.</p></article></body></html>)",
                  "types.html", c.sink(), c.report);
        ASSERT_EQ(c.articles.size(), 1u) << c.problems();
        EXPECT_EQ(c.articles[0].date, date) << type;
        EXPECT_EQ(c.articles[0].title, date.empty() ? "" : "Bountiful") << type;
    }
    Collected c;
    read_html(R"(<html><head><meta name="parsely-pub-date" content="2024-04-20T04:20:00.000Z">
</head><body><article><p>Text.</p></article></body></html>)",
              "parsely.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].date, "2024-04-20");
}

// A byline element's text that runs on into its date, or credits roles: the names of the
// writers only.
TEST(HtmlReader, ReadsTheWritersOfABylineThatRunsIntoADateOrCreditsRoles) {
    const std::vector<std::pair<std::string, Strings>> bylines{
        {R"(<div class="FeatureByline">By <b>Nadia Park</b><br>March 25, 2015</div>)",
         {"Nadia Park"}},
        {R"(<p class="byline">by <a class="byauthor">Lena Noll</a>22 Dec 2016<span>651</span></p>)",
         {"Lena Noll"}},
        {R"(<cite class="byline vcard">By GINA MORLEY March 11, 2015 3:46 PM</cite>)",
         {"GINA MORLEY"}},
        {R"(<span class="byline">Jo&nbsp;Weir&nbsp; &nbsp;Monday, 4 May 2020</span>)", {"Jo Weir"}},
        {R"(<p class="byline author">Written by Rui Eston<br>Edited by Bea Byer</p>)",
         {"Rui Eston"}},
        {R"(<p class="byline">Words by Ana Ruiz and Tom Lee, photos by Li Wen</p>)",
         {"Ana Ruiz", "Tom Lee"}},
        {R"(<span class="byline">Last Updated: January 7, 2025</span>)", {}},
    };
    for (const auto& [byline, names] : bylines) {
        Collected c;
        read_html("<html><body><article><h1>Quays</h1>" + byline +
                      "<p>The harbour reopened after the storm.</p></article></body></html>",
                  "byline.html", c.sink(), c.report);
        ASSERT_EQ(c.articles.size(), 1u) << c.problems();
        EXPECT_EQ(c.articles[0].authors, names) << byline;
    }
}

TEST(HtmlReader, FallsBackToH1TitleTagAndBylineElement) {
    Collected c;
    read_html(R"(<html><head><title>Ignored | Daily Example</title></head><body>
<div class="post"><h1>The <i>real</i> headline</h1>
<div class="entry-content">
<p>By Sara Okafor and Liu Wei</p>
<p>First paragraph.</p><p>Second paragraph.</p></div></div></body></html>)",
              "h1.html", c.sink(), c.report);
    read_html(R"(<html><head><title>Title tag headline - Daily Example</title>
<meta property="og:site_name" content="Daily Example"></head><body>
<div id="story"><span class="author-name">Pat Kim</span>
<p>Only paragraph.</p></div></body></html>)",
              "title.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "The real headline");
    EXPECT_EQ(c.articles[0].authors, (Strings{"Sara Okafor", "Liu Wei"}));
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"First paragraph.", "Second paragraph."}));
    EXPECT_EQ(c.articles[1].title, "Title tag headline");
    EXPECT_EQ(c.articles[1].source, "Daily Example");
    EXPECT_EQ(c.articles[1].authors, Strings{"Pat Kim"});
    EXPECT_EQ(c.articles[1].paragraphs, Strings{"Only paragraph."});
}

TEST(HtmlReader, KeepsTheNameNotTheDashOrJobTitleOfABylineElement) {
    Collected c;
    for (const char* byline : {"Dan Goodin -", "Ben Silverman Games Editor",
                               "Ana Lee, Senior Staff Writer", "Maria Writer", "Jo Writer Smith"}) {
        read_html(std::string(R"(<html><body><article><div class="byline">)") + byline +
                      "</div><p>Text.</p></article></body></html>",
                  "byline.html", c.sink(), c.report);
    }
    ASSERT_EQ(c.articles.size(), 5u) << c.problems();
    EXPECT_EQ(c.articles[0].authors, Strings{"Dan Goodin"});
    EXPECT_EQ(c.articles[1].authors, Strings{"Ben Silverman"});
    EXPECT_EQ(c.articles[2].authors, Strings{"Ana Lee"}) << "a title is not a second author";
    EXPECT_EQ(c.articles[3].authors, Strings{"Maria Writer"}) << "a surname, not a role";
    EXPECT_EQ(c.articles[4].authors, Strings{"Jo Writer Smith"});
}

TEST(HtmlReader, TakesTheTitleThePageDeclaresBeforeItsHeadings) {
    Collected c;
    // A blog whose <h1> is the blog's name: the <title> is the post's.
    read_html(R"(<html><head><title>Why ports matter</title></head><body>
<h1>The Harbour Blog</h1><article><p>Text.</p></article></body></html>)",
              "blog.html", c.sink(), c.report);
    // An unknown site's name after a dash goes; a colon is the headline's own.
    read_html(R"(<html><head><title>Ports: why they matter now &ndash; My website</title></head>
<body><article><p>Text.</p></article></body></html>)",
              "dash.html", c.sink(), c.report);
    // Dublin Core, in a property list, before Open Graph; dc:creator before a generic author.
    read_html(R"(<html><head><title>Title element</title>
<meta property="x:title dc:title" content="Dublin Core title">
<meta property="og:title" content="Open Graph title">
<meta property="dc:creator twitter:site" content="Dee Creator">
<meta name="author" content="Generic Author">
</head><body><article><p>Text.</p></article></body></html>)",
              "dc.html", c.sink(), c.report);
    // og:site_name saying more than the title's suffix.
    read_html(R"(<html><head><meta property="og:title" content="Ports reopen | Harbour.cz">
<meta property="og:site_name" content="Harbour.cz - news from the quay">
</head><body><article><p>Text.</p></article></body></html>)",
              "site.html", c.sink(), c.report);
    // A documentation page's heading with its permalink.
    read_html(R"(<html><head><title>Evolve: history &mdash; docs</title></head><body>
<div class="section"><h1>Evolve: history<a class="headerlink" href="#x">&para;</a></h1>
<p>Text.</p></div></body></html>)",
              "docs.html", c.sink(), c.report);
    // No-break spaces around the separator are spaces.
    read_html(R"(<html><head><title>Whitespace title of the piece&nbsp;|&nbsp;Site</title>
</head><body><article><p>Text.</p></article></body></html>)",
              "nbsp.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 6u) << c.problems();
    EXPECT_EQ(c.articles[5].title, "Whitespace title of the piece");
    EXPECT_EQ(c.articles[4].title, "Evolve: history");
    EXPECT_EQ(c.articles[0].title, "Why ports matter");
    EXPECT_EQ(c.articles[1].title, "Ports: why they matter now");
    EXPECT_EQ(c.articles[2].title, "Dublin Core title");
    EXPECT_EQ(c.articles[2].authors, Strings{"Dee Creator"});
    EXPECT_EQ(c.articles[3].title, "Ports reopen");
}

TEST(HtmlReader, SkipsABylineParagraphThatNamesTheAuthors) {
    Collected c;
    read_html(R"(<html><head><meta name="author" content="Sara Okafor; Liu Wei"></head><body>
<article><p>By Sara Okafor and Liu Wei</p><p>By the time the talks began, it was late.</p>
<p class="meta"><span class="byline">Sara Okafor</span> | 3 May 2022</p>
<p>Text.</p></article></body></html>)",
              "by.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].authors, (Strings{"Sara Okafor", "Liu Wei"}));
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"By the time the talks began, it was late.", "Text."}));
}

TEST(HtmlReader, PicksTheArticleWithMostTextAndTheDensestBlockWithoutOne) {
    Collected c;
    read_html(R"(<html><body>
<article><p>Teaser.</p></article>
<article><p>The long article text, which is longer.</p><p>More.</p></article>
</body></html>)",
              "two.html", c.sink(), c.report);
    read_html(R"(<html><body>
<div class="menu"><p>Home</p></div>
<div class="content"><div><p>Paragraph one is here.</p></div><div><p>Paragraph two.</p></div></div>
<div class="extra"><p>Short.</p></div>
</body></html>)",
              "dense.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 2u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"The long article text, which is longer.", "More."}));
    EXPECT_EQ(c.articles[1].paragraphs, (Strings{"Paragraph one is here.", "Paragraph two."}));
}

TEST(HtmlReader, KeepsSubheadingsListsQuotesCodeAndTablesOfTheArticle) {
    Collected c;
    read_html(R"(<html><body><article>
<h1>Ports under pressure</h1>
<p>Three things changed this year.</p>
<h2>The list</h2>
<ul><li>Fewer ships call at Jeddah.</li><li>Insurance <b>doubled</b>.</li></ul>
<blockquote>We cannot plan a month ahead.</blockquote>
<pre>route = cape
days = 10</pre>
<table><tr><th>Port</th><td>Aden</td></tr></table>
<dl><dt>TEU</dt><dd>Twenty-foot equivalent unit.</dd></dl>
</article></body></html>)",
              "lists.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].title, "Ports under pressure");
    EXPECT_EQ(
        c.articles[0].paragraphs,
        (Strings{"Three things changed this year.", "The list", "Fewer ships call at Jeddah.",
                 "Insurance doubled.", "We cannot plan a month ahead.", "route = cape days = 10",
                 "Port", "Aden", "TEU", "Twenty-foot equivalent unit."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, ReadsALayoutTableCellAsAFrameAndADataCellAsText) {
    Collected c;
    read_html(R"(<html><body><table><tr><td>
<a href="/opinion/">Opinion</a> &gt; October
<p>The first paragraph of an old page laid out in a table.</p>
<p>The second paragraph.</p>
<table><tr><td>Klaipeda</td><td>2014</td></tr></table>
</td></tr></table></body></html>)",
              "layout.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"The first paragraph of an old page laid out in a table.",
                       "The second paragraph.", "Klaipeda", "2014"}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, ReadsProseWrittenStraightInDivsButNotLabels) {
    Collected c;
    read_html(R"(<html><body><article>
<div class="meta">Updated 3 hours ago</div>
<div>
  The harbour authority published its figures on Monday, and they were worse than anyone
  on the quay had feared.
</div>
<p>A paragraph with markup.</p>
<div>She nodded.</div>
<div><span>“Gotcha.”</span></div>
<div><a href="/a">Home</a> <a href="/b">World</a></div>
</article></body></html>)",
              "divs.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"The harbour authority published its figures on Monday, and they were "
                       "worse than anyone on the quay had feared.",
                       "A paragraph with markup.", "She nodded.", "\u201cGotcha.\u201d"}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, TrustsItempropArticleBodyOverWidgetIdsAndTeaserArticles) {
    Collected c;
    read_html(R"(<html><body>
<article class="teaser"><p>A teaser for another piece, with a few words of text in it.</p></article>
<article class="teaser"><p>A second teaser for another piece, with a few words too.</p></article>
<div class="wrap"><div itemprop="articleBody" id="share-buttons-parent">
<p>The real article.</p><p>It is short.</p></div></div>
</body></html>)",
              "itemprop.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"The real article.", "It is short."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, LayoutClassesOnWrappersDoNotHideTheArticle) {
    Collected c;
    // A layout slot named "sidebar" that also says it holds the article body, and an
    // "ad-portal" wrapped round the whole page's main content.
    read_html(R"(<html><body><div id="ad-portal"><nav><p>Menu</p></nav><div role="main">
<div class="l-sidebar-fixed l-article-body-segment"><div class="c-entry-content">
<p>First paragraph of the article.</p><p>Second paragraph of the article.</p>
</div></div></div>
<div class="sidebar"><p>Most read: something else entirely, and at some length.</p></div>
</div></body></html>)",
              "wrappers.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"First paragraph of the article.", "Second paragraph of the article."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, LeavesOutWhatNoReaderSees) {
    Collected c;
    read_html(R"(<html><body><article>
<p>Seen.</p>
<p style="display: none">Display none.</p>
<div style="VISIBILITY:hidden"><p>Visibility hidden.</p></div>
<p aria-hidden="true">Aria hidden.</p>
<p aria-hidden="false">Also seen.</p>
</article></body></html>)",
              "hidden.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"Seen.", "Also seen."}));
}

TEST(HtmlReader, LeavesOutGalleriesDialogsAndScreenReaderText) {
    Collected c;
    read_html(R"(<html><body><article>
<p>The article.</p>
<div class="widget type-gallery"><ul><li><h2>1/50 Caption</h2><p>A long caption.</p></li></ul></div>
<div role="dialog"><p>This is a modal window.</p></div>
<div id="become-author" class="col-lg-12 modal fade"><div class="modal-body">Your account is not
approved yet.<br><br>You must write two articles first.</div></div>
<p class="vjs-hidden">Player error.</p><span class="sr-only">Skip to text.</span>
<p class="hidden-xs">Shown on wide screens.</p>
</article></body></html>)",
              "widgets.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"The article.", "Shown on wide screens."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, ReadsFormulasAsPartOfTheirSentenceAndDisplayedOnesAsParagraphs) {
    Collected c;
    read_html(R"(<html><body><article>
<p>When <mjx-container class="MathJax"><mjx-math aria-hidden="true"><mjx-c></mjx-c></mjx-math>
<mjx-assistive-mml><math><mi>a</mi><mo>&#x2260;</mo><mn>0</mn>
<annotation encoding="application/x-tex">a \ne 0</annotation></math></mjx-assistive-mml>
</mjx-container>, the equation has two roots.</p>
<h2>The Lorenz equations</h2>
<math display="block"><mi>x</mi><mo>=</mo><mi>y</mi></math>
<p>They describe <x-term>convection</x-term> in the atmosphere.</p>
</article></body></html>)",
              "math.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"When a \u2260 0 , the equation has two roots.", "The Lorenz equations",
                       "x = y", "They describe convection in the atmosphere."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, HidesOnlyWhatAHiddenClassHides) {
    // Drupal's "field-label-hidden" hides the field's label, not the field (the article);
    // "overflow-hidden" clips, and shows what it holds.
    const Strings paragraphs = paragraphs_of_page(R"(<html><body><div class="node">
<div class="field field-name-body field-type-text-with-summary field-label-hidden">
<div class="field-items"><div class="field-item even"><p>The governor defended the slogan.</p>
<p>Critics called it a mistake.</p></div></div></div>
<div class="overflow-hidden"><p>Clipped but shown.</p></div>
<p class="is-hidden">Is hidden.</p><p class="u-hidden">U hidden.</p>
</div></body></html>)",
                                                  "drupal.html");
    EXPECT_EQ(paragraphs, (Strings{"The governor defended the slogan.",
                                   "Critics called it a mistake.", "Clipped but shown."}))
        << joined(paragraphs);
}

TEST(HtmlReader, ReadsAnArticleInsideAFormThatWrapsThePage) {
    // ASP.NET pages put the whole page in one <form>. (A short form, such as a newsletter
    // box, is still left out: ReadsTheArticleAndNothingAroundIt.) A <footer> stays out
    // however much it holds.
    const std::string prose = long_paragraphs("Paragraph", "the report");
    const std::string notes = long_paragraphs("Note", "the site's terms");
    Collected c;
    read_html("<html><body><form id=\"aspnetForm\"><div class=\"main\"><article>" + prose +
                  "<footer>" + notes +
                  "</footer></article></div><div class=\"site-footer\">Contact us</div></form>"
                  "</body></html>",
              "aspnet.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    const auto& paragraphs = c.articles[0].paragraphs;
    ASSERT_EQ(paragraphs.size(), 16u) << joined(paragraphs);
    EXPECT_EQ(paragraphs.front().substr(0, 25), "Paragraph 0 of the report");
    EXPECT_EQ(paragraphs.back().substr(0, 26), "Paragraph 15 of the report");
}

TEST(HtmlReader, LeavesOutListsOfOtherStoriesButKeepsTheArticlesOwnLists) {
    Collected c;
    read_html(R"(<html><body><article>
<p>The agency approved the programme on Monday after two years of talks with the ministry and
the central bank.</p>
<p>In progress:</p>
<ul><li><a href="/b/1">Bug 1 - the window opens twice</a></li>
<li><a href="/b/2">Bug 2 - the counter is wrong</a></li>
<li><a href="/b/3">Bug 3 - the menu flickers</a></li></ul>
<p>The ministry said the reforms would take effect in January, once parliament has voted on
the budget.</p>
<div class="most-popular"><h2>Most popular</h2><ol><li><a href="/x">Cat found</a></li></ol></div>
<div class="trending_now"><p><a href="/t">A trending story</a></p></div>
<div class="blog-post-navigation"><p><a href="/p">Previous post</a></p></div>
<div class="next-prev"><p><a href="/n">Next story: markets rally</a></p></div>
<h3>Sources</h3><ul><li><a href="https://a.example/1">https://a.example/1</a></li>
<li><a href="https://b.example/2">https://b.example/2</a></li>
<li><a href="https://c.example/3">www.c.example/3</a></li></ul>
<div class="more-news"><h3>More news from Business</h3>
<ul><li><a href="/n/1">Car sales plunge</a></li><li><a href="/n/2">Oil prices rise</a></li>
<li><a href="/n/3">Markets close higher</a></li></ul></div>
</article></body></html>)",
              "lists.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    const auto& paragraphs = c.articles[0].paragraphs;
    ASSERT_EQ(paragraphs.size(), 11u) << joined(paragraphs);
    EXPECT_EQ(paragraphs[2], "Bug 1 - the window opens twice");
    EXPECT_EQ(paragraphs[5].substr(0, 12), "The ministry");
    EXPECT_EQ(paragraphs[6], "Sources");
    EXPECT_EQ(paragraphs[9], "www.c.example/3") << "a list of web addresses is the sources";
    EXPECT_EQ(paragraphs[10], "More news from Business") << "the heading stays; its list goes";

    // A page that is only a list of links is what the page holds.
    Collected links;
    read_html(R"(<html><body><article><h1>Links</h1><ul><li><a href="/1">One link.</a></li>
<li><a href="/2">Two links.</a></li><li><a href="/3">Three links.</a></li></ul>
</article></body></html>)",
              "links.html", links.sink(), links.report);
    ASSERT_EQ(links.articles.size(), 1u) << links.problems();
    EXPECT_EQ(links.articles[0].paragraphs, (Strings{"One link.", "Two links.", "Three links."}));
}

TEST(HtmlReader, LeavesOutHeadlinesOfOtherStoriesInParagraphsOfTheirOwnAfterTheArticle) {
    // Each headline a <p> of one link, three or more after the last paragraph of prose: a
    // list of other stories written without a list. One such paragraph is a source, and
    // links amid the prose are the article's.
    const std::string prose =
        "<p>The agency approved the programme on Monday after two years of talks with the "
        "ministry and the central bank, officials said.</p>";
    const Strings listed =
        paragraphs_of_page("<html><body><article>" + prose +
                               R"(<p><a href="/a">A linked aside amid the prose</a></p>)" + prose +
                               R"(<p>You may also like...</p>
<p><a href="/1">Who will make the Rock Hall in 2020?</a></p>
<p><a href="/2">Fans vote for the class of 2020</a></p>
<p><a href="/3">The worst inductees ever</a></p></article></body></html>)",
                           "teasers.html");
    EXPECT_EQ(listed.size(), 4u) << joined(listed);
    EXPECT_EQ(listed[1], "A linked aside amid the prose");
    EXPECT_EQ(listed.back(), "You may also like...") << "the list's label is plain text";

    const Strings sourced = paragraphs_of_page(
        "<html><body><article>" + prose + prose +
            R"(<p><a href="/report">The full report</a></p></article></body></html>)",
        "source.html");
    ASSERT_EQ(sourced.size(), 3u) << joined(sourced);
    EXPECT_EQ(sourced[2], "The full report");
}

TEST(HtmlReader, LeavesOutBlocksAClassNamesAFooter) {
    const Strings paragraphs = paragraphs_of_page(
        R"(<html><body><div class="ArticleBody-articleBody">
<p>The agency approved the programme on Monday after two years of talks with the ministry and
the central bank, officials said.</p>
<p>The ministry said the reforms would take effect in January, once parliament has voted on
the budget.</p></div>
<div class="Footer-content"><ul class="Footer-menu"><li><a href="/pro"><div>Subscribe to PRO</div></a></li>
<li><a href="/reprints"><div>Licensing &amp; Reprints</div></a></li></ul>
<div class="site_footer">&copy; 2019 The Paper. All Rights Reserved. A division of Media Group.</div>
</div></body></html>)",
        "footer.html");
    EXPECT_EQ(paragraphs.size(), 2u) << joined(paragraphs);
}

TEST(HtmlReader, ReadsLinesOfTextThatEndWithABreak) {
    // Text straight in the body block, its lines ended by <br> and empty <div>s.
    const Strings paragraphs = paragraphs_of_page(R"(<html><body><div itemprop="articleBody">
The son of a former president was stabbed to death on Tuesday.<div class="fake-br"></div>The
attack took place during a lecture.<br><div class="fake-br"></div>
</div></body></html>)",
                                                  "breaks.html");
    EXPECT_EQ(paragraphs, (Strings{"The son of a former president was stabbed to death on Tuesday.",
                                   "The attack took place during a lecture."}))
        << joined(paragraphs);
}

TEST(HtmlReader, ReadsLinesInDivsThatEndLikeSentencesInAnyScript) {
    // Fiction written as one <div> per line: lines that trail off, bracketed chat lines,
    // quoted speech closed by a single quote, a Chinese sentence; a label and a date are not
    // sentences.
    const Strings paragraphs = paragraphs_of_page(R"(<html><body><div itemprop="articleBody">
<div><span>But all the rest of it…</span></div>
<div><span>[Alden: I can't even talk! This can't be normal.]</span></div>
<div>'We should go,' she said, 'before it's too late.'</div>
<div>他说明天会来，我们都在等他。</div>
<div>Share this chapter</div>
<div>December 4, 2024</div>
</div></body></html>)",
                                                  "lines.html");
    EXPECT_EQ(paragraphs, (Strings{"But all the rest of it…",
                                   "[Alden: I can't even talk! This can't be normal.]",
                                   "'We should go,' she said, 'before it's too late.'",
                                   "他说明天会来，我们都在等他。"}))
        << joined(paragraphs);
}

TEST(HtmlReader, KeepsHeadingsMadeOfStyledSpansButNotTeaserOrVideoHeadlines) {
    // A how-to page: its steps headed by styled <span>s and a role="heading" <div>; a video
    // headline and a teaser link with the same classes are no part of the prose.
    const Strings paragraphs = paragraphs_of_page(R"(<html><body><article>
<div class="step"><span class="headline2 head">Step 1</span>
<p>Measure the jar and cut the foam a little smaller, so that it sits flat on the bottom.</p></div>
<div class="step"><div role="heading" aria-level="3">What you need</div>
<ul><li>A glass jar</li><li>Moss</li></ul></div>
<div class="video"><div class="cnnHeadline">The priest saving gang members</div>
<div class="countdown">Your video will play in 00:25</div></div>
<p>Water the moss once a week and keep the jar out of direct sunlight all summer long.</p>
<div><a class="title headline5" href="/other">How to build a bottle garden</a>
<p>Another page's summary, which this page only links to, in a sentence of its own.</p></div>
</article></body></html>)",
                                                  "steps.html");
    EXPECT_EQ(
        paragraphs,
        (Strings{"Step 1",
                 "Measure the jar and cut the foam a little smaller, so that it sits flat on the "
                 "bottom.",
                 "What you need", "A glass jar", "Moss",
                 "Water the moss once a week and keep the jar out of direct sunlight all summer "
                 "long.",
                 "Another page's summary, which this page only links to, in a sentence of its "
                 "own."}))
        << joined(paragraphs);
}

TEST(HtmlReader, TakesTheArticleThatHoldsTheHeadlineOverLongerPostsBesideIt) {
    // A blog page: its post under the page's <h1>, then another post in full, longer, under
    // a plain heading.
    const Strings paragraphs = paragraphs_of_page(R"(<html><body><div id="primary">
<article class="post"><header><h1 class="entry-title">Only those who love themselves</h1>
</header><p>To live a true experience of love is one of the great pleasures of life.</p>
<p>Liking is feeling with the soul; saying so depends on each of us.</p></article>
<h3>Read also</h3>
<article class="post"><h2>Optimism</h2><p>Life asks us for optimism and courage to hope for the
best and to make the best happen, every single day of the year.</p><p>Pessimism only stiffens
the smile and locks the joints; it lets nobody leave their place.</p></article>
</div></body></html>)",
                                                  "blog.html");
    EXPECT_EQ(paragraphs,
              (Strings{"To live a true experience of love is one of the great pleasures of life.",
                       "Liking is feeling with the soul; saying so depends on each of us."}))
        << joined(paragraphs);
}

TEST(HtmlReader, ReadsTheArticlesMicrodataAuthorWhereverItStands) {
    // The signature sits in an <aside> after the text, marked up as the BlogPosting's
    // author; a comment's author is the comment's, not the article's.
    Collected c;
    read_html(R"(<html><body>
<article itemscope itemtype="http://schema.org/BlogPosting"><h1>Code coverage</h1>
<p>So is code coverage a silver bullet? No. Is it useful? Definitely.</p>
<aside><p><span class="signature" itemprop="author" itemscope
itemtype="http://schema.org/Person"><span itemprop="name">Nicolas Perriault</span> &mdash;</span>
<time datetime="2013-09-29">2013-09-29</time></p></aside>
<div itemprop="comment" itemscope itemtype="http://schema.org/Comment">
<span itemprop="author">A Reader</span><p>Nice post.</p></div>
</article></body></html>)",
              "microdata.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].authors, (Strings{"Nicolas Perriault"}));
}

TEST(HtmlReader, KeepsALayoutBlockNamedSidebarThatHoldsPagesOfProse) {
    // "panel-two-col-sidebar" frames the whole article; a real sidebar holds a teaser.
    const std::string prose = long_paragraphs("Paragraph", "the article");
    Collected c;
    read_html("<html><body><div class=\"panel-two-col-sidebar\"><div class=\"pane\">" + prose +
                  "</div></div><div class=\"sidebar\"><p>A teaser for something else.</p></div>"
                  "</body></html>",
              "frame.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    ASSERT_EQ(c.articles[0].paragraphs.size(), 16u) << joined(c.articles[0].paragraphs);
    EXPECT_EQ(c.articles[0].paragraphs.front().rfind("Paragraph 0 of the article", 0), 0u);
}

TEST(HtmlReader, ReadsAnArticleSplitIntoWrappedSections) {
    Collected c;
    // No <article> and no known class: each section's text sits three <div>s deep, and
    // the sections are siblings only at the top; a figure between them is no text.
    read_html(R"(<html><body><div class="page"><nav><p>Home</p></nav><div class="post">
<section><div><div><div><p>The first section has the longest paragraph of the piece, by far.</p>
<p>And a second one.</p></div></div></div></section>
<section><figure><img src="a.jpg"></figure></section>
<section><div><div><div><p>The second section carries on the argument.</p></div></div></div></section>
<section><div><div><div><p>The third section closes it.</p></div></div></div></section>
</div></div></body></html>)",
              "sections.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"The first section has the longest paragraph of the piece, by far.",
                       "And a second one.", "The second section carries on the argument.",
                       "The third section closes it."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, JudgesBlocksNotWordsInASentenceByTheirClass) {
    Collected c;
    read_html(R"(<html><body><article>
<p>I am a <a class="popup" href="#">rather elderly</a> man, and <span class="ad">plainly</span> so.</p>
<div class="sharedaddy"><h3>Share this:</h3><p>Email</p></div>
<div class="jp-relatedposts"><h3>Related</h3><p>Another post entirely.</p></div>
<div class="section" id="sharing-with-a-single-developer"><p>A section named by its heading.</p></div>
</article></body></html>)",
              "classes.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"I am a rather elderly man, and plainly so.",
                                                 "A section named by its heading."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, ReadsADocumentWhoseTextIsSpreadOverNestedSections) {
    Collected c;
    // Generated documentation: the text sits in nested sections, the longest run of
    // paragraphs in one subsection, with as much again around it.
    read_html(R"(<html><body><div class="document"><div class="section" id="guide">
<p>The guide opens with a paragraph of some length about what follows.</p>
<div class="section" id="one"><h2>One</h2><p>Section one says a few words.</p></div>
<div class="section" id="two"><h2>Two</h2>
<div class="section" id="two-a"><p>The longest subsection has a first paragraph here.</p>
<p>And a second paragraph, which makes it the densest block.</p></div>
<div class="section" id="two-b"><p>A second subsection with a paragraph of its own, and a few more words.</p></div></div>
</div></div></body></html>)",
              "docs.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{"The guide opens with a paragraph of some length about what follows.", "One",
                       "Section one says a few words.", "Two",
                       "The longest subsection has a first paragraph here.",
                       "And a second paragraph, which makes it the densest block.",
                       "A second subsection with a paragraph of its own, and a few more words."}))
        << joined(c.articles[0].paragraphs);
}

TEST(HtmlReader, ReadsOldPagesWithBreaksInsteadOfParagraphs) {
    Collected c;
    read_html(R"(<HTML><HEAD><TITLE>Sanctions and their limits</TITLE>
<META NAME="date" CONTENT="1998-06-01"></HEAD>
<BODY BGCOLOR=white><TABLE><TR><TD class="nav"><A HREF="/">Home</A></TD>
<TD><FONT FACE=Arial><B>Sanctions and their limits</B><BR><BR>
Sanctions rarely change a regime's mind.<BR>
They change its budget.<BR><BR>
That is not nothing.</FONT></TD></TR></TABLE></BODY></HTML>)",
              "old.htm", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    const Article& a = c.articles[0];
    EXPECT_EQ(a.title, "Sanctions and their limits");
    EXPECT_EQ(a.date, "1998-06-01");
    EXPECT_EQ(a.paragraphs,
              (Strings{"Sanctions rarely change a regime's mind. They change its budget.",
                       "That is not nothing."}));
}

TEST(HtmlReader, MatchesNoiseClassesAsWholeWords) {
    Collected c;
    read_html(R"(<html><body><article>
<p class="read">read</p><p class="shadow">shadow</p><p class="thread-lead">thread</p>
<p class="header-ad">header-ad</p><p class="ad-slot">ad-slot</p><p class="ads">ads</p>
<p class="advertisement">advertisement</p><p id="adSlot">adSlot</p>
<p class="promo-box">promo</p><p class="comments">comments</p><p class="commentary">commentary</p>
<p class="social_links">social</p><p hidden>hidden</p>
</article></body></html>)",
              "noise.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"read", "shadow", "thread", "commentary"}));
}

// Windows-1252 bytes: 0x93/0x94 curly quotes, 0x96 en dash, 0x80 euro sign.
constexpr const char* kCp1252Body =
    "<p>The \x93grain corridor\x94 \x96 worth \x80"
    "1bn a month \x96 is gone.</p>";
constexpr const char* kCp1252Text =
    "The \u201cgrain corridor\u201d \u2013 worth \u20ac1bn a month \u2013 is gone.";

TEST(HtmlReader, DecodesTheDeclaredCharsetLatin1AsWindows1252) {
    Collected c;
    read_html(std::string("<html><head><meta http-equiv=\"Content-Type\" "
                          "content=\"text/html; charset=ISO-8859-1\"><title>Grain</title>"
                          "</head><body><article>") +
                  kCp1252Body + "</article></body></html>",
              "latin1.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{kCp1252Text});
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

TEST(HtmlReader, DetectsAnUndeclaredCharset) {
    Collected c;
    read_html(std::string("<html><head><title>Grain</title></head><body><article>") + kCp1252Body +
                  "<p>Ukraine\x92s ports were shut for months.</p></article>" + "</body></html>",
              "undeclared.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              (Strings{kCp1252Text, "Ukraine\u2019s ports were shut for months."}));
    EXPECT_TRUE(c.report.problems.empty()) << c.problems();
}

TEST(HtmlReader, WarnsAboutAPageDeclaredUtf8ThatIsNot) {
    Collected c;
    const std::string head = "<html><head><meta charset=\"utf-8\"><title>Grain</title></head>\n";
    const std::string page = head + "<body><article>" + kCp1252Body + "</article></body></html>";
    read_html(page, "mislabelled.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{kCp1252Text});
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    const auto& p = c.report.problems[0];
    EXPECT_EQ(p.severity, IngestProblem::Severity::Warning);
    EXPECT_EQ(p.source, "mislabelled.html");
    EXPECT_EQ(p.reason, "mislabelled charset");
    const std::size_t byte = page.find('\x93');
    EXPECT_EQ(p.byte, byte);
    EXPECT_EQ(p.line, 2u);
    EXPECT_EQ(p.detail, "declared utf-8 but byte " + std::to_string(byte) +
                            " is not UTF-8; decoded as windows-1252 (detected)");
}

TEST(HtmlReader, KeepsUtf8WithAStrayByteAsUtf8) {
    Collected c;
    read_html(
        "<html><head><meta charset=utf-8><title>T</title></head><body><p>Caf\xC3\xA9s "
        "in M\xC3\xBCnchen and Z\xC3\xBCrich\xA0\x20shut.</p></body></html>",
        "stray.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs,
              Strings{"Caf\u00e9s in M\u00fcnchen and Z\u00fcrich\uFFFD shut."});
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    EXPECT_EQ(c.report.problems[0].reason, "mislabelled charset");
    EXPECT_NE(c.report.problems[0].detail.find("invalid bytes replaced with U+FFFD"),
              std::string::npos);
}

TEST(HtmlReader, WarnsAboutAnUnknownCharsetAndStillReadsThePage) {
    Collected c;
    read_html(
        "<html><head><meta charset='klingon-8'></head><body><p>Caf\xC3\xA9 talk.</p>"
        "</body></html>",
        "unknown.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Caf\u00e9 talk."});
    ASSERT_EQ(c.report.problems.size(), 2u) << c.problems();  // and "no title"
    EXPECT_EQ(c.report.problems[0].reason, "unknown charset");
    EXPECT_EQ(c.report.problems[0].detail,
              "declared charset 'klingon-8' is unknown; decoded as utf-8 (the text is valid "
              "UTF-8)");
}

TEST(HtmlReader, ReplacesBytesInvalidInTheCharsetItWasToldAndSaysWhere) {
    Collected c;
    const std::string page = "\xEF\xBB\xBF<html><body><p>ok \xFF here</p></body></html>";
    read_html(page, "bom.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"ok \uFFFD here"});
    ASSERT_GE(c.report.problems.size(), 1u);
    EXPECT_EQ(c.report.problems[0].reason, "mislabelled charset");
    EXPECT_EQ(c.report.problems[0].byte, page.find('\xFF'));
}

TEST(HtmlReader, ReadsUtf8DeclaredAsLatin1AsUtf8) {
    Collected c;
    read_html(
        "<html><head><meta charset=latin1><title>T</title></head><body><p>Caf\xC3\xA9."
        "</p></body></html>",
        "utf8.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Caf\u00e9."});
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    EXPECT_EQ(c.report.problems[0].detail,
              "declared windows-1252 but the text is valid UTF-8; decoded as utf-8");
}

TEST(HtmlReader, ReadsAUtf16PageByItsByteOrderMark) {
    const std::string ascii = "<html><body><p>Wide text.</p></body></html>";
    std::string bytes = "\xFF\xFE";
    for (char ch : ascii) {
        bytes += ch;
        bytes += '\0';
    }
    Collected c;
    read_html(bytes, "wide.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, Strings{"Wide text."});
}

TEST(HtmlReader, WarnsAboutATruncatedPageAndIndexesWhatIsThere) {
    Collected c;
    read_html(
        "<!DOCTYPE html>\n<html><head><title>Cut</title></head>\n<body><article>\n"
        "<p>Complete paragraph.</p>\n<p>Half a parag",
        "cut.html", c.sink(), c.report);
    ASSERT_EQ(c.articles.size(), 1u) << c.problems();
    EXPECT_EQ(c.articles[0].paragraphs, (Strings{"Complete paragraph.", "Half a parag"}));
    ASSERT_EQ(c.report.problems.size(), 1u) << c.problems();
    EXPECT_EQ(c.report.problems[0].severity, IngestProblem::Severity::Warning);
    EXPECT_EQ(c.report.problems[0].reason, "truncated HTML");
    EXPECT_EQ(c.report.problems[0].line, 5u);
}

TEST(HtmlReader, SkipsPagesWithoutABodyAndBinaryFiles) {
    Collected c;
    read_html(R"(<html><head><title>Index of /</title></head><body>
<nav><a href="a">a</a></nav><footer><p>Contact</p></footer></body></html>)",
              "empty.html", c.sink(), c.report);
    read_html(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image.html", c.sink(), c.report);
    EXPECT_TRUE(c.articles.empty());
    EXPECT_EQ(c.report.skipped_by_reason(), (Counts{{"binary file", 1}, {"no article body", 1}}));
    ASSERT_EQ(c.report.problems.size(), 2u);
    EXPECT_EQ(c.report.problems[0].source, "empty.html");
    EXPECT_EQ(c.report.problems[0].detail, "found no paragraphs of article text in 'Index of /'");
    EXPECT_EQ(c.report.problems[1].byte, 8u);
}

TEST(HtmlFragmentParagraphs, ReadsParagraphsBreaksAndPlainText) {
    struct Case {
        const char* html;
        Strings paragraphs;
    };
    const Case cases[] = {
        {"<p>One &amp; <b>two</b>.</p>\n<p>Three.</p>", {"One & two.", "Three."}},
        {"Intro line.<br/><br/>Second<br>still second.", {"Intro line.", "Second still second."}},
        {"Plain text\nwrapped.\n\nSecond block.", {"Plain text wrapped.", "Second block."}},
        {"<div>Block A</div><div>Block B</div>", {"Block A", "Block B"}},
        {"<p>Kept.</p><script>var x;</script><div class=\"share\">Share</div><figure><img "
         "src=x><figcaption>Caption</figcaption></figure>",
         {"Kept."}},
        {"", {}},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(html_fragment_paragraphs(c.html, 512), c.paragraphs) << c.html;
    }
    EXPECT_EQ(html_fragment_text("Trump&#8217;s <em>tariff</em>  war", 512),
              "Trump\u2019s tariff war");
}

// A page whose canonical link (or og:url) is `href`, with `head_extra` in its <head>.
std::string page_with_canonical(const std::string& href, const std::string& head_extra = "") {
    return "<html><head><title>T</title>" + head_extra + "<link rel=\"canonical\" href=\"" + href +
           "\"></head><body><article><p>Some text of the page.</p></article></body></html>";
}

// The url read_html gives `html` when it came from `page_url`.
std::string url_read(const std::string& html, std::string_view page_url) {
    Collected c;
    read_html(html, "page.html", c.sink(), c.report, {}, {}, page_url);
    if (c.articles.size() != 1u) {
        ADD_FAILURE() << c.articles.size() << " articles\n" << c.problems();
        return "(none)";
    }
    return c.articles[0].url;
}

// A relative canonical link names a page of the site the page came from: it is resolved
// against the page's address (or its <base href>), and with neither it is not the page's
// url, so pages of different sites never share an id.
TEST(HtmlReader, ResolvesARelativeCanonicalLinkAgainstThePagesAddress) {
    const std::string_view page = "http://a.example/news/item?id=3";
    EXPECT_EQ(url_read(page_with_canonical("/story"), page), "http://a.example/story");
    EXPECT_EQ(url_read(page_with_canonical("//b.example/x"), page), "http://b.example/x");
    EXPECT_EQ(url_read(page_with_canonical("four"), page), "http://a.example/news/four");
    EXPECT_EQ(url_read(page_with_canonical("#"), page), "http://a.example/news/item?id=3");
    EXPECT_EQ(url_read(page_with_canonical("https://Other.example/As-Written"), page),
              "https://Other.example/As-Written")
        << "an absolute link is kept as written: ids already indexed stay the same";
    EXPECT_EQ(url_read("<html><head><meta property=\"og:url\" content=\"/og\"></head><body>"
                       "<article><p>Some text of the page.</p></article></body></html>",
                       page),
              "http://a.example/og");
    EXPECT_EQ(url_read(page_with_canonical("four", "<base href=\"https://c.example/dir/\">"), ""),
              "https://c.example/dir/four");
    EXPECT_EQ(url_read(page_with_canonical("/story"), ""), "")
        << "a local file's relative canonical names no address";
    EXPECT_EQ(url_read(page_with_canonical("#"), ""), "");
}

}  // namespace
}  // namespace parley::readers
