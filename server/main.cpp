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
    std::string index_path, listen, token, web_dir;
    std::size_t threads = 4;
    parley::server::ServerOptions server;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("listen,l", po::value<std::string>(&listen)->default_value("127.0.0.1:8080"),
         "HOST:PORT to listen on (port 0: any free port)")
        ("threads,t", po::value<std::size_t>(&threads)->default_value(4),
         "worker threads (each keeps a keep-alive connection while it is open)")
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
    if (server.limits.max_query_chars < 1) throw po::error("--max-query-chars must be at least 1");
    if (token.empty()) {
        if (const char* env = std::getenv("PARLEY_SERVE_TOKEN"); env) token = env;
    }

    // Fails now, with the command-line message, if there is no index to serve.
    parley::Searcher(index_path).paragraph_count();
    server.index_path = std::filesystem::absolute(index_path).lexically_normal().string();
    server.token = token;
    server.web_dir = web_dir;
    parley::server::ApiContext context(server);
    const parley::server::Router router = parley::server::make_routes(context);

    // SIGINT and SIGTERM are taken by one thread with sigwait(); every other thread,
    // including cpp-httplib's workers, starts with them blocked.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    httplib::Server http;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(server.limits.max_request_bytes);
    http.set_keep_alive_timeout(2);
    // Without it, Nagle's algorithm and the client's delayed ACK hold each response's last
    // segment back for ~40 ms.
    http.set_tcp_nodelay(true);
    // cpp-httplib's default also sets SO_REUSEPORT, which lets a second server bind the
    // same port and take half of the connections: reuse a port in TIME_WAIT only.
    http.set_socket_options([](socket_t sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    router.install(http, server.limits.max_request_bytes);

    int port = address.port;
    if (port == 0) {
        port = http.bind_to_any_port(address.host);
        if (port < 0) throw std::runtime_error("cannot listen on " + address.host);
    } else if (!http.bind_to_port(address.host, port)) {
        throw std::runtime_error("cannot listen on " + listen +
                                 " (in use, or not an address of this machine?)");
    }

    std::atomic<bool> stop_requested = false, listen_returned = false;
    std::thread stopper([&] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        stop_requested = true;
        // stop() acts only once the server runs; a signal may come just before.
        while (!listen_returned) {
            if (http.is_running()) {
                http.stop();
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });

    std::cout << kProgram << ": listening on http://" << url_host(address.host) << ":" << port
              << "/ (index " << server.index_path << ")" << std::endl;
    const bool listened = stop_requested || http.listen_after_bind();
    listen_returned = true;
    if (!stop_requested) kill(getpid(), SIGTERM);  // wakes the stopper thread
    stopper.join();
    if (!listened && !stop_requested) {
        std::cerr << kProgram << ": the server stopped unexpectedly\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return parley::cli::run_command(kProgram, [&] { return run(argc, argv); });
}
