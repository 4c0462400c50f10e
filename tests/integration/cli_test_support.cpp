#include "cli_test_support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace parley::testing {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Cleanup {
    std::vector<fs::path> dirs;
    ~Cleanup() {
        std::error_code ec;
        for (const auto& d : dirs) fs::remove_all(d, ec);
    }
};
Cleanup cleanup;

}  // namespace

std::string fresh_dir(const std::string& name) {
    static int counter = 0;
    const fs::path dir = fs::temp_directory_path() / ("parley-it-" + std::to_string(::getpid()) +
                                                      "-" + std::to_string(counter++) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    cleanup.dirs.push_back(dir);
    return dir.string();
}

void write_file(const std::string& path, const std::string& content) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

std::string Background::out() const { return slurp(out_path); }
std::string Background::err() const { return slurp(err_path); }

Background start(const std::vector<std::string>& args, bool own_session) {
    static int counter = 0;
    static const std::string io = fresh_dir("background");
    Background b;
    const std::string stem = io + "/" + std::to_string(counter++);
    b.out_path = stem + ".out";
    b.err_path = stem + ".err";
    write_file(b.out_path, "");
    write_file(b.err_path, "");
    const pid_t pid = fork();
    if (pid == 0) {
        if (own_session) setsid();
        const int in = open("/dev/null", O_RDONLY);
        const int out = open(b.out_path.c_str(), O_WRONLY | O_TRUNC);
        const int err = open(b.err_path.c_str(), O_WRONLY | O_TRUNC);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    b.pid = pid;
    return b;
}

int wait_for(Background& process) {
    int status = 0;
    waitpid(process.pid, &status, 0);
    process.pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

RunResult run(const std::vector<std::string>& args, const std::string& input,
              const std::vector<std::string>& env) {
    static const std::string io = fresh_dir("io");
    const std::string in_path = io + "/stdin", out_path = io + "/stdout", err_path = io + "/stderr";
    write_file(in_path, input);
    const pid_t pid = fork();
    if (pid == 0) {
        const int in = open(in_path.c_str(), O_RDONLY);
        const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

nlohmann::json search(const std::string& index, const std::vector<std::string>& args) {
    std::vector<std::string> argv{PARLEY_SEARCH_BIN, "--index", index, "--json"};
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult r = run(argv);
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << "exit " << r.exit_code << ": " << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    try {
        return nlohmann::json::parse(r.out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
        return {};
    }
}

const std::string& corpora_index() {
    static const std::string index = [] {
        const std::string dir = fresh_dir("corpora") + "/index";
        const RunResult r =
            run({PARLEY_INDEX_BIN, "--index", dir, "--quiet", PARLEY_CORPORA "/articles"});
        if (r.exit_code != 0) ADD_FAILURE() << "indexing corpora failed: " << r.err;
        return dir;
    }();
    return index;
}

std::size_t paragraph_count(const std::string& index) {
    const RunResult r = run({PARLEY_INDEX_BIN, "stats", "--index", index, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out).at("paragraphs").get<std::size_t>();
}

std::string dump_index(const std::string& index, const std::string& mode) {
    const RunResult r = run({"/usr/bin/python3", PARLEY_TEST_TOOLS "/dump_index.py", index, mode});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
}

std::size_t facet_count(const nlohmann::json& result, const std::string& facet,
                        const std::string& value) {
    for (const auto& v : result.at("facets").at(facet)) {
        if (v.at("value") == value) return v.at("count");
    }
    return 0;
}

bool contains(const nlohmann::json& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::set<std::string> titles(const nlohmann::json& result) {
    std::set<std::string> out;
    for (const auto& hit : result.at("hits")) out.insert(hit.at("title").get<std::string>());
    return out;
}

bool has_note(const nlohmann::json& result, const std::string& part) {
    for (const auto& note : result.at("notes")) {
        if (note.get<std::string>().find(part) != std::string::npos) return true;
    }
    return false;
}

}  // namespace parley::testing
