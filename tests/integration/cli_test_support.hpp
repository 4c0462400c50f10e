#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace parley::testing {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs a program (no shell), feeding `input` on stdin; `env` adds NAME=VALUE pairs.
RunResult run(const std::vector<std::string>& args, const std::string& input = "",
              const std::vector<std::string>& env = {});

/// A program started in the background, its output going to files.
struct Background {
    int pid = -1;
    std::string out_path, err_path;
    std::string out() const;  ///< what it has written to stdout so far
    std::string err() const;
};

/// Starts a program (no shell) without waiting for it. `own_session`: in a session and
/// process group of its own (xapian-tcpsrv answers SIGTERM by signalling its whole group).
Background start(const std::vector<std::string>& args, bool own_session = false);
/// Waits for it to end; returns its exit code (or 128 + signal).
int wait_for(Background& process);

/// A fresh, empty, unique directory under the system temp dir, removed at exit.
std::string fresh_dir(const std::string& name);

/// Writes `content` to `path`, creating parent directories.
void write_file(const std::string& path, const std::string& content);

/// parley-search --json against `index`; fails the test unless the exit code is 0 or 1.
nlohmann::json search(const std::string& index, const std::vector<std::string>& args);

/// The corpora indexed once per test process, shared by the search tests.
const std::string& corpora_index();

/// Number of paragraphs in an index, from `parley-index stats --json`.
std::size_t paragraph_count(const std::string& index);

/// tests/tools/dump_index.py on `index`: its contents in a form to compare ("all"), or "ok"
/// ("check"); fails the test unless the script succeeds.
std::string dump_index(const std::string& index, const std::string& mode = "all");

/// The count of `value` in a JSON answer's facet `facet` (0 when not listed).
std::size_t facet_count(const nlohmann::json& result, const std::string& facet,
                        const std::string& value);

/// Whether the JSON array `list` holds the string `value`.
bool contains(const nlohmann::json& list, const std::string& value);

/// The titles of a JSON search answer's hits.
std::set<std::string> titles(const nlohmann::json& result);

/// Whether one of a JSON search answer's notes holds `part`.
bool has_note(const nlohmann::json& result, const std::string& part);

}  // namespace parley::testing
