// parley-serve, started as a program on a free loopback port and queried over HTTP.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <set>
#include <thread>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

TEST(Serve, SearchAnswersExactlyWhatParleySearchJsonPrints) {
    const Server server(shared_index());
    struct Case {
        std::vector<std::pair<std::string, std::string>> params;
        std::vector<std::string> cli;
    };
    const std::vector<Case> cases = {
        {{{"q", "naval drills AUKUS"}}, {"naval drills AUKUS"}},
        {{{"q", "sanctions"}, {"limit", "5"}, {"offset", "5"}},
         {"sanctions", "--limit", "5", "--offset", "5"}},
        {{{"q", "China"}, {"group", "article"}, {"facets", "actor,year"}, {"facet_size", "3"}},
         {"China", "--group-by", "article", "--facets", "actor,year", "--facet-size", "3"}},
        {{{"q", "trade"}, {"filter", "year:2019..2023"}, {"filter", "-actor:Russia"}},
         {"trade", "--select", "year:2019..2023", "--filter", "-actor:Russia"}},
        {{{"q", "sanctions"}, {"filter", "actor:China"}, {"filter", "actor:Russia"}},
         {"sanctions", "--select", "actor:China", "--select", "actor:Russia"}},
        // A quoted value is one value, and is said alike (finding 9: the CLI doubled quotes).
        {{{"q", "sanctions"}, {"filter", "author:\"Sultana Yesmin\""}},
         {"sanctions", "--select", "author:\"Sultana Yesmin\""}},
        {{{"q", "Houthi"}, {"duplicates", "show"}, {"snippets", "false"}, {"sort", "date"}},
         {"Houthi", "--duplicates", "--no-snippets", "--sort", "date"}},
        {{{"q", "nuclear treaty"},
          {"rank", "bm25"},
          {"facet_count", "articles"},
          {"snippet_length", "80"}},
         {"nuclear treaty", "--rank", "bm25", "--facet-count", "articles", "--snippet-length",
          "80"}},
        {{{"facets", "none"}, {"sort", "date-asc"}}, {"--facets", "none", "--sort", "date-asc"}},
    };
    for (const auto& c : cases) {
        const std::string target = url("/search", c.params);
        const json served = server.get(target);
        const json printed = search(shared_index(), c.cli);
        EXPECT_EQ(served, printed) << target;
    }
}

TEST(Serve, FiltersNarrowTheHitsAndPagesFollowEachOther) {
    const Server server(shared_index());
    const json all = server.get(url("/search", {{"q", "war"}, {"limit", "20"}}));
    ASSERT_GE(all.at("total"), 12);
    const json first = server.get(url("/search", {{"q", "war"}, {"limit", "6"}}));
    const json second = server.get(url("/search", {{"q", "war"}, {"limit", "6"}, {"offset", "6"}}));
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(first["hits"][i].at("rank"), all["hits"][i].at("rank"));
        EXPECT_EQ(first["hits"][i].at("article_id"), all["hits"][i].at("article_id"));
        EXPECT_EQ(second["hits"][i].at("article_id"), all["hits"][i + 6].at("article_id"));
        EXPECT_EQ(second["hits"][i].at("paragraph"), all["hits"][i + 6].at("paragraph"));
    }

    const json without = server.get(url("/search", {{"q", "war"},
                                                    {"filter", "-actor:Russia"},
                                                    {"filter", "year:2020..2025"},
                                                    {"limit", "100"}}));
    ASSERT_GT(without.at("total"), 0);
    EXPECT_LT(without.at("total"), all.at("total"));
    for (const auto& hit : without.at("hits")) {
        EXPECT_FALSE(contains(hit.at("actors"), "Russia")) << hit.at("snippet");
        EXPECT_GE(hit.at("date").get<std::string>(), "2020") << hit.at("article_id");
    }

    const json grouped = server.get(url("/search", {{"q", "war"}, {"group", "article"}}));
    EXPECT_EQ(grouped.at("group_by"), "article");
    EXPECT_LE(grouped.at("total"), grouped.at("total_articles"));  // copies collapse
    EXPECT_EQ(grouped.at("total_paragraphs"), all.at("total_paragraphs"));
    std::set<std::string> articles;
    for (const auto& hit : grouped.at("hits")) {
        EXPECT_TRUE(articles.insert(hit.at("article_id")).second) << hit.at("article_id");
        EXPECT_GE(hit.at("matched_paragraphs"), 1);
    }
}

