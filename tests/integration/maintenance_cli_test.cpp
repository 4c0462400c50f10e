// Looking after an index over time: `parley-index retag`, `compact` and `stats` run as
// programs on real indexes, beside another writer and when things go wrong around them.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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

// The shard directories of an index, listed or not.
std::vector<std::string> shard_directories(const std::string& index) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(index))
        if (entry.is_directory()) out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// A compaction that cannot write its copy (a full disk; here a file size limit, which
// fails the write as a full disk does) stops naming the shard, and leaves the index as it
// was: the same shards, the same content, and no half-written copy holding the room the
// next write needs (it stayed, a partial main.N+1 of up to the shard's size, until the next
// writer opened the index). Run again with room, it compacts.
TEST(Maintenance, ACompactionThatCannotWriteLeavesNoPartialCopy) {
    const std::string index = build_index(fresh_dir("maint-compact-full"));
    const std::string contents_before = dump_stats(index);
    const std::vector<std::string> shards_before = shard_directories(index);
    ASSERT_EQ(shards_before.size(), 1u);
    const json hits_before = search(index, {"sanctions"}).at("total");
    // Files of at most 100 KB (ulimit counts 512- or 1024-byte blocks: 100 or 200), the
    // signal ignored so that the write fails instead of ending the process. Xapian's
    // compactor leaks what it was writing when a write fails (all of it allocated inside
    // libxapian): under LeakSanitizer this one run checks no leaks, which are not Parley's.
    const RunResult r =
        run({"/bin/sh", "-c",
             "ulimit -f 200; trap '' XFSZ; "
             "export ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\"; "
             "exec \"$0\" compact --index \"$1\"",
             PARLEY_INDEX_BIN, index});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("compacting " + index + "/" + shards_before[0]), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("left as it was"), std::string::npos) << r.err;
    EXPECT_EQ(shard_directories(index), shards_before) << r.err;
    EXPECT_EQ(dump_stats(index), contents_before);
    EXPECT_EQ(search(index, {"sanctions"}).at("total"), hits_before);
    const RunResult again = run({PARLEY_INDEX_BIN, "compact", "--index", index});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("Compacted " + index + ": 1 shard, "), std::string::npos) << again.out;
    EXPECT_EQ(dump_stats(index), contents_before);
}

// compact --json says what the text says, as retag --json and stats --json do (it was a
// usage error, "unrecognised option '--json'").
TEST(Maintenance, CompactSaysWhatItDidInJson) {
    const std::string index = build_index(fresh_dir("maint-compact-json"));
    const RunResult r = run({PARLEY_INDEX_BIN, "compact", "--index", index, "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    const json report = json::parse(r.out);
    EXPECT_EQ(report.at("shards"), 1) << report;
    EXPECT_GT(report.at("bytes_before"), 0) << report;
    EXPECT_GT(report.at("bytes_after"), 0) << report;
    EXPECT_GE(report.at("seconds"), 0) << report;
    // The shards' bytes; stats counts the directory (its shard list and lock file too).
    const json stats =
        json::parse(run({PARLEY_INDEX_BIN, "stats", "--index", index, "--json"}).out);
    EXPECT_LE(report.at("bytes_after"), stats.at("size_bytes"));
}

// An index whose shard list and shard directories disagree — copied (cp -r, rsync) while a
// compaction replaced main.N by main.N+1, so that the copy lists main.N and holds main.N+1;
// or whose list names no shard — is refused by every writer with a message naming what is
// missing, and its shards stay. Writers took every shard directory the list did not name
// for an old generation and deleted it before they found the listed one missing: the
// copy's only shard was gone (and with an empty list, every shard of the index).
TEST(Maintenance, AWriterKeepsTheShardsOfAnIndexWhoseShardListDisagreesWithThem) {
    const std::string dir = fresh_dir("maint-stub");
    const std::string index = build_index(dir);
    const std::vector<std::string> shards = shard_directories(index);
    ASSERT_EQ(shards.size(), 1u);
    const std::string listed = shards[0];  // main.N
    const std::string next = "main." + std::to_string(std::stoi(listed.substr(5)) + 1);
    const std::vector<std::vector<std::string>> writers{
        {PARLEY_INDEX_BIN, "--quiet", PARLEY_CORPORA "/feeds"},
        {PARLEY_INDEX_BIN, "retag"},
        {PARLEY_INDEX_BIN, "compact"},
        {PARLEY_INDEX_BIN, "delete", "no-such-article"}};
    auto run_writer = [](std::vector<std::string> command, const std::string& at) {
        command.insert(command.begin() + 1, {"--index", at});
        return run(command);
    };

    const std::string copy = dir + "/copy";
    fs::copy(index, copy, fs::copy_options::recursive);
    fs::rename(copy + "/" + listed, copy + "/" + next);
    for (const auto& command : writers) {
        SCOPED_TRACE(command.at(1));
        const RunResult r = run_writer(command, copy);
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_NE(r.err.find(copy + ": its shard " + listed + " is missing"), std::string::npos)
            << r.err;
        EXPECT_EQ(shard_directories(copy), std::vector<std::string>{next});
    }
    // Put back, the copy is the index it was.
    fs::rename(copy + "/" + next, copy + "/" + listed);
    EXPECT_EQ(dump_stats(copy), dump_stats(index));

    write_file(index + "/XAPIANDB", "");
    for (const auto& command : writers) {
        SCOPED_TRACE(command.at(1));
        const RunResult r = run_writer(command, index);
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_NE(r.err.find(index + "/XAPIANDB lists no shard"), std::string::npos) << r.err;
        EXPECT_EQ(shard_directories(index), shards);
    }
}

}  // namespace
}  // namespace parley::testing
