// actors_over_time INDEX_DIR [ACTOR]
//
// Asks the archive in INDEX_DIR about one actor (default: China): how many paragraphs name
// it per year against everything the archive holds for that year, and which other actors
// appear in the same paragraphs, with how strongly they are associated (NPMI).
#include <cstdio>
#include <iostream>
#include <parley/archive_views.hpp>
#include <parley/error.hpp>
#include <parley/searcher.hpp>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: actors_over_time INDEX_DIR [ACTOR]\n";
        return 2;
    }
    const std::string actor = argc == 3 ? argv[2] : "China";
    try {
        parley::Searcher searcher(argv[1]);
        parley::ArchiveViews views(searcher);  // borrows the searcher

        // Every paragraph tagged with the actor; the query language is search's.
        parley::TimelineRequest timeline;
        timeline.search.query = "actor:\"" + actor + "\"";
        timeline.interval = parley::Interval::Year;
        const parley::TimelineSeries series = views.timeline(timeline).series.front();
        std::cout << actor << ": " << series.total << " paragraphs (" << series.undated
                  << " undated)\n";
        for (const parley::TimelineBucket& bucket : series.buckets) {
            std::printf("  %s  %4zu of %5zu  %5.1f%%\n", bucket.label.c_str(), bucket.count,
                        bucket.archive, 100 * bucket.share);
        }

        parley::CooccurrenceRequest with;
        with.search = timeline.search;
        with.limit = 6;
        std::cout << "appears with:\n";
        for (const parley::CooccurrenceItem& item : views.cooccurrence(with).items) {
            if (item.value == actor) continue;
            std::printf("  %-20s %4zu  NPMI %+.2f\n", item.value.c_str(), item.together, item.npmi);
        }
    } catch (const parley::Error& e) {
        std::cerr << "actors_over_time: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
