#pragma once

// What the two query-loop programs share: the query file, the command line and the
// statistics, so that they measure the same thing the same way. Header-only and free of
// Parley's code: naive-xapian must not link any of it.

#include <algorithm>
#include <cstdlib>
#include <fstream>
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

}  // namespace bench
