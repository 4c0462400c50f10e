// parley-search-bench: the query loop of naive-xapian, through Parley's public C++ API
// only, so that scripts/bench can compare the two on the same archive and queries.
//
//   parley-search-bench INDEX QUERIES.txt --mode top10|snippets|facets [--repeat R]
//
// Modes: top10 (no snippets, no facets), snippets (snippets, no facets), facets
// (snippets and all five facets, exact over the whole match set — Parley's default).
// The Searcher is opened once. Before the warm-up pass the first query is run twice, to
// show what the first search of a fresh Searcher costs (it builds the in-memory facet
// table) against the same search warmed. Then one warm-up pass over all queries, then R
// passes; the output is one JSON object, in the same form as naive-xapian's, with the
// median latency of each query over its R runs in microseconds.
//
// Query lines are passed to SearchRequest::query as they are; blank lines and lines
// starting with '#' are skipped.

#include <parley/error.hpp>
#include <parley/searcher.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int usage() {
    std::cerr << "usage: parley-search-bench INDEX QUERIES.txt --mode top10|snippets|facets "
                 "[--repeat R]\n";
    return 2;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(rank);
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (const unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

double micros_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) return usage();
    std::string mode = "top10";
    int repeat = 5;
    for (std::size_t i = 2; i < args.size(); ++i) {
        if (args[i] == "--mode" && i + 1 < args.size()) {
            mode = args[++i];
        } else if (args[i] == "--repeat" && i + 1 < args.size()) {
            repeat = std::atoi(args[++i].c_str());
        } else {
            return usage();
        }
    }
    if (repeat < 1) return usage();

    parley::SearchRequest request;  // limit 10, relevance, no grouping: the defaults
    if (mode == "top10") {
        request.snippets = false;
        request.facets = {};
    } else if (mode == "snippets") {
        request.snippets = true;
        request.facets = {};
    } else if (mode == "facets") {
        request.snippets = true;
        request.facets = {"actor", "topic", "year", "author", "source"};
    } else {
        return usage();
    }

    std::ifstream in(args[1]);
    if (!in) {
        std::cerr << "parley-search-bench: cannot read " << args[1] << "\n";
        return 1;
    }
    std::vector<std::string> queries;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos || line[0] == '#') continue;
        queries.push_back(line);
    }
    if (queries.empty()) {
        std::cerr << "parley-search-bench: no queries in " << args[1] << "\n";
        return 1;
    }

    try {
        auto t0 = Clock::now();
        parley::Searcher searcher(args[0]);
        const double open_us = micros_since(t0);

        std::size_t sink = 0;
        auto run = [&](const std::string& q) {
            request.query = q;
            const parley::SearchResult result = searcher.search(request);
            for (const auto& hit : result.hits) sink += hit.snippet.text.size() + hit.title.size();
            for (const auto& facet : result.facets) sink += facet.values.size();
            return result.total_paragraphs;
        };

        // First search of a fresh Searcher (builds the facet table), then the same warmed.
        t0 = Clock::now();
        run(queries[0]);
        const double first_query_us = micros_since(t0);
        t0 = Clock::now();
        run(queries[0]);
        const double first_query_warm_us = micros_since(t0);

        std::vector<std::size_t> matches(queries.size(), 0);
        std::vector<double> first(queries.size(), 0);
        for (std::size_t q = 0; q < queries.size(); ++q) {  // warm-up pass
            t0 = Clock::now();
            matches[q] = run(queries[q]);
            first[q] = micros_since(t0);
        }
        std::vector<std::vector<double>> runs(queries.size());
        for (int r = 0; r < repeat; ++r) {
            for (std::size_t q = 0; q < queries.size(); ++q) {
                t0 = Clock::now();
                run(queries[q]);
                runs[q].push_back(micros_since(t0));
            }
        }
        std::vector<double> medians;
        for (auto& r : runs) medians.push_back(percentile(r, 50));

        std::printf(
            "{\"engine\": \"parley\", \"mode\": %s, \"repeat\": %d, \"open_us\": %.1f, "
            "\"first_query_us\": %.1f, \"first_query_warm_us\": %.1f,",
            json_string(mode).c_str(), repeat, open_us, first_query_us, first_query_warm_us);
        std::printf(" \"p50_us\": %.1f, \"p95_us\": %.1f, \"p99_us\": %.1f, \"sink\": %zu,\n",
                    percentile(medians, 50), percentile(medians, 95), percentile(medians, 99),
                    sink);
        std::printf(" \"queries\": [\n");
        for (std::size_t q = 0; q < queries.size(); ++q) {
            std::printf("  {\"q\": %s, \"us\": %.1f, \"first_us\": %.1f, \"matches\": %zu}%s\n",
                        json_string(queries[q]).c_str(), medians[q], first[q], matches[q],
                        q + 1 < queries.size() ? "," : "");
        }
        std::printf(" ]}\n");
    } catch (const parley::Error& e) {
        std::cerr << "parley-search-bench: " << e.what() << "\n";
        return parley::exit_code_for(e);
    }
    return 0;
}
