#include "service/access_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>

#include "parley/error.hpp"

namespace parley::server {
namespace {

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[40];
    const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(millis));
    return buffer;
}

}  // namespace

AccessLog::AccessLog(const std::string& path) {
    if (path == "-") {
        file_ = stdout;
        return;
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0 || !(file_ = fdopen(fd, "a"))) {
        const std::string reason = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        throw UsageError("--access-log " + path + ": cannot open it for appending (" + reason +
                         ")");
    }
    owned_ = true;
}

AccessLog::~AccessLog() {
    if (owned_) std::fclose(file_);
}

void AccessLog::write(const Entry& e) {
    nlohmann::ordered_json line = {{"time", utc_now()},
                                   {"remote", e.remote},
                                   {"method", e.method},
                                   {"path", e.path},
                                   {"query", e.query},
                                   {"endpoint", e.endpoint},
                                   {"status", e.status},
                                   {"bytes", e.bytes},
                                   {"duration_ms", std::round(e.seconds * 1e6) / 1e3},
                                   {"user_agent", e.user_agent}};
    // Replacement characters for invalid UTF-8 in a path or header, rather than an exception.
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    std::lock_guard lock(mutex_);
    std::fwrite(text.data(), 1, text.size(), file_);
    std::fflush(file_);
}

}  // namespace parley::server
