// The archive views on a small index whose every count is known by construction.
#include "parley/archive_views.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>
#include <tuple>

#include "parley/error.hpp"
#include "parley/index_writer.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

Article op_ed(std::string id, std::string date, std::vector<std::string> paragraphs) {
    Article a;
    a.id = std::move(id);
    a.title = "Title of " + a.id;
    a.authors = {"A. Writer"};
    a.date = std::move(date);
    a.paragraphs = std::move(paragraphs);
    return a;
}

class ArchiveViewsTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ =
            (fs::temp_directory_path() / ("parley-views-" + std::to_string(::getpid()))).string();
        fs::remove_all(dir_);
        IndexOptions options;
        options.path = dir_;
        IndexWriter writer(options);
        // January 2021: three paragraphs, two naming Russia (one with China).
        writer.add(op_ed("jan", "2021-01-05",
                         {"China and Russia held joint naval drills in the Sea of Japan.",
                          "Russia answered the new sanctions with a ban on imports.",
                          "The harvest was poor this year."}));
        // February: nothing. March: one paragraph naming China.
        writer.add(op_ed("mar", "2021-03-10", {"China raised tariffs on wine imports again."}));
        // Undated: Russia once.
        writer.add(op_ed("undated", "", {"Russia and NATO met in Brussels for talks."}));
        writer.commit();
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    static inline std::string dir_;
};

TEST_F(ArchiveViewsTest, TimelineHasEveryMonthInOrderWithTheArchiveBeside) {
    Searcher searcher(dir_);
    ArchiveViews views(searcher);
    TimelineRequest r;
    r.search.query = "actor:Russia";
    const Timeline t = views.timeline(r);
    ASSERT_EQ(t.series.size(), 1u);
    const TimelineSeries& s = t.series.front();
    EXPECT_EQ(s.total, 3u);
    EXPECT_EQ(s.undated, 1u);
    ASSERT_EQ(s.buckets.size(), 1u);  // the span of the dated matches: January only
    EXPECT_EQ(s.buckets[0].label, "2021-01");
    EXPECT_EQ(s.buckets[0].count, 2u);
    EXPECT_EQ(s.buckets[0].archive, 3u);
    EXPECT_DOUBLE_EQ(s.buckets[0].share, 2.0 / 3.0);

    r.from = "2021-01";
    r.to = "2021-03";
    const Timeline wider = views.timeline(r);
    ASSERT_EQ(wider.series.front().buckets.size(), 3u);
    EXPECT_EQ(wider.series.front().buckets[1].label, "2021-02");
    EXPECT_EQ(wider.series.front().buckets[1].count, 0u);
    EXPECT_EQ(wider.series.front().buckets[1].archive, 0u);
    EXPECT_EQ(wider.series.front().buckets[2].archive, 1u);

    r.from = "2021-13";
    EXPECT_THROW(views.timeline(r), UsageError);
}

