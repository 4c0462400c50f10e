// What an operator meets installing Parley: a parley-serve copied under any prefix finds the
// search page installed beside it, and a directory given where a file is expected (a config,
// a secrets file, a gazetteer, a list) is refused with its path, never read as an empty file.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_support.hpp"
#include "serve_test_support.hpp"

namespace parley::testing {
namespace {

namespace fs = std::filesystem;

TEST(InstalledFiles, AnInstalledServerFindsTheSearchPageUnderItsOwnPrefix) {
    // `cmake --install --prefix P` puts the program in P/bin and the page in
    // P/share/parley/web; the prefix is chosen at install time, after the build.
    const std::string prefix = fresh_dir("installed-serve") + "/opt/parley";
    fs::create_directories(prefix + "/bin");
    fs::copy_file(PARLEY_SERVE_BIN, prefix + "/bin/parley-serve");
    write_file(prefix + "/share/parley/web/index.html", "<title>the installed page</title>");
    {
        const Server server(Server::Program{prefix + "/bin/parley-serve"}, shared_index());
        const Reply page = server.send("GET", "/");
        EXPECT_EQ(page.status, 200) << page.text;
        EXPECT_EQ(page.text, "<title>the installed page</title>");
    }
    // Without the page beside it, it says so (and never serves the tree it was built from).
    fs::remove_all(prefix + "/share");
    const Server bare(Server::Program{prefix + "/bin/parley-serve"}, shared_index());
    const Reply missing = bare.send("GET", "/");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.text.find("no web directory"), std::string::npos) << missing.text;
    // --help names no directory of the build machine.
    const RunResult help = run({prefix + "/bin/parley-serve", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    const std::string source = fs::path(PARLEY_CORPORA).parent_path().string();
    EXPECT_EQ(help.out.find(source), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("share/parley/web"), std::string::npos) << help.out;
}

TEST(InstalledFiles, ADirectoryGivenForAFileIsRefusedNamingIt) {
    const std::string dir = fresh_dir("directory-for-file");
    const std::string index = shared_index();
    // The server's files are read before its index is opened: with no index there, a server
    // that took the directory for an empty file stops at the index instead of running.
    const std::string none = dir + "/no-index";
    const std::vector<std::vector<std::string>> commands{
        {PARLEY_SERVE_BIN, "--index", none, "--listen", "127.0.0.1:0", "--config", dir},
        {PARLEY_SERVE_BIN, "--index", none, "--listen", "127.0.0.1:0", "--token-file", dir},
        {PARLEY_SERVE_BIN, "--index", none, "--listen", "127.0.0.1:0", "--read-keys-file", dir},
        {PARLEY_SEARCH_BIN, "--index", index, "--synonyms", dir, "naval"},
        {PARLEY_SEARCH_BIN, "--shards", dir, "naval"},
        {PARLEY_INDEX_BIN, "fetch", "--index", dir + "/new", "--urls-file", dir},
        {PARLEY_INDEX_BIN, "--index", dir + "/new", "--gazetteer", dir, PARLEY_CORPORA "/articles"},
    };
    for (const auto& command : commands) {
        const RunResult r = run(command);
        std::string line;
        for (const auto& a : command) line += a + " ";
        EXPECT_NE(r.exit_code, 0) << line;
        EXPECT_NE(r.err.find(dir + ": cannot read"), std::string::npos) << line << "\n" << r.err;
        EXPECT_NE(r.err.find("it is a directory"), std::string::npos) << line << "\n" << r.err;
    }
    EXPECT_FALSE(fs::exists(dir + "/new")) << "an index was made with an empty gazetteer";
}

}  // namespace
}  // namespace parley::testing
