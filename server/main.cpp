// parley-serve: the HTTP API over a Parley index (search, articles, suggestions, facets,
// stats, token-protected writes) and the search page.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "api/api_context.hpp"
#include "api/routes.hpp"
#include "cli/cli_common.hpp"
#include "cli/number_options.hpp"
#include "cli/shard_options.hpp"
#include "cli/synonyms_option.hpp"
#include "http/http_server.hpp"
#include "http/router.hpp"
#include "parley/error.hpp"
#include "parley/searcher.hpp"
#include "service/access_log.hpp"
#include "service/cors_policy.hpp"
#include "service/credentials.hpp"
#include "service/service_gate.hpp"
#include "util/files.hpp"

#ifndef PARLEY_SOURCE_WEB_DIR
#define PARLEY_SOURCE_WEB_DIR ""
#endif
#ifndef PARLEY_BUILD_PROGRAM_DIR
#define PARLEY_BUILD_PROGRAM_DIR ""
#endif
#ifndef PARLEY_WEB_DIR_FROM_PROGRAM
#define PARLEY_WEB_DIR_FROM_PROGRAM "../share/parley/web"
#endif

namespace {

namespace po = boost::program_options;
using parley::cli::number;
constexpr const char* kProgram = "parley-serve";

// The search page is found from where the program is, not from paths fixed at build time:
// installed, it is PREFIX/share/parley/web beside PREFIX/bin, whatever prefix
// `cmake --install --prefix` was given; run from its build tree, the source tree's web/.
// Empty (the page answers 404 saying so) when there is neither.
std::string default_web_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path program = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const fs::path dir = program.parent_path();
    if (fs::equivalent(dir, PARLEY_BUILD_PROGRAM_DIR, ec)) {
        return fs::is_directory(PARLEY_SOURCE_WEB_DIR, ec) ? PARLEY_SOURCE_WEB_DIR : "";
    }
    const fs::path installed = (dir / PARLEY_WEB_DIR_FROM_PROGRAM).lexically_normal();
    return fs::is_directory(installed, ec) ? installed.string() : "";
}

constexpr const char* kUsage =
    "Usage: parley-serve [OPTIONS]\n\n"
    "Serves the HTTP API (GET /search, /suggest, /facets/NAME, /analyze/VIEW, /articles/ID,\n"
    "/health, /stats, /metrics, /openapi.json; POST /articles and DELETE /articles/ID with a "
    "token) and the\n"
    "search page at /. Index changes are seen without a restart, and so are changes to the\n"
    "--shards and --synonyms files, which SIGHUP also reads again. Stops on SIGINT or SIGTERM,\n"
    "after answering the requests in flight. Options may also come from --config FILE\n"
    "(NAME = VALUE lines, NAME a long option without its dashes; options given here win).\n";

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
    boost::system::error_code not_ip;
    if (a.host != "localhost") boost::asio::ip::make_address(a.host, not_ip);
    if (not_ip)
        throw po::error("--listen host must be an IP address or localhost, not '" + a.host + "'");
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

// Adds the options of a config file to those of the command line, which win (Boost keeps the
// first value stored). Errors name the file, and the line where Boost quotes it.
void add_config_file(const std::string& path, const po::options_description& options,
                     po::variables_map& vm) {
    std::string why;
    const std::optional<std::string> text = parley::util::read_file(path, why);
    if (!text) throw parley::UsageError(path + ": cannot read the config file (--config): " + why);
    std::istringstream in(*text);
    try {
        const po::parsed_options from_file = po::parse_config_file(in, options);
        for (const auto& option : from_file.options) {
            // Only the file named on the command line is read: one named inside it was
            // ignored without a word.
            if (option.string_key == "config")
                throw po::error("option 'config' cannot be given in a config file");
        }
        po::store(from_file, vm);
    } catch (const po::error& e) {
        std::string where = path;
        const std::string message = e.what();
        // An option given twice is at fault where it comes again, not where it is first.
        int wanted = dynamic_cast<const po::multiple_occurrences*>(&e) ? 2 : 1;
        const auto open = message.find('\''), close = message.rfind('\'');
        // A bad value names its option: the line that sets it.
        const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
        std::string option = named ? named->get_option_name() : "";
        option.erase(0, option.find_first_not_of('-'));
        if (!option.empty() && !dynamic_cast<const po::multiple_occurrences*>(&e)) {
            std::istringstream again(*text);
            std::string line;
            for (int number = 1; std::getline(again, line); ++number) {
                const std::string key = line.substr(0, line.find('='));
                const auto first = key.find_first_not_of(" \t");
                if (first == std::string::npos) continue;
                if (key.substr(first, key.find_last_not_of(" \t") - first + 1) == option) {
                    where += ":" + std::to_string(number);
                    break;
                }
            }
        }
        if (where == path && open != std::string::npos && close > open + 1) {
            const std::string quoted = message.substr(open + 1, close - open - 1);
            std::istringstream again(*text);
            std::string line;
            for (int number = 1; std::getline(again, line); ++number) {
                const auto first = line.find_first_not_of(" \t");
                if (first == std::string::npos || line[first] == '#') continue;  // comments
                if (line.find(quoted) != std::string::npos && --wanted == 0) {
                    where += ":" + std::to_string(number);
                    break;
                }
            }
        }
        throw parley::UsageError(where + ": " + message);
    }
    po::notify(vm);
}

