// parley-views-bench: times each archive view (include/parley/archive_views.hpp) through the
// public API on one index, in process (start-up excluded), for scripts/bench-views.
//
//   parley-views-bench INDEX QUERIES [--repeat R]
//
// First the cold cost: the first view of a fresh process, which builds the whole-archive
// tables (facets, per-day counts) once per index version. Then every view on every query,
// R times after a warm-up pass, and per view the median and the 99th percentile over all
// (query, repetition) latencies, and the matches behind them. Prints JSON lines.
#include <chrono>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "parley/archive_views.hpp"
#include "parley/searcher.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

parley::SearchRequest query(const std::string& text) {
    parley::SearchRequest r;
    r.query = text;
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: parley-views-bench INDEX QUERIES [--repeat R]\n";
        return 2;
    }
    const std::vector<std::string> args(argv, argv + argc);
    bench::LoopOptions loop;
    if (!bench::parse_loop_options(args, 3, loop)) {
        std::cerr << "parley-views-bench: bad options\n";
        return 2;
    }
    const std::vector<std::string> queries = bench::read_queries(args[2]);
    parley::Searcher searcher(args[1]);
    parley::ArchiveViews views(searcher);

    // A paragraph to take context and neighbours of: the first hit of the first query.
    parley::SearchRequest first = query(queries.front());
    first.limit = 1;
    first.facets.clear();
    const auto top = searcher.search(first);
    const std::string article = top.hits.empty() ? "" : top.hits.front().article_id;
    const std::size_t paragraph = top.hits.empty() ? 1 : top.hits.front().paragraph;

    using View = std::function<std::size_t(const std::string&)>;
    std::vector<std::pair<std::string, View>> all = {
        // The baseline, in the same run: what answering with search costs today, a page of
        // ten hits with the exact counts of every facet over the whole match set.
        {"baseline-search-facets",
         [&](const std::string& q) {
             parley::SearchRequest r = query(q);
             return searcher.search(r).total_paragraphs;
         }},
        {"timeline-month",
         [&](const std::string& q) {
             parley::TimelineRequest r;
             r.search = query(q);
             return views.timeline(r).series.front().total;
         }},
        {"timeline-3-series",
         [&](const std::string& q) {
             parley::TimelineRequest r;
             r.search = query(q);
             r.series = {"actor:China", "actor:Russia", "actor:\"United States\""};
             std::size_t n = 0;
             for (const auto& s : views.timeline(r).series) n += s.total;
             return n;
         }},
        {"stands-out-actor",
         [&](const std::string& q) {
             parley::StandsOutRequest r;
             r.search = query(q);
             return views.stands_out(r).foreground_total;
         }},
        {"stands-out-word",
         [&](const std::string& q) {
             parley::StandsOutRequest r;
             r.search = query(q);
             r.field = "word";
             return views.stands_out(r).foreground_total;
         }},
        {"cooccur-paragraph",
         [&](const std::string& q) {
             parley::CooccurrenceRequest r;
             r.search = query(q);
             return views.cooccurrence(r).matches;
         }},
        {"cooccur-article-matrix",
         [&](const std::string& q) {
             parley::CooccurrenceRequest r;
             r.search = query(q);
             r.level = parley::Level::Article;
             r.matrix = {"China", "Russia", "United States", "NATO", "AUKUS"};
             return views.cooccurrence(r).matches;
         }},
        {"bursts-month",
         [&](const std::string& q) {
             parley::BurstRequest r;
             r.timeline.search = query(q);
             return views.bursts(r).bursts.size();
         }},
        {"timeline-whole-archive",  // cached per index version: the same for every query
         [&](const std::string&) {
             parley::TimelineRequest r;
             return views.timeline(r).series.front().total;
         }},
        {"cooccur-whole-archive",
         [&](const std::string&) {
             parley::CooccurrenceRequest r;
             return views.cooccurrence(r).matches;
         }},
        {"context",
         [&](const std::string&) {
             const auto c = views.context(article, paragraph);
             return c ? c->paragraphs.size() : 0;
         }},
        {"more-like",
         [&](const std::string&) {
             parley::SearchRequest r;
             r.facets.clear();
             const auto found = views.more_like_this(article, paragraph, r);
             return found ? found->total_paragraphs : 0;
         }},
        {"export-first-1000",
         [&](const std::string& q) {
             parley::ExportRequest r;
             r.search = query(q);
             r.count = 1000;
             return views.export_hits(r, [](const parley::Hit&) { return true; });
         }},
    };

    const auto cold_start = Clock::now();
    {
        parley::TimelineRequest r;
        r.search = query(queries.front());
        views.timeline(r);
    }
    std::cout << "{\"view\":\"cold-first-view\",\"ms\":" << ms_since(cold_start) << "}\n";

    for (const auto& [name, view] : all) {
        for (const auto& q : queries) view(q);  // warm-up
        std::vector<double> times;
        std::size_t matches = 0;
        for (int r = 0; r < loop.repeat; ++r) {
            for (const auto& q : queries) {
                const auto start = Clock::now();
                matches += view(q);
                times.push_back(ms_since(start));
            }
        }
        std::cout << "{\"view\":\"" << name << "\",\"p50_ms\":" << bench::percentile(times, 50)
                  << ",\"p99_ms\":" << bench::percentile(times, 99)
                  << ",\"max_ms\":" << bench::percentile(times, 100)
                  << ",\"calls\":" << times.size()
                  << ",\"matches_per_call\":" << matches / std::max<std::size_t>(1, times.size())
                  << "}\n";
    }
    // The whole export of the broadest query, as hits per second.
    parley::ExportRequest everything;
    everything.search = query(queries.front());
    const auto start = Clock::now();
    const std::size_t n = views.export_hits(everything, [](const parley::Hit&) { return true; });
    const double ms = ms_since(start);
    std::cout << "{\"view\":\"export-all\",\"query\":\"" << queries.front() << "\",\"hits\":" << n
              << ",\"ms\":" << ms << ",\"hits_per_s\":" << (ms > 0 ? n * 1000.0 / ms : 0) << "}\n";
    return 0;
}
