#include "schema/manifest.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>

namespace parley::schema {
namespace {

namespace fs = std::filesystem;

// A reader opened before a writer commits a few times finds its revision discarded (Xapian's
// DatabaseModifiedError). Reading the manifest then reads the latest revision instead of
// failing: parley-analyze and parley-search open indexes that parley-index is writing to.
TEST(ReadManifest, ARevisionDiscardedByAWriterIsReadAgainAtTheLatest) {
    const std::string dir =
        (fs::temp_directory_path() / ("parley-manifest-" + std::to_string(::getpid()))).string();
    fs::remove_all(dir);
    Manifest m = Manifest::fresh("en");
    m.gazetteer_text = std::string(200000, 'g');  // a B-tree of many blocks
    {
        Xapian::WritableDatabase first(dir, Xapian::DB_CREATE);
        m.write(first);
        first.commit();
    }
    Xapian::Database stale(dir), reader(dir);
    {
        Xapian::WritableDatabase writer(dir, Xapian::DB_OPEN);
        for (const std::string language : {"de", "fr", "ru"}) {
            m.languages.push_back(language);
            m.gazetteer_text.assign(200000, language[0]);
            m.write(writer);
            writer.add_document(Xapian::Document());
            writer.commit();
        }
    }
    // The premise: the revision both readers opened is gone.
    EXPECT_THROW(Manifest::read(stale), Xapian::DatabaseModifiedError);

    const std::optional<Manifest> read = read_manifest(reader, dir);
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->languages, (std::vector<std::string>{"de", "fr", "ru"}));
    EXPECT_EQ(read->gazetteer_text, std::string(200000, 'r'));
    fs::remove_all(dir);
}

// A summary is the manifest but for the gazetteer text, which is read on its own: a reader
// of several shards needs it from one of them.
TEST(ReadManifest, ASummaryLeavesOutOnlyTheGazetteerText) {
    const std::string dir =
        (fs::temp_directory_path() / ("parley-summary-" + std::to_string(::getpid()))).string();
    fs::remove_all(dir);
    Manifest m = Manifest::fresh("en");
    m.languages = {"en", "de"};
    m.gazetteer_fingerprint = "f00d";
    m.gazetteer_text = "state: Freedonia\n";
    {
        Xapian::WritableDatabase db(dir, Xapian::DB_CREATE);
        m.write(db);
        db.commit();
    }
    Xapian::Database db(dir);
    const std::optional<Manifest> summary = Manifest::read_summary(db);
    ASSERT_TRUE(summary.has_value());
    EXPECT_TRUE(summary->gazetteer_text.empty());
    EXPECT_EQ(summary->languages, m.languages);
    EXPECT_EQ(summary->gazetteer_fingerprint, "f00d");
    EXPECT_EQ(summary->schema_version, m.schema_version);
    EXPECT_EQ(Manifest::read_gazetteer_text(db), m.gazetteer_text);
    EXPECT_EQ(Manifest::read(db)->gazetteer_text, m.gazetteer_text);
    EXPECT_FALSE(Manifest::read_summary(Xapian::Database()).has_value());
    fs::remove_all(dir);
}

}  // namespace
}  // namespace parley::schema
