// parley-serve's service conventions: CORS, read keys, secrets from files and the
// environment, the config file, /metrics, the access log and /openapi.json.
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

namespace parley::testing {
namespace {

std::string write_with_mode(const std::string& path, const std::string& text, mode_t mode = 0600) {
    std::ofstream(path) << text;
    chmod(path.c_str(), mode);
    return path;
}

std::string header(const Reply& r, const std::string& name) {
    const auto it = r.headers.find(name);
    return it == r.headers.end() ? "" : it->second;
}

// The value of one sample line of a Prometheus exposition ("name{labels} value"), or -1.
double sample(const std::string& metrics, const std::string& series) {
    std::istringstream in(metrics);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
    }
    return -1;
}

TEST(ServeService, CorsAnswersEveryOriginByDefaultAndOnlyTheListedOnesWhenGiven) {
    {
        const Server open(shared_index());
        EXPECT_EQ(header(open.send("GET", "/health"), "Access-Control-Allow-Origin"), "*");
        const Reply preflight = open.send(
            "OPTIONS", "/articles", "", "",
            {{"Origin", "https://any.example"}, {"Access-Control-Request-Method", "POST"}});
        EXPECT_EQ(preflight.status, 204);
        // /articles takes DELETE ?id= as well as GET and POST.
        EXPECT_EQ(header(preflight, "Access-Control-Allow-Methods"),
                  "GET, HEAD, POST, DELETE, OPTIONS");
        EXPECT_NE(header(preflight, "Access-Control-Allow-Headers").find("Authorization"),
                  std::string::npos);
    }
    const Server server(shared_index(), {"--cors-origin", "https://archive.example",
                                         "--cors-origin", "http://localhost:3000"});
    const Reply listed = server.send("GET", "/search?q=sanctions&limit=1", "", "",
                                     {{"Origin", "http://localhost:3000"}});
    EXPECT_EQ(listed.status, 200);
    EXPECT_EQ(header(listed, "Access-Control-Allow-Origin"), "http://localhost:3000");
    EXPECT_EQ(header(listed, "Vary"), "Origin");
    const Reply other = server.send("GET", "/search?q=sanctions&limit=1", "", "",
                                    {{"Origin", "https://evil.example"}});
    EXPECT_EQ(other.status, 200);  // answered, but a browser will not hand it to the page
    EXPECT_EQ(header(other, "Access-Control-Allow-Origin"), "");

    const Reply preflight = server.send("OPTIONS", "/search", "", "",
                                        {{"Origin", "https://archive.example"},
                                         {"Access-Control-Request-Method", "GET"},
                                         {"Access-Control-Request-Headers", "authorization"}});
    EXPECT_EQ(preflight.status, 204);
    EXPECT_EQ(header(preflight, "Access-Control-Allow-Origin"), "https://archive.example");
    EXPECT_EQ(header(preflight, "Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
    EXPECT_EQ(header(preflight, "Access-Control-Max-Age"), "600");
    expect_error(
        server.send("OPTIONS", "/search", "", "",
                    {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "GET"}}),
        403, "preflight from an origin not listed");
    expect_error(server.send("OPTIONS", "/search", "", "",
                             {{"Origin", "https://archive.example"},
                              {"Access-Control-Request-Method", "DELETE"}}),
                 403, "preflight for a method the path does not have");
    expect_error(server.send("OPTIONS", "/nowhere"), 404, "OPTIONS on an unknown path");
    const Reply plain = server.send("OPTIONS", "/articles/some-id");
    EXPECT_EQ(plain.status, 204);
    EXPECT_EQ(header(plain, "Allow"), "GET, HEAD, DELETE, OPTIONS");

    const RunResult bad = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--cors-origin",
                               "https://archive.example/path"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("'https://archive.example/path' is not an origin"), std::string::npos)
        << bad.err;
}

TEST(ServeService, ReadKeysGuardTheApiButNotHealthTheDescriptionOrThePage) {
    const std::string dir = fresh_dir("serve-keys");
    const std::string keys =
        write_with_mode(dir + "/keys", "# analysts\nkey-for-analysts-1\n\nkey-for-the-page-2\n");
    const std::string token = write_with_mode(dir + "/token", "write-token-3\n");
    const Server server(shared_index(), {"--read-keys-file", keys, "--token-file", token});
    const Reply refused = server.send("GET", "/search?q=sanctions");
    expect_error(refused, 401, "search without a key");
    EXPECT_EQ(header(refused, "WWW-Authenticate"), "Bearer realm=\"parley\"");
    expect_error(server.send("GET", "/search?q=sanctions", "", "",
                             {{"Authorization", "Bearer key-for-analysts-0"}}),
                 401, "search with a wrong key");
    for (const char* key : {"key-for-analysts-1", "key-for-the-page-2", "write-token-3"}) {
        const Reply r = server.send("GET", "/search?q=sanctions&limit=1", "", "",
                                    {{"Authorization", std::string("Bearer ") + key}});
        EXPECT_EQ(r.status, 200) << key << ": " << r.text;
        EXPECT_GT(r.body.value("total", 0), 0) << key;
    }
    for (const char* open : {"/health", "/openapi.json", "/"})
        EXPECT_EQ(server.send("GET", open).status, 200) << open;
    for (const char* closed : {"/stats", "/metrics", "/facets/actor", "/suggest?q=chin",
                               "/articles/gsm-2023-brics-expansion"})
        expect_error(server.send("GET", closed), 401, closed);
    // A read key does not write.
    expect_error(server.send("DELETE", "/articles/gsm-2023-brics-expansion", "", "",
                             {{"Authorization", "Bearer key-for-analysts-1"}}),
                 401, "DELETE with a read key");
}

TEST(ServeService, SecretsComeFromFilesOrTheEnvironmentWithClearErrors) {
    const std::string dir = fresh_dir("serve-secrets");
    setenv("PARLEY_SERVE_READ_KEYS", "env-key-one, env-key-two", 1);
    {
        const Server server(shared_index());
        EXPECT_EQ(server.send("GET", "/stats").status, 401);
        EXPECT_EQ(
            server.send("GET", "/stats", "", "", {{"Authorization", "Bearer env-key-two"}}).status,
            200);
    }
    unsetenv("PARLEY_SERVE_READ_KEYS");

    const std::string spaced = write_with_mode(dir + "/spaced", "good-key\nbad key\n");
    RunResult r = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--read-keys-file", spaced});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(spaced + ":2: a read key cannot contain spaces"), std::string::npos)
        << r.err;
    const std::string empty = write_with_mode(dir + "/empty", "# nothing yet\n");
    r = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--token-file", empty});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(empty + ": no token in the file"), std::string::npos) << r.err;
    r = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--token-file", empty, "--token", "x"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not both"), std::string::npos) << r.err;
    r = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--token-file", dir + "/missing"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot read the token file"), std::string::npos) << r.err;
}