TEST(Serve, ASelectedFacetIsCountedAsIfItsOwnSelectionWereAbsent) {
    const Server server(shared_index());
    const auto params = [](std::vector<std::pair<std::string, std::string>> extra) {
        extra.insert(extra.begin(), {{"q", "sanctions"}, {"facet_size", "0"}});
        return url("/search", extra);
    };
    const json plain = server.get(params({}));
    const json china = server.get(params({{"filter", "actor:China"}}));
    const std::size_t china_count = facet_count(plain, "actor", "China");
    ASSERT_GT(china_count, 0u);
    EXPECT_EQ(china.at("total_paragraphs"), china_count);
    EXPECT_EQ(china.at("selections"), json::array({"actor:China"}));
    // The actor facet still offers every other actor, with the unselected query's counts...
    EXPECT_EQ(china.at("facets").at("actor"), plain.at("facets").at("actor"));
    EXPECT_GT(china.at("facets").at("actor").size(), 3u);
    // ...while the other facets count the selection's paragraphs only, as a filter would.
    const json filtered =
        search(shared_index(), {"sanctions", "--filter", "actor:China", "--facet-size", "0"});
    for (const std::string facet : {"topic", "year", "author", "source"})
        EXPECT_EQ(china.at("facets").at(facet), filtered.at("facets").at(facet)) << facet;
    EXPECT_NE(china.at("facets").at("actor"), filtered.at("facets").at("actor"));

    // Two values of one facet are alternatives; quotes around a value are optional.
    const json both =
        server.get(params({{"filter", "actor:China"}, {"filter", "actor:\"Russia\""}}));
    const json either = search(shared_index(), {"sanctions", "--filter",
                                                "actor:China OR actor:Russia", "--facets", "none"});
    EXPECT_EQ(both.at("total_paragraphs"), either.at("total_paragraphs"));
    EXPECT_GT(both.at("total_paragraphs").get<std::size_t>(), china_count);
    EXPECT_EQ(both.at("facets").at("actor"), plain.at("facets").at("actor"));

    // A value with a space needs no quotes either.
    const json us = server.get(params({{"filter", "actor:United States"}}));
    EXPECT_EQ(us.at("total_paragraphs"), facet_count(plain, "actor", "United States"));
    EXPECT_EQ(us.at("selections"), json::array({"actor:United States"}));

    // A selection that cannot be read is ignored with a note, and not listed as applied.
    const json odd = server.get(params({{"filter", "year:twenty"}, {"filter", "actor:China"}}));
    EXPECT_EQ(odd.at("selections"), json::array({"actor:China"}));
    EXPECT_EQ(odd.at("total_paragraphs"), china_count);
}

