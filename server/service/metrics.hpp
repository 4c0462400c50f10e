#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace parley::server {

/// What an operator scrapes at /metrics: requests by endpoint, method and status, latency
/// histograms by endpoint, server errors, requests in flight, and the index's gauges, in
/// Prometheus' text format. Thread-safe.
class Metrics {
  public:
    /// Upper bounds of the latency buckets, in seconds (and +Inf).
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1,    2.5};

    /// Counts one answered request. `endpoint` is the route pattern ("/articles/{id...}"),
    /// so that ids do not make a series each.
    void record(const std::string& endpoint, const std::string& method, int status, double seconds);

    void started() { ++in_flight_; }
    void finished() { --in_flight_; }
    /// A worker's Searcher caught up with new commits of the index `count` times more.
    void add_reopens(std::uint64_t count) { reopens_ += count; }

    /// What the index holds now, read at scrape time.
    struct IndexGauges {
        std::uint64_t paragraphs = 0;
        std::uint64_t size_bytes = 0;
        bool readable = true;
        /// A shard set's shards by name, and whether each answered at the scrape (one left
        /// out under --allow-partial did not); empty for an index directory.
        std::vector<std::pair<std::string, bool>> shards;
    };
    /// The whole exposition, `# HELP` and `# TYPE` lines included.
    std::string render(const IndexGauges& index) const;

  private:
    struct Latency {
        std::array<std::uint64_t, kBuckets.size()> buckets{};  ///< not cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Latency> latency_;
    std::map<std::string, std::uint64_t> server_errors_;
    std::atomic<std::int64_t> in_flight_ = 0;
    std::atomic<std::uint64_t> reopens_ = 0;
    const double start_time_ = now_seconds();

    static double now_seconds();
};

}  // namespace parley::server