TEST(ServeService, AConfigFileSetsOptionsAndTheCommandLineWins) {
    const std::string dir = fresh_dir("serve-config");
    const std::string config = write_with_mode(
        dir + "/serve.conf",
        "# parley-serve options\nthreads = 2\ncors-origin = https://from-config.example\n"
        "access-log = " +
            dir + "/access.log\n");
    {
        const Server server(shared_index(), {"--config", config});
        EXPECT_EQ(header(server.send("GET", "/health", "", "",
                                     {{"Origin", "https://from-config.example"}}),
                         "Access-Control-Allow-Origin"),
                  "https://from-config.example");
    }
    {
        const Server server(shared_index(),
                            {"--config", config, "--cors-origin", "https://from-flag.example"});
        EXPECT_EQ(header(server.send("GET", "/health", "", "",
                                     {{"Origin", "https://from-config.example"}}),
                         "Access-Control-Allow-Origin"),
                  "");
        EXPECT_EQ(
            header(server.send("GET", "/health", "", "", {{"Origin", "https://from-flag.example"}}),
                   "Access-Control-Allow-Origin"),
            "https://from-flag.example");
    }
    std::ifstream log(dir + "/access.log");
    std::string line;
    std::size_t lines = 0;
    while (std::getline(log, line)) ++lines;
    EXPECT_EQ(lines, 3u) << "the config file's access log, for both servers";

    const std::string bad = write_with_mode(dir + "/bad.conf", "threads = 2\nthreds = 3\n");
    const RunResult r = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--config", bad});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(bad + ":2:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("threds"), std::string::npos) << r.err;

    // An option given twice is named where it comes again.
    const std::string twice =
        write_with_mode(dir + "/twice.conf", "threads = 2\n# the same again\nthreads = 3\n");
    const RunResult t = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--config", twice});
    EXPECT_EQ(t.exit_code, 2);
    EXPECT_NE(t.err.find(twice + ":3:"), std::string::npos) << t.err;

    // A config file naming another is refused, at its line (the comment above it aside).
    const std::string nested = write_with_mode(
        dir + "/nested.conf", "# serve config\nthreads = 2\nconfig = " + bad + "\n");
    const RunResult n = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--config", nested});
    EXPECT_EQ(n.exit_code, 2);
    EXPECT_NE(n.err.find(nested + ":3:"), std::string::npos) << n.err;

    // A number out of range is refused at its line, with the range; '-1' was read as the
    // largest size, so "max-request-bytes = -1" took any body at all.
    for (const std::string& line : {std::string("max-request-bytes = -1"),
                                    std::string("threads = -2"), std::string("threads = 4x")}) {
        const std::string numbers =
            write_with_mode(dir + "/numbers.conf", "# limits\n" + line + "\n");
        const RunResult b = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--config", numbers});
        EXPECT_EQ(b.exit_code, 2) << line;
        EXPECT_NE(b.err.find(numbers + ":2: the argument ('"), std::string::npos) << b.err;
        EXPECT_NE(b.err.find("is invalid: give a whole number from "), std::string::npos) << b.err;
    }
}

