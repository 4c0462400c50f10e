#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

namespace parley::server {

/// Tells when a file the server read at startup (synonyms, a shard list) has changed, so
/// that it is read again without a restart: by its modification time and size, looked at
/// no more than once per kInterval for the whole server, and only once the change has
/// settled (a save in progress is not read half-written).
class FileWatch {
  public:
    static constexpr std::chrono::milliseconds kInterval{1000};
    /// A file modified less than this long ago is left to a later look.
    static constexpr std::chrono::milliseconds kSettle{300};

    /// Takes the file as it is now as seen. `path` empty: never due.
    explicit FileWatch(std::string path);

    const std::string& path() const { return path_; }

    /// True for one caller per kInterval, the one that should call changed(); the others
    /// go on with what they have. Thread-safe and lock-free.
    bool due();

    /// Whether the file differs from when last seen (a file unreadable then and now does
    /// not), and has settled; if so, takes it as seen. `forced` (a reload asked for): true
    /// for any file, settled or not. Not thread-safe: its owner calls it under its lock.
    bool changed(bool forced = false);

  private:
    using Stamp = std::pair<std::filesystem::file_time_type, std::uintmax_t>;
    static std::optional<Stamp> stamp_of(const std::string& path);

    const std::string path_;
    std::atomic<std::int64_t> next_look_{0};  // steady_clock ticks
    std::optional<Stamp> seen_;               // nullopt: could not be read
};

}  // namespace parley::server