TEST(Serve, AQuotedSelectionIsOneValueWhateverItHolds) {
    // Values the facet lists offer, with a colon or quotes in them, as the search page
    // sends them back.
    const std::string dir = fresh_dir("serve-quoted-values");
    write_file(dir + "/a.jsonl",
               R"({"id":"fp1","source":"Foreign Policy: Argument","paragraphs":["Sanctions fail."]}
{"id":"fp2","source":"Foreign Policy: Argument","paragraphs":["Sanctions bite."]}
{"id":"dv","authors":["Dmitri \"Dima\" Volkov"],"paragraphs":["Sanctions and energy."]}
{"id":"ot","source":"Other","paragraphs":["Sanctions again."]}
)");
    const std::string index = dir + "/index";
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/a.jsonl"}).exit_code, 0);
    const Server server(index);
    const auto total = [&](std::vector<std::pair<std::string, std::string>> filters) {
        filters.insert(filters.begin(), {"q", "sanctions"});
        const json r = server.get(url("/search", filters));
        return std::pair{r.at("total_paragraphs").get<std::size_t>(), r.at("selections")};
    };
    EXPECT_EQ(total({{"filter", "source:\"Foreign Policy: Argument\""}}),
              std::pair(std::size_t{2}, json::array({"source:Foreign Policy: Argument"})));
    EXPECT_EQ(total({{"filter", R"(author:"Dmitri \"Dima\" Volkov")"}}).first, 1u);
    // Two values of one facet are alternatives.
    EXPECT_EQ(total({{"filter", "source:\"Foreign Policy: Argument\""}, {"filter", "source:Other"}})
                  .first,
              3u);
    // Unquoted, a colon makes it query syntax, as before.
    EXPECT_EQ(total({{"filter", "source:Foreign Policy: Argument"}}).second, json::array());
}

TEST(Serve, ArticlesAreFetchedByIdInThePathOrTheQueryString) {
    const Server server(shared_index());
    const json hit = server.get(url("/search", {{"q", "naval drills AUKUS"}})).at("hits").at(0);
    const std::string id = hit.at("article_id");
    const json article = server.get("/articles/" + encode(id));
    EXPECT_EQ(article.at("article_id"), id);
    EXPECT_EQ(article.at("title"), hit.at("title"));
    EXPECT_EQ(article.at("date"), hit.at("date"));
    ASSERT_EQ(article.at("paragraphs").size(), hit.at("paragraph_count"));
    for (std::size_t i = 0; i < article["paragraphs"].size(); ++i)
        EXPECT_EQ(article["paragraphs"][i].at("paragraph"), i + 1);
    const json& best = article["paragraphs"][hit.at("paragraph").get<std::size_t>() - 1];
    EXPECT_EQ(best.at("actors"), hit.at("actors"));
    EXPECT_EQ(best.at("topics"), hit.at("topics"));
    EXPECT_TRUE(article.at("republished").is_array());

    // A web page's id is its URL: by ?id=, and percent-encoded in the path.
    const std::string page = "https://meridian-review.example/2024/02/red-sea-warships-alone";
    const json by_query = server.get(url("/articles", {{"id", page}}));
    EXPECT_EQ(by_query.at("article_id"), page);
    EXPECT_FALSE(by_query.at("paragraphs").empty());
    EXPECT_EQ(server.get("/articles/" + encode(page)), by_query);

    expect_error(server.send("GET", "/articles/no-such-article"), 404, "unknown id");
    expect_error(server.send("GET", "/articles"), 400, "no id");
}

TEST(Serve, SuggestCompletesTheLastWordAndCorrectsMisspellings) {
    const Server server(shared_index());
    const json completed = server.get(url("/suggest", {{"q", "oil sanc"}}));
    EXPECT_EQ(completed.at("query"), "oil sanc");
    EXPECT_TRUE(contains(completed.at("completions"), "oil sanctions")) << completed;
    EXPECT_TRUE(completed.at("did_you_mean").is_null() || completed.at("did_you_mean").is_string());

    const json corrected = server.get(url("/suggest", {{"q", "sancions"}}));
    EXPECT_EQ(corrected.at("did_you_mean"), "sanctions") << corrected;
    const json known = server.get(url("/suggest", {{"q", "sanctions"}, {"limit", "3"}}));
    EXPECT_TRUE(known.at("did_you_mean").is_null()) << known;
    EXPECT_LE(known.at("completions").size(), 3u);
}

TEST(Serve, SearchExpandsSynonymsAndActorsAndSaysDidYouMean) {
    const std::string dir = fresh_dir("serve-synonyms");
    write_file(dir + "/synonyms.txt", "blockade, quarantine\nbroken line\n");
    const Server server(shared_index(), {"--synonyms", dir + "/synonyms.txt"});
    const json expanded = server.get(url("/search", {{"q", "quarantine"}, {"facets", "none"}}));
    const json blockade = server.get(url("/search", {{"q", "blockade"}, {"facets", "none"}}));
    EXPECT_GE(expanded.at("total_paragraphs"), blockade.at("total_paragraphs"));
    EXPECT_GT(expanded.at("total_paragraphs"), 0);
    EXPECT_NE(expanded.at("notes").dump().find("'quarantine' also searched as 'blockade'"),
              std::string::npos)
        << expanded.at("notes");
    const json kremlin = server.get(url("/search", {{"q", "Kremlin"}, {"facets", "none"}}));
    const json literal =
        server.get(url("/search", {{"q", "Kremlin"}, {"facets", "none"}, {"entities", "false"}}));
    EXPECT_GT(kremlin.at("total_paragraphs"), literal.at("total_paragraphs"));
    server.get(url("/search", {{"q", "Kremlin"}, {"entities", "maybe"}}), 400);
    const json typo = server.get(url("/search", {{"q", "sancions"}, {"facets", "none"}}));
    EXPECT_EQ(typo.at("did_you_mean"), "sanctions") << typo.at("notes");
}

TEST(Serve, FacetValuesAreFoundByTheStartOfAnyWord) {
    const Server server(shared_index());
    const json chi = server.get(url("/facets/actor", {{"prefix", "chi"}}));
    EXPECT_EQ(chi.at("facet"), "actor");
    bool china = false;
    for (const auto& v : chi.at("values")) {
        if (v.at("value") == "China") {
            china = true;
            EXPECT_GT(v.at("count"), 0);
        }
    }
    EXPECT_TRUE(china) << chi;
    const json years = server.get(url("/facets/year", {{"limit", "2"}}));
    EXPECT_EQ(years.at("values").size(), 2u);
    expect_error(server.send("GET", "/facets/colour"), 400, "unknown facet");
}

TEST(Serve, HealthAndStatsDescribeTheIndex) {
    const Server server(shared_index());
    const json health = server.get("/health");
    EXPECT_EQ(health.at("status"), "ok");
    EXPECT_EQ(health.at("paragraphs"), paragraph_count(shared_index()));
    const RunResult printed = run({PARLEY_INDEX_BIN, "stats", "--index", shared_index(), "--json"});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    const Reply stats = server.send("GET", "/stats");
    EXPECT_EQ(stats.status, 200);
    EXPECT_EQ(stats.body, json::parse(printed.out));
    EXPECT_EQ(stats.headers.find("Cache-Control")->second, "no-store");
    EXPECT_EQ(stats.headers.find("Access-Control-Allow-Origin")->second, "*");
}

TEST(Serve, BadRequestsGetJsonErrorsAndTheServerKeepsServing) {
    const Server server(shared_index(), {"--max-query-chars", "50", "--max-request-bytes", "1000"});
    struct Case {
        std::string method, target;
        int status;
    };
    const std::vector<Case> cases = {
        {"GET", "/search?q=war&limit=ten", 400},
        {"GET", "/search?limit=-1", 400},
        {"GET", "/search?limit=5000", 400},
        {"GET", "/search?offset=9995&limit=10", 400},
        {"GET", "/search?limit=5&limit=6", 400},
        {"GET", "/search?limit=5&limit=5", 400},  // given twice, even alike
        {"GET", "/search?=war", 400},             // a parameter with no name
        {"GET", "/search?q=war&colour=blue", 400},
        {"GET", "/search?sort=popularity", 400},
        {"GET", "/search?group=author", 400},
        {"GET", "/search?facets=actor,colour", 400},
        {"GET", "/search?snippets=maybe", 400},
        {"GET", url("/search", {{"q", std::string(51, 'w')}}), 400},
        {"GET", url("/search", {{"q", "a* b* c* d* e* f* g* h* i* j* k*"}}), 400},
        {"GET", "/search?q=%FF%FE", 400},
        {"GET", "/suggest?q=war&limit=1000", 400},
        {"GET", "/health?verbose=1", 400},
        {"GET", "/nowhere", 404},
        {"GET", "/search/more", 404},
        {"POST", "/search", 405},
        {"DELETE", "/health", 405},
        {"PUT", "/articles", 405},
        {"POST", "/articles", 413},
    };
    for (const auto& c : cases) {
        const std::string body = c.status == 413 ? std::string(2000, ' ') : "";
        expect_error(server.send(c.method, c.target, body, "application/json"), c.status,
                     c.method + " " + c.target);
        // Still serving, after every kind of bad request.
        EXPECT_EQ(server.get("/search?q=sanctions&limit=1").at("hits").size(), 1u) << c.target;
    }
    EXPECT_EQ(server.send("POST", "/search").headers.find("Allow")->second, "GET, HEAD");
    // The query at the limit is fine.
    EXPECT_EQ(server.get(url("/search", {{"q", std::string(50, 'w')}})).at("total"), 0);
}

TEST(Serve, WritesAreRefusedWhenTheServerHasNoToken) {
    const Server server(shared_index());
    const httplib::Headers auth{{"Authorization", "Bearer anything"}};
    expect_error(
        server.send("POST", "/articles", R"({"title":"x","body":"y"})", "application/json", auth),
        403, "POST without --token");
    expect_error(server.send("DELETE", "/articles/gsm-2023-brics-expansion", "", "", auth), 403,
                 "DELETE without --token");
    EXPECT_EQ(server.get("/articles/gsm-2023-brics-expansion").at("article_id"),
              "gsm-2023-brics-expansion");
}

// An article indexed from a file and posted as it was is rewritten with the request as its
// origin: the answer counted it nowhere ({"new":0,"updated":0,"unchanged":0}).
TEST(Serve, AnArticleIndexedFromAFileAndPostedAsItWasIsCounted) {
    const std::string dir = fresh_dir("serve-post-from-file");
    const std::string record = R"({"id":"q1","title":"T","body":"Some words here."})";
    write_file(dir + "/q.jsonl", record + "\n");
    const RunResult indexed = run({PARLEY_INDEX_BIN, "--index", dir + "/index", dir + "/q.jsonl"});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    const Server server(dir + "/index", {"--token", "s3cret"});
    const httplib::Headers auth{{"Authorization", "Bearer s3cret"}};
    const Reply posted = server.send("POST", "/articles", record, "application/json", auth);
    ASSERT_EQ(posted.status, 200) << posted.text;
    EXPECT_EQ(posted.body.at("renamed"), 1) << posted.body;
    EXPECT_EQ(posted.body.at("new"), 0);
    EXPECT_EQ(posted.body.at("updated"), 0);
    const Reply again = server.send("POST", "/articles", record, "application/json", auth);
    ASSERT_EQ(again.status, 200) << again.text;
    EXPECT_EQ(again.body.at("unchanged"), 1) << again.body;
    EXPECT_EQ(again.body.at("renamed"), 0);
}

TEST(Serve, WritesWithTheTokenAreSearchableAsSoonAsTheyAreAnswered) {
    const std::string index = index_corpora(fresh_dir("serve-writes") + "/index");
    const Server server(index, {"--token", "s3cret"});
    const std::string article = R"({"id": "test-zephyr", "title": "Zephyrquokka diplomacy",
        "authors": ["Test Author"], "date": "2024-05-01", "source": "Test Review",
        "paragraphs": ["China and Russia discussed zephyrquokka tariffs.",
                       "A second paragraph about zephyrquokka."]})";
    expect_error(server.send("POST", "/articles", article, "application/json"), 401, "no token");
    expect_error(server.send("POST", "/articles", article, "application/json",
                             {{"Authorization", "Bearer wrong"}}),
                 401, "wrong token");
    const httplib::Headers auth{{"Authorization", "Bearer s3cret"}};
    expect_error(server.send("POST", "/articles", article, "text/plain", auth), 415, "not JSON");
    expect_error(server.send("POST", "/articles", "{\"id\": ", "application/json", auth), 400,
                 "malformed JSON");

    // Media types and the Bearer scheme are case-insensitive (RFC 9110).
    const Reply added = server.send("POST", "/articles", article, "Application/JSON",
                                    {{"Authorization", "bearer s3cret"}});
    ASSERT_EQ(added.status, 200) << added.text;
    EXPECT_EQ(added.body.at("new"), 1);
    EXPECT_EQ(added.body.at("skipped"), 0);
    const json found = server.get("/search?q=zephyrquokka");
    EXPECT_EQ(found.at("total"), 2);
    EXPECT_EQ(found.at("hits").at(0).at("article_id"), "test-zephyr");
    EXPECT_EQ(facet_count(found, "actor", "China"), 1u);
    EXPECT_EQ(facet_count(found, "source", "Test Review"), 2u);
    EXPECT_EQ(server.get("/articles/test-zephyr").at("paragraphs").size(), 2u);

    // The same again changes nothing; in an array, a bad article is reported by position
    // and the good ones are indexed.
    const std::string batch = "[" + article + R"(, {"authors": "No title, no text"},
        {"id": "test-zephyr-2", "body": "Zephyrquokka once more."}])";
    const Reply again = server.send("POST", "/articles", batch, "application/json", auth);
    ASSERT_EQ(again.status, 200) << again.text;
    EXPECT_EQ(again.body.at("unchanged"), 1);
    EXPECT_EQ(again.body.at("new"), 1);
    EXPECT_EQ(again.body.at("skipped"), 1);
    std::vector<int> skipped_at;
    for (const auto& p : again.body.at("problems")) {
        if (p.at("severity") == "skipped") skipped_at.push_back(p.at("article"));
    }
    EXPECT_EQ(skipped_at, std::vector<int>{2}) << again.body;
    EXPECT_EQ(server.get("/search?q=zephyrquokka").at("total"), 3);

    const Reply deleted = server.send("DELETE", "/articles/test-zephyr", "", "", auth);
    EXPECT_EQ(deleted.status, 200) << deleted.text;
    EXPECT_EQ(deleted.body.at("deleted"), true);
    EXPECT_EQ(server.get("/search?q=zephyrquokka").at("total"), 1);
    expect_error(server.send("GET", "/articles/test-zephyr"), 404, "deleted article");
    expect_error(server.send("DELETE", "/articles/test-zephyr", "", "", auth), 404,
                 "deleted twice");
}