TEST(ServeService, MetricsCountRequestsLatencyErrorsAndIndexReopens) {
    const std::string index = index_corpora(fresh_dir("serve-metrics") + "/index");
    // One worker, so that the search after the write runs on the Searcher that must catch up.
    const Server server(index, {"--threads", "1", "--token", "s3cret"});
    for (int i = 0; i < 3; ++i) server.get("/search?q=sanctions&limit=1");
    server.get("/articles/no-such-article", 404);
    server.send("GET", "/nowhere");
    const double paragraphs = server.get("/health").at("paragraphs");
    std::string metrics = server.send("GET", "/metrics").text;
    EXPECT_EQ(sample(metrics,
                     R"(parley_http_requests_total{endpoint="/search",method="GET",status="200"})"),
              3);
    EXPECT_EQ(
        sample(
            metrics,
            R"(parley_http_requests_total{endpoint="/articles/{id...}",method="GET",status="404"})"),
        1);
    EXPECT_EQ(
        sample(metrics,
               R"m(parley_http_requests_total{endpoint="(unknown)",method="GET",status="404"})m"),
        1);
    EXPECT_EQ(sample(metrics, R"(parley_http_request_duration_seconds_count{endpoint="/search"})"),
              3);
    EXPECT_EQ(
        sample(metrics,
               R"(parley_http_request_duration_seconds_bucket{endpoint="/search",le="+Inf"})"),
        3);
    EXPECT_GT(sample(metrics, R"(parley_http_request_duration_seconds_sum{endpoint="/search"})"),
              0);
    EXPECT_EQ(sample(metrics, "parley_index_paragraphs"), paragraphs);
    EXPECT_GT(sample(metrics, "parley_index_size_bytes"), 100000);
    EXPECT_EQ(sample(metrics, "parley_index_readable"), 1);
    EXPECT_EQ(sample(metrics, "parley_index_reopens_total"), 0);
    EXPECT_NE(metrics.find("# TYPE parley_http_request_duration_seconds histogram"),
              std::string::npos);

    // A write commits; the next search catches up with the commit.
    const std::string article =
        R"({"id": "metrics-test", "title": "Metrics", "paragraphs": ["Quokkametric tariffs."]})";
    ASSERT_EQ(server
                  .send("POST", "/articles", article, "application/json",
                        {{"Authorization", "Bearer s3cret"}})
                  .status,
              200);
    EXPECT_EQ(server.get("/search?q=quokkametric").at("total"), 1);
    metrics = server.send("GET", "/metrics").text;
    EXPECT_GE(sample(metrics, "parley_index_reopens_total"), 1);
    EXPECT_EQ(sample(metrics, "parley_index_paragraphs"), paragraphs + 1);
    EXPECT_EQ(
        sample(metrics,
               R"(parley_http_requests_total{endpoint="/articles",method="POST",status="200"})"),
        1);
}

