#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace parley::cli {

/// A one-line progress display on stderr for long indexing runs: articles done, bytes
/// read (of the total, when known), rate and time left. Redrawn at most ten times a
/// second; draws nothing unless enabled (the caller checks for a terminal and --quiet).
class ProgressBar {
  public:
    ProgressBar(bool enabled, std::uint64_t total_bytes, std::FILE* out = stderr);
    ~ProgressBar();

    /// Cheap enough to call for every article.
    void update(std::size_t articles, std::uint64_t bytes_done);
    /// Erases the line, so the summary that follows starts clean.
    void finish();

    /// True when stderr is a terminal that can redraw a line (not TERM=dumb).
    static bool stderr_is_terminal();

    /// "1:05", "12:00:07": a duration for people.
    static std::string format_duration(double seconds);
    /// "1,204,033": a count for people.
    static std::string format_count(std::uint64_t n);

  private:
    using Clock = std::chrono::steady_clock;
    void draw(std::size_t articles, std::uint64_t bytes_done);

    bool enabled_;
    std::uint64_t total_bytes_;
    std::FILE* out_;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_draw_{};
    bool drawn_ = false;
};

}  // namespace parley::cli
