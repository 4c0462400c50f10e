// ShardSet through the public API only: specs and shard lists as a user writes them, and
// a set of local shards searched as the one index they came from. Remote shards are
// tested against real xapian-tcpsrv servers in tests/distributed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <parley/error.hpp>
#include <parley/gazetteer.hpp>
#include <parley/index_maintenance.hpp>
#include <parley/index_writer.hpp>
#include <parley/searcher.hpp>
#include <parley/shard_set.hpp>

namespace {

namespace fs = std::filesystem;

struct ShardsDir {
    fs::path path = fs::temp_directory_path() / ("parley-shards-" + std::to_string(::getpid()));
    ShardsDir() { fs::remove_all(path); }
    ~ShardsDir() { fs::remove_all(path); }
};

// Adds one article, of `paragraph` in `language`, to the (unsharded) index at `path`.
void add_one(const std::string& path, const std::string& id, const std::string& paragraph,
             const std::string& language = "", const std::string& date = "") {
    parley::IndexOptions options;
    options.path = path;
    parley::IndexWriter writer(options);
    parley::Article a;
    a.id = id;
    a.title = id;
    a.language = language;
    a.date = date;
    a.paragraphs = {paragraph};
    writer.add(std::move(a));
    writer.commit();
}

TEST(ShardSet, ReadsNamesAndReplicasFromASpec) {
    struct Case {
        std::string spec, name;
        std::vector<std::string> replicas;
    };
    const std::vector<Case> cases = {
        {"y2024=tcp://db1:7024,tcp://db2:7024", "y2024", {"tcp://db1:7024", "tcp://db2:7024"}},
        {"tcp://db1:7024", "tcp://db1:7024", {"tcp://db1:7024"}},
        {" news = /srv/news.1 ", "news", {"/srv/news.1"}},
        {"/srv/a=b", "/srv/a=b", {"/srv/a=b"}},  // '=' inside a path names nothing
    };
    for (const auto& c : cases) {
        const parley::ShardSpec spec = parley::ShardSet::parse_spec(c.spec);
        EXPECT_EQ(spec.name, c.name) << c.spec;
        EXPECT_EQ(spec.replicas, c.replicas) << c.spec;
    }
    for (const std::string bad : {"", "y2024=", "=tcp://a:1", "a=tcp://x:1,,tcp://y:1", "a=tcp://x",
                                  "a=tcp://x:0", "a=tcp://x:70000", "tcp://:7"})
        EXPECT_THROW(parley::ShardSet::parse_spec(bad), parley::UsageError) << bad;
}

TEST(ShardSet, NamesTheFileAndLineOfABadSpec) {
    ShardsDir dir;
    fs::create_directories(dir.path);
    const std::string list = (dir.path / "cluster.txt").string();
    std::ofstream(list) << "# the archive\n\na=tcp://h:1\nb=\n";
    try {
        parley::ShardSet::from_file(list);
        FAIL() << "no error";
    } catch (const parley::UsageError& e) {
        EXPECT_NE(std::string(e.what()).find(list + ":4:"), std::string::npos) << e.what();
    }
    std::ofstream(list) << "# the archive\n\na=tcp://h:1\n b = tcp://h:2, tcp://h:3\n";
    const parley::ShardSet set = parley::ShardSet::from_file(list);
    ASSERT_EQ(set.shards.size(), 2u);
    EXPECT_EQ(set.shards[1].replicas.size(), 2u);
    EXPECT_THROW(parley::ShardSet::from_file(list + ".missing"), parley::InputError);
    // A name given twice is named at its second line, with its first.
    std::ofstream(list) << "a=tcp://h:1\n# more\nb=tcp://h:2\na=tcp://h:3\n";
    try {
        parley::ShardSet::from_file(list);
        FAIL() << "no error";
    } catch (const parley::UsageError& e) {
        EXPECT_NE(std::string(e.what()).find(list + ":4: shard name 'a' is given twice (first on "
                                                    "line 1)"),
                  std::string::npos)
            << e.what();
    }
    // What is wrong with an address is said at its line too: a port out of range, an
    // address of an earlier line (the host's case aside).
    const std::vector<std::pair<std::string, std::string>> bad_lists = {
        {"a=tcp://h:1\r\nb=tcp://h:99999\r\n",
         ":2: shard 'b=tcp://h:99999': 'tcp://h:99999' is not"},
        {"a=tcp://h:1\n\nb=tcp://H:1\n",
         ":3: shard address 'tcp://H:1' is given twice (first on "
         "line 1)"},
        {"a=tcp://h:1\nb=tcp://g:1,tcp://h:1\n", ":2: shard address 'tcp://h:1' is given twice"},
    };
    for (const auto& [text, said] : bad_lists) {
        std::ofstream(list, std::ios::trunc) << text;
        try {
            parley::ShardSet::from_file(list);
            ADD_FAILURE() << "no error for " << text;
        } catch (const parley::UsageError& e) {
            EXPECT_NE(std::string(e.what()).find(list + said), std::string::npos) << e.what();
        }
    }
    // A shard database inside an index directory also listed is said at its line, with the
    // other's (a server reading the list again has no command line to name).
    const std::string outer = (dir.path / "idx").string();
    std::ofstream(list, std::ios::trunc)
        << "y=" << outer << "\n# its year\nz=" << outer << "/y2024.1\n";
    try {
        parley::ShardSet::from_file(list);
        ADD_FAILURE() << "no error for a shard inside another";
    } catch (const parley::UsageError& e) {
        EXPECT_NE(std::string(e.what()).find(list + ":3: shard address '" + outer +
                                             "/y2024.1' and '" + outer + "' (line 1) overlap"),
                  std::string::npos)
            << e.what();
    }
    // A byte order mark and CRLF line ends are no part of a line: the comment stays one.
    std::ofstream(list, std::ios::trunc) << "\xEF\xBB\xBF# the archive\r\na=tcp://h:1\r\n";
    const parley::ShardSet marked = parley::ShardSet::from_file(list);
    ASSERT_EQ(marked.shards.size(), 1u);
    EXPECT_EQ(marked.shards[0].name, "a");
    EXPECT_EQ(marked.shards[0].replicas, std::vector<std::string>{"tcp://h:1"});
    std::ofstream(list, std::ios::trunc) << "\xEF\xBB\xBF"
                                            "b=tcp://h:2\n";
    EXPECT_EQ(parley::ShardSet::from_file(list).shards.at(0).name, "b");
}

TEST(ShardSet, LocalShardsAnswerAsTheirIndex) {
    ShardsDir dir;
    const std::string index = (dir.path / "index").string();
    {
        parley::IndexOptions options;
        options.path = index;
        options.shard_by = "year";
        parley::IndexWriter writer(options);
        const char* years[] = {"2019", "2021", "2023"};
        for (int i = 0; i < 9; ++i) {
            parley::Article a;
            a.id = "a" + std::to_string(i);
            a.title = "Harbour talks " + std::to_string(i);
            a.authors = {"Ana Ruiz"};
            a.date = std::string(years[i % 3]) + "-05-0" + std::to_string(1 + i % 9);
            a.source = "Review";
            a.paragraphs = {"China and Japan met in the harbour to talk about fishing.",
                            std::string(i % 2 ? "Sanctions" : "Tariffs") + " on China were " +
                                "discussed " + std::string(i, '!') + " again in the harbour."};
            writer.add(std::move(a));
        }
        writer.commit();
    }
    parley::ShardSet set;
    std::ifstream stub(index + "/XAPIANDB");  // "auto y2019.1": one line per shard
    for (std::string kind, shard; stub >> kind >> shard;)
        set.shards.push_back({shard, {index + "/" + shard}});
    ASSERT_GE(set.shards.size(), 3u);  // a shard per year
    parley::Searcher one(index);
    parley::Searcher shards(set);
    for (const std::string query : {"china", "harbour sanctions", "\"on china\"", ""}) {
        parley::SearchRequest request;
        request.query = query;
        request.limit = 20;
        const parley::SearchResult a = one.search(request);
        const parley::SearchResult b = shards.search(request);
        EXPECT_GT(a.total, 0u) << query;
        EXPECT_EQ(a.total, b.total) << query;
        EXPECT_FALSE(b.partial);
        ASSERT_EQ(a.hits.size(), b.hits.size()) << query;
        for (std::size_t i = 0; i < a.hits.size(); ++i) {
            EXPECT_EQ(a.hits[i].article_id, b.hits[i].article_id) << query << " #" << i;
            EXPECT_EQ(a.hits[i].paragraph, b.hits[i].paragraph) << query << " #" << i;
            EXPECT_EQ(a.hits[i].score, b.hits[i].score) << query << " #" << i;
            EXPECT_EQ(a.hits[i].title, b.hits[i].title) << query << " #" << i;
        }
        ASSERT_EQ(a.facets.size(), b.facets.size());
        for (std::size_t f = 0; f < a.facets.size(); ++f) {
            ASSERT_EQ(a.facets[f].values.size(), b.facets[f].values.size());
            for (std::size_t v = 0; v < a.facets[f].values.size(); ++v) {
                EXPECT_EQ(a.facets[f].values[v].value, b.facets[f].values[v].value);
                EXPECT_EQ(a.facets[f].values[v].count, b.facets[f].values[v].count);
            }
        }
    }
    EXPECT_EQ(one.paragraph_count(), shards.paragraph_count());
}

TEST(ShardSet, IndexesBuiltApartSearchAsOneWhateverTheirOrder) {
    // One index of English articles, one holding a Russian one: a query is analysed for
    // every language of every shard, so the order of the shards changes nothing.
    ShardsDir dir;
    const auto build = [&](const std::string& name, const std::string& language,
                           const std::string& text, const parley::Gazetteer* gazetteer) {
        parley::IndexOptions options;
        options.path = (dir.path / name).string();
        options.gazetteer = gazetteer;
        parley::IndexWriter writer(options);
        parley::Article a;
        a.id = name;
        a.title = name;
        a.language = language;
        a.paragraphs = {text};
        writer.add(std::move(a));
        writer.commit();
        return options.path;
    };
    const std::string en = build("en", "en", "The Arctic council met about shipping.", nullptr);
    const std::string ru = build("ru", "ru", "Совет по Арктике обсудил судоходство.", nullptr);
    for (const bool reversed : {false, true}) {
        parley::ShardSet set;
        set.shards.push_back({"en", {en}});
        set.shards.push_back({"ru", {ru}});
        if (reversed) std::swap(set.shards[0], set.shards[1]);
        parley::Searcher searcher(set);
        parley::SearchRequest request;
        request.query = "Арктика";
        const parley::SearchResult r = searcher.search(request);
        EXPECT_EQ(r.total, 1u) << (reversed ? "ru first" : "en first");
        EXPECT_TRUE(r.notes.empty() || r.notes.front().find("gazetteer") == std::string::npos);
    }
    // Shards tagged with different gazetteers are searched, with a note saying so.
    const parley::Gazetteer mine =
        parley::Gazetteer::from_text("extends: builtin\nstate: Freedonia\n", "mine");
    const std::string other = build("other", "en", "Freedonia held drills.", &mine);
    parley::ShardSet set;
    set.shards.push_back({"en", {en}});
    set.shards.push_back({"other", {other}});
    parley::Searcher searcher(set);
    parley::SearchRequest request;
    request.query = "drills";
    const parley::SearchResult r = searcher.search(request);
    EXPECT_EQ(r.total, 1u);
    ASSERT_FALSE(r.notes.empty());
    EXPECT_NE(r.notes.front().find("shard other was tagged with gazetteer"), std::string::npos)
        << r.notes.front();
}

TEST(ShardSet, AnOpenSearcherFollowsTheManifestOfEveryShard) {
    // What a searcher takes from the manifests of all shards, not only the first's: the
    // languages queries are analysed for, and whether the shards' gazetteers agree.
    ShardsDir dir;
    const auto build = [&](const std::string& name, const parley::Gazetteer* gazetteer) {
        parley::IndexOptions options;
        options.path = (dir.path / name).string();
        options.gazetteer = gazetteer;
        parley::IndexWriter writer(options);
        parley::Article a;
        a.id = name;
        a.title = name;
        a.paragraphs = {"Freedonia held drills in the Arctic."};
        writer.add(std::move(a));
        writer.commit();
        return options.path;
    };
    const parley::Gazetteer mine =
        parley::Gazetteer::from_text("extends: builtin\nstate: Freedonia\n", "mine");
    const std::string first = build("first", nullptr);
    const std::string second = build("second", &mine);
    parley::ShardSet set;
    set.shards = {{"first", {first}}, {"second", {second}}};
    parley::Searcher searcher(set);
    const auto gazetteer_note = [&] {
        parley::SearchRequest request;
        request.query = "drills";
        for (const auto& note : searcher.search(request).notes)
            if (note.find("was tagged with gazetteer") != std::string::npos) return true;
        return false;
    };
    EXPECT_TRUE(gazetteer_note());
    parley::retag_index(second, parley::Gazetteer::builtin());
    EXPECT_FALSE(gazetteer_note()) << "the shards agree after the re-tag";

    // A Russian article in the second shard: a Russian query is analysed (stemmed) as
    // Russian from then on, as a searcher opened afresh does.
    add_one(second, "ru", "Совет по Арктике обсудил судоходство.", "ru");
    parley::SearchRequest request;
    request.query = "Арктика";
    EXPECT_EQ(parley::Searcher(set).search(request).total, 1u);
    EXPECT_EQ(searcher.search(request).total, 1u);
}

TEST(ShardSet, AShardWithNoLiveReplicaIsNamedOrLeftOut) {
    ShardsDir dir;
    const std::string index = (dir.path / "index").string();
    add_one(index, "x", "China in the harbour.", "", "2020-01-01");
    parley::ShardSet set;
    set.timeout = std::chrono::milliseconds(300);
    set.shards = {parley::ShardSet::parse_spec("live=" + index),
                  parley::ShardSet::parse_spec("down=tcp://127.0.0.1:1,/no/such/replica")};
    parley::Searcher searcher(set);
    parley::SearchRequest request;
    request.query = "china";
    try {
        searcher.search(request);
        FAIL() << "no error";
    } catch (const parley::ShardUnavailableError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("down"), std::string::npos) << message;
        EXPECT_NE(message.find("/no/such/replica"), std::string::npos) << message;
    }
    request.allow_partial = true;
    const parley::SearchResult result = searcher.search(request);
    EXPECT_TRUE(result.partial);
    EXPECT_EQ(result.missing_shards, std::vector<std::string>{"down"});
    EXPECT_EQ(result.total, 1u);
}

