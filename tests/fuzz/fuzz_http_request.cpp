// HTTP request handling: the API's router and every endpoint, from the request as
// cpp-httplib hands it over (method, path URL-decoded, query parameters decoded, headers,
// body), on a small read-only index of corpora/ built once per process. The input is a
// request as sent on the wire:
//
//   GET /search?q=naval+drills&facets=actor HTTP/1.1
//   Authorization: Bearer x
//
//   body
//
// Every request gets an answer: never a 5xx (an internal error is a bug; the index is
// healthy); an API answer is JSON in UTF-8, an error one {"error": ..., "status": the
// status}; a file served is one of web/, whatever the path asks for. Writes are refused
// (no token), so the index stays as built: POST /articles bodies are the JSON Lines
// target's business. PARLEY_FUZZ_INDEX names a directory for the index (built when it
// holds none); by default a temporary one, removed at exit.

#include <httplib.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "api/api_context.hpp"
#include "api/routes.hpp"
#include "fuzz_checks.hpp"
#include "parley/article_reader.hpp"
#include "parley/index_writer.hpp"
#include "service/service_gate.hpp"

namespace {

namespace fs = std::filesystem;

struct Server {
    std::unique_ptr<parley::server::ApiContext> context;
    std::unique_ptr<parley::server::Router> router;
    // What every request passes in parley-serve; CORS limited to one origin, so that both
    // the allowed and the refused paths are reached.
    parley::server::Credentials credentials;
    parley::server::CorsPolicy cors{{"https://archive.example"}};
    std::unique_ptr<parley::server::ServiceGate> gate;
    std::set<std::string> web_files;  // the contents of every file of web/
};

std::string temporary_index;

void remove_temporary_index() {
    std::error_code ec;
    if (!temporary_index.empty()) fs::remove_all(temporary_index, ec);
}

std::string index_path() {
    if (const char* path = std::getenv("PARLEY_FUZZ_INDEX"); path && *path) return path;
    std::string dir = (fs::temp_directory_path() / "parley-fuzz-http-XXXXXX").string();
    if (!mkdtemp(dir.data())) {
        std::perror("mkdtemp");
        std::abort();
    }
    temporary_index = dir;
    std::atexit(remove_temporary_index);
    return dir;
}

void build_index(const std::string& path) {
    if (fs::exists(fs::path(path) / "XAPIANDB")) return;
    parley::IndexOptions options;
    options.path = path;
    options.threads = 1;
    parley::IndexWriter writer(options);
    parley::ReadOptions read;
    parley::IngestReport report;
    for (const char* dir : {"/articles", "/html", "/feeds"}) {
        parley::read_articles(
            std::string(PARLEY_CORPORA) + dir, read,
            [&](parley::Article&& article) { writer.add(std::move(article)); }, report);
    }
    writer.commit();
}

Server& server() {
    static Server* s = [] {
        auto* out = new Server;
        parley::server::ServerOptions options;
        options.index_path = index_path();
        options.web_dir = PARLEY_WEB_DIR;
        build_index(options.index_path);
        out->context = std::make_unique<parley::server::ApiContext>(options);
        out->router =
            std::make_unique<parley::server::Router>(parley::server::make_routes(*out->context));
        out->gate = std::make_unique<parley::server::ServiceGate>(
            *out->router, out->credentials, out->cors, out->context->metrics(), nullptr);
        for (const auto& entry : fs::recursive_directory_iterator(PARLEY_WEB_DIR)) {
            if (!entry.is_regular_file()) continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream content;
            content << in.rdbuf();
            out->web_files.insert(content.str());
        }
        return out;
    }();
    return *s;
}

// One line of `text` from `at`, without its CRLF or LF; `at` moves past it.
std::string_view take_line(std::string_view text, std::size_t& at) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    at = end + 1;
    return line;
}

// The request as cpp-httplib's server would build it from these bytes (a lenient reading:
// what it would refuse outright never reaches the router anyway).
httplib::Request request_from(std::string_view text) {
    httplib::Request request;
    std::size_t at = 0;
    const std::string_view line = take_line(text, at);
    const std::size_t space = std::min(line.find(' '), line.size());
    request.method = std::string(line.substr(0, space));
    std::string_view target = space < line.size() ? line.substr(space + 1) : std::string_view();
    if (const auto version = target.rfind(" HTTP/"); version != std::string_view::npos) {
        request.version = std::string(target.substr(version + 1));
        target = target.substr(0, version);
    }
    request.target = std::string(target);
    const std::size_t question = std::min(target.find('?'), target.size());
    request.path = httplib::detail::decode_url(std::string(target.substr(0, question)), false);
    if (question < target.size())
        httplib::detail::parse_query_text(std::string(target.substr(question + 1)), request.params);
    while (at < text.size()) {
        const std::string_view header = take_line(text, at);
        if (header.empty()) break;
        const std::size_t colon = header.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view value = header.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        request.headers.emplace(std::string(header.substr(0, colon)), std::string(value));
    }
    if (at < text.size()) request.body = std::string(text.substr(at));
    return request;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    server();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Server& s = server();
    const httplib::Request request = request_from(text);
    httplib::Response response;
    s.gate->handle(request, response);

    const std::string what = request.method + " " + request.target;
    PARLEY_FUZZ_CHECK(response.status >= 200 && response.status < 500, what + "\n" + response.body);
    const std::string type = response.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) == 0) {
        PARLEY_FUZZ_CHECK(parley::fuzz::is_utf8(response.body), what);
        const auto body = nlohmann::json::parse(response.body, nullptr, false);
        PARLEY_FUZZ_CHECK(!body.is_discarded(), what + "\n" + response.body);
        if (response.status >= 400) {
            PARLEY_FUZZ_CHECK(body.is_object() && body.contains("error") &&
                                  body["error"].is_string() &&
                                  body.value("status", 0) == response.status,
                              what + "\n" + response.body);
        }
    } else if (response.status == 204) {  // OPTIONS: headers only
        PARLEY_FUZZ_CHECK(request.method == "OPTIONS" && response.body.empty(), what);
        PARLEY_FUZZ_CHECK(!response.get_header_value("Allow").empty(), what);
    } else if (type.rfind("text/plain", 0) == 0) {  // /metrics
        PARLEY_FUZZ_CHECK(response.status == 200, what);
        PARLEY_FUZZ_CHECK(response.body.rfind("# HELP ", 0) == 0, what);
    } else {
        PARLEY_FUZZ_CHECK(response.status == 200, what);
        PARLEY_FUZZ_CHECK(s.web_files.count(response.body) == 1, what);
    }
    return 0;
}
