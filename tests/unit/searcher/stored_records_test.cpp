// A search that meets a stored record it cannot read (an index written by a newer Parley,
// or damaged) fails naming the index, the article and the fix, not "article record of an
// unknown version" alone.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>

#include "parley/error.hpp"
#include "parley/index_writer.hpp"
#include "parley/searcher.hpp"
#include "schema/paragraph_record.hpp"

namespace parley {
namespace {

namespace fs = std::filesystem;

const char* const kText =
    "China sent a fleet into the harbour of a small island nation last week, and the "
    "ministers of three neighbouring states met to ask what it meant for the shipping lanes.";

struct TempIndex {
    fs::path dir = fs::temp_directory_path() / ("parley-records-" + std::to_string(::getpid()));
    std::string path = (dir / "index").string();
    TempIndex() {
        fs::remove_all(dir);
        IndexOptions options;
        options.path = path;
        IndexWriter writer(options);
        Article a;
        a.id = "harbour-2020";
        a.title = "Harbour";
        a.date = "2020-01-01";
        a.paragraphs = {kText};
        a.origin = "/archive/2020/harbour.txt";
        writer.add(std::move(a));
        writer.commit();
    }
    ~TempIndex() { fs::remove_all(dir); }
};

std::string search_error(const std::string& index) {
    Searcher searcher(index);
    SearchRequest request;
    request.query = "harbour";
    try {
        searcher.search(request);
    } catch (const IndexIoError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(StoredRecords, AnArticleRecordFromANewerParleyNamesIndexArticleAndFix) {
    const TempIndex index;
    {
        Xapian::WritableDatabase db(index.path);
        const std::string key = schema::article_record_key("harbour-2020");
        std::string data = db.get_metadata(key);
        ASSERT_FALSE(data.empty());
        data[0] = 2;
        db.set_metadata(key, data);
        db.commit();
    }
    const std::string m = search_error(index.path);
    EXPECT_NE(m.find("index " + index.path + ": article record of article 'harbour-2020'"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("written by a newer Parley"), std::string::npos) << m;
}

TEST(StoredRecords, ADamagedParagraphRecordNamesIndexArticleAndParagraph) {
    const TempIndex index;
    {
        Xapian::WritableDatabase db(index.path);
        Xapian::Document doc = db.get_document(1);
        const std::string data = doc.get_data();
        doc.set_data(data.substr(0, data.size() - 1));
        db.replace_document(1, doc);
        db.commit();
    }
    const std::string m = search_error(index.path);
    EXPECT_NE(m.find("index " + index.path +
                     ": corrupt paragraph record of article 'harbour-2020', paragraph 1"),
              std::string::npos)
        << m;
}

// The writer reads stored records too (the articles read from a directory, for --prune):
// the same message, naming the index.
TEST(StoredRecords, AWriterMeetingARecordItCannotReadNamesIndexAndArticle) {
    const TempIndex index;
    {
        Xapian::WritableDatabase db(index.path);
        Xapian::Document doc = db.get_document(1);
        std::string data = doc.get_data();
        data[0] = 9;
        doc.set_data(data);
        db.replace_document(1, doc);
        db.commit();
    }
    IndexOptions options;
    options.path = index.path;
    try {
        IndexWriter writer(options);
        writer.articles_from("/archive");
        FAIL() << "the record was read";
    } catch (const IndexIoError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("index " + index.path + ": paragraph record of article 'harbour-2020'"),
                  std::string::npos)
            << m;
        EXPECT_NE(m.find("written by a newer Parley"), std::string::npos) << m;
    }
}

}  // namespace
}  // namespace parley