// An article with one paragraph, dated in `year`.
parley::Article dated(const std::string& id, const std::string& year) {
    parley::Article a;
    a.id = id;
    a.title = "Harbour " + id;
    a.date = year + "-03-01";
    a.paragraphs = {"China in the harbour, " + id + "."};
    return a;
}

void add_articles(const std::string& index, std::vector<parley::Article> articles) {
    parley::IndexOptions options;
    options.path = index;
    options.shard_by = "year";
    parley::IndexWriter writer(options);
    for (auto& a : articles) writer.add(std::move(a));
    writer.commit();
}

TEST(ShardSet, AnIndexDirectoryAsAShardFollowsItsNewShards) {
    ShardsDir dir;
    const std::string index = (dir.path / "index").string();
    add_articles(index, {dated("a", "2019")});
    parley::ShardSet set;
    set.shards = {parley::ShardSet::parse_spec("archive=" + index)};
    parley::Searcher searcher(set);
    parley::SearchRequest request;
    request.query = "china";
    EXPECT_EQ(searcher.search(request).total, 1u);
    add_articles(index, {dated("b", "2024")});  // a new year: a new shard in the stub
    EXPECT_EQ(searcher.search(request).total, 2u);
    EXPECT_EQ(searcher.paragraph_count(), 2u);
}

