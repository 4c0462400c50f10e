#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "parley/export.hpp"
#include "parley/index_writer.hpp"
#include "parley/ingest_report.hpp"
#include "parley/input_limits.hpp"

namespace parley {

/// How fetch_urls() crawls. The defaults are polite to the sites fetched.
struct PARLEY_API FetchOptions {
    /// Where the crawl state is kept (what each URL answered last: ETag, Last-Modified, a
    /// hash of the body). `parley-index fetch` keeps it beside the index, in
    /// INDEX/parley-crawl.json. Empty: no state, every URL fetched in full.
    std::string state_path;
    std::string user_agent = "Parley/0.1 (op-ed archive indexer)";
    double timeout_seconds = 30;       ///< per request; each redirect is a request
    std::size_t max_bytes = 16 << 20;  ///< a longer body is abandoned and reported
    long max_redirects = 5;        ///< followed by the crawler, each hop checked against robots.txt
    unsigned retries = 2;          ///< after a timeout, a refused connection, 429 or 5xx
    double retry_seconds = 1;      ///< the first wait; each retry doubles it
    double max_wait_seconds = 60;  ///< cap on any wait (backoff, Retry-After, Crawl-delay)
    double delay_seconds = 1;      ///< between two requests to one host (or its Crawl-delay)
    bool follow = false;  ///< index the pages a feed's items link to, not the items' summaries
    std::size_t max_urls = 10000;  ///< URLs fetched in one run, sitemaps and feeds included
    /// How often a run commits what it read and saves the crawl state (seconds; 0: only at
    /// the end), so that a run killed outright keeps all but its last stretch.
    double checkpoint_seconds = 60;
    InputLimits limits;  ///< for the pages and feeds read
    /// Asked between URLs, during waits and while an answer arrives (a signal handler's
    /// flag): once it answers true the run stops as at max_urls. What was read is committed
    /// and the crawl state saved, so the next run goes on from there; the URLs left are
    /// counted in FetchReport::queued and FetchReport::interrupted is set.
    std::function<bool()> stop_requested;
};

/// What fetching did for one host.
struct PARLEY_API HostFetchCounts {
    std::size_t fetched = 0;     ///< answered with a body that was read
    std::size_t unchanged = 0;   ///< 304 Not Modified, or the same body as last time
    std::size_t failed = 0;      ///< no usable answer, after retries
    std::size_t disallowed = 0;  ///< robots.txt says no
    /// A link found in a feed or sitemap that answered 404 or 410 again, as in an earlier
    /// run: a warning naming it, not a failure (the first such answer is a failure).
    std::size_t gone = 0;
    std::map<std::string, std::size_t> failures;  ///< failed, by reason
};

/// What fetch_urls() did: counts per host ("example.org:8080").
struct PARLEY_API FetchReport {
    std::map<std::string, HostFetchCounts> hosts;
    std::size_t requests = 0;  ///< HTTP requests made, retries and robots.txt included
    std::size_t queued = 0;    ///< URLs still waiting when the run ended (max_urls, or stopped)
    bool interrupted = false;  ///< stop_requested ended the run
    HostFetchCounts total() const;
};

/// Fetches `urls` — web pages, RSS/Atom feeds, sitemaps and sitemap indexes (news sitemaps
/// included), told apart by their content — and adds the articles they hold to `writer`:
/// a page is one article (its url the address it was fetched from unless it names its
/// own), a feed one per item (or, with `follow`, the pages they link to), a sitemap the
/// pages it lists. Each host gets one request at a time, `delay_seconds` apart (or its
/// robots.txt Crawl-delay), and only the URLs its robots.txt allows. A URL fetched before
/// is asked for conditionally (If-None-Match, If-Modified-Since), and a body that has not
/// changed is not read again. Failures are counted in the report and recorded in `report`
/// (source = the URL) and the run goes on; `progress`, if given, is called after each URL.
/// Commits `writer`, then saves the crawl state, every `checkpoint_seconds` and at the end
/// (also when `stop_requested` ends the run): a run killed outright leaves the state of its
/// last checkpoint, and fetching again adds nothing twice (articles are identified by
/// their address). Throws what IndexWriter throws, and IndexIoError if the state
/// cannot be written.
PARLEY_API FetchReport fetch_urls(const std::vector<std::string>& urls, const FetchOptions& options,
                                  IndexWriter& writer, IngestReport& report,
                                  const std::function<void(const FetchReport&)>& progress = {});

}  // namespace parley
