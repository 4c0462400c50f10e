// parley-serve over a shard set: a local index as one shard, and a dead tcp:// shard, so that
// --allow-partial answers leave a shard out. Remote shards that answer are tested against
// real xapian-tcpsrv servers in tests/distributed.
#include <httplib.h>

#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// Nothing listens on port 1 of loopback: a shard whose every connection is refused.
const std::string kDeadShard = "down=tcp://127.0.0.1:1";

std::vector<std::string> live_and_dead(std::vector<std::string> more = {}) {
    std::vector<std::string> options{"--shard",  "live=" + shared_index(), "--shard",
                                     kDeadShard, "--shard-timeout",        "300"};
    options.insert(options.end(), more.begin(), more.end());
    return options;
}

void expect_names_dead_shard(const Reply& r, const std::string& what) {
    expect_error(r, 503, what);
    EXPECT_NE(r.body.value("error", "").find("down"), std::string::npos) << what << ": " << r.text;
}

// An answer naming the dead shard missing says why, as a search result does: the address
// tried and that it did not answer.
void expect_says_why_down_is_missing(const json& answer) {
    ASSERT_TRUE(answer.contains("missing_shard_reasons")) << answer;
    const std::string why = answer.at("missing_shard_reasons").value("down", "");
    EXPECT_NE(why.find("tcp://127.0.0.1:1"), std::string::npos) << answer;
    EXPECT_NE(why.find("no answer"), std::string::npos) << answer;
}

// Finding 2: every answer that leaves a shard out says so, and a lookup that finds nothing
// on the live shards is 503 naming the missing one (it may hold it), not 404.
TEST(ServeShardSet, EveryAnswerWithoutAShardSaysSo) {
    const Server server(Server::OfShards{}, live_and_dead({"--allow-partial"}));
    const json health = server.get("/health");
    EXPECT_EQ(health.at("status"), "partial") << health;
    EXPECT_EQ(health.at("missing_shards"), json::array({"down"})) << health;
    EXPECT_GT(health.at("paragraphs").get<int>(), 0);
    expect_says_why_down_is_missing(health);

    const json facets = server.get("/facets/year");
    EXPECT_EQ(facets.value("partial", false), true) << facets;
    EXPECT_EQ(facets.at("missing_shards"), json::array({"down"})) << facets;
    EXPECT_FALSE(facets.at("values").empty());
    expect_says_why_down_is_missing(facets);

    const json suggest = server.get(url("/suggest", {{"q", "oil sanc"}}));
    EXPECT_EQ(suggest.value("partial", false), true) << suggest;
    EXPECT_EQ(suggest.at("missing_shards"), json::array({"down"})) << suggest;
    expect_says_why_down_is_missing(suggest);
    EXPECT_FALSE(suggest.at("completions").empty()) << suggest;

    expect_names_dead_shard(server.send("GET", "/articles/no-such-article"), "article");
    expect_names_dead_shard(server.send("GET", url("/articles", {{"id", "no-such-article"}})),
                            "article by ?id=");
    expect_names_dead_shard(
        server.send("GET", url("/analyze/context", {{"article", "no-such"}, {"paragraph", "1"}})),
        "context");
    expect_names_dead_shard(
        server.send("GET", url("/analyze/more-like", {{"article", "no-such"}, {"paragraph", "1"}})),
        "more-like");
    // An article on the live shard is found as ever.
    EXPECT_EQ(server.get("/articles/gsm-2023-brics-expansion").at("article_id"),
              "gsm-2023-brics-expansion");

    // Metrics name the shard that is down, for an alert (they told only the paragraphs).
    const Reply metrics = server.send("GET", "/metrics");
    EXPECT_EQ(metrics.status, 200);
    EXPECT_NE(metrics.text.find("parley_shard_up{shard=\"down\"} 0\n"), std::string::npos)
        << metrics.text;
    EXPECT_NE(metrics.text.find("parley_shard_up{shard=\"live\"} 1\n"), std::string::npos)
        << metrics.text;
}

TEST(ServeShardSet, AWholeSetAnswersWithoutPartialMarks) {
    const Server server(Server::OfShards{}, {"--shard", "live=" + shared_index()});
    const json health = server.get("/health");
    EXPECT_EQ(health.at("status"), "ok") << health;
    EXPECT_FALSE(health.contains("missing_shards"));
    EXPECT_FALSE(health.contains("missing_shard_reasons"));
    EXPECT_FALSE(server.get("/facets/year").contains("partial"));
    EXPECT_FALSE(server.get(url("/suggest", {{"q", "oil sanc"}})).contains("partial"));
    const std::string metrics = server.send("GET", "/metrics").text;
    EXPECT_NE(metrics.find("parley_shard_up{shard=\"live\"} 1\n"), std::string::npos) << metrics;
    EXPECT_EQ(metrics.find("} 0\n", metrics.find("parley_shard_up")), std::string::npos) << metrics;
    expect_error(server.send("GET", "/articles/no-such-article"), 404, "a whole set: 404");
    // A shard set has no statistics, for good: 501, not a 503 that asks to retry.
    const Reply stats = server.send("GET", "/stats");
    expect_error(stats, 501, "/stats of a shard set");
    EXPECT_NE(stats.body.value("error", "").find("parley-index stats"), std::string::npos)
        << stats.text;
    EXPECT_EQ(stats.headers.count("Retry-After"), 0u) << stats.text;
}

// Finding 9: a write to a shard set's server is refused for what it is.
TEST(ServeShardSet, WritesAreRefusedAsAShardSetIsReadOnly) {
    const Server server(Server::OfShards{}, {"--shard", "live=" + shared_index()});
    const Reply r =
        server.send("POST", "/articles", R"({"title":"x","body":"y"})", "application/json");
    expect_error(r, 403, "POST to a shard set");
    EXPECT_NE(r.body.value("error", "").find("shard set"), std::string::npos) << r.text;
    EXPECT_EQ(r.body.value("error", "").find("--token"), std::string::npos) << r.text;
}

// Findings 4 and 9: overlapping shards, and a tcp:// address without a port, are usage
// errors (exit 2) naming what is wrong, before the server starts.
TEST(ServeShardSet, OverlappingOrMalformedShardsAreUsageErrors) {
    const std::string index = shared_index();
    struct Case {
        std::vector<std::string> shards;
        std::string named;  // what the message must name
    };
    const std::vector<Case> cases = {
        {{"--shard", "a=" + index, "--shard", "a=" + index}, "'a'"},
        {{"--shard", "a=" + index, "--shard", "b=" + index}, index},
        {{"--shard", "tcp://127.0.0.1"}, "tcp://127.0.0.1"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{PARLEY_SERVE_BIN, "--listen", "127.0.0.1:0"};
        args.insert(args.end(), c.shards.begin(), c.shards.end());
        const RunResult r = run(args);
        EXPECT_EQ(r.exit_code, 2) << c.named << "\n" << r.err;
        EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.named), std::string::npos) << r.err;
    }
}

}  // namespace
}  // namespace parley::testing