TEST(Serve, SeesAChangeMadeByParleyIndexWithoutARestart) {
    const std::string dir = fresh_dir("serve-live");
    const std::string index = index_corpora(dir + "/index");
    const Server server(index, {"--threads", "2"});
    // Every worker thread has its Searcher open before the change.
    for (int i = 0; i < 6; ++i) EXPECT_EQ(server.get("/search?q=quillwhistle").at("total"), 0);
    const std::size_t before = server.get("/health").at("paragraphs");

    write_file(dir + "/new/late.jsonl",
               R"({"id": "late-1", "title": "Late news", "date": "2025-01-02", "body": )"
               R"("The quillwhistle accord was signed.\n\nIt covers quillwhistle exports."})"
               "\n");
    const RunResult added = run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/new"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    for (int i = 0; i < 6; ++i) EXPECT_EQ(server.get("/search?q=quillwhistle").at("total"), 2);
    EXPECT_EQ(server.get("/health").at("paragraphs"), before + 2);

    const RunResult removed = run({PARLEY_INDEX_BIN, "delete", "--index", index, "late-1"});
    ASSERT_EQ(removed.exit_code, 0) << removed.err;
    for (int i = 0; i < 6; ++i) EXPECT_EQ(server.get("/search?q=quillwhistle").at("total"), 0);
}

