// parley-serve following its --shards file while it serves: year shards of one index, each
// behind its own xapian-tcpsrv on loopback, added to the file, removed from it, and the file
// edited into a bad list, all without a restart and without a failed request.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

// One index sharded by year: two articles of 2022 and two of 2023, all about sanctions.
const std::string& reload_year_shards() {
    static const std::string index = [] {
        const std::string dir = fresh_dir("shards-reload");
        const auto article = [&](const std::string& name, const std::string& date,
                                 const std::string& body) {
            write_file(dir + "/docs/" + name + ".txt",
                       "Title: " + name + "\nDate: " + date + "\n\n" + body + "\n");
        };
        article("grain-2022", "2022-03-01", "Sanctions on grain exports were eased in March.");
        article("oil-2022", "2022-09-12", "New sanctions on oil took effect in September.");
        article("banks-2023", "2023-02-20", "Sanctions on banks were widened in February.");
        article("gas-2023", "2023-06-05", "Gas sanctions were debated again in June.");
        const std::string index_path = dir + "/index";
        const RunResult r = run({PARLEY_INDEX_BIN, "--index", index_path, "--shard-by", "year",
                                 "--quiet", dir + "/docs"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return index_path;
    }();
    return index;
}

// A free port of loopback, as the kernel hands one out.
int reload_free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    bind(fd, reinterpret_cast<sockaddr*>(&address), size);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    close(fd);
    return ntohs(address.sin_port);
}

bool reload_port_answers(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

// A shard database behind its own xapian-tcpsrv on loopback, stopped with its process
// group (the server forks one process per connection).
class ReloadShardServer {
  public:
    explicit ReloadShardServer(const std::string& database) : port_(reload_free_port()) {
        process_ = start({"xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
                          std::to_string(port_), database},
                         true);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!reload_port_answers(port_) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        EXPECT_TRUE(reload_port_answers(port_))
            << "xapian-tcpsrv " << database << ": " << process_.err();
    }
    ~ReloadShardServer() {
        kill(-process_.pid, SIGTERM);
        wait_for(process_);
    }
    ReloadShardServer(const ReloadShardServer&) = delete;
    ReloadShardServer& operator=(const ReloadShardServer&) = delete;

    std::string address() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

  private:
    int port_;
    Background process_;
};

// Calls `check` until it holds, or 10 s have passed (the server looks once a second).
bool reload_eventually(const std::function<bool()>& check) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (check()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return check();
}

using ReloadTitles = std::set<std::string>;
const ReloadTitles kTitles2022{"grain-2022", "oil-2022"};
const ReloadTitles kTitles2023{"banks-2023", "gas-2023"};
const ReloadTitles kTitlesBoth{"grain-2022", "oil-2022", "banks-2023", "gas-2023"};

std::string reload_sanctions_search() {
    return url("/search", {{"q", "sanctions"}, {"facets", "year"}, {"limit", "10"}});
}

TEST(ServeShardsReload, AnEditedShardListIsFollowedWithoutARestart) {
    const std::string index = reload_year_shards();
    const ReloadShardServer y2022(index + "/y2022.1");
    const ReloadShardServer y2023(index + "/y2023.1");
    const std::string file = fresh_dir("shards-reload-file") + "/cluster.txt";
    const std::string one = "y2022=" + y2022.address() + "\n";
    const std::string both = one + "y2023=" + y2023.address() + "\n";
    write_file(file, "# the year shards\n" + one);
    const Server server(Server::OfShards{}, {"--shards", file, "--shard-timeout", "2000"});
    const auto found = [&] { return titles(server.get(reload_sanctions_search())); };
    const auto metrics = [&] { return server.send("GET", "/metrics").text; };
    EXPECT_EQ(found(), kTitles2022);

    // Searches go on while the list changes: each is answered, from the old set or the new.
    std::atomic<bool> stop = false;
    std::vector<std::string> failures;
    std::thread client([&] {
        while (!stop) {
            const Reply r = server.send("GET", reload_sanctions_search());
            const std::size_t total = r.status == 200 ? r.body.value("total", 0u) : 0;
            if (r.status != 200 || (total != 2 && total != 4))
                failures.push_back(std::to_string(r.status) + " " + r.text);
        }
    });

    // A shard added to the file: its articles are found and counted, without a restart.
    write_file(file, both);
    EXPECT_TRUE(reload_eventually([&] { return found() == kTitlesBoth; })) << server.err();
    const json result = server.get(reload_sanctions_search());
    EXPECT_EQ(result.value("total", 0), 4) << result;
    EXPECT_EQ(facet_count(result, "year", "2022"), 2u) << result;
    EXPECT_EQ(facet_count(result, "year", "2023"), 2u) << result;
    EXPECT_FALSE(result.contains("partial")) << result;
    EXPECT_NE(
        server.err().find(file + ": read again, 2 shards: added y2023 (" + y2023.address() + ")\n"),
        std::string::npos)
        << server.err();
    EXPECT_TRUE(reload_eventually([&] {
        return metrics().find("parley_shard_up{shard=\"y2023\"} 1\n") != std::string::npos;
    })) << metrics();

    // A bad edit (an address without a port): not taken, said once by file and line; the
    // set in use stays.
    write_file(file, one + "y2023=tcp://127.0.0.1\n");
    const std::string bad = file + ":2: shard 'y2023=tcp://127.0.0.1': 'tcp://127.0.0.1' is not";
    EXPECT_TRUE(reload_eventually([&] {
        found();  // a request makes the server look
        return server.err().find(bad) != std::string::npos;
    })) << server.err();
    EXPECT_NE(server.err().find("the shard set in use stays until the file is fixed"),
              std::string::npos)
        << server.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // a second look
    EXPECT_EQ(found(), kTitlesBoth);
    EXPECT_EQ(server.err().find(bad, server.err().find(bad) + 1), std::string::npos)
        << "said twice: " << server.err();

    // Overlapping shards (one database twice): refused the same way, naming both lines.
    write_file(file, both + "again=" + y2022.address() + "\n");
    EXPECT_TRUE(reload_eventually([&] {
        found();
        return server.err().find(file + ":3: shard address '" + y2022.address() +
                                 "' is given twice (first on line 1)") != std::string::npos;
    })) << server.err();
    EXPECT_EQ(found(), kTitlesBoth);

    // A shard removed from the file: its articles are no longer found, counted or watched.
    write_file(file, "y2023=" + y2023.address() + "\n");
    EXPECT_TRUE(reload_eventually([&] { return found() == kTitles2023; })) << server.err();
    const json after = server.get(reload_sanctions_search());
    EXPECT_EQ(facet_count(after, "year", "2022"), 0u) << after;
    EXPECT_EQ(facet_count(after, "year", "2023"), 2u) << after;
    EXPECT_NE(server.err().find(file + ": read again, 1 shard: removed y2022\n"), std::string::npos)
        << server.err();
    EXPECT_TRUE(reload_eventually([&] {
        return metrics().find("shard=\"y2022\"") == std::string::npos;
    })) << metrics();

    stop = true;
    client.join();
    EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
}

TEST(ServeShardsReload, SighupReadsTheListAgainAndTheServerGoesOn) {
    const std::string index = reload_year_shards();
    const ReloadShardServer y2022(index + "/y2022.1");
    const std::string dir = fresh_dir("shards-reload-hup");
    const std::string file = dir + "/cluster.txt", synonyms = dir + "/synonyms.txt";
    write_file(file, "y2022=" + y2022.address() + "\n");
    write_file(synonyms, "sanctions, embargo\n");
    const Server server(Server::OfShards{},
                        {"--shards", file, "--shard-timeout", "2000", "--synonyms", synonyms});
    EXPECT_EQ(titles(server.get(reload_sanctions_search())), kTitles2022);
    // Unchanged, but both files read at once when asked, with no request to make the server
    // look.
    kill(server.pid(), SIGHUP);
    EXPECT_TRUE(reload_eventually([&] {
        return server.err().find(file + ": read again, 1 shard, unchanged\n") !=
                   std::string::npos &&
               server.err().find(synonyms + ": read again, 1 group\n") != std::string::npos;
    })) << server.err();
    EXPECT_EQ(titles(server.get(reload_sanctions_search())), kTitles2022);
}

}  // namespace
}  // namespace parley::testing
