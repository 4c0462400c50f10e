// Uses only <parley/...>: the library as an embedding program sees it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <parley/archive_views.hpp>
#include <parley/article_reader.hpp>
#include <parley/error.hpp>
#include <parley/gazetteer.hpp>
#include <parley/index_stats.hpp>
#include <parley/index_writer.hpp>
#include <parley/searcher.hpp>
#include <parley/version.hpp>

namespace {

namespace fs = std::filesystem;

class TempDir {
  public:
    TempDir()
        : path_(fs::temp_directory_path() /
                ("parley-api-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
        fs::remove_all(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    std::string str() const { return path_.string(); }

  private:
    static inline int counter_ = 0;
    fs::path path_;
};

parley::Article article(const std::string& id, const std::string& title,
                        std::vector<std::string> paragraphs,
                        const std::string& date = "2021-10-04") {
    parley::Article a;
    a.id = id;
    a.title = title;
    a.authors = {"Hannah Bergström"};
    a.date = date;
    a.source = "The Meridian Review";
    a.paragraphs = std::move(paragraphs);
    return a;
}

std::vector<std::string> hit_ids(const parley::SearchResult& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.article_id + "#" + std::to_string(h.paragraph));
    return out;
}

TEST(IndexAndSearch, FindsRanksFiltersAndCounts) {
    TempDir dir;
    {
        parley::IndexOptions options;
        options.path = dir.str();
        parley::IndexWriter writer(options);
        writer.add(article("a", "Drills in the north",
                           {"Russia and China held joint naval drills.", "Nothing else."}));
        writer.add(article("b", "AUKUS at three",
                           {"AUKUS partners discussed naval drills with Australia.", "Submarines."},
                           "2024-09-15"));
        writer.add(article("c", "Tariffs", {"Tariffs rose again."}, "2019-05-01"));
        writer.commit();
        EXPECT_EQ(writer.report().articles_new, 3u);
        EXPECT_EQ(writer.report().paragraphs_indexed, 5u);
    }
    parley::Searcher searcher(dir.str());
    parley::SearchRequest request;
    request.query = "naval drills AUKUS";
    const auto result = searcher.search(request);
    // Two paragraphs with "drills"; the other paragraph of each article matches through its
    // title ("Drills in the north", "AUKUS at three").
    EXPECT_EQ(result.total_paragraphs, 4u);
    ASSERT_FALSE(result.hits.empty());
    EXPECT_EQ(result.hits[0].article_id, "b");
    EXPECT_EQ(result.hits[0].matched_terms, 3u);
    EXPECT_EQ(result.total_articles, 2u);

    request.query = "drills actor:China";
    const auto filtered = searcher.search(request);
    EXPECT_EQ(hit_ids(filtered), std::vector<std::string>{"a#1"});

    request.query = "";
    request.sort = parley::SortOrder::DateNewest;
    const auto all = searcher.search(request);
    EXPECT_EQ(all.total_paragraphs, 5u);
    EXPECT_EQ(all.hits.front().date, "2024-09-15");
    const auto year = std::find_if(all.facets.begin(), all.facets.end(),
                                   [](const auto& f) { return f.name == "year"; });
    ASSERT_NE(year, all.facets.end());
    EXPECT_EQ(year->values.size(), 3u);
}

// What CLI and HTTP JSON give as actor_info and topic_evidence, the library gives as Hit
// fields; actor_type is a facet and a filter like the others.
TEST(IndexAndSearch, HitsCarryActorTypesLeadersStatesAndTopicEvidence) {
    TempDir dir;
    const parley::Gazetteer gazetteer = parley::Gazetteer::from_text(
        "state: China | Chinese\n"
        "leader: Xi Jinping | Xi\n"
        "  of: China\n"
        "topic: maritime | navy\n"
        "  weak: sea; port\n");
    {
        parley::IndexOptions options;
        options.path = dir.str();
        options.gazetteer = &gazetteer;
        parley::IndexWriter writer(options);
        writer.add(
            article("x", "Xi at sea", {"Xi sent the Chinese navy to sea.", "A sea change."}));
        writer.commit();
    }
    parley::Searcher searcher(dir.str());
    parley::SearchRequest request;
    request.filters = {"actor_type:leader"};
    request.facets = {"actor_type"};
    const auto result = searcher.search(request);
    ASSERT_EQ(result.hits.size(), 1u);
    const parley::Hit& hit = result.hits[0];
    EXPECT_EQ(hit.actor_info.at("Xi Jinping"), (parley::ActorInfo{"leader", "China", ""}));
    EXPECT_EQ(hit.actor_info.at("China").type, "state");
    EXPECT_EQ(hit.topic_evidence, (parley::TopicEvidence{{"maritime", {"navy", "sea"}}}));
    ASSERT_EQ(result.facets.size(), 1u);
    EXPECT_EQ(result.facets[0].name, "actor_type");
    EXPECT_EQ(result.facets[0].values.size(), 2u);  // leader, state

    request.filters = {"-actor_type:leader"};
    request.facets = {};
    const auto rest = searcher.search(request);
    ASSERT_EQ(rest.hits.size(), 1u);
    EXPECT_EQ(rest.hits[0].paragraph, 2u);
    EXPECT_TRUE(rest.hits[0].topic_evidence.empty());  // one weak cue is not a topic
}

TEST(IndexAndSearch, ReAddingAnArticleReplacesAllItsParagraphs) {
    TempDir dir;
    parley::IndexOptions options;
    options.path = dir.str();
    {
        parley::IndexWriter writer(options);
        writer.add(article("a", "T", {"one", "two", "three"}));
        writer.commit();
    }
    {
        parley::IndexWriter writer(options);
        writer.add(article("a", "T", {"uno", "dos"}));
        writer.commit();
        EXPECT_EQ(writer.report().articles_replaced, 1u);
    }
    EXPECT_EQ(parley::read_index_stats(dir.str()).paragraphs, 2u);
    parley::Searcher searcher(dir.str());
    parley::SearchRequest request;
    request.query = "three";
    EXPECT_EQ(searcher.search(request).total, 0u);
}

TEST(IndexAndSearch, TheSameArticleTwiceInOneRunIsStoredOnce) {
    // threads 1: direct writes; threads 3: a bulk build in three shards.
    for (const std::size_t threads : {1u, 3u}) {
        TempDir dir;
        parley::IndexOptions options;
        options.path = dir.str();
        options.threads = threads;
        parley::IndexWriter writer(options);
        for (int i = 0; i < 20; ++i)
            writer.add(article("other-" + std::to_string(i), "T", {"filler"}));
        writer.add(article("a", "T", {"one", "two"}));
        writer.add(article("a", "T", {"one", "two", "three"}));
        writer.commit();
        EXPECT_EQ(parley::read_index_stats(dir.str()).paragraphs, 23u) << threads << " threads";
        EXPECT_EQ(writer.report().articles_new, 21u);
        EXPECT_EQ(writer.report().articles_replaced, 0u);  // one new article, not also updated
        // The writer goes on after its first commit (a bulk build then writes directly).
        writer.add(article("b", "T", {"four"}));
        writer.commit();
        EXPECT_EQ(parley::read_index_stats(dir.str()).paragraphs, 24u) << threads << " threads";
    }
}

// A record met again in one run (a POST /articles body naming an id twice, a feed
// repeating an item) is one article: counted new, or updated, once. It was counted new and
// updated ("new":1,"updated":1 for one article), and updated twice for an indexed one.
TEST(IndexAndSearch, AnArticleWrittenTwiceInOneRunIsCountedOnce) {
    for (const std::string how : {"in place", "by year"}) {
        SCOPED_TRACE(how);
        TempDir dir;
        parley::IndexOptions options;
        options.path = dir.str();
        options.threads = 1;
        if (how == "by year") options.shard_by = "year";
        {
            parley::IndexWriter writer(options);
            writer.add(article("old", "T", {"one"}, "2020-01-01"));
            writer.add(article("gone", "T", {"one"}, "2020-01-01"));
        }
        parley::IndexWriter writer(options);
        writer.add(article("new", "T", {"one"}, "2020-01-01"));
        writer.add(article("new", "T", {"one", "two"}, "2021-01-01"));  // and moves shard
        writer.add(article("new", "T", {"one", "two", "three"}, "2021-01-01"));
        writer.add(article("old", "T", {"uno"}, "2020-01-01"));
        writer.add(article("old", "T", {"uno", "dos"}, "2022-01-01"));
        ASSERT_TRUE(writer.remove("gone"));
        writer.add(article("gone", "T", {"back"}, "2020-01-01"));
        writer.commit();
        const parley::IngestReport& report = writer.report();
        EXPECT_EQ(report.articles_new, 2u);       // "new", and "gone" once deleted
        EXPECT_EQ(report.articles_replaced, 1u);  // "old"
        EXPECT_EQ(report.articles_deleted, 1u);
        EXPECT_EQ(parley::read_index_stats(dir.str()).articles, 3u);
        EXPECT_EQ(parley::read_index_stats(dir.str()).paragraphs, 6u);
    }
}

TEST(IndexAndSearch, LongIdsSharingTheirFirstBytesStayApart) {
    // URLs with long query strings: 230 bytes alike, then different.
    const std::string base = "https://news.example.org/opinion/" + std::string(200, 'x') + "?ref=";
    for (const std::size_t threads : {1u, 3u}) {
        TempDir dir;
        parley::IndexOptions options;
        options.path = dir.str();
        options.threads = threads;
        {
            parley::IndexWriter writer(options);
            writer.add(article(base + "one", "Grain corridor", {"Grain exports by sea."}));
            writer.add(article(base + "two", "Fertiliser prices", {"Fertiliser prices rose."}));
            writer.commit();
            EXPECT_EQ(writer.report().articles_new, 2u) << threads << " threads";
        }
        parley::Searcher searcher(dir.str());
        ASSERT_TRUE(searcher.article(base + "one")) << threads << " threads";
        EXPECT_EQ(searcher.article(base + "one")->title, "Grain corridor");
        EXPECT_EQ(searcher.article(base + "two")->title, "Fertiliser prices");
        EXPECT_FALSE(searcher.article(base + "three"));
        parley::SearchRequest request;
        request.query = "grain";
        const auto found = searcher.search(request);
        ASSERT_EQ(found.hits.size(), 1u);
        EXPECT_EQ(found.hits[0].title, "Grain corridor");
        {
            parley::IndexWriter writer(options);
            EXPECT_FALSE(writer.remove(base + "three"));
            EXPECT_TRUE(writer.remove(base + "one"));
            writer.commit();
        }
        EXPECT_EQ(parley::read_index_stats(dir.str()).paragraphs, 1u);
        EXPECT_EQ(parley::Searcher(dir.str()).article(base + "two")->title, "Fertiliser prices");
    }
}

TEST(IndexAndSearch, AnAuthorOrSourceNamedAtLengthIsFoundByTheNameAHitGives) {
    // Names are stored cut to 200 bytes; the whole name, as a hit carries it, still finds
    // its articles as a filter and as a selection.
    TempDir dir;
    parley::IndexOptions options;
    options.path = dir.str();
    parley::Article a = article("a", "T", {"China held drills."});
    a.authors = {std::string(120, 'a') + " " + std::string(130, 'b')};
    a.source = std::string(250, 's');
    {
        parley::IndexWriter writer(options);
        writer.add(a);
        writer.add(article("b", "T", {"China held talks."}));
        writer.commit();
    }
    parley::Searcher searcher(dir.str());
    parley::SearchRequest request;
    request.query = "china";
    const auto hits = searcher.search(request).hits;
    const auto it = std::find_if(hits.begin(), hits.end(),
                                 [](const parley::Hit& h) { return h.article_id == "a"; });
    ASSERT_NE(it, hits.end());
    for (const auto& [field, value] :
         {std::pair{"author", it->authors.at(0)}, std::pair{"source", it->source}}) {
        parley::SearchRequest filtered = request;
        filtered.filters = {std::string(field) + ":\"" + value + "\""};
        EXPECT_EQ(searcher.search(filtered).total, 1u) << field;
        parley::SearchRequest selected = request;
        selected.selections = {std::string(field) + ":" + value};
        EXPECT_EQ(searcher.search(selected).total, 1u) << field;
    }
}

TEST(IndexAndSearch, ASearcherMovedFromSaysSoInsteadOfCrashing) {
    TempDir dir;
    parley::IndexOptions options;
    options.path = dir.str();
    {
        parley::IndexWriter writer(options);
        writer.add(article("a", "T", {"one"}));
        writer.commit();
    }
    parley::Searcher first(dir.str());
    parley::Searcher second(std::move(first));
    parley::SearchRequest request;
    request.query = "one";
    EXPECT_EQ(second.search(request).total, 1u);
    EXPECT_THROW(first.search(request), parley::UsageError);  // NOLINT(bugprone-use-after-move)
    EXPECT_THROW(first.article("a"), parley::UsageError);
    EXPECT_THROW(parley::ArchiveViews(first).timeline({}), parley::UsageError);
    EXPECT_EQ(first.catch_up_count(), 0u);
    EXPECT_TRUE(first.missing_shards().empty());
    // more_like_this checks a page's bounds as search() does, found paragraph or not.
    parley::SearchRequest far;
    far.offset = static_cast<std::size_t>(-1);
    EXPECT_THROW(parley::ArchiveViews(second).more_like_this("a", 1, far), parley::UsageError);
    far.offset = 0;
    far.limit = 10001;
    EXPECT_THROW(parley::ArchiveViews(second).more_like_this("none", 1, far), parley::UsageError);
    first = std::move(second);  // assigned again, it searches
    EXPECT_EQ(first.search(request).total, 1u);
}

TEST(IndexAndSearch, BulkAndDirectBuildsSearchAlike) {
    TempDir bulk_dir, direct_dir;
    for (auto [dir, threads] : {std::pair{&bulk_dir, 2u}, std::pair{&direct_dir, 1u}}) {
        parley::IndexOptions options;
        options.path = dir->str();
        options.threads = threads;
        parley::IndexWriter writer(options);
        parley::IngestReport report;
        parley::read_articles(
            PARLEY_CORPORA "/articles", {}, [&](parley::Article&& a) { writer.add(std::move(a)); },
            report);
        writer.commit();
    }
    parley::Searcher bulk(bulk_dir.str()), direct(direct_dir.str());
    for (const char* q :
         {"naval drills AUKUS", "sanctions actor:Russia", "\"South China Sea\"", "year:2023"}) {
        parley::SearchRequest request;
        request.query = q;
        request.limit = 50;
        const auto a = bulk.search(request), b = direct.search(request);
        EXPECT_EQ(a.total, b.total) << q;
        EXPECT_EQ(hit_ids(a), hit_ids(b)) << q;
        ASSERT_EQ(a.facets.size(), b.facets.size());
        for (std::size_t f = 0; f < a.facets.size(); ++f) {
            ASSERT_EQ(a.facets[f].values.size(), b.facets[f].values.size()) << q;
            for (std::size_t v = 0; v < a.facets[f].values.size(); ++v) {
                EXPECT_EQ(a.facets[f].values[v].value, b.facets[f].values[v].value) << q;
                EXPECT_EQ(a.facets[f].values[v].count, b.facets[f].values[v].count) << q;
            }
        }
    }
}

TEST(IndexAndSearch, AnUnfinishedBulkBuildLeavesNothingBehind) {
    TempDir dir;
    parley::IndexOptions options;
    options.path = dir.str();
    options.threads = 2;
    {
        parley::IndexWriter writer(options);
        writer.add(article("a", "T", {"one"}));
        EXPECT_TRUE(fs::exists(dir.str() + "/.parley-bulk"));
        EXPECT_EQ(parley::read_index_stats(dir.str()).paragraphs, 0u);  // nothing visible yet
    }
    EXPECT_FALSE(fs::exists(dir.str() + "/.parley-bulk"));
    EXPECT_EQ(parley::read_index_stats(dir.str()).paragraphs, 1u);
}

TEST(IndexAndSearch, ErrorsAreTypedAndSayWhatToDo) {
    EXPECT_THROW(parley::Searcher("/nonexistent/parley/index"), parley::IndexMissingError);
    TempDir dir;
    parley::IndexOptions options;
    options.path = dir.str();
    { parley::IndexWriter writer(options); }
    const parley::Gazetteer other =
        parley::Gazetteer::from_text("state: Atlantis\n", "other.gazetteer");
    options.gazetteer = &other;
    try {
        parley::IndexWriter writer(options);
        FAIL() << "expected IndexMismatchError";
    } catch (const parley::IndexMismatchError& e) {
        EXPECT_NE(std::string(e.what()).find("other.gazetteer"), std::string::npos) << e.what();
    }
    parley::IndexOptions first = options;
    first.gazetteer = nullptr;
    parley::IndexWriter holder(first);
    EXPECT_THROW(parley::IndexWriter second(first), parley::IndexLockedError);

    parley::Searcher searcher(dir.str());
    parley::SearchRequest request;
    request.facets = {"colour"};
    EXPECT_THROW(searcher.search(request), parley::UsageError);
    request.facets = {};
    request.limit = 100000;
    EXPECT_THROW(searcher.search(request), parley::UsageError);
    EXPECT_EQ(parley::exit_code_for(parley::UsageError("x")), 2);
    EXPECT_EQ(parley::exit_code_for(parley::IndexMissingError("x")), 1);
}

TEST(IndexAndSearch, ReadsTheCorporaThroughThePublicReader) {
    TempDir dir;
    parley::IndexOptions options;
    options.path = dir.str();
    parley::IngestReport report;
    parley::IndexWriter writer(options);
    parley::read_articles(
        PARLEY_CORPORA "/articles", {}, [&](parley::Article&& a) { writer.add(std::move(a)); },
        report);
    writer.commit();
    EXPECT_EQ(report.skipped(), 0u);
    EXPECT_GE(report.articles_read, 41u);
    const parley::IndexStats stats = parley::read_index_stats(dir.str());
    EXPECT_EQ(stats.articles, report.articles_read);
    EXPECT_NE(std::find(stats.languages.begin(), stats.languages.end(), "ru"),
              stats.languages.end());
    EXPECT_FALSE(parley::version_details().empty());
}

}  // namespace

namespace growing {

parley::IndexOptions options_for(const TempDir& dir) {
    parley::IndexOptions options;
    options.path = dir.str();
    options.threads = 1;
    return options;
}

TEST(GrowingIndex, AnOpenSearcherSeesEachCommitAndUnchangedArticlesAreNotRewritten) {
    TempDir dir;
    {
        parley::IndexWriter writer(options_for(dir));
        writer.add(article("a", "First", {"Russia and China held joint naval drills."}));
    }
    parley::Searcher searcher(dir.str());
    parley::SearchRequest request;
    request.query = "drills OR summit";
    EXPECT_EQ(searcher.search(request).total, 1u);
    {
        parley::IndexWriter writer(options_for(dir));
        writer.add(article("a", "First", {"Russia and China held joint naval drills."}));
        writer.add(article("b", "Second", {"The Quad summit met in Washington."}));
        writer.commit();
        EXPECT_EQ(writer.report().articles_unchanged, 1u);
        EXPECT_EQ(writer.report().articles_new, 1u);
        EXPECT_EQ(searcher.search(request).total, 2u);  // no restart
        EXPECT_TRUE(writer.remove("a"));
        EXPECT_FALSE(writer.remove("nosuch"));
    }
    EXPECT_EQ(hit_ids(searcher.search(request)), std::vector<std::string>{"b#1"});
}

// The spelling list holds the parts of hyphenated words, not the words: "China-R" completes
// to the hyphenated words the index holds, not to every word starting with "r".
TEST(GrowingIndex, AHyphenatedWordCompletesToHyphenatedWordsTheIndexHolds) {
    TempDir dir;
    {
        parley::IndexWriter writer(options_for(dir));
        writer.add(article("a", "Ties",
                           {"China-Russia ties grew rather than faded; the region watched.",
                            "Rather, the Russian view of the region was realistic."}));
    }
    parley::Searcher searcher(dir.str());
    EXPECT_EQ(searcher.suggest("China-R").completions, std::vector<std::string>{"China-Russia"});
    EXPECT_EQ(searcher.suggest("naval -China-R").completions,
              std::vector<std::string>{"naval -China-Russia"});
    EXPECT_TRUE(searcher.suggest("cross-r").completions.empty());
    // A '-' opening a word excludes it: its completions are the words.
    EXPECT_EQ(searcher.suggest("ties -rea").completions,
              (std::vector<std::string>{"ties -realistic"}));
}

TEST(GrowingIndex, ArticlesSuggestionsAndFacetValues) {
    TempDir dir;
    {
        parley::IndexWriter writer(options_for(dir));
        writer.add(article("a", "Drills",
                           {"Russia and China held joint naval drills.",
                            "Japan watched the naval exercise closely."}));
        writer.add(article("b", "Summit", {"Xi Jinping met Vladimir Putin in Moscow."}));
    }
    parley::Searcher searcher(dir.str());
    const auto a = searcher.article("a");
    ASSERT_TRUE(a.has_value());
    EXPECT_EQ(a->title, "Drills");
    ASSERT_EQ(a->paragraphs.size(), 2u);
    EXPECT_EQ(a->paragraphs[1].number, 2u);
    EXPECT_EQ(a->paragraphs[0].actors, (std::vector<std::string>{"China", "Russia"}));
    EXPECT_FALSE(searcher.article("nosuch").has_value());

    const auto completed = searcher.suggest("naval dri");
    ASSERT_FALSE(completed.completions.empty());
    EXPECT_EQ(completed.completions.front(), "naval drills");
    EXPECT_EQ(completed.did_you_mean, "");  // "dri" is being typed, not misspelt
    EXPECT_EQ(searcher.suggest("navel drils").did_you_mean, "naval drills");
    EXPECT_EQ(searcher.suggest("naval drills").did_you_mean, "");
    // Completions and corrections are written in the case the word was typed in.
    EXPECT_EQ(searcher.suggest("Naval Dri").completions.front(), "Naval Drills");
    EXPECT_EQ(searcher.suggest("NAVAL DRI").completions.front(), "NAVAL DRILLS");
    EXPECT_EQ(searcher.suggest("NAVEL DRILS").did_you_mean, "NAVAL DRILLS");
    EXPECT_EQ(searcher.suggest("\"navel drils\"").did_you_mean, "\"naval drills\"");
    // A correction that would find nothing is none ("drills" and "Japan" are never a phrase).
    EXPECT_EQ(searcher.suggest("\"drils japan\" ").did_you_mean, "");
    EXPECT_EQ(searcher.suggest("\"naval drils\" ").did_you_mean, "\"naval drills\"");

    const auto leaders = searcher.facet_values("actor", "jin");
    ASSERT_EQ(leaders.size(), 1u);
    EXPECT_EQ(leaders[0].value, "Xi Jinping");
    EXPECT_EQ(leaders[0].count, 1u);
    EXPECT_EQ(searcher.facet_values("actor", "").size(), 5u);
    EXPECT_THROW(searcher.facet_values("colour", ""), parley::UsageError);
}

// Completions and "did you mean" come from the index's spelling table: the words of a
// replaced or deleted article leave it (a word another article still holds stays), in a
// bulk build, in place, and across year shards, so no suggestion finds nothing.
TEST(GrowingIndex, SuggestionsForgetTheWordsOfReplacedAndDeletedArticles) {
    for (const std::string how : {"in place", "bulk", "by year"}) {
        SCOPED_TRACE(how);
        TempDir dir;
        parley::IndexOptions options = options_for(dir);
        if (how == "bulk") options.threads = 2;
        if (how == "by year") options.shard_by = "year";
        const auto completions = [&](const std::string& text) {
            return parley::Searcher(dir.str()).suggest(text).completions;
        };
        const auto correction = [&](const std::string& text) {
            return parley::Searcher(dir.str()).suggest(text).did_you_mean;
        };
        {
            parley::IndexWriter writer(options);
            writer.add(article(
                "a", "Airships",
                {"The zeppelin flew over the harbour at dawn.", "The zeppelin came back."}));
            writer.add(article("b", "Drills", {"Naval drills resumed in the harbour."}));
            // Read twice in one run: the first version's words are not kept either.
            writer.add(article("c", "Canals", {"The quinquereme sailed up the canal."}));
            writer.add(article("c", "Canals", {"The trireme sailed up the canal."}));
        }
        EXPECT_EQ(completions("zep"), std::vector<std::string>{"zeppelin"});
        EXPECT_EQ(correction("zepelin"), "zeppelin");
        EXPECT_TRUE(completions("quinq").empty());
        EXPECT_EQ(completions("trir"), std::vector<std::string>{"trireme"});
        {
            parley::IndexWriter writer(options_for(dir));
            writer.add(article("a", "Airships", {"The airship flew over the harbour at dawn."},
                               how == "by year" ? "2022-03-01" : "2021-10-04"));
        }
        EXPECT_TRUE(completions("zep").empty());
        EXPECT_EQ(correction("zepelin"), "");
        EXPECT_EQ(completions("airsh"), std::vector<std::string>{"airship"});
        {
            parley::IndexWriter writer(options_for(dir));
            ASSERT_TRUE(writer.remove("a"));
        }
        EXPECT_TRUE(completions("airsh").empty());
        EXPECT_EQ(correction("airshp"), "");
        EXPECT_EQ(correction("harbor"), "harbour");  // article b holds it still
        parley::SearchRequest request;
        request.query = "zepelin";
        EXPECT_EQ(parley::Searcher(dir.str()).search(request).did_you_mean, "");
    }
}

TEST(GrowingIndex, FacetSelectionsAreMultiSelect) {
    TempDir dir;
    {
        parley::IndexWriter writer(options_for(dir));
        writer.add(article("a", "T",
                           {"China and the sea.", "Japan and the sea.", "Russia and the sea.",
                            "China and Japan at sea."}));
    }
    parley::Searcher searcher(dir.str());
    parley::SearchRequest request;
    request.query = "sea";
    request.facets = {"actor"};
    request.selections = {"actor:China"};
    auto counts = [](const parley::SearchResult& r) {
        std::map<std::string, std::size_t> out;
        for (const auto& v : r.facets.at(0).values) out[v.value] = v.count;
        return out;
    };
    parley::SearchResult r = searcher.search(request);
    EXPECT_EQ(r.total, 2u);
    // Counted as if China were not ticked: the other values stay on offer.
    EXPECT_EQ(counts(r),
              (std::map<std::string, std::size_t>{{"China", 2}, {"Japan", 2}, {"Russia", 1}}));
    request.selections.push_back("actor:Japan");
    EXPECT_EQ(searcher.search(request).total, 3u);  // China OR Japan
    request.selections = {"colour:red"};
    EXPECT_THROW(searcher.search(request), parley::QueryError);
    request.selections.clear();
    request.query = std::string(parley::SearchRequest::kMaxQueryBytes + 1, 'a');
    EXPECT_THROW(searcher.search(request), parley::QueryError);
}

}  // namespace growing