TEST(Serve, AnswersConcurrentClientsLikeOne) {
    const Server server(shared_index(), {"--threads", "4"});
    const std::vector<std::string> targets = {
        url("/search", {{"q", "sanctions"}, {"filter", "actor:China"}}),
        url("/search", {{"q", "naval drills"}, {"group", "article"}}),
        url("/suggest", {{"q", "sanc"}}),
        url("/facets/topic"),
    };
    std::vector<json> expected;
    for (const auto& t : targets) expected.push_back(server.get(t));
    std::vector<std::thread> clients;
    std::atomic<int> mismatches = 0;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_url_encode(false);
            client.set_keep_alive(true);
            for (int i = 0; i < 10; ++i) {
                const std::size_t which = (c + i) % targets.size();
                const auto r = client.Get(targets[which]);
                if (!r || r->status != 200 || json::parse(r->body) != expected[which]) ++mismatches;
            }
        });
    }
    for (auto& t : clients) t.join();
    EXPECT_EQ(mismatches, 0);
}

TEST(Serve, ServesTheSearchPageFromTheWebDirectory) {
    const std::string web = fresh_dir("serve-web");
    write_file(web + "/index.html", "<!doctype html><title>Parley</title>");
    write_file(web + "/app.js", "console.log('parley');");
    write_file(web + "/style.css", "body { margin: 0 }");
    const Server server(shared_index(), {"--web", web});
    const Reply page = server.send("GET", "/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.text, "<!doctype html><title>Parley</title>");
    EXPECT_EQ(page.headers.find("Content-Type")->second, "text/html; charset=utf-8");
    ASSERT_TRUE(page.headers.count("X-Content-Type-Options"));
    EXPECT_EQ(page.headers.find("X-Content-Type-Options")->second, "nosniff");
    const Reply script = server.send("GET", "/static/app.js");
    EXPECT_EQ(script.headers.find("Content-Type")->second, "text/javascript; charset=utf-8");
    ASSERT_TRUE(script.headers.count("X-Content-Type-Options"));
    EXPECT_EQ(server.send("GET", "/static/style.css").headers.find("Content-Type")->second,
              "text/css; charset=utf-8");
    expect_error(server.send("GET", "/static/missing.png"), 404, "missing file");
    expect_error(server.send("GET", "/static/..%2F..%2Fetc%2Fpasswd"), 400,
                 "outside the directory");

    const Server without(shared_index(), {"--web", web + "/nothing-here"});
    expect_error(without.send("GET", "/"), 404, "no web directory");
}

TEST(Serve, RefusesToStartWithoutAnIndexOrWithABadAddress) {
    const RunResult missing =
        run({PARLEY_SERVE_BIN, "--index", fresh_dir("serve-none") + "/nothing", "--listen",
             "127.0.0.1:0"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("parley-index"), std::string::npos) << missing.err;
    const RunResult bad = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--listen", "nowhere"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("HOST:PORT"), std::string::npos) << bad.err;
    const RunResult help = run({PARLEY_SERVE_BIN, "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--listen"), std::string::npos);
}

// Issue 9's findings 1 and 3: a body nested 50,000 deep crashed the server; an article
// with over 1,000 authors was stored whole and read back short, poisoning later searches.
TEST(Serve, HostileArticleBodiesAreRefusedAndTheServerKeepsAnswering) {
    const std::string index = index_corpora(fresh_dir("serve-hostile") + "/index");
    const Server server(index, {"--token", "s3cret"});
    const httplib::Headers auth{{"Authorization", "Bearer s3cret"}};
    const std::string deep = std::string(50000, '[') + std::string(50000, ']');
    const Reply r = server.send("POST", "/articles", deep, "application/json", auth);
    expect_error(r, 400, "deep JSON");
    EXPECT_NE(r.body.value("error", "").find("limit 'depth'"), std::string::npos) << r.text;
    const Reply number = server.send(
        "POST", "/articles", R"({"title": "n", "text": "t", "x": 1)" + std::string(400, '0') + "}",
        "application/json", auth);
    expect_error(number, 400, "huge number");

    json authors = json::array();
    for (int i = 0; i < 1500; ++i) authors.push_back("Author " + std::to_string(i));
    const json many{{"id", "many-authors"},
                    {"title", "Crowded byline"},
                    {"authors", authors},
                    {"lang", "en"},
                    {"text", "Quinquereme convoys crossed the strait."}};
    const Reply refused = server.send("POST", "/articles", many.dump(), "application/json", auth);
    EXPECT_EQ(refused.status, 200) << refused.text;
    EXPECT_EQ(refused.body.value("skipped", 0), 1) << refused.text;
    EXPECT_NE(refused.text.find("limit 'authors'"), std::string::npos) << refused.text;
    // Every search still answers.
    EXPECT_GT(server.get(url("/search", {{"q", "naval"}})).at("total").get<int>(), 0);
}

TEST(Serve, StaticPathsWithControlCharactersAreRefusedAndErrorsHideTheWebDirectory) {
    const std::string web = fresh_dir("serve-web-hostile");
    write_file(web + "/index.html", "<!doctype html><title>Parley</title>");
    const Server server(shared_index(), {"--web", web});
    expect_error(server.send("GET", "/static/index.html%00.png"), 400, "NUL in the path");
    const Reply missing = server.send("GET", "/static/missing.png");
    expect_error(missing, 404, "missing file");
    EXPECT_EQ(missing.text.find(web), std::string::npos) << missing.text;
}

TEST(Serve, ASecondServerOnTheSamePortRefusesToStart) {
    const Server first(shared_index());
    const RunResult second = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--listen",
                                  "127.0.0.1:" + std::to_string(first.port())});
    EXPECT_EQ(second.exit_code, 1) << second.out << second.err;
    EXPECT_NE(second.err.find("cannot listen"), std::string::npos) << second.err;
}

