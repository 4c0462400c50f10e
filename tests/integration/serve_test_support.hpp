// parley-serve as the integration tests run it: a process on a free loopback port, and an
// HTTP client for it.
#pragma once

#include <httplib.h>
#include <signal.h>

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli_test_support.hpp"

namespace parley::testing {

using nlohmann::json;

// The corpora of every kind — article files, web pages, feeds — indexed into `dir`.
inline std::string index_corpora(const std::string& dir) {
    const RunResult r =
        run({PARLEY_INDEX_BIN, "--index", dir, "--quiet", PARLEY_CORPORA "/articles",
             PARLEY_CORPORA "/html", PARLEY_CORPORA "/feeds"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return dir;
}

// One index per test process, for the tests that only read.
inline const std::string& shared_index() {
    static const std::string index = index_corpora(fresh_dir("serve") + "/index");
    return index;
}

inline std::string encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// "/search" + {{"q", "naval drills"}, {"limit", "5"}} → "/search?q=naval%20drills&limit=5"
inline std::string url(const std::string& path,
                       const std::vector<std::pair<std::string, std::string>>& params = {}) {
    std::string out = path;
    for (std::size_t i = 0; i < params.size(); ++i)
        out += (i ? "&" : "?") + params[i].first + "=" + encode(params[i].second);
    return out;
}

struct Reply {
    int status = 0;
    json body;
    httplib::Headers headers;
    std::string text;
};

// A parley-serve process on a free port of 127.0.0.1; stopped with SIGTERM at the end of
// the test, which must make it exit 0.
class Server {
  public:
    explicit Server(const std::string& index, const std::vector<std::string>& options = {}) {
        std::vector<std::string> args{PARLEY_SERVE_BIN, "--index", index};
        args.insert(args.end(), options.begin(), options.end());
        launch(args, "(index ");
    }

    /// The same from another copy of parley-serve (one installed into a prefix).
    struct Program {
        std::string path;
    };
    Server(const Program& program, const std::string& index,
           const std::vector<std::string>& options = {}) {
        std::vector<std::string> args{program.path, "--index", index};
        args.insert(args.end(), options.begin(), options.end());
        launch(args, "(index ");
    }

    /// A server of a shard set: `options` hold the --shard options.
    struct OfShards {};
    Server(OfShards, const std::vector<std::string>& options) {
        std::vector<std::string> args{PARLEY_SERVE_BIN};
        args.insert(args.end(), options.begin(), options.end());
        launch(args, " shard");  // "(1 shard)", "(3 shards)"
    }

  private:
    void launch(std::vector<std::string> args, const std::string& expected) {
        args.insert(args.end(), {"--listen", "127.0.0.1:0"});
        process_ = start(args);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        std::string line;
        while (std::chrono::steady_clock::now() < deadline) {
            const std::string out = process_.out();
            if (out.find('\n') != std::string::npos) {
                line = out.substr(0, out.find('\n'));
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        const std::string prefix = "parley-serve: listening on http://127.0.0.1:";
        if (line.rfind(prefix, 0) != 0) {
            ADD_FAILURE() << "no listening line; stdout: " << process_.out()
                          << "\nstderr: " << process_.err();
            return;
        }
        port_ = std::stoi(line.substr(prefix.size()));
        EXPECT_NE(line.find(expected), std::string::npos) << line;
    }

  public:
    ~Server() {
        if (process_.pid <= 0) return;
        kill(process_.pid, SIGTERM);
        const int code = wait_for(process_);
        EXPECT_EQ(code, 0) << "parley-serve did not stop cleanly; stderr: " << process_.err();
    }

    int port() const { return port_; }
    int pid() const { return process_.pid; }
    /// What the server has written to stderr so far (its warnings).
    std::string err() const { return process_.err(); }

    Reply send(const std::string& method, const std::string& target, const std::string& body = "",
               const std::string& content_type = "", const httplib::Headers& headers = {}) const {
        httplib::Client client("127.0.0.1", port_);
        client.set_url_encode(false);  // targets are encoded by url()
        client.set_read_timeout(30);
        httplib::Result r = method == "GET"      ? client.Get(target, headers)
                            : method == "POST"   ? client.Post(target, headers, body, content_type)
                            : method == "DELETE" ? client.Delete(target, headers)
                            : method == "PUT"    ? client.Put(target, headers, body, content_type)
                                                 : client.Options(target, headers);
        Reply reply;
        if (!r) {
            ADD_FAILURE() << method << " " << target << ": " << httplib::to_string(r.error());
            return reply;
        }
        reply.status = r->status;
        reply.headers = r->headers;
        reply.text = r->body;
        if (r->get_header_value("Content-Type").rfind("application/json", 0) == 0) {
            try {
                reply.body = json::parse(r->body);
            } catch (const std::exception& e) {
                ADD_FAILURE() << target << ": not JSON: " << e.what() << "\n" << r->body;
            }
        }
        return reply;
    }

    // GET that must answer `status` with JSON.
    json get(const std::string& target, int status = 200) const {
        const Reply r = send("GET", target);
        EXPECT_EQ(r.status, status) << target << "\n" << r.text;
        return r.body;
    }

  private:
    Background process_;
    int port_ = 0;
};

inline void expect_error(const Reply& r, int status, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << "\n" << r.text;
    ASSERT_TRUE(r.body.is_object()) << what << ": not a JSON error: " << r.text;
    EXPECT_EQ(r.body.value("status", 0), status) << what;
    EXPECT_FALSE(r.body.value("error", "").empty()) << what;
}

}  // namespace parley::testing
