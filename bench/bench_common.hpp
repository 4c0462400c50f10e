#pragma once

// What the query-loop programs (Parley's, naive-xapian and the peers') share: the query
// file, the command line, the timed loop, the statistics and the JSON they print, so that
// they measure the same thing the same way. Header-only and free of Parley's code:
// naive-xapian and the peers must not link any of it.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

/// Percentile p (0–100) by linear interpolation between closest ranks.
inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(rank);
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

/// One query per line; blank lines and lines starting with '#' are skipped.
inline std::vector<std::string> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::string> queries;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
        queries.push_back(line);
    }
    return queries;
}

/// A part of a query line: a bare word, or the inside of a "quoted phrase" (an unclosed
/// quote runs to the end of the line).
struct QueryPart {
    std::string text;
    bool quoted;
};
inline std::vector<QueryPart> query_parts(const std::string& line) {
    std::vector<QueryPart> parts;
    std::size_t i = 0;
    while (i < line.size()) {
        if (line[i] == ' ' || line[i] == '\t') {
            ++i;
        } else if (line[i] == '"') {
            const std::size_t end = std::min(line.find('"', i + 1), line.size());
            parts.push_back({line.substr(i + 1, end - i - 1), true});
            i = end + 1;
        } else {
            const std::size_t end = std::min(line.find_first_of(" \t\"", i), line.size());
            parts.push_back({line.substr(i, end - i), false});
            i = end;
        }
    }
    return parts;
}

/// `--mode M` and `--repeat R` from args[first...]; false on anything else.
struct LoopOptions {
    std::string mode = "top10";
    int repeat = 5;
};
inline bool parse_loop_options(const std::vector<std::string>& args, std::size_t first,
                               LoopOptions& out) {
    for (std::size_t i = first; i < args.size(); ++i) {
        if (args[i] == "--mode" && i + 1 < args.size()) {
            out.mode = args[++i];
        } else if (args[i] == "--repeat" && i + 1 < args.size()) {
            out.repeat = std::atoi(args[++i].c_str());
        } else {
            return false;
        }
    }
    return out.repeat >= 1;
}

/// The modes of the peers' loops: top ten, + snippets, + snippets and exact year counts.
enum class PeerMode { Top10, Snippets, Facets };

/// A peer's `search DIR QUERIES.txt [--mode M] [--repeat R] [--text-phrases-only]`.
struct PeerSearch {
    std::string dir, queries;
    PeerMode mode = PeerMode::Top10;
    LoopOptions loop;
    bool text_phrases_only = false;
};
inline std::optional<PeerSearch> parse_peer_search(std::vector<std::string> args) {
    if (args.size() < 3 || args[0] != "search") return std::nullopt;
    PeerSearch out;
    const auto last = std::remove(args.begin() + 3, args.end(), "--text-phrases-only");
    out.text_phrases_only = last != args.end();
    args.erase(last, args.end());
    if (!parse_loop_options(args, 3, out.loop)) return std::nullopt;
    if (out.loop.mode == "top10") {
        out.mode = PeerMode::Top10;
    } else if (out.loop.mode == "snippets") {
        out.mode = PeerMode::Snippets;
    } else if (out.loop.mode == "facets") {
        out.mode = PeerMode::Facets;
    } else {
        return std::nullopt;
    }
    out.dir = args[1];
    out.queries = args[2];
    return out;
}

/// Microseconds since `start`.
inline double micros_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
        .count();
}

/// What a query loop measured, per query: its match count and warm-up time, and its median
/// time over the measured passes, in microseconds.
struct LoopTimes {
    std::vector<std::size_t> matches;
    std::vector<double> first_us;
    std::vector<double> median_us;
};

/// One warm-up pass over `queries`, then `repeat` measured passes. `run(query)` searches
/// and returns the query's match count.
template <class Run>
LoopTimes time_queries(const std::vector<std::string>& queries, int repeat, Run&& run) {
    LoopTimes out;
    out.matches.assign(queries.size(), 0);
    out.first_us.assign(queries.size(), 0);
    for (std::size_t q = 0; q < queries.size(); ++q) {
        const auto t0 = std::chrono::steady_clock::now();
        out.matches[q] = static_cast<std::size_t>(run(queries[q]));
        out.first_us[q] = micros_since(t0);
    }
    std::vector<std::vector<double>> runs(queries.size());
    for (int r = 0; r < repeat; ++r) {
        for (std::size_t q = 0; q < queries.size(); ++q) {
            const auto t0 = std::chrono::steady_clock::now();
            run(queries[q]);
            runs[q].push_back(micros_since(t0));
        }
    }
    for (auto& r : runs) out.median_us.push_back(percentile(r, 50));
    return out;
}

inline std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

/// The loop's result as the one JSON object scripts/bench reads: engine, mode, repeat,
/// open_us, `extra` (further members, each as `, "name": value`), the percentiles of the
/// per-query medians, `sink` (what the searches returned, so none is optimised away) and
/// every query's figures.
inline void print_loop_json(const std::string& engine, const std::string& mode, int repeat,
                            double open_us, const std::string& extra,
                            const std::vector<std::string>& queries, const LoopTimes& t,
                            std::size_t sink) {
    std::printf("{\"engine\": %s, \"mode\": %s, \"repeat\": %d, \"open_us\": %.1f%s,",
                json_string(engine).c_str(), json_string(mode).c_str(), repeat, open_us,
                extra.c_str());
    std::printf(" \"p50_us\": %.1f, \"p95_us\": %.1f, \"p99_us\": %.1f, \"sink\": %zu,\n",
                percentile(t.median_us, 50), percentile(t.median_us, 95),
                percentile(t.median_us, 99), sink);
    std::printf(" \"queries\": [\n");
    for (std::size_t q = 0; q < queries.size(); ++q) {
        std::printf("  {\"q\": %s, \"us\": %.1f, \"first_us\": %.1f, \"matches\": %zu}%s\n",
                    json_string(queries[q]).c_str(), t.median_us[q], t.first_us[q], t.matches[q],
                    q + 1 < queries.size() ? "," : "");
    }
    std::printf(" ]}\n");
}

}  // namespace bench