// A TCP connection from `source` (any 127.0.0.0/8 address is this machine) to the server.
int connect_from(const std::string& source, int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &local.sin_addr);
    if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) return -1;
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// What the server sends on `fd` until it closes it, waiting at most `seconds` in all.
std::string read_until_closed(int fd, int seconds) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return out + (n == 0 ? "<closed>" : "<reset>");
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out + "<open>";
}

// A client that sends a whole over-large body before reading (as urllib does) gets the
// 413: the server reads and drops the rest of the body before closing, where closing at
// once made the kernel reset the connection and lose the answer.
TEST(Serve, AnOverLargeBodySentWholeStillGetsItsRefusal) {
    const Server server(shared_index(), {"--token", "s3cret", "--max-request-bytes", "1000"});
    const int fd = connect_from("127.0.0.1", server.port());
    ASSERT_GE(fd, 0);
    const std::size_t length = 3'000'000;
    const std::string head =
        "POST /articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n"
        "Content-Type: application/json\r\nContent-Length: " +
        std::to_string(length) + "\r\n\r\n";
    ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the refusal is sent now
    const std::string chunk(65536, 'x');
    for (std::size_t sent = 0; sent < length;) {
        const ssize_t n =
            send(fd, chunk.data(), std::min(chunk.size(), length - sent), MSG_NOSIGNAL);
        ASSERT_GT(n, 0) << "the server stopped reading after " << sent << " bytes";
        sent += static_cast<std::size_t>(n);
    }
    const std::string got = read_until_closed(fd, 10);
    close(fd);
    EXPECT_NE(got.find("HTTP/1.1 413"), std::string::npos) << got;
}