// The paragraphs of `actor` among every paragraph's tags (0 when it is not counted).
std::size_t actor_count(parley::Searcher& searcher, const std::string& actor) {
    parley::SearchRequest request;  // the whole archive: the searcher's whole facet table
    request.facets = {"actor"};
    request.facet_limit = 0;
    for (const auto& facet : searcher.search(request).facets)
        for (const auto& value : facet.values)
            if (value.value == actor) return value.count;
    return 0;
}

TEST(ShardSet, ARetagIsSeenByAnOpenSearcher) {
    // A re-tag rewrites paragraphs in place: no paragraph is added or removed, so the
    // counts of a shard stay as they were, and only its tags and manifest change.
    ShardsDir dir;
    const std::string index = (dir.path / "index").string();
    std::vector<parley::Article> articles;
    for (const std::string year : {"2019", "2023"}) {
        parley::Article a = dated("f" + year, year);
        a.paragraphs = {"Freedonia and China met in the harbour."};
        articles.push_back(std::move(a));
    }
    add_articles(index, std::move(articles));
    parley::ShardSet set;
    std::ifstream stub(index + "/XAPIANDB");
    for (std::string kind, shard; stub >> kind >> shard;)
        set.shards.push_back({shard, {index + "/" + shard}});
    ASSERT_GE(set.shards.size(), 2u);
    parley::Searcher shards(set);
    EXPECT_EQ(actor_count(shards, "Freedonia"), 0u);
    EXPECT_EQ(actor_count(shards, "China"), 2u);
    const parley::Gazetteer freedonia =
        parley::Gazetteer::from_text("extends: builtin\nstate: Freedonia\n", "freedonia");
    EXPECT_EQ(parley::retag_index(index, freedonia).paragraphs_changed, 2u);
    EXPECT_EQ(actor_count(shards, "Freedonia"), 2u);
    parley::Searcher fresh(index);
    EXPECT_EQ(actor_count(fresh, "Freedonia"), 2u);
}

