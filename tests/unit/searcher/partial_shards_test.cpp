// A shard set searched with allow_partial says, per shard left out, why: a missing
// directory, one holding no database, a Xapian database that is no Parley index, and a
// Parley index of another schema version each get their own reason, in the result and in
// the note that opens its notes.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "parley/error.hpp"
#include "parley/index_writer.hpp"
#include "parley/searcher.hpp"
#include "schema/manifest.hpp"
#include "schema/schema.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("parley-partial-" + std::to_string(::getpid()));
    TempDir() {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string live_index(const fs::path& dir) {
    const std::string index = (dir / "live").string();
    IndexOptions options;
    options.path = index;
    IndexWriter writer(options);
    Article a;
    a.id = "x";
    a.title = "Harbour";
    a.date = "2020-01-01";
    a.paragraphs = {"China in the harbour."};
    writer.add(std::move(a));
    writer.commit();
    return index;
}

TEST(PartialShards, EachShardLeftOutIsNamedWithItsReason) {
    TempDir dir;
    const std::string live = live_index(dir.path);
    const std::string junk = (dir.path / "junk").string();
    fs::create_directories(junk);
    std::ofstream(junk + "/notes.txt") << "not a database";
    const std::string plain = (dir.path / "plain").string();  // Xapian, no manifest
    {
        Xapian::WritableDatabase db(plain, Xapian::DB_CREATE);
        db.add_document(Xapian::Document());
        db.commit();
    }
    const std::string newer = (dir.path / "newer").string();  // a later schema version
    {
        Xapian::WritableDatabase db(newer, Xapian::DB_CREATE);
        schema::Manifest m = schema::Manifest::fresh("en");
        m.schema_version = schema::kVersion + 1;
        m.write(db);
        db.add_document(Xapian::Document());
        db.commit();
    }
    ShardSet set;
    set.shards = {{"live", {live}},
                  {"gone", {(dir.path / "no-such").string()}},
                  {"junk", {junk}},
                  {"plain", {plain}},
                  {"newer", {newer}}};
    Searcher searcher(set);
    SearchRequest request;
    request.query = "china";
    try {
        searcher.search(request);
        FAIL() << "no error without allow_partial";
    } catch (const ShardUnavailableError& e) {
        EXPECT_NE(std::string(e.what()).find("not a Parley index"), std::string::npos) << e.what();
    }
    request.allow_partial = true;
    const SearchResult result = searcher.search(request);
    EXPECT_EQ(result.total, 1u);
    ASSERT_EQ(result.missing_shards, (std::vector<std::string>{"gone", "junk", "plain", "newer"}));
    ASSERT_EQ(result.missing_shard_reasons.size(), 4u);
    const auto has = [](const std::string& text, const std::string& part) {
        return text.find(part) != std::string::npos;
    };
    EXPECT_TRUE(has(result.missing_shard_reasons[0], "no-such: no such directory"))
        << result.missing_shard_reasons[0];
    EXPECT_TRUE(has(result.missing_shard_reasons[1], "junk: not a Parley index"))
        << result.missing_shard_reasons[1];
    EXPECT_TRUE(has(result.missing_shard_reasons[2], "not a Parley index (no manifest)"))
        << result.missing_shard_reasons[2];
    EXPECT_TRUE(has(result.missing_shard_reasons[3], "schema version"))
        << result.missing_shard_reasons[3];
    ASSERT_FALSE(result.notes.empty());
    EXPECT_TRUE(has(result.notes.front(), "partial: shards gone (")) << result.notes.front();
    EXPECT_TRUE(has(result.notes.front(), "no such directory")) << result.notes.front();
    EXPECT_EQ(searcher.missing_shard_reasons(), result.missing_shard_reasons);
}

}  // namespace
}  // namespace parley
