// The JSON module through the public API only: what the programs print and the server
// answers, and articles read from a JSON text as POST /articles reads them.
#include "parley/json_forms.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "parley/article_reader.hpp"

namespace {

using nlohmann::json;

struct Read {
    bool readable = false;
    std::vector<parley::Article> articles;
    parley::IngestReport report;
};

Read read(std::string_view text, parley::InputLimits limits = {}) {
    Read r;
    r.readable = parley::read_json_articles(
        text, "request", limits, [&](parley::Article&& a) { r.articles.push_back(std::move(a)); },
        r.report);
    return r;
}

TEST(ReadJsonArticles, ReadsAnArrayAndSkipsOnlyTheBadArticlesNamingTheirPlace) {
    const Read r = read(R"([
        {"title": "One", "authors": "Ann Lee and Bo Park", "date": "4 December 2024",
         "text": "First paragraph.\n\nSecond paragraph."},
        ["not", "an", "object"],
        {"title": "Two", "paragraphs": ["fine", 7]},
        {"title": "Three"},
        {"title": "Four", "paragraphs": ["Kept."], "id": 12345678901234567890}
    ])");
    ASSERT_TRUE(r.readable);
    ASSERT_EQ(r.articles.size(), 3u);
    EXPECT_EQ(r.articles[0].title, "One");
    EXPECT_EQ(r.articles[0].authors, (std::vector<std::string>{"Ann Lee", "Bo Park"}));
    EXPECT_EQ(r.articles[0].date, "2024-12-04");
    EXPECT_EQ(r.articles[0].paragraphs,
              (std::vector<std::string>{"First paragraph.", "Second paragraph."}));
    EXPECT_TRUE(r.articles[0].origin.empty()) << "not from a file: never pruned";
    EXPECT_EQ(r.articles[1].paragraphs, std::vector<std::string>{"Three"});  // a title alone
    EXPECT_EQ(r.articles[2].id, "12345678901234567890");
    ASSERT_EQ(r.report.problems.size(), 3u);
    EXPECT_EQ(r.report.problems[0].line, 2u);
    EXPECT_EQ(r.report.problems[0].reason, "malformed JSON");
    EXPECT_EQ(r.report.problems[1].line, 3u);
    EXPECT_EQ(r.report.problems[1].reason, "bad field");
    EXPECT_NE(r.report.problems[1].detail.find("paragraphs"), std::string::npos);
    EXPECT_EQ(r.report.problems[2].line, 4u);
    EXPECT_EQ(r.report.problems[2].reason, "no text");
    EXPECT_EQ(r.report.skipped(), 2u);
}

TEST(ReadJsonArticles, ReadsOneObjectAsOneArticle) {
    const Read r = read(R"({"title": "Alone", "body": "Text."})");
    ASSERT_TRUE(r.readable);
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].paragraphs, std::vector<std::string>{"Text."});
}

TEST(ReadJsonArticles, RefusesATextThatIsNotArticlesWithTheReason) {
    const std::pair<std::string, std::string> cases[] = {
        {R"([{"title": "x",)", "malformed JSON"},
        {R"("a string")", "malformed JSON"},
        {"[{\"title\": \"\xff\"}]", "invalid UTF-8"},
        {R"([{"a": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}])",
         "too deep"},
    };
    for (const auto& [text, reason] : cases) {
        parley::InputLimits limits;
        limits.depth = 16;
        const Read r = read(text, limits);
        EXPECT_FALSE(r.readable) << text;
        ASSERT_EQ(r.report.problems.size(), 1u) << text;
        EXPECT_EQ(r.report.problems[0].reason, reason) << text;
        EXPECT_EQ(r.report.problems[0].line, 0u);
        EXPECT_TRUE(r.articles.empty());
    }
    parley::InputLimits small;
    small.stream_bytes = 10;
    const Read big = read(R"([{"title": "too long for the limit"}])", small);
    EXPECT_FALSE(big.readable);
    EXPECT_EQ(big.report.problems.at(0).reason, "over a limit");
}

TEST(JsonForms, SearchResultCarriesEveryFieldAndReplacesInvalidUtf8) {
    parley::SearchRequest request;
    request.limit = 5;
    request.group_by = parley::GroupBy::Article;
    parley::SearchResult result;
    result.query = "naval drills";
    result.total = 1;
    result.ranking = parley::Ranking::Bm25;
    parley::Hit hit;
    hit.rank = 1;
    hit.score = 2.5;
    hit.title = "Bad \xC3 byte";
    hit.actors = {"AUKUS"};
    hit.actor_info["AUKUS"] = parley::ActorInfo{"alliance", "", ""};
    hit.snippet.spans = {{0, 5}};
    hit.matched_paragraphs = 2;
    result.hits.push_back(hit);
    result.facets.push_back({"actor", {{"AUKUS", 1, 0}}, 1});
    result.partial = true;
    result.missing_shards = {"y2024"};

    const json compact = json::parse(parley::search_result_json(result, request));
    EXPECT_EQ(compact.at("ranking"), "bm25");
    EXPECT_EQ(compact.at("group_by"), "article");
    EXPECT_EQ(compact.at("limit"), 5);
    EXPECT_TRUE(compact.at("did_you_mean").is_null());
    EXPECT_EQ(compact.at("feedback_stems"), json::array());
    EXPECT_EQ(compact.at("partial"), true);
    EXPECT_EQ(compact.at("missing_shards"), json::array({"y2024"}));
    const json& h = compact.at("hits").at(0);
    EXPECT_EQ(h.at("title"), "Bad \xEF\xBF\xBD byte");
    EXPECT_EQ(h.at("matched_paragraphs"), 2);
    EXPECT_EQ(h.at("spans"), json::parse("[[0, 5]]"));
    EXPECT_EQ(h.at("actor_info"), json::parse(R"({"AUKUS": {"type": "alliance"}})"));
    EXPECT_EQ(compact.at("facets").at("actor").at(0),
              json::parse(R"({"value":"AUKUS","count":1})"));
    // Indented output is the same document.
    const std::string pretty = parley::search_result_json(result, request, 2);
    EXPECT_NE(pretty.find("\n  \"query\""), std::string::npos);
    EXPECT_EQ(json::parse(pretty), compact);
}

TEST(JsonForms, IngestFormsNameSourceLineAndTheArticlesPlace) {
    parley::IngestReport read;
    read.skip("request", 3, "bad field", "field 'title' should be a string");
    parley::IngestReport written;
    written.articles_new = 2;
    written.articles_replaced = 1;
    const json added = json::parse(parley::articles_added_json(read, written));
    EXPECT_EQ(added.at("new"), 2);
    EXPECT_EQ(added.at("updated"), 1);
    EXPECT_EQ(added.at("skipped"), 1);
    const json& problem = added.at("problems").at(0);
    EXPECT_EQ(problem.at("article"), 3);
    EXPECT_EQ(problem.at("line"), 3);
    EXPECT_EQ(problem.at("source"), "request");
    EXPECT_EQ(problem.at("severity"), "skipped");

    written.problems = read.problems;
    written.files_read = 4;
    const json summary = json::parse(parley::ingest_summary_json(written, 1.5));
    EXPECT_EQ(summary.at("articles").at("indexed"), 3);
    EXPECT_EQ(summary.at("skipped").at("bad field"), 1);
    EXPECT_EQ(summary.at("files"), 4);
    EXPECT_FALSE(summary.at("problems").at(0).contains("article"));

    EXPECT_EQ(json::parse(parley::error_json("no such facet", 400)),
              json::parse(R"({"error": "no such facet", "status": 400})"));
}

}  // namespace
