// parley-serve: the HTTP API over a Parley index (search, articles, suggestions, facets,
// stats, token-protected writes) and the search page.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "api/api_context.hpp"
#include "api/routes.hpp"
#include "cli/cli_common.hpp"
#include "http/http_server.hpp"
#include "http/router.hpp"
#include "parley/searcher.hpp"

#ifndef PARLEY_WEB_DIR
#define PARLEY_WEB_DIR ""
#endif
#ifndef PARLEY_INSTALLED_WEB_DIR
#define PARLEY_INSTALLED_WEB_DIR ""
#endif

namespace {

namespace po = boost::program_options;
constexpr const char* kProgram = "parley-serve";

std::string default_web_dir() {
    std::error_code ec;
    if (std::filesystem::is_directory(PARLEY_WEB_DIR, ec)) return PARLEY_WEB_DIR;
    return PARLEY_INSTALLED_WEB_DIR;
}

constexpr const char* kUsage =
    "Usage: parley-serve [OPTIONS]\n\n"
    "Serves the HTTP API (GET /search, /suggest, /facets/NAME, /articles/ID, /health, /stats;\n"
    "POST /articles and DELETE /articles/ID with --token) and the search page at /.\n"
    "Index changes are seen without a restart. Stops on SIGINT or SIGTERM.\n";

struct Address {
    std::string host;
    int port = 0;
};

Address parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
        throw po::error("--listen must be HOST:PORT (e.g. 127.0.0.1:8080), not '" + text + "'");
    Address a;
    a.host = text.substr(0, colon);
    if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']')
        a.host = a.host.substr(1, a.host.size() - 2);  // [::1]:8080
    const std::string port = text.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 ||
        std::stoi(port) > 65535)
        throw po::error("--listen port must be 0 to 65535, not '" + port + "'");
    a.port = std::stoi(port);
    return a;
}

std::string url_host(const std::string& host) {
    return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

int run(int argc, char** argv) {
    std::string index_path, listen, token, web_dir, synonyms_path;
    std::size_t threads = 4;
    parley::server::ServerOptions server;
    parley::server::ConnectionLimits connection_limits;
    double head_seconds = 10;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("listen,l", po::value<std::string>(&listen)->default_value("127.0.0.1:8080"),
         "HOST:PORT to listen on (port 0: any free port)")
        ("threads,t", po::value<std::size_t>(&threads)->default_value(4),
         "worker threads running requests (connections are read and written apart from "
         "them: an idle or slow client holds none)")
        ("max-connections",
         po::value<std::size_t>(&connection_limits.max_connections)->default_value(1024),
         "open connections at most; more are answered 503")
        ("max-client-connections",
         po::value<std::size_t>(&connection_limits.max_connections_per_client)->default_value(64),
         "open connections from one address at most; more are answered 503")
        ("head-timeout", po::value<double>(&head_seconds)->default_value(10),
         "seconds a client has to send a request's line and headers")
        ("synonyms", po::value<std::string>(&synonyms_path),
         "synonyms file for every search (format in the README); PARLEY_SYNONYMS gives a "
         "default")
        ("token", po::value<std::string>(&token),
         "enable POST/DELETE /articles for requests with 'Authorization: Bearer TOKEN' "
         "(default: $PARLEY_SERVE_TOKEN; none: writes are refused)")
        ("web", po::value<std::string>(&web_dir)->default_value(default_web_dir()),
         "directory of the search page served at /")
        ("max-request-bytes",
         po::value<std::size_t>(&server.limits.max_request_bytes)->default_value(1 << 20),
         "largest request body accepted")
        ("max-query-chars",
         po::value<std::size_t>(&server.limits.max_query_chars)->default_value(2000),
         "longest query text accepted (characters)");
    // clang-format on
    const auto parsed = parley::cli::parse_command_line(
        std::vector<std::string>(argv + 1, argv + argc), options, "", kUsage);
    if (!parsed) return 0;
    const Address address = parse_listen(listen);
    if (threads < 1 || threads > 1024) throw po::error("--threads must be from 1 to 1024");
    if (connection_limits.max_connections < 1 || connection_limits.max_connections_per_client < 1)
        throw po::error("--max-connections and --max-client-connections must be at least 1");
    if (!(head_seconds > 0 && head_seconds <= 3600))
        throw po::error("--head-timeout must be over 0 and at most 3600 seconds");
    connection_limits.head_timeout =
        std::chrono::milliseconds(static_cast<long long>(head_seconds * 1000));
    if (server.limits.max_query_chars < 1) throw po::error("--max-query-chars must be at least 1");
    if (token.empty()) {
        if (const char* env = std::getenv("PARLEY_SERVE_TOKEN"); env) token = env;
    }

    // Fails now, with the command-line message, if there is no index to serve.
    parley::Searcher(index_path).paragraph_count();
    server.index_path = std::filesystem::absolute(index_path).lexically_normal().string();
    server.token = token;
    server.web_dir = web_dir;
    if (synonyms_path.empty()) {
        if (const char* env = std::getenv("PARLEY_SYNONYMS"); env) synonyms_path = env;
    }
    if (!synonyms_path.empty()) {
        // A bad line is reported and skipped; the server starts with the others.
        server.synonyms = parley::Synonyms::from_file(synonyms_path);
        for (const auto& problem : server.synonyms.problems())
            std::cerr << "parley-serve: warning: " << problem << "\n";
    }
    parley::server::ApiContext context(server);
    const parley::server::Router router = parley::server::make_routes(context);

    // SIGINT and SIGTERM are taken by one thread with sigwait(); every other thread,
    // the server's I/O and worker threads included, starts with them blocked.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    connection_limits.max_body_bytes = server.limits.max_request_bytes;
    parley::server::HttpServer http(
        connection_limits, threads,
        [&router](const httplib::Request& request, httplib::Response& response) {
            router.dispatch(request, response);
        },
        [max = server.limits.max_request_bytes](int status, httplib::Response& response) {
            parley::server::Router::refusal(status, max, response);
        });
    int port = 0;
    try {
        port = http.bind(address.host, address.port);
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot listen on " + listen + ": " + e.what() +
                                 " (in use, or not an address of this machine?)");
    }

    std::atomic<bool> signalled = false;
    std::thread stopper([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        signalled = true;
        http.stop();  // requests in flight are answered first
    });

    std::cout << kProgram << ": listening on http://" << url_host(address.host) << ":" << port
              << "/ (index " << server.index_path << ")" << std::endl;
    http.run();
    const bool unexpected = !signalled;
    if (unexpected) kill(getpid(), SIGTERM);  // wakes the stopper thread
    stopper.join();
    if (unexpected) {
        std::cerr << kProgram << ": the server stopped unexpectedly\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return parley::cli::run_command(kProgram, [&] { return run(argc, argv); });
}
