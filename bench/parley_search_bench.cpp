// parley-search-bench: the query loop of naive-xapian, through Parley's public C++ API
// only, so that scripts/bench can compare the two on the same archive and queries.
//
//   parley-search-bench INDEX QUERIES.txt --mode top10|snippets|facets [--repeat R]
//                       [--facets LIST] [--feedback]
//
// Modes: top10 (no snippets, no facets), snippets (snippets, no facets), facets
// (snippets and facets, exact over the whole match set: all five by default — Parley's
// default — or those of --facets, e.g. "year" to do what the peers' benchmarks do).
// Pseudo-relevance feedback, on by default in Parley, is off here: the peers rank by the
// query's words alone, and so must the engine compared with them. --feedback turns it on,
// to measure what it costs.
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
#include <parley/error.hpp>
#include <parley/searcher.hpp>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

using Clock = std::chrono::steady_clock;

int usage() {
    std::cerr << "usage: parley-search-bench INDEX QUERIES.txt --mode top10|snippets|facets "
                 "[--repeat R] [--facets LIST] [--feedback]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) return usage();
    const auto feedback_flag = std::find(args.begin() + 2, args.end(), "--feedback");
    const bool feedback = feedback_flag != args.end();
    if (feedback) args.erase(feedback_flag);
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
    request.feedback = feedback;
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
        const double open_us = bench::micros_since(t0);

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
        const double first_query_us = bench::micros_since(t0);
        t0 = Clock::now();
        run(queries[0]);
        const double first_query_warm_us = bench::micros_since(t0);

        const bench::LoopTimes times = bench::time_queries(queries, repeat, run);
        char extra[96];
        std::snprintf(extra, sizeof extra,
                      ", \"first_query_us\": %.1f, \"first_query_warm_us\": %.1f", first_query_us,
                      first_query_warm_us);
        bench::print_loop_json("parley", mode, repeat, open_us, extra, queries, times, sink);
    } catch (const parley::Error& e) {
        std::cerr << "parley-search-bench: " << e.what() << "\n";
        return parley::exit_code_for(e);
    }
    return 0;
}