TEST(ShardSet, OverlappingShardsAreRefusedNamingBoth) {
    ShardsDir dir;
    const std::string index = (dir.path / "index").string();
    add_articles(index, {dated("a", "2019"), dated("b", "2023")});
    std::string year_shard;
    std::ifstream stub(index + "/XAPIANDB");
    for (std::string kind, shard; stub >> kind >> shard;) year_shard = index + "/" + shard;
    ASSERT_FALSE(year_shard.empty());
    struct Case {
        std::vector<std::string> specs;
        std::vector<std::string> named;  // what the message must name
    };
    const std::vector<Case> cases = {
        {{"a=" + index, "a=" + index}, {"'a'"}},
        {{"a=" + index, "b=" + index}, {index}},
        {{"a=" + index, "b=" + index + "/."}, {index}},
        {{year_shard, index}, {year_shard, index}},
        {{index, year_shard}, {year_shard, index}},
        {{"a=tcp://Db1:7001", "b=tcp://db1:7001"}, {"tcp://db1:7001", "tcp://Db1:7001"}},
        {{"a=tcp://db1:7001,tcp://db1:7001"}, {"tcp://db1:7001"}},
        {{"a=tcp://127.0.0.1"}, {"tcp://127.0.0.1", "HOST:PORT"}},
        {{"a=tcp://127.0.0.1:99999"}, {"tcp://127.0.0.1:99999"}},
        {{"a=tcp://127.0.0.1:x"}, {"tcp://127.0.0.1:x"}},
    };
    for (const auto& c : cases) {
        try {  // a malformed tcp:// address is refused by parse_spec, an overlap on opening
            parley::ShardSet set;
            for (const auto& spec : c.specs)
                set.shards.push_back(parley::ShardSet::parse_spec(spec));
            parley::Searcher searcher(set);
            ADD_FAILURE() << "accepted " << c.specs.front() << " " << c.specs.back();
        } catch (const parley::UsageError& e) {
            for (const auto& name : c.named)
                EXPECT_NE(std::string(e.what()).find(name), std::string::npos)
                    << "not named: " << name << " in: " << e.what();
        }
    }
    // Distinct shards of one index are one set.
    parley::ShardSet years;
    std::ifstream again(index + "/XAPIANDB");
    for (std::string kind, shard; again >> kind >> shard;)
        years.shards.push_back({shard, {index + "/" + shard}});
    ASSERT_GE(years.shards.size(), 2u);
    EXPECT_EQ(parley::Searcher(years).paragraph_count(), 2u);
}

}  // namespace
