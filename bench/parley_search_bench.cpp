// parley-search-bench: the query loop of naive-xapian, through Parley's public C++ API
// only, so that scripts/bench can compare the two on the same archive and queries.
//
//   parley-search-bench INDEX QUERIES.txt --mode top10|snippets|facets [--repeat R]
//                       [--facets LIST]
//
// Modes: top10 (no snippets, no facets), snippets (snippets, no facets), facets
// (snippets and facets, exact over the whole match set: all five by default — Parley's
// default — or those of --facets, e.g. "year" to do what the peers' benchmarks do).
// The Searcher is opened once. Before the warm-up pass the first query is run twice, to
// show what the first search of a fresh Searcher costs (it builds the in-memory facet
// table) against the same search warmed. Then one warm-up pass over all queries, then R
// passes; the output is one JSON object, in the same form as naive-xapian's, with the
// median latency of each query over its R runs in microseconds.
//
// Query lines are passed to SearchRequest::query as they are; blank lines and lines
// starting with '#' are skipped.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <parley/error.hpp>
#include <parley/searcher.hpp>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

using Clock = std::chrono::steady_clock;

int usage() {
    std::cerr << "usage: parley-search-bench INDEX QUERIES.txt --mode top10|snippets|facets "
                 "[--repeat R] [--facets LIST]\n";
    return 2;
}

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

double micros_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) return usage();
    std::vector<std::string> facet_list = {"actor", "topic", "year", "author", "source"};
    for (std::size_t i = 2; i + 1 < args.size(); ++i) {
        if (args[i] != "--facets") continue;
        facet_list.clear();
        std::string list = args[i + 1];
        for (std::size_t at = 0; at <= list.size();) {
            const auto comma = std::min(list.find(',', at), list.size());
            if (comma > at) facet_list.push_back(list.substr(at, comma - at));
            at = comma + 1;
        }
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                   args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        break;
    }
    bench::LoopOptions loop;
    if (!bench::parse_loop_options(args, 2, loop)) return usage();
    const std::string& mode = loop.mode;
    const int repeat = loop.repeat;

    parley::SearchRequest request;  // limit 10, relevance, no grouping: the defaults
    if (mode == "top10") {
        request.snippets = false;
        request.facets = {};
    } else if (mode == "snippets") {
        request.snippets = true;
        request.facets = {};
    } else if (mode == "facets") {
        request.snippets = true;
        request.facets = facet_list;
    } else {
        return usage();
    }

    std::vector<std::string> queries;
    try {
        queries = bench::read_queries(args[1]);
    } catch (const std::exception& e) {
        std::cerr << "parley-search-bench: " << e.what() << "\n";
        return 1;
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
        for (auto& r : runs) medians.push_back(bench::percentile(r, 50));

        std::printf(
            "{\"engine\": \"parley\", \"mode\": %s, \"repeat\": %d, \"open_us\": %.1f, "
            "\"first_query_us\": %.1f, \"first_query_warm_us\": %.1f,",
            json_string(mode).c_str(), repeat, open_us, first_query_us, first_query_warm_us);
        std::printf(" \"p50_us\": %.1f, \"p95_us\": %.1f, \"p99_us\": %.1f, \"sink\": %zu,\n",
                    bench::percentile(medians, 50), bench::percentile(medians, 95),
                    bench::percentile(medians, 99), sink);
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