bool has_note(const std::vector<std::string>& notes, const std::string& part) {
    return std::any_of(notes.begin(), notes.end(),
                       [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

// --from and --to choose buckets: a bound inside the bucket of the last (or first) dated
// match keeps that bucket; a bound past every dated match leaves none, and a note says why.
TEST_F(ArchiveViewsTest, ABoundInsideTheLastBucketKeepsItAndOnePastEveryMatchSaysSo) {
    Searcher searcher(dir_);
    ArchiveViews views(searcher);
    TimelineRequest r;
    r.search.query = "actor:Russia";  // dated matches: 2021-01-05 only
    r.from = "2021-01-20";
    Timeline t = views.timeline(r);
    ASSERT_EQ(t.series.front().buckets.size(), 1u);
    EXPECT_EQ(t.series.front().buckets[0].label, "2021-01");
    EXPECT_EQ(t.series.front().buckets[0].count, 2u);

    r.from.clear();
    r.to = "2020-12-31";
    r.interval = Interval::Year;
    t = views.timeline(r);
    EXPECT_TRUE(t.series.front().buckets.empty());
    EXPECT_TRUE(has_note(t.notes, "the dated matches begin on 2021-01-05, after to 2020-12-31"))
        << ::testing::PrintToString(t.notes);

    r.to.clear();
    r.from = "2022";
    t = views.timeline(r);
    EXPECT_TRUE(t.series.front().buckets.empty());
    EXPECT_TRUE(has_note(t.notes, "the dated matches end on 2021-01-05, before from 2022"))
        << ::testing::PrintToString(t.notes);
}

// A view with nothing to show says why, rather than answering an empty list.
TEST_F(ArchiveViewsTest, EmptyViewsSayWhy) {
    Searcher searcher(dir_);
    ArchiveViews views(searcher);
    TimelineRequest t;
    t.search.query = "zeppelin";
    EXPECT_TRUE(has_note(views.timeline(t).notes, "no paragraph matches zeppelin"));

    CooccurrenceRequest c;
    c.search.query = "zeppelin";
    EXPECT_TRUE(has_note(views.cooccurrence(c).notes, "no paragraph matches the query"));

    StandsOutRequest s;
    s.search.query = "zeppelin";
    EXPECT_TRUE(has_note(views.stands_out(s).notes, "no paragraph matches the query"));
    s.search.query.clear();  // the whole archive: no rest of it to compare with
    s.min_count = 1;
    const StandsOut whole = views.stands_out(s);
    EXPECT_TRUE(whole.items.empty());
    EXPECT_TRUE(has_note(whole.notes, "the query matches the whole archive"));
    s.search.query = "actor:Russia";
    s.background = "zeppelin";
    EXPECT_TRUE(has_note(views.stands_out(s).notes, "the background query matches no paragraph"));
}

// A blank background is the default comparison (the rest of the archive), not the empty
// query's every paragraph, whether it is "" or blanks.
TEST_F(ArchiveViewsTest, ABlankBackgroundIsTheArchive) {
    Searcher searcher(dir_);
    ArchiveViews views(searcher);
    StandsOutRequest s;
    s.search.query = "actor:China";
    s.field = "actor";
    s.min_count = 1;
    const StandsOut archive = views.stands_out(s);
    ASSERT_FALSE(archive.items.empty());
    for (const std::string blank : {"", " ", " \t "}) {
        s.background = blank;
        const StandsOut out = views.stands_out(s);
        EXPECT_EQ(out.background_total, archive.background_total) << "'" << blank << "'";
        ASSERT_EQ(out.items.size(), archive.items.size()) << "'" << blank << "'";
        for (std::size_t i = 0; i < out.items.size(); ++i)
            EXPECT_DOUBLE_EQ(out.items[i].score, archive.items[i].score) << out.items[i].value;
    }
}

// A series is named after what it counts: a query of filters only is not "all".
TEST_F(ArchiveViewsTest, SeriesAreNamedAfterWhatTheyCount) {
    Searcher searcher(dir_);
    ArchiveViews views(searcher);
    TimelineRequest r;
    EXPECT_EQ(views.timeline(r).series.front().name, "all");
    r.search.filters = {"actor:China"};
    EXPECT_EQ(views.timeline(r).series.front().name, "actor:China");
    r.search.query = "tariffs";
    EXPECT_EQ(views.timeline(r).series.front().name, "tariffs");
    r.series = {"actor:Russia", " "};
    EXPECT_THROW(views.timeline(r), UsageError);
}

TEST_F(ArchiveViewsTest, CooccurrenceCountsParagraphsAndArticles) {
    Searcher searcher(dir_);
    ArchiveViews views(searcher);
    CooccurrenceRequest r;
    r.search.query = "actor:China";
    r.limit = 0;
    const Cooccurrence by_paragraph = views.cooccurrence(r);
    EXPECT_EQ(by_paragraph.matches, 2u);
    EXPECT_EQ(by_paragraph.archive, 5u);
    std::size_t russia = 0;
    for (const auto& i : by_paragraph.items)
        if (i.value == "Russia") russia = i.together;
    EXPECT_EQ(russia, 1u);  // one paragraph names both

    r.level = Level::Article;
    r.matrix = {"China", "Russia", "Atlantis"};
    const Cooccurrence by_article = views.cooccurrence(r);
    EXPECT_EQ(by_article.matches, 2u);  // jan and mar
    EXPECT_EQ(by_article.archive, 3u);
    ASSERT_EQ(by_article.matrix_values.size(), 2u);  // Atlantis is not in the index
    EXPECT_EQ(by_article.matrix[1].count, 1u);       // China × Russia: the January article
    EXPECT_FALSE(by_article.notes.empty());
}

TEST_F(ArchiveViewsTest, StandsOutAndExportAndContext) {
    Searcher searcher(dir_);
    ArchiveViews views(searcher);
    StandsOutRequest s;
    s.search.query = "sanctions OR drills";
    s.field = "word";
    s.min_count = 1;
    const StandsOut out = views.stands_out(s);
    EXPECT_EQ(out.foreground_total, 2u);
    EXPECT_FALSE(out.items.empty());

    ExportRequest e;
    std::set<std::string> seen;
    std::size_t total = 0;
    const std::size_t given = views.export_hits(
        e,
        [&](const Hit& h) {
            seen.insert(h.article_id + "#" + std::to_string(h.paragraph));
            EXPECT_FALSE(h.text.empty());
            return true;
        },
        &total);
    EXPECT_EQ(given, 5u);
    EXPECT_EQ(total, 5u);
    EXPECT_EQ(seen.size(), 5u);
    e.start = 3;
    e.count = 10;
    EXPECT_EQ(views.export_hits(e, [](const Hit&) { return true; }), 2u);

    const auto c = views.context("jan", 2, 1, 5);
    ASSERT_TRUE(c.has_value());
    ASSERT_EQ(c->paragraphs.size(), 3u);
    EXPECT_EQ(c->paragraphs.front().number, 1u);
    EXPECT_FALSE(views.context("jan", 9).has_value());
    // However many paragraphs are asked for around it, the article's own are given.
    const std::size_t most = std::numeric_limits<std::size_t>::max();
    using Numbers = std::vector<std::size_t>;
    const std::vector<std::tuple<std::size_t, std::size_t, Numbers>> cases = {
        {most, most, {1, 2, 3}}, {0, most, {2, 3}}, {most, 0, {1, 2}}};
    for (const auto& [before, after, expected] : cases) {
        const auto around = views.context("jan", 2, before, after);
        ASSERT_TRUE(around.has_value());
        Numbers numbers;
        for (const auto& p : around->paragraphs) numbers.push_back(p.number);
        EXPECT_EQ(numbers, expected) << before << " before, " << after << " after";
    }

    SearchRequest like;
    const auto found = views.more_like_this("jan", 1, like);
    ASSERT_TRUE(found.has_value());
    for (const Hit& h : found->hits) EXPECT_NE(h.article_id, "jan");
}

// Export ranks as search does, words-first included: the same paragraphs in the same
// order, with the same scores and matched-word counts; by date too, where the scores order
// the hits of one date (an export by date said 0 for every score).
TEST(ArchiveViewsExport, RanksEveryParagraphAsSearchRanksItsPage) {
    const std::string dir =
        (fs::temp_directory_path() / ("parley-views-rank-" + std::to_string(::getpid()))).string();
    fs::remove_all(dir);
    {
        IndexOptions options;
        options.path = dir;
        IndexWriter writer(options);
        // "drills" is rare and repeated in a short paragraph; "naval" is common. BM25 puts
        // the repeated rare word first, words-first the paragraph holding both.
        writer.add(op_ed("many", "2021-01-01", {"Drills, drills, drills and still more drills."}));
        writer.add(op_ed("both", "2021-01-02",
                         {"The navy said on Tuesday that its naval exercise, which it called "
                          "routine, would include drills over several days off the coast."}));
        for (int i = 0; i < 6; ++i) {
            writer.add(op_ed("naval-" + std::to_string(i), "2021-02-0" + std::to_string(i + 1),
                             {"A naval officer spoke about the budget for the year " +
                              std::to_string(2000 + i) + "."}));
        }
        writer.add(op_ed("other", "2021-03-01", {"The harvest was poor this year."}));
        writer.commit();
    }
    Searcher searcher(dir);
    ArchiveViews views(searcher);
    std::vector<std::string> first_by;
    for (const SortOrder sort : {SortOrder::Relevance, SortOrder::DateNewest})
        for (const Ranking ranking : {Ranking::Bm25, Ranking::WordsFirst}) {
            SCOPED_TRACE(ranking == Ranking::Bm25 ? "bm25" : "words first");
            SCOPED_TRACE(sort == SortOrder::Relevance ? "relevance" : "newest first");
            SearchRequest request;
            request.query = "naval drills";
            request.ranking = ranking;
            request.sort = sort;
            request.limit = 50;
            const SearchResult page = searcher.search(request);
            ExportRequest e;
            e.search = request;
            std::vector<Hit> exported;
            views.export_hits(e, [&](const Hit& h) {
                exported.push_back(h);
                return true;
            });
            ASSERT_EQ(exported.size(), page.hits.size());
            ASSERT_EQ(exported.size(), 8u);
            for (std::size_t i = 0; i < exported.size(); ++i) {
                EXPECT_EQ(exported[i].article_id, page.hits[i].article_id) << "rank " << i + 1;
                EXPECT_DOUBLE_EQ(exported[i].score, page.hits[i].score) << "rank " << i + 1;
                EXPECT_GT(exported[i].score, 0) << "rank " << i + 1;
                // Under BM25 both count the matched words in a pass of their own; under
                // words-first the score holds the count.
                EXPECT_EQ(exported[i].matched_terms, page.hits[i].matched_terms)
                    << "rank " << i + 1;
            }
            if (sort == SortOrder::Relevance) first_by.push_back(exported.front().article_id);
        }
    EXPECT_EQ(first_by, (std::vector<std::string>{"many", "both"}));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace parley