TEST(ServeService, TheAccessLogHasOneJsonLinePerRequest) {
    const std::string dir = fresh_dir("serve-log");
    {
        const Server server(shared_index(), {"--access-log", dir + "/access.log"});
        server.get("/search?q=naval%20drills&limit=1");
        server.get("/articles/no-such-article", 404);
        server.send("OPTIONS", "/search");
    }
    std::ifstream in(dir + "/access.log");
    std::vector<json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].at("method"), "GET");
    EXPECT_EQ(lines[0].at("path"), "/search");
    EXPECT_EQ(lines[0].at("query"), "q=naval%20drills&limit=1");
    EXPECT_EQ(lines[0].at("endpoint"), "/search");
    EXPECT_EQ(lines[0].at("status"), 200);
    EXPECT_EQ(lines[0].at("remote"), "127.0.0.1");
    EXPECT_GT(lines[0].at("bytes").get<int>(), 100);
    EXPECT_GE(lines[0].at("duration_ms").get<double>(), 0);
    EXPECT_EQ(lines[0].at("time").get<std::string>().size(), 24u);  // 2026-12-04T23:18:13.525Z
    EXPECT_EQ(lines[1].at("endpoint"), "/articles/{id...}");
    EXPECT_EQ(lines[1].at("status"), 404);
    EXPECT_EQ(lines[2].at("method"), "OPTIONS");
    EXPECT_EQ(lines[2].at("status"), 204);

    const RunResult r = run({PARLEY_SERVE_BIN, "--index", shared_index(), "--access-log",
                             dir + "/no/such/dir/access.log"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot open it for appending"), std::string::npos) << r.err;
}

TEST(ServeService, OpenApiDescribesEveryRoute) {
    const Server server(shared_index());
    const json doc = server.get("/openapi.json");
    EXPECT_EQ(doc.at("openapi"), "3.1.0");
    const RunResult version = run({PARLEY_SERVE_BIN, "--version"});
    EXPECT_NE(version.out.find("Parley " + doc.at("info").at("version").get<std::string>()),
              std::string::npos)
        << version.out;
    const json& paths = doc.at("paths");
    for (const char* path : {"/search", "/suggest", "/facets/{name}", "/articles", "/articles/{id}",
                             "/health", "/stats", "/metrics", "/openapi.json"})
        EXPECT_TRUE(paths.contains(path)) << path;
    EXPECT_TRUE(paths.at("/articles").contains("post"));
    EXPECT_TRUE(paths.at("/articles/{id}").contains("delete"));
    // Every $ref points at a schema the document defines.
    std::vector<const json*> todo{&doc};
    while (!todo.empty()) {
        const json* node = todo.back();
        todo.pop_back();
        if (node->is_object()) {
            if (node->contains("$ref")) {
                const std::string ref = node->at("$ref");
                const std::string prefix = "#/components/schemas/";
                ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
                EXPECT_TRUE(doc.at("components").at("schemas").contains(ref.substr(prefix.size())))
                    << ref;
            }
            for (const auto& [key, value] : node->items()) todo.push_back(&value);
        } else if (node->is_array()) {
            for (const auto& value : *node) todo.push_back(&value);
        }
    }
}

}  // namespace
}  // namespace parley::testing
