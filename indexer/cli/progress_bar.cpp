#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "cli/cli_common.hpp"

namespace parley::cli {

ProgressBar::ProgressBar(bool enabled, std::uint64_t total_bytes, std::FILE* out)
    : enabled_(enabled), total_bytes_(total_bytes), out_(out) {}

ProgressBar::~ProgressBar() { finish(); }

bool ProgressBar::stderr_is_terminal() {
    const char* term = std::getenv("TERM");
    return ::isatty(STDERR_FILENO) && !(term && std::strcmp(term, "dumb") == 0);
}

std::string ProgressBar::format_duration(double seconds) {
    const auto total = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    if (total >= 3600) {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                      total % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", total / 60, total % 60);
    }
    return buffer;
}

std::string ProgressBar::format_count(std::uint64_t n) {
    // Appended digit by digit, not insert()ed: GCC 12 reads that as an overlapping copy
    // (-Wrestrict, its bug 105329).
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

void ProgressBar::update(std::size_t articles, std::uint64_t bytes_done) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw(articles, bytes_done);
}

void ProgressBar::draw(std::size_t articles, std::uint64_t bytes_done) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
    const double rate = elapsed > 0 ? static_cast<double>(bytes_done) / elapsed : 0;
    std::string line = format_count(articles) + " " + plural(articles, "article", "articles") +
                       " · " + format_bytes(static_cast<double>(bytes_done));
    if (total_bytes_ > 0) {
        const double fraction =
            std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_bytes_));
        constexpr int kWidth = 20;
        const int filled = static_cast<int>(fraction * kWidth);
        std::string bar("[");  // appended: see format_count()
        bar.append(static_cast<std::size_t>(filled), '#')
            .append(static_cast<std::size_t>(kWidth - filled), '.')
            .append("] ")
            .append(std::to_string(static_cast<int>(fraction * 100)))
            .append("% ")
            .append(line)
            .append(" of ")
            .append(format_bytes(static_cast<double>(total_bytes_)));
        line = std::move(bar);
        if (rate > 0 && elapsed > 0.5) {
            line +=
                " · " + format_bytes(rate) + "/s · ETA " +
                format_duration(
                    static_cast<double>(total_bytes_ - std::min(total_bytes_, bytes_done)) / rate);
        }
    } else if (rate > 0 && elapsed > 0.5) {
        line += " · " + format_bytes(rate) + "/s";
    }
    std::fprintf(out_, "\r%s\x1b[K", line.c_str());  // \x1b[K: clear the rest of the line
    std::fflush(out_);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (!enabled_ || !drawn_) return;
    std::fprintf(out_, "\r\x1b[K");
    std::fflush(out_);
    drawn_ = false;
}

}  // namespace parley::cli