TEST(Serve, ARequestTargetInAbsoluteFormIsServedAsItsPath) {
    // As a proxy sends it (RFC 9112 3.2.2: servers accept the absolute form).
    const Server server(shared_index());
    const std::string origin = server.get(url("/search", {{"q", "naval drills"}})).dump();
    for (const std::string target : {"http://127.0.0.1/search?q=naval%20drills",
                                     "HTTP://example.org:8080/search?q=naval%20drills"}) {
        const int fd = connect_from("127.0.0.1", server.port());
        ASSERT_GE(fd, 0);
        const std::string request =
            "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        ASSERT_EQ(send(fd, request.data(), request.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(request.size()));
        const std::string got = read_until_closed(fd, 10);
        close(fd);
        ASSERT_NE(got.find("HTTP/1.1 200"), std::string::npos) << target << "\n"
                                                               << got.substr(0, 300);
        const std::size_t body = got.find("\r\n\r\n") + 4;
        EXPECT_EQ(json::parse(got.substr(body, got.rfind('<') - body)).dump(), origin) << target;
    }
}

// Issue 9's finding 4: 64 clients each sending a header line every 2 s held all 4 workers.
// Now a connection holds no worker until its request is complete, the head has a deadline,
// and one address has a connection quota.
TEST(Serve, SlowClientsNeitherHoldWorkersNorStayOpen) {
    const Server server(shared_index(),
                        {"--threads", "2", "--head-timeout", "1", "--max-client-connections", "8"});
    std::vector<int> slow;
    for (int i = 0; i < 8; ++i) {
        const int fd = connect_from("127.0.0.2", server.port());
        ASSERT_GE(fd, 0);
        const std::string start = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n";
        ASSERT_EQ(send(fd, start.data(), start.size(), 0), static_cast<ssize_t>(start.size()));
        slow.push_back(fd);
    }
    // Over the quota of 127.0.0.2: refused at once.
    const int extra = connect_from("127.0.0.2", server.port());
    ASSERT_GE(extra, 0);
    const std::string refused = read_until_closed(extra, 10);
    close(extra);
    EXPECT_NE(refused.find("503"), std::string::npos) << refused;
    EXPECT_NE(refused.find("too many connections"), std::string::npos) << refused;
    // Everyone else is answered while the slow clients dribble.
    for (int i = 0; i < 4; ++i) {
        for (const int fd : slow) send(fd, "X-More: 1\r\n", 11, MSG_NOSIGNAL);
        EXPECT_EQ(server.get("/health").at("status"), "ok");
    }
    // A head not complete within --head-timeout is cut off, however busy its client looks.
    for (const int fd : slow) {
        const std::string got = read_until_closed(fd, 15);
        EXPECT_EQ(got.find("HTTP/1.1 200"), std::string::npos) << got;
        EXPECT_TRUE(got.ends_with("<closed>") || got.ends_with("<reset>")) << got;
        close(fd);
    }
}

// Sends `request` on a new connection and returns all the server answers until it closes.
std::string exchange(int port, const std::string& request) {
    const int fd = connect_from("127.0.0.1", port);
    if (fd < 0) return "<no connection>";
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    const std::string got = read_until_closed(fd, 10);
    close(fd);
    return got;
}

// Finding 5: what the server refuses before a route runs carries the CORS header every
// other answer carries (a page must be able to read why it was refused).
TEST(Serve, RefusalsCarryTheCorsHeaderLikeEveryAnswer) {
    const Server server(shared_index(), {"--max-request-bytes", "1000"});
    const std::string origin = "Origin: https://page.example\r\n";
    struct Case {
        std::string status, request;
    };
    const std::vector<Case> cases = {
        {"413", "POST /articles HTTP/1.1\r\nHost: x\r\n" + origin +
                    "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n"},
        {"414", "GET /search?q=" + std::string(40000, 'w') + " HTTP/1.1\r\nHost: x\r\n\r\n"},
        // Just past the limit (8 KiB + 12 bytes x 2,000 query characters), sent whole.
        {"414", "GET /search?q=" + std::string(32200, 'w') + " HTTP/1.1\r\nHost: x\r\n\r\n"},
        {"431", "GET /search?q=" + std::string(31000, 'w') + " HTTP/1.1\r\nHost: x\r\n" + origin +
                    "X-Big: " + std::string(3000, 'b') + "\r\n\r\n"},
        {"431", "GET /health HTTP/1.1\r\nHost: x\r\n" + origin +
                    "X-Big: " + std::string(40000, 'b') + "\r\n\r\n"},
        {"400", "NOT HTTP AT ALL\r\n\r\n"},
    };
    for (const auto& c : cases) {
        const std::string got = exchange(server.port(), c.request);
        EXPECT_EQ(got.rfind("HTTP/1.1 " + c.status, 0), 0u)
            << c.status << ": " << got.substr(0, 300);
        EXPECT_NE(got.find("Access-Control-Allow-Origin: *"), std::string::npos)
            << c.status << ":\n"
            << got.substr(0, 500);
    }
}

// Finding 7: request text quoted in an error message is escaped, not cut at a NUL.
TEST(Serve, ErrorMessagesQuoteRequestTextWholeWithControlCharactersEscaped) {
    const Server server(shared_index());
    struct Case {
        std::string target;
        int status;
        std::string quoted;
    };
    const std::vector<Case> cases = {
        {"/search%00/etc", 404, "/search\\x00/etc"},
        {"/facets/actor%00x", 400, "actor\\x00x"},
        {"/search?limit=5%00abc", 400, "5\\x00abc"},
        {"/articles/a%01b%ff", 400, "a\\x01b\\xff"},
    };
    for (const auto& c : cases) {
        const Reply r = server.send("GET", c.target);
        expect_error(r, c.status, c.target);
        EXPECT_NE(r.body.value("error", "").find(c.quoted), std::string::npos)
            << c.target << ": " << r.text;
    }
}

