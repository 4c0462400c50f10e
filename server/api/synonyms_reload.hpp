#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "parley/searcher.hpp"
#include "parley/synonyms.hpp"

namespace parley::server {

/// The synonyms every search of the server uses, read again from their file when it
/// changes, without a restart. Thread-safe.
///
/// The file's modification time and size are looked at by the first request after each
/// kInterval (at most one look a second, for the whole server); when either has changed
/// (and not in the last kSettle), that request reads the file and analyses it while the other
/// workers go on searching with the synonyms they have. A file that cannot be read, or holds a line
/// or member that cannot be used, is not taken: the synonyms in use stay, and each problem is
/// written to stderr as `parley-serve: warning: FILE:LINE: ...`, once per change of the file.
class SynonymsReload {
  public:
    static constexpr std::chrono::milliseconds kInterval{1000};
    /// A file modified less than this long ago is left to a later look (a save in progress).
    static constexpr std::chrono::milliseconds kSettle{300};

    /// `path`: the file `initial` was read from; empty: no file, nothing is read again.
    SynonymsReload(std::string path, Synonyms initial);

    /// Gives `searcher` the synonyms in use, unless `generation` (the searcher's, kept by
    /// its owner; 0 for a new searcher) says it has them already; first reads the file
    /// again if it is time to look and it changed.
    void refresh(Searcher& searcher, std::uint64_t& generation);

  private:
    using Stamp = std::pair<std::filesystem::file_time_type, std::uintmax_t>;
    static std::optional<Stamp> stamp_of(const std::string& path);
    void read_again(Searcher& searcher, std::uint64_t& generation);

    const std::string path_;
    std::atomic<std::int64_t> next_look_{0};  // steady_clock ticks
    std::mutex mutex_;                        // guards what follows
    std::shared_ptr<const Synonyms> current_;
    std::atomic<std::uint64_t> generation_{1};
    std::optional<Stamp> seen_;  // the file as last looked at; nullopt: could not be read
};

}  // namespace parley::server
