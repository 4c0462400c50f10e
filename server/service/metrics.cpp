#include "service/metrics.hpp"

#include <chrono>
#include <cstdio>
#include <sstream>

namespace parley::server {
namespace {

// A label value with Prometheus' three escapes.
std::string label(const std::string& value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", value);
    return buffer;
}

void header(std::ostringstream& out, const char* name, const char* type, const char* help) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

}  // namespace

double Metrics::now_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void Metrics::record(const std::string& endpoint, const std::string& method, int status,
                     double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{endpoint, method, status}];
    Latency& l = latency_[endpoint];
    std::size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
    if (bucket < kBuckets.size()) ++l.buckets[bucket];
    ++l.count;
    l.sum += seconds;
    if (status >= 500) ++server_errors_[endpoint];
}

std::string Metrics::render(const IndexGauges& index) const {
    std::ostringstream out;
    {
        std::lock_guard lock(mutex_);
        header(out, "parley_http_requests_total", "counter",
               "HTTP requests answered, by route, method and status.");
        for (const auto& [key, count] : requests_) {
            const auto& [endpoint, method, status] = key;
            out << "parley_http_requests_total{endpoint=\"" << label(endpoint) << "\",method=\""
                << label(method) << "\",status=\"" << status << "\"} " << count << '\n';
        }
        header(out, "parley_http_request_duration_seconds", "histogram",
               "Time from a complete request to its answer, by route.");
        for (const auto& [endpoint, l] : latency_) {
            const std::string e = label(endpoint);
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += l.buckets[i];
                out << "parley_http_request_duration_seconds_bucket{endpoint=\"" << e << "\",le=\""
                    << number(kBuckets[i]) << "\"} " << cumulative << '\n';
            }
            out << "parley_http_request_duration_seconds_bucket{endpoint=\"" << e
                << "\",le=\"+Inf\"} " << l.count << '\n'
                << "parley_http_request_duration_seconds_sum{endpoint=\"" << e << "\"} "
                << number(l.sum) << '\n'
                << "parley_http_request_duration_seconds_count{endpoint=\"" << e << "\"} "
                << l.count << '\n';
        }
        header(out, "parley_http_server_errors_total", "counter",
               "Answers with a 5xx status (index unreadable or busy, internal errors), by route.");
        for (const auto& [endpoint, count] : server_errors_)
            out << "parley_http_server_errors_total{endpoint=\"" << label(endpoint) << "\"} "
                << count << '\n';
    }
    header(out, "parley_http_requests_in_flight", "gauge", "Requests being answered now.");
    out << "parley_http_requests_in_flight " << in_flight_.load() << '\n';
    header(out, "parley_index_reopens_total", "counter",
           "Times a worker caught up with new commits of the index.");
    out << "parley_index_reopens_total " << reopens_.load() << '\n';
    header(out, "parley_index_readable", "gauge", "1 if the index could be read at this scrape.");
    out << "parley_index_readable " << (index.readable ? 1 : 0) << '\n';
    header(out, "parley_index_paragraphs", "gauge", "Paragraphs in the index (its documents).");
    out << "parley_index_paragraphs " << index.paragraphs << '\n';
    header(out, "parley_index_size_bytes", "gauge", "Bytes the index takes on disk.");
    out << "parley_index_size_bytes " << index.size_bytes << '\n';
    if (!index.shards.empty()) {
        header(out, "parley_shard_up", "gauge",
               "1 if the shard of the set answered at this scrape, 0 if it was left out.");
        for (const auto& [name, up] : index.shards)
            out << "parley_shard_up{shard=\"" << label(name) << "\"} " << (up ? 1 : 0) << '\n';
    }
    header(out, "parley_process_start_time_seconds", "gauge",
           "When parley-serve started, in seconds since the Unix epoch.");
    out << "parley_process_start_time_seconds " << std::fixed << start_time_ << std::defaultfloat
        << '\n';
    return out.str();
}

}  // namespace parley::server