// Finding 9: an id in the path is checked as one in ?id= is: not UTF-8 is 400, not 404.
TEST(Serve, APathThatIsNotUtf8IsABadRequest) {
    const Server server(shared_index());
    const Reply path = server.send("GET", "/articles/%ff%fe");
    expect_error(path, 400, "path not UTF-8");
    EXPECT_NE(path.body.value("error", "").find("UTF-8"), std::string::npos) << path.text;
    expect_error(server.send("GET", "/articles?id=%ff%fe"), 400, "?id= not UTF-8");
}

// Finding 8: a client that asks before sending its body (Expect: 100-continue) is told to
// go on at once, and gets its final answer after the body.
TEST(Serve, ExpectContinueIsAnsweredBeforeTheBody) {
    const Server server(shared_index(), {"--token", "s3cret"});
    const int fd = connect_from("127.0.0.1", server.port());
    ASSERT_GE(fd, 0);
    const std::string body = R"({"title":)";  // malformed: refused, the index unchanged
    const std::string head =
        "POST /articles HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
        "Authorization: Bearer s3cret\r\nContent-Type: application/json\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n";
    ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
    pollfd p{fd, POLLIN, 0};
    ASSERT_EQ(poll(&p, 1, 2000), 1) << "no answer to Expect: 100-continue within 2 s";
    char buffer[256];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    ASSERT_GT(n, 0);
    EXPECT_EQ(std::string(buffer, static_cast<std::size_t>(n)).rfind("HTTP/1.1 100", 0), 0u)
        << std::string(buffer, static_cast<std::size_t>(n));
    send(fd, body.data(), body.size(), MSG_NOSIGNAL);
    pollfd q{fd, POLLIN, 0};
    ASSERT_EQ(poll(&q, 1, 5000), 1);
    const ssize_t m = recv(fd, buffer, sizeof buffer, 0);
    close(fd);
    ASSERT_GT(m, 0);
    EXPECT_EQ(std::string(buffer, static_cast<std::size_t>(m)).rfind("HTTP/1.1 400", 0), 0u)
        << std::string(buffer, static_cast<std::size_t>(m));
}

// ...but one its head already refuses (no write token, a wrong one, no read key where reads
// need one) gets its 401 at once, without "100 Continue": its body is never asked for.
TEST(Serve, ExpectContinueWithoutCredentialsIsRefusedBeforeTheBody) {
    const std::string dir = fresh_dir("serve-expect-401");
    write_file(dir + "/keys", "r3ad\n");
    const Server server(shared_index(), {"--token", "s3cret", "--read-keys-file", dir + "/keys"});
    const std::vector<std::pair<std::string, std::string>> cases{
        {"POST /articles", ""},
        {"POST /articles", "Authorization: Bearer wrong\r\n"},
        {"POST /articles", "Authorization: Bearer r3ad\r\n"},  // a read key writes nothing
        {"DELETE /articles/x", "Authorization: Bearer wrong\r\n"},
        {"GET /search?q=x", ""},
    };
    for (const auto& [request, auth] : cases) {
        const int fd = connect_from("127.0.0.1", server.port());
        ASSERT_GE(fd, 0);
        const std::string head = request + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n" +
                                 auth + "Content-Length: 500000\r\n\r\n";
        ASSERT_EQ(send(fd, head.data(), head.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(head.size()));
        pollfd p{fd, POLLIN, 0};
        ASSERT_EQ(poll(&p, 1, 3000), 1) << request << ": no answer within 3 s";
        char buffer[1024];
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        close(fd);
        ASSERT_GT(n, 0) << request;
        const std::string answer(buffer, static_cast<std::size_t>(n));
        EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << request << " " << auth << answer;
        EXPECT_NE(answer.find("WWW-Authenticate"), std::string::npos) << answer;
    }
}

// Finding 6: a query of --max-query-chars characters fits the request head even in a
// script of several UTF-8 bytes per character (each byte percent-encoded).
TEST(Serve, AQueryAtTheCharacterLimitFitsTheRequestHeadInAnyScript) {
    const Server server(shared_index());
    std::string words;
    for (int i = 0; i < 500; ++i) words += "мир ";  // 2,000 characters, 3,500 bytes
    const json result = server.get(url("/search", {{"q", words}}));
    EXPECT_TRUE(result.contains("total")) << result;
    std::string four;  // 2,000 characters of 4 bytes: 24,000 bytes percent-encoded
    for (int i = 0; i < 2000; ++i) four += "\xF0\x9D\x90\x80";
    const Reply r = server.send("GET", url("/search", {{"q", four}}));
    EXPECT_EQ(r.status, 200) << r.text.substr(0, 300);
}

// Finding 9: a --listen host that is no address is a usage error, not an internal one.
TEST(Serve, AListenHostThatIsNoAddressIsAUsageError) {
    const RunResult r = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--listen", "nohost:80"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("nohost"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace parley::testing
