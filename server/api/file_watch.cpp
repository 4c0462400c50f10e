#include "api/file_watch.hpp"

namespace parley::server {

FileWatch::FileWatch(std::string path)
    : path_(std::move(path)), seen_(path_.empty() ? std::nullopt : stamp_of(path_)) {}

std::optional<FileWatch::Stamp> FileWatch::stamp_of(const std::string& path) {
    std::error_code time_error, size_error;
    const auto time = std::filesystem::last_write_time(path, time_error);
    const auto size = std::filesystem::file_size(path, size_error);
    if (time_error || size_error) return std::nullopt;
    return Stamp{time, size};
}

bool FileWatch::due() {
    if (path_.empty()) return false;
    const std::int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
    std::int64_t next = next_look_.load();
    const std::int64_t later =
        now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(kInterval).count();
    return now >= next && next_look_.compare_exchange_strong(next, later);
}

bool FileWatch::changed(bool forced) {
    if (path_.empty()) return false;
    const std::optional<Stamp> stamp = stamp_of(path_);
    if (!forced) {
        if (stamp == seen_) return false;
        // A save in progress (truncated, then written) is left to the next look.
        if (stamp && std::filesystem::file_time_type::clock::now() - stamp->first < kSettle)
            return false;
    }
    seen_ = stamp;
    return true;
}

}  // namespace parley::server
