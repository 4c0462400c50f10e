#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace parley::server {

/// One JSON object per answered request, one per line (NDJSON), for an operator to follow or
/// ship: time (UTC), client address, method, path, query string, route, status, body bytes,
/// duration in milliseconds and user agent. Lines are written whole and flushed, so a
/// reader never sees half of one. Thread-safe.
class AccessLog {
  public:
    /// `path`: a file to append to (created 0640 if missing), or "-" for standard output.
    /// Throws parley::UsageError if the file cannot be opened.
    explicit AccessLog(const std::string& path);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    struct Entry {
        std::string remote, method, path, query, endpoint, user_agent;
        int status = 0;
        std::size_t bytes = 0;
        double seconds = 0;
    };
    void write(const Entry& entry);

  private:
    std::mutex mutex_;
    std::FILE* file_ = nullptr;
    bool owned_ = false;
};

}  // namespace parley::server
