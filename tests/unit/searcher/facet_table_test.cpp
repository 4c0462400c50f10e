#include "facets/facet_table.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "facets/facet_counter.hpp"
#include "parley/article_reader.hpp"
#include "parley/index_writer.hpp"

namespace parley::facets {
namespace {

namespace fs = std::filesystem;

class FacetTableTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ =
            (fs::temp_directory_path() / ("parley-facets-" + std::to_string(::getpid()))).string();
        fs::remove_all(dir_);
        IndexOptions options;
        options.path = dir_;
        IndexWriter writer(options);
        IngestReport report;
        read_articles(
            PARLEY_CORPORA "/articles", {}, [&](Article&& a) { writer.add(std::move(a)); }, report);
        writer.commit();
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static std::vector<std::pair<int, std::string>> entries(const FacetTable& t, Xapian::docid d) {
        std::vector<std::pair<int, std::string>> out;
        for (auto v : t.values_of(d)) out.emplace_back(t.facet_of_value(v), t.value_name(v));
        std::sort(out.begin(), out.end());
        return out;
    }
    static inline std::string dir_;
};

TEST_F(FacetTableTest, PostingsAndValuesGiveTheSameFacetsAndArticles) {
    Xapian::Database db(dir_);
    std::vector<Xapian::docid> all;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) all.push_back(*it);
    ASSERT_GT(all.size(), 400u);
    match::DocTable articles;
    articles.load(match::DocTable::kArticles, db);
    const FacetTable full = FacetTable::from_postings(db, articles);
    const FacetTable sub = FacetTable::from_values(db, all, articles);
    EXPECT_EQ(full.article_count(), sub.article_count());
    std::map<std::uint32_t, std::uint32_t> article_map;  // full ordinal → sub ordinal
    for (Xapian::docid d : all) {
        EXPECT_EQ(entries(full, d), entries(sub, d)) << "docid " << d;
        EXPECT_FALSE(entries(full, d).empty()) << "docid " << d;
        auto [it, fresh] = article_map.emplace(full.article_of(d), sub.article_of(d));
        EXPECT_EQ(it->second, sub.article_of(d)) << "docid " << d;
    }
}

TEST_F(FacetTableTest, CountsAgreeOnAnySubset) {
    Xapian::Database db(dir_);
    std::vector<Xapian::docid> some;
    for (Xapian::docid d = 3; d <= db.get_lastdocid(); d += 7) some.push_back(d);
    match::DocTable articles;
    articles.load(match::DocTable::kArticles, db);
    const FacetTable full = FacetTable::from_postings(db, articles);
    const FacetTable sub = FacetTable::from_values(db, some, articles);
    const std::vector<int> all_facets{0, 1, 2, 3, 4};
    const auto a = count_facets(full, some, all_facets, 0, true);
    const auto b = count_facets(sub, some, all_facets, 0, true);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t f = 0; f < a.size(); ++f) {
        ASSERT_EQ(a[f].values.size(), b[f].values.size()) << a[f].name;
        for (std::size_t i = 0; i < a[f].values.size(); ++i) {
            EXPECT_EQ(a[f].values[i].value, b[f].values[i].value);
            EXPECT_EQ(a[f].values[i].count, b[f].values[i].count);
            EXPECT_EQ(a[f].values[i].articles, b[f].values[i].articles);
        }
    }
    EXPECT_EQ(count_articles(full, some), count_articles(sub, some));
}

}  // namespace
}  // namespace parley::facets
