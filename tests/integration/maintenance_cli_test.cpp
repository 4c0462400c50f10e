// Looking after an index over time: `parley-index retag`, `compact` and `stats` run as
// programs on real indexes, beside another writer and when things go wrong around them.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The writer lock as another parley-index holds it: an flock() on DIR/parley.lock.
class HeldLock {
  public:
    explicit HeldLock(const std::string& index) {
        fd_ = ::open((index + "/parley.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        EXPECT_GE(fd_, 0);
        EXPECT_EQ(::flock(fd_, LOCK_EX | LOCK_NB), 0);
    }
    ~HeldLock() { release(); }
    void release() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

  private:
    int fd_ = -1;
};

// What `stats --json` says of an index's content (its path and size on disk left out).
std::string dump_stats(const std::string& index) {
    const RunResult r = run({PARLEY_INDEX_BIN, "stats", "--index", index, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    json stats = json::parse(r.out);
    stats.erase("size_bytes");
    stats.erase("path");
    return stats.dump();
}

std::string build_index(const std::string& dir) {
    const std::string index = dir + "/index";
    const RunResult r =
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", PARLEY_CORPORA "/articles/txt"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return index;
}

// While another writer holds the lock (a compaction or a bulk build's checkpoint writing the
// next generation of a shard beside the listed one), `retag` and `compact` stop at once,
// saying so, and leave the other writer's files alone. `retag` without --gazetteer opened
// the shards for writing before it took the lock, and opening cleans up the shard
// directories the index does not list: it deleted the generation being written, and the
// compaction failed (Couldn't create .../main.4/termlist.glass).
TEST(Maintenance, RetagAndCompactLeaveAnotherWritersFilesAlone) {
    const std::string index = build_index(fresh_dir("maint-locked"));
    const std::string contents_before = dump_stats(index);
    HeldLock other(index);
    const std::string next = index + "/main.99";  // what the other writer is writing
    write_file(next + "/iamglass", "being written");
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{PARLEY_INDEX_BIN, "retag", "--index", index},
          std::vector<std::string>{PARLEY_INDEX_BIN, "retag", "--index", index, "--gazetteer",
                                   PARLEY_CORPORA "/gazetteer/default.gazetteer"},
          std::vector<std::string>{PARLEY_INDEX_BIN, "compact", "--index", index}}) {
        SCOPED_TRACE(command.at(1) + " " + std::to_string(command.size()));
        const RunResult r = run(command);
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_NE(r.err.find(index + ": another writer"), std::string::npos) << r.err;
        EXPECT_TRUE(fs::exists(next + "/iamglass")) << "the other writer's files were removed";
    }
    other.release();
    fs::remove_all(next);
    const RunResult retag = run({PARLEY_INDEX_BIN, "retag", "--index", index});
    EXPECT_EQ(retag.exit_code, 0) << retag.err;
    EXPECT_EQ(dump_stats(index), contents_before);
}

}  // namespace
}  // namespace parley::testing
