// How an article id stands in an index: long ids hashed, and the cut form of indexes
// written before, read back only for the article it belongs to.
#include "schema/article_keys.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <string>

#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"

namespace parley::schema {
namespace {

const std::string kLong = "https://example.org/" + std::string(200, 'x');

TEST(ArticleKeys, AShortIdIsItselfAndALongOneKeepsWhatFollowsItsFirstBytes) {
    EXPECT_EQ(id_key("a1"), "a1");
    EXPECT_FALSE(legacy_id_key("a1"));
    const std::string one = id_key(kLong + "one"), two = id_key(kLong + "two");
    EXPECT_NE(one, two);
    EXPECT_LE(one.size(), kMaxValueBytes);
    EXPECT_EQ(one, id_key(kLong + "one"));
    EXPECT_LE(article_term(kLong + "one").size(), 245u);  // Xapian's limit for a term
    // A multi-byte character is never cut in two: "é" would straddle the cut at 183.
    const std::string key = id_key(std::string(182, 'a') + "\xc3\xa9" + kLong);
    EXPECT_EQ(key.substr(180), "aa#" + key.substr(183));
    EXPECT_EQ(key.size(), 182u + 1 + 16);
}

TEST(ArticleKeys, AnIndexWrittenBeforeHashingIsReadUnderTheCutIdForItsOwnArticleOnly) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("parley-article-keys-" + std::to_string(::getpid())))
                                 .string();
    std::filesystem::remove_all(path);
    {
        // As Parley wrote a long id before: the term and the record key cut short.
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        Xapian::Document doc;
        doc.add_boolean_term(field_term(kArticlePrefix, kLong + "one"));
        db.add_document(doc);
        ArticleRecord record;
        record.article_id = kLong + "one";
        db.set_metadata("A:" + std::string(bounded(kLong + "one")), record.encode());
        db.commit();
    }
    Xapian::Database db(path);
    const ArticleKeys old = article_keys_in(db, kLong + "one");
    EXPECT_TRUE(old.legacy);
    EXPECT_TRUE(db.term_exists(old.term));
    EXPECT_EQ(old.record_key, *legacy_article_record_key(kLong + "one"));
    // Another id cut to the same bytes is not that article.
    const ArticleKeys other = article_keys_in(db, kLong + "two");
    EXPECT_FALSE(other.legacy);
    EXPECT_EQ(other.term, article_term(kLong + "two"));
    EXPECT_FALSE(article_keys_in(db, "short").legacy);
    std::filesystem::remove_all(path);
}

}  // namespace
}  // namespace parley::schema