// The secret from the first of: the option, the file option, the environment variable.
std::string one_secret(const std::string& value, const std::string& file, const char* env) {
    if (!value.empty() && !file.empty()) throw po::error("give --token or --token-file, not both");
    if (!value.empty()) return value;
    if (!file.empty()) {
        const auto secrets = parley::server::read_secrets_file(file, "token");
        if (secrets.size() > 1)
            throw parley::UsageError(file + ": holds " + std::to_string(secrets.size()) +
                                     " tokens; the write token file holds one");
        return secrets.front();
    }
    if (const char* text = std::getenv(env); text) return text;
    return {};
}

int run(int argc, char** argv) {
    std::string index_path, listen, token, web_dir, config_path, token_file, read_keys_file,
        access_log_path, synonyms_path;
    std::vector<std::string> cors_origins;
    std::size_t threads = 4;
    parley::server::ServerOptions server;
    parley::server::ConnectionLimits connection_limits;
    double head_seconds = 10;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    parley::cli::ShardOptions shard_options;
    parley::cli::add_shard_options(options, shard_options, parley::cli::ShardFile::Followed);
    // clang-format off
    options.add_options()
        ("listen,l", po::value<std::string>(&listen)->default_value("127.0.0.1:8080"),
         "HOST:PORT to listen on (port 0: any free port)")
        ("threads,t", number<std::size_t>(&threads, 1, 1024)->default_value(4),
         "worker threads running requests (connections are read and written apart from "
         "them: an idle or slow client holds none)")
        ("max-connections",
         number<std::size_t>(&connection_limits.max_connections, 1)->default_value(1024),
         "open connections at most; more are answered 503")
        ("max-client-connections",
         number<std::size_t>(&connection_limits.max_connections_per_client, 1)->default_value(64),
         "open connections from one address at most; more are answered 503")
        ("head-timeout", number<double>(&head_seconds, 0.001, 3600, "seconds")->default_value(10),
         "seconds a client has to send a request's line and headers")
        ("config", po::value<std::string>(&config_path),
         "read options from FILE (NAME = VALUE lines; options on the command line win)")
        ("synonyms", po::value<std::string>(&synonyms_path),
         "synonyms file for every search (format in docs/searching.md), read again when it changes "
         "(a file that turns bad is not taken: the synonyms in use stay); PARLEY_SYNONYMS "
         "gives a default")
        ("token", po::value<std::string>(&token),
         "enable POST/DELETE /articles for requests with 'Authorization: Bearer TOKEN' "
         "(default: --token-file, else $PARLEY_SERVE_TOKEN; none: writes are refused). "
         "Prefer --token-file: a command line is visible to every user")
        ("token-file", po::value<std::string>(&token_file),
         "read the write token from FILE (its one non-comment line)")
        ("read-keys-file", po::value<std::string>(&read_keys_file),
         "make API reads need 'Authorization: Bearer KEY' with a KEY of FILE (one per line; "
         "also $PARLEY_SERVE_READ_KEYS, comma-separated); /health, /openapi.json and the "
         "page stay open")
        ("cors-origin", po::value<std::vector<std::string>>(&cors_origins),
         "repeatable: a web origin (https://host[:port]) whose pages may call the API, or *, "
         "or none (default: *)")
        ("access-log", po::value<std::string>(&access_log_path),
         "append one JSON line per request to FILE (- for standard output)")
        ("web", po::value<std::string>(&web_dir),
         "directory of the search page served at / (default: the one installed with "
         "parley-serve, in share/parley/web beside its bin/)")
        ("max-request-bytes",
         number<std::size_t>(&server.limits.max_request_bytes)->default_value(1 << 20),
         "largest request body accepted")
        ("max-query-chars",
         number<std::size_t>(&server.limits.max_query_chars, 1,
                             parley::SearchRequest::kMaxQueryBytes)
             ->default_value(2000),
         "longest query text accepted (characters)");
    // clang-format on
    const auto parsed = parley::cli::parse_command_line(
        std::vector<std::string>(argv + 1, argv + argc), options, "", kUsage);
    if (!parsed) return 0;
    po::variables_map vm = *parsed;
    if (!config_path.empty()) add_config_file(config_path, options, vm);
    const Address address = parse_listen(listen);
    if (threads < 1 || threads > 1024) throw po::error("--threads must be from 1 to 1024");
    if (connection_limits.max_connections < 1 || connection_limits.max_connections_per_client < 1)
        throw po::error("--max-connections and --max-client-connections must be at least 1");
    if (!(head_seconds > 0 && head_seconds <= 3600))
        throw po::error("--head-timeout must be over 0 and at most 3600 seconds");
    connection_limits.head_timeout =
        std::chrono::milliseconds(static_cast<long long>(head_seconds * 1000));
    if (server.limits.max_query_chars < 1 ||
        server.limits.max_query_chars > parley::SearchRequest::kMaxQueryBytes)
        throw po::error("--max-query-chars must be from 1 to " +
                        std::to_string(parley::SearchRequest::kMaxQueryBytes) +
                        " (a query's limit in bytes)");
    parley::server::Credentials credentials;
    credentials.write_token = one_secret(token, token_file, "PARLEY_SERVE_TOKEN");
    if (!read_keys_file.empty()) {
        credentials.read_keys = parley::server::read_secrets_file(read_keys_file, "read key");
    } else if (const char* keys = std::getenv("PARLEY_SERVE_READ_KEYS"); keys) {
        credentials.read_keys = parley::server::split_secrets(keys);
    }
    if (cors_origins.empty()) cors_origins = {"*"};
    if (cors_origins == std::vector<std::string>{"none"}) cors_origins.clear();
    const parley::server::CorsPolicy cors(cors_origins);
    std::unique_ptr<parley::server::AccessLog> access_log;
    if (!access_log_path.empty())
        access_log = std::make_unique<parley::server::AccessLog>(access_log_path);

    server.shard_set = parley::cli::shard_set_from(shard_options, vm);
    server.shard_options = shard_options;
    if (server.shard_set && !credentials.write_token.empty())
        throw po::error(
            "a server of a shard set is read-only: write to each shard's index with "
            "parley-index, not with a --token");
    // Fails now, with the command-line message, if there is no index to serve.
    // A shard set starts with a shard down (its searches answer 503 naming it, or partial
    // results), but not with none answering or one that is not a Parley index.
    if (server.shard_set) {
        parley::Searcher probe(*server.shard_set);
    } else {
        parley::Searcher(index_path).paragraph_count();
        server.index_path = std::filesystem::absolute(index_path).lexically_normal().string();
    }
    server.token = credentials.write_token;
    server.web_dir = vm.count("web") ? web_dir : default_web_dir();
    if (const auto synonyms = parley::cli::synonyms_source(synonyms_path)) {
        // A bad line is reported and skipped; the server starts with the others. What the
        // index's stemming leaves out is said once here rather than by each worker.
        parley::Searcher probe = server.shard_set ? parley::Searcher(*server.shard_set)
                                                  : parley::Searcher(server.index_path);
        try {
            parley::cli::use_synonyms_file(*synonyms, probe, "parley-serve", std::cerr,
                                           &server.synonyms);
        } catch (const parley::InputError& e) {  // a usage error, as an unreadable --config
            throw parley::UsageError(e.what());
        }
        server.synonyms_path = synonyms->path;
    }
    // Exports may take every worker but one, which stays free for searches.
    server.limits.max_exports = std::max<std::size_t>(1, threads - 1);
    parley::server::ApiContext context(server);
    const parley::server::Router router = parley::server::make_routes(context);
    const parley::server::ServiceGate gate(router, credentials, cors, context.metrics(),
                                           access_log.get());

    // SIGINT, SIGTERM and SIGHUP are taken by one thread with sigwait(); every other
    // thread, the server's I/O and worker threads included, starts with them blocked. So a
    // reload runs in that thread as ordinary code, not in a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    connection_limits.max_body_bytes = server.limits.max_request_bytes;
    // Room for a query of --max-query-chars characters of 4 UTF-8 bytes, each
    // percent-encoded (12 bytes), besides the headers: the head limit must not come first.
    connection_limits.max_head_bytes = 8192 + 12 * server.limits.max_query_chars;
    parley::server::HttpServer http(
        connection_limits, threads,
        [&gate](const httplib::Request& request, httplib::Response& response) {
            gate.handle(request, response);
        },
        [&gate, max = server.limits.max_request_bytes, head = connection_limits.max_head_bytes](
            int status, const httplib::Request& request, httplib::Response& response) {
            parley::server::Router::refusal(status, max, head, response);
            gate.refused(request, status, response);
        },
        [&gate](const httplib::Request& head, httplib::Response& response) {
            return gate.answer_before_body(head, response);
        });
    int port = 0;
    try {
        port = http.bind(address.host, address.port);
    } catch (const std::exception& e) {
        // A usage error: the option names what cannot be listened on.
        throw parley::Error("cannot listen on " + listen + ": " + e.what() +
                            " (in use, or not an address of this machine?)");
    }

    std::atomic<bool> signalled = false;
    std::thread stopper([&] {
        int signal_number = 0;
        // SIGHUP (systemctl reload): the files the server follows are read again now, while
        // the workers go on answering; a stop waits for a reload under way.
        while (sigwait(&signals, &signal_number) == 0 && signal_number == SIGHUP) {
            context.reload_files();
        }
        signalled = true;
        http.stop();  // requests in flight are answered first
    });

    std::cout << kProgram << ": listening on http://" << url_host(address.host) << ":" << port
              << "/ ("
              << (server.shard_set
                      ? std::to_string(server.shard_set->shards.size()) +
                            (server.shard_set->shards.size() == 1 ? " shard" : " shards")
                      : "index " + server.index_path)
              << ")" << std::endl;
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
