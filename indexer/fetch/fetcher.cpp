// parley::fetch_urls(): the crawl loop. One request at a time; per host a politeness
// delay and its robots.txt; retries with backoff; pages, feeds and sitemaps told apart by
// their content and handed to the readers Parley uses for files.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <deque>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <thread>

#include "fetch/crawl_state.hpp"
#include "fetch/http_client.hpp"
#include "fetch/robots.hpp"
#include "fetch/url.hpp"
#include "parley/fetch.hpp"
#include "readers/feed_reader.hpp"
#include "readers/gunzip.hpp"
#include "readers/html_reader.hpp"
#include "util/fingerprint.hpp"
#include "util/utf8.hpp"

namespace parley {

HostFetchCounts FetchReport::total() const {
    HostFetchCounts all;
    for (const auto& [host, c] : hosts) {
        all.fetched += c.fetched;
        all.unchanged += c.unchanged;
        all.failed += c.failed;
        all.disallowed += c.disallowed;
        all.gone += c.gone;
        for (const auto& [reason, n] : c.failures) all.failures[reason] += n;
    }
    return all;
}

namespace {

using Clock = std::chrono::steady_clock;

struct Pending {
    std::string url;
    /// The feed item the page was linked from (with follow): indexed if the page fails.
    std::optional<Article> fallback;
    /// The id the item had when its feed was last read without --follow: the page's article
    /// (or the fallback) takes its place.
    std::string feed_id;
};

// How the crawl state marks a page whose feed summary stands in for it: with no ETag and
// no hash, so that the page is read in full, and replaces the summary, once it answers.
constexpr const char* kReadAsSummary = "feed summary";

enum class Kind { Page, Feed, Sitemap, Unknown };

std::string local_name(const char* name) {
    const std::string_view n(name);
    const auto colon = n.find(':');
    return std::string(colon == std::string_view::npos ? n : n.substr(colon + 1));
}

constexpr const char* kSpaceOrBom = " \t\r\n\xEF\xBB\xBF";

bool declares_xml(std::string_view body) {
    const auto first = body.find_first_not_of(kSpaceOrBom);
    return first != std::string_view::npos && body.compare(first, 5, "<?xml") == 0;
}

// Where the markup that may come before the root element ends: past `<?...?>` (the XML
// declaration, processing instructions), `<!--...-->` and `<!DOCTYPE ...>` with its
// internal subset; npos if it does not end.
std::size_t end_of_prolog_item(std::string_view body, std::size_t at) {
    if (body.compare(at, 2, "<?") == 0) {
        const auto end = body.find("?>", at + 2);
        return end == std::string_view::npos ? end : end + 2;
    }
    if (body.compare(at, 4, "<!--") == 0) {
        const auto end = body.find("-->", at + 4);
        return end == std::string_view::npos ? end : end + 3;
    }
    int brackets = 0;  // a DOCTYPE's [internal subset] may hold '>'
    for (std::size_t i = at + 2; i < body.size(); ++i) {
        if (body[i] == '[') ++brackets;
        if (body[i] == ']') --brackets;
        if (body[i] == '>' && brackets <= 0) return i + 1;
    }
    return std::string_view::npos;
}

// The local name of a body's first element, past a BOM, white space and the prolog; empty
// when text or nothing comes first.
std::string root_element(std::string_view body) {
    std::size_t at = 0;
    for (;;) {
        at = body.find_first_not_of(kSpaceOrBom, at);
        if (at == std::string_view::npos || body[at] != '<') return {};
        if (body.compare(at, 2, "<?") != 0 && body.compare(at, 2, "<!") != 0) break;
        at = end_of_prolog_item(body, at);
    }
    const std::size_t end = body.find_first_of(" \t\r\n>/", at + 1);
    return local_name(std::string(body.substr(at + 1, end - at - 1)).c_str());
}

// What a body is, from its root element, else from its media type.
Kind kind_of(const std::string& body, const std::string& content_type) {
    const std::string root = root_element(body);
    if (root == "urlset" || root == "sitemapindex") return Kind::Sitemap;
    if (root == "rss" || root == "feed" || root == "RDF") return Kind::Feed;
    if (root == "html") return Kind::Page;
    if (declares_xml(body)) return Kind::Unknown;  // XML of another kind
    if (content_type.find("rss") != std::string::npos ||
        content_type.find("atom") != std::string::npos)
        return Kind::Feed;
    if (content_type == "text/html" || content_type == "application/xhtml+xml" ||
        content_type.empty())
        return Kind::Page;
    return Kind::Unknown;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

// How the report names a host: "example.org", or "example.org:8080".
std::string host_key(const fetch::Url& url) {
    return url.host + (url.port.empty() ? "" : ":" + url.port);
}

struct HostRobots {
    fetch::RobotsRules rules;
    std::string unreachable;  ///< why robots.txt could not be read: the host is not crawled
};

class Crawl {
  public:
    Crawl(const FetchOptions& options, IndexWriter& writer, IngestReport& report)
        : options_(options),
          writer_(writer),
          report_(report),
          client_({options.user_agent, options.timeout_seconds,
                   std::min(10.0, options.timeout_seconds), options.max_bytes,
                   options.stop_requested}),
          state_(fetch::CrawlState::load(options.state_path, report)),
          ids_(state_.article_ids()),
          next_checkpoint_(checkpoint_after()) {}

    FetchReport run(const std::vector<std::string>& urls,
                    const std::function<void(const FetchReport&)>& progress) {
        for (const auto& u : urls) {
            if (const auto parsed = fetch::parse_url(u)) given_.insert(parsed->str());
            enqueue(u, std::nullopt);
        }
        std::size_t done = 0;
        while (!fresh_.empty() || !known_.empty()) {
            if (stopping()) {
                // Stopped (SIGINT, SIGTERM): what was read is committed below and the state
                // saved, so that the next run goes on from here rather than from scratch.
                out_.interrupted = true;
                out_.queued = fresh_.size() + known_.size();
                report_.warn("fetch", 0, "interrupted",
                             "the run was stopped: " + std::to_string(out_.queued) +
                                 " URLs not fetched; what was read is kept, and the next "
                                 "run goes on from there");
                break;
            }
            if (done == options_.max_urls) {
                out_.queued = fresh_.size() + known_.size();
                report_.warn("fetch", 0, "over a limit",
                             std::to_string(out_.queued) +
                                 " URLs not fetched: the run's limit is " +
                                 std::to_string(options_.max_urls) +
                                 " (--max-urls); the next run fetches them first");
                break;
            }
            // URLs never fetched go before conditional re-checks of known ones: else a run
            // that stops at --max-urls would re-check the same URLs every time and never
            // reach the rest of a long sitemap.
            auto& queue = fresh_.empty() ? known_ : fresh_;
            Pending next = std::move(queue.front());
            queue.pop_front();
            visit(next);
            ++done;
            checkpoint_if_due();
            if (progress) progress(out_);
        }
        writer_.commit();
        state_.save();  // after the commit: the state never claims what the index lacks
        return out_;
    }

  private:
    void enqueue(const std::string& url, std::optional<Article> fallback,
                 std::string feed_id = {}) {
        const auto parsed = fetch::parse_url(url);
        if (!seen_.insert(parsed ? parsed->str() : url).second) return;  // one per spelling
        const fetch::UrlState* known = parsed ? state_.find(parsed->str()) : nullptr;
        auto& queue = known && known->read_as != kReadAsSummary ? known_ : fresh_;
        queue.push_back({url, std::move(fallback), std::move(feed_id)});
    }

    // Commits what was read and saves the state every checkpoint_seconds: a run killed
    // outright (SIGKILL, out of memory, a power cut) then loses only its last stretch. The
    // order is the end's: the state never claims what the index lacks.
    void checkpoint_if_due() {
        if (options_.checkpoint_seconds <= 0 || Clock::now() < next_checkpoint_) return;
        writer_.commit();
        state_.save();
        next_checkpoint_ = checkpoint_after();
    }

    Clock::time_point checkpoint_after() const {
        return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(options_.checkpoint_seconds));
    }

    // Indexes the feed's summary of a page that gave no article, unless the page was read
    // before: a transient failure must not replace the full text with a teaser.
    void add_fallback(Pending& item, const std::string& url, const fetch::UrlState* known) {
        if (known && known->read_as != kReadAsSummary) {
            retire_feed_item(item, *known);  // the page's own article stays
            return;
        }
        if (!item.fallback) return;
        Article summary = std::move(*item.fallback);
        item.fallback.reset();
        retire_feed_item(item, derive_article_id(summary));
        add(std::move(summary), item.url);
        fetch::UrlState stand_in;
        stand_in.read_as = kReadAsSummary;
        stand_in.fetched_at = utc_now();
        state_.set(url, std::move(stand_in));
    }

    // Records that a link answered 404 or 410 (`status`), or answers again (0), keeping what
    // else its state says (an article read before stays, a summary standing in too).
    void mark_gone(const std::string& url, long status) {
        fetch::UrlState state;
        if (const fetch::UrlState* known = state_.find(url)) state = *known;
        if (state.fetched_at.empty()) state.fetched_at = utc_now();
        state.gone = status;
        state_.set(url, std::move(state));
    }

    // Removes what stood in for a page now read as `page_id`: the summary indexed under the
    // address the page was fetched from (when it names another), and the item as its feed
    // gave it without --follow (under its guid).
    void retire_stand_ins(const Pending& item, const std::string& url, const fetch::UrlState* known,
                          const std::string& page_id) {
        if (known && known->read_as == kReadAsSummary && url != page_id) writer_.remove(url);
        retire_feed_item(item, page_id);
    }

    // A page whose article is now indexed under another id (its canonical link changed, or
    // an older Parley kept a tracking parameter) leaves no copy under the old one, unless
    // another URL's article is indexed there.
    void retire_former_id(const std::string& url, const fetch::UrlState* known,
                          const std::string& page_id) {
        if (!known || known->read_as != "page" || known->article_id.empty() ||
            known->article_id == page_id || state_.id_claimed_by_another(known->article_id, url))
            return;
        writer_.remove(known->article_id);
    }

    // One article for a page served over both http and https: the address its article was
    // first indexed under wins.
    std::string settle_address(const std::string& address) {
        if (!ids_.count(address)) {
            std::string twin;
            if (address.starts_with("https://")) twin = "http://" + address.substr(8);
            if (address.starts_with("http://")) twin = "https://" + address.substr(7);
            if (!twin.empty() && ids_.count(twin)) return twin;
        }
        ids_.insert(address);
        return address;
    }

    void retire_feed_item(const Pending& item, const std::string& replacement_id) {
        if (!item.feed_id.empty() && item.feed_id != replacement_id) writer_.remove(item.feed_id);
    }

    // The same for a page read in an earlier run: only if its state says what its article's
    // id is (the guid may be that very id).
    void retire_feed_item(const Pending& item, const fetch::UrlState& page) {
        if (!page.article_id.empty()) retire_feed_item(item, page.article_id);
    }

    void fail(const std::string& url, const std::string& host, const std::string& reason,
              const std::string& detail, std::size_t line = 0, std::size_t byte = 0) {
        count_failure(host, reason);
        report_.skip(url, line, reason, detail, byte);
    }

    // A failure a reader has recorded in the report already.
    void count_failure(const std::string& host, const std::string& reason) {
        auto& c = out_.hosts[host];
        ++c.failed;
        ++c.failures[reason];
    }

    bool stopping() const { return options_.stop_requested && options_.stop_requested(); }

    // Sleeps until `until`, or until the run is asked to stop: a minute's Retry-After must
    // not hold up a Ctrl-C.
    void pause_until(Clock::time_point until) const {
        while (!stopping()) {
            const auto now = Clock::now();
            if (now >= until) return;
            std::this_thread::sleep_for(
                std::min<Clock::duration>(until - now, std::chrono::milliseconds(100)));
        }
    }

    // Waits until `origin` may be asked again.
    void be_polite(const std::string& origin, double delay) {
        if (const auto it = next_request_.find(origin); it != next_request_.end())
            pause_until(it->second);
        next_request_[origin] =
            Clock::now() +
            std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(std::min(delay, options_.max_wait_seconds)));
    }

    // robots.txt, through up to five redirects (RFC 9309), to any host: those hops are not
    // themselves subject to robots.txt.
    fetch::HttpResponse get_robots_txt(const std::string& origin) {
        auto url = fetch::parse_url(origin + "/robots.txt");
        fetch::HttpResponse r;
        for (int hops = 0; url && hops <= 5; ++hops) {
            r = get(*url, {url->str(), "", ""}, options_.delay_seconds);
            if (!is_redirect(r.status)) break;
            url = fetch::resolve_url(*url, r.location);
        }
        return r;
    }

    // A host's robots.txt as RFC 9309 reads it: a file is obeyed, a 4xx means no rules, and a
    // server error or no answer means the host is not crawled this run.
    const HostRobots& robots_for(const fetch::Url& url) {
        const std::string origin = url.origin();
        if (const auto it = robots_.find(origin); it != robots_.end()) return it->second;
        const fetch::HttpResponse r = get_robots_txt(origin);
        HostRobots robots;
        if (r.status >= 200 && r.status < 300) {
            robots.rules = fetch::RobotsRules::parse(r.body, options_.user_agent);
        } else if (r.status < 400 || r.status >= 500) {
            robots.unreachable = r.status == 0 ? r.error : "HTTP " + std::to_string(r.status);
        }
        return robots_.emplace(origin, std::move(robots)).first->second;
    }

    static bool retryable(const fetch::HttpResponse& r) {
        return r.transient || r.status == 429 || r.status == 500 || r.status == 502 ||
               r.status == 503 || r.status == 504;
    }

    // A 429 or 5xx whose Retry-After asks for longer than any wait may last: waiting the cap
    // and asking again would only be refused again.
    bool asks_too_long_a_wait(const fetch::HttpResponse& r) const {
        return retryable(r) && r.retry_after > options_.max_wait_seconds;
    }

    // Counts the URLs of a host in a row that got no usable answer after their retries; a
    // Retry-After past the cap puts the host aside at once.
    void note_answer(const std::string& origin, const fetch::HttpResponse& r) {
        if (asks_too_long_a_wait(r))
            strikes_[origin] = kHostStrikes;
        else if (retryable(r))
            ++strikes_[origin];
        else if (r.status != 0 || r.error != "interrupted")
            strikes_[origin] = 0;
    }

    // GET with retries on what may pass: timeouts, refused connections, 429 and 5xx.
    fetch::HttpResponse get(const fetch::Url& url, const fetch::HttpRequest& request,
                            double delay) {
        fetch::HttpResponse r;
        for (unsigned attempt = 0;; ++attempt) {
            be_polite(url.origin(), delay);
            if (stopping()) return interrupted_response();
            ++out_.requests;
            r = client_.get(request);
            if (!retryable(r) || attempt >= options_.retries || asks_too_long_a_wait(r)) return r;
            double wait =
                std::ldexp(options_.retry_seconds, static_cast<int>(std::min(attempt, 16u)));
            if (r.retry_after >= 0) wait = r.retry_after;
            pause_until(Clock::now() +
                        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                            std::min(wait, options_.max_wait_seconds))));
            if (stopping()) return interrupted_response();
        }
    }

    static fetch::HttpResponse interrupted_response() {
        fetch::HttpResponse r;
        r.error = "interrupted";
        r.detail = "the run was stopped";
        return r;
    }

    struct Followed {
        fetch::HttpResponse response;
        fetch::Url final_url;            ///< the last hop asked for
        std::vector<std::string> hops;   ///< every URL asked for, in order
        std::string disallowed;          ///< the hop robots.txt forbids, when that ended the chain
        std::string robots_unreachable;  ///< why a hop's robots.txt could not be read
    };

    static bool is_redirect(long status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static Followed redirect_failed(Followed f, const std::string& why, const std::string& detail) {
        f.response = {};
        f.response.error = why;
        f.response.detail = detail;
        return f;
    }

    // "a -> b -> a": the chain a redirect failure went through.
    static std::string chain(const std::vector<std::string>& hops, const std::string& last) {
        std::string out;
        for (const auto& hop : hops) out += hop + " -> ";
        return out + last;
    }

    // GET `start`, following redirects here rather than in libcurl, so that every hop's host
    // is asked only for what its robots.txt allows, and no sooner than its delay. Each hop
    // carries the conditional headers of what `start` answered last.
    Followed get_following(const fetch::Url& start, const fetch::UrlState* before) {
        Followed f{{}, start, {}, {}, {}};
        for (long hops = 0;; ++hops) {
            if (const auto it = strikes_.find(f.final_url.origin());
                it != strikes_.end() && it->second >= kHostStrikes)
                return redirect_failed(
                    f, "host not answering",
                    "not asked: the host's last URLs got no answer, or a 429 or 5xx, after "
                    "their retries (or it asked to wait longer than a minute); the next run "
                    "asks again");
            const HostRobots& robots = robots_for(f.final_url);
            if (!robots.unreachable.empty()) {
                f.robots_unreachable = robots.unreachable;
                return f;
            }
            if (!robots.rules.allows(f.final_url.path)) {
                f.disallowed = f.final_url.str();
                return f;
            }
            fetch::HttpRequest request{f.final_url.str(), "", ""};
            if (before) {
                request.if_none_match = before->etag;
                request.if_modified_since = before->last_modified;
            }
            f.response = get(f.final_url, request,
                             std::max(options_.delay_seconds, robots.rules.crawl_delay()));
            note_answer(f.final_url.origin(), f.response);
            fetched_.insert(f.final_url.str());
            f.hops.push_back(f.final_url.str());
            if (!is_redirect(f.response.status)) return f;
            const auto next = fetch::resolve_url(f.final_url, f.response.location);
            // The reason stays fixed, for the summary; the detail says where it went.
            if (f.response.location.empty() || !next)
                return redirect_failed(f, "redirected to no http(s) URL",
                                       "Location: '" + f.response.location + "'");
            if (std::find(f.hops.begin(), f.hops.end(), next->str()) != f.hops.end())
                return redirect_failed(f, "too many redirects",
                                       "a redirect loop: " + chain(f.hops, next->str()));
            if (hops == options_.max_redirects)
                return redirect_failed(f, "too many redirects",
                                       "more than " + std::to_string(options_.max_redirects) +
                                           " redirects: " + chain(f.hops, next->str()));
            f.final_url = *next;
        }
    }

    void visit(Pending& item) {
        const auto url = fetch::parse_url(item.url);
        if (!url) {
            fail(item.url, "(not a URL)", "not an http(s) URL", "'" + item.url + "'");
            return;
        }
        if (fetched_.count(url->str())) return;  // reached already, through a redirect
        const fetch::UrlState* const known = state_.find(url->str());
        const fetch::UrlState* before = known;
        // A feed read last time without --follow listed no pages to follow (and one read
        // with it, pages not to follow now): read in full, not answered "unchanged".
        if (before && before->read_as.starts_with("feed") && before->read_as != feed_mode())
            before = nullptr;
        Followed followed = get_following(*url, before);
        if (stopping()) {
            // Not a failure of the site: asked for again by the next run.
            fresh_.push_front(std::move(item));
            return;
        }
        // Counted under the host that answered (or refused): a redirect may cross hosts.
        const std::string host = host_key(followed.final_url);
        if (!followed.robots_unreachable.empty()) {
            fail(item.url, host, "robots.txt unreachable (" + followed.robots_unreachable + ")",
                 "not fetched: a host whose robots.txt cannot be read is not crawled this run");
            return;
        }
        if (!followed.disallowed.empty()) {
            ++out_.hosts[host].disallowed;
            report_.warn(item.url, 0, "disallowed by robots.txt",
                         followed.disallowed == url->str()
                             ? "not fetched"
                             : "redirected to " + followed.disallowed + "; not fetched");
            return;
        }
        fetch::HttpResponse& r = followed.response;
        if (r.status == 304 && before) {
            if (before->gone) mark_gone(url->str(), 0);  // it answers again
            ++out_.hosts[host].unchanged;
            retire_feed_item(item, *before);
            revisit(*before);
            return;
        }
        report_.bytes_read += r.body.size();
        if (r.status == 0 || r.status >= 300 || !r.error.empty()) {
            // The summary counts failures by reason: "timed out" and "too many redirects"
            // call for different fixes than one "fetch failed" would say.
            const std::string reason = r.status != 0     ? "HTTP " + std::to_string(r.status)
                                       : r.error.empty() ? "fetch failed"
                                                         : r.error;
            std::string detail = r.status != 0 ? "the server answered " + std::to_string(r.status)
                                 : r.detail.empty() ? "no answer"
                                                    : r.detail;
            if (asks_too_long_a_wait(r))
                detail += " and asked to wait " + std::to_string(std::lround(r.retry_after)) +
                          " s (Retry-After), longer than a run waits: its host's other URLs "
                          "are left for the next run";
            const bool permanent =
                (r.status == 404 || r.status == 410) && !given_.count(url->str());
            if (permanent && known && known->gone) {
                ++out_.hosts[host].gone;
                report_.warn(item.url, 0, "gone (HTTP " + std::to_string(r.status) + ")",
                             "the server answered " + std::to_string(r.status) +
                                 " again, as in an earlier run: counted gone, not failed");
            } else {
                fail(item.url, host, reason, detail);
            }
            add_fallback(item, url->str(), known);
            if (permanent) mark_gone(url->str(), r.status);
            return;
        }
        if (std::string why; !inflate_gzip_file(r, why)) {
            fail(item.url, host, "fetch failed", why);
            add_fallback(item, url->str(), known);
            return;
        }
        fetch::UrlState now{r.etag, r.last_modified, util::hex64(util::fnv1a64(r.body)), r.status,
                            utc_now()};
        if (before && before->body_hash == now.body_hash) {
            now.links = before->links;
            now.read_as = before->read_as;
            now.article_id = before->article_id;
            state_.set(url->str(), now);
            ++out_.hosts[host].unchanged;
            retire_feed_item(item, *before);
            revisit(now);
            return;
        }
        links_.clear();
        read_as_.clear();
        article_id_.clear();
        const std::size_t skipped_before = report_.skipped();
        const bool read = read_response(item, r, followed.final_url, host, known);
        // Only a body read without a failure is recorded: else the next run would call the
        // same bytes unchanged, hiding the failure it must report again.
        if (!read || report_.skipped() > skipped_before) return;
        now.links = std::move(links_);
        now.read_as = read_as_;
        now.article_id = std::move(article_id_);
        // The target of a redirect is known too: reached first by its own address (URLs
        // never fetched go first), it is asked for conditionally.
        if (followed.final_url.str() != url->str()) state_.set(followed.final_url.str(), now);
        state_.set(url->str(), std::move(now));
    }

    // A gzip file (sitemap.xml.gz), not a Content-Encoding libcurl has undone: inflated,
    // with the size cap applied to what it inflates to.
    bool inflate_gzip_file(fetch::HttpResponse& r, std::string& why) const {
        if (!readers::is_gzip(r.body)) return true;
        std::string inflated;
        if (!readers::gunzip(r.body, options_.max_bytes, "--max-bytes", inflated, why))
            return false;
        r.body = std::move(inflated);
        return true;
    }

    // Reads what a response holds (a sitemap, a feed or a page); false when it held nothing
    // to index: content of another kind, or a page without an article.
    bool read_response(Pending& item, const fetch::HttpResponse& r, const fetch::Url& base,
                       const std::string& host, const fetch::UrlState* known) {
        const std::size_t problems_before = report_.problems.size();
        switch (kind_of(r.body, r.content_type)) {
            case Kind::Sitemap:
                read_as_ = "sitemap";
                if (!read_sitemap(r.body, base, item.url, host)) return false;
                ++out_.hosts[host].fetched;
                return true;
            case Kind::Feed:
                read_as_ = feed_mode();
                // A feed without items is no failure; one the reader refused is.
                if (read_feed(r, base, item.url, known && known->read_as == "feed") == 0) {
                    if (std::string why = skip_reason_since(problems_before); !why.empty()) {
                        count_failure(host, why);
                        return false;
                    }
                }
                ++out_.hosts[host].fetched;
                return true;
            case Kind::Page: {
                read_as_ = "page";
                const std::string page_url = base.str();
                std::optional<std::string> page_id;
                readers::read_html(
                    r.body, item.url,
                    [&](Article&& a) {
                        a.url = settle_address(fetch::article_address(a.url, base));
                        page_id = derive_article_id(a);
                        add(std::move(a), item.url);
                    },
                    report_, options_.limits, r.charset, page_url);
                const std::string fetched_url = fetch::parse_url(item.url)->str();
                if (!page_id) {
                    if (std::string why = skip_reason_since(problems_before); !why.empty())
                        count_failure(host, why);
                    else
                        fail(item.url, host, "no article body", "the page holds no article");
                    add_fallback(item, fetched_url, known);
                    return false;
                }
                ++out_.hosts[host].fetched;
                retire_stand_ins(item, fetched_url, known, *page_id);
                retire_former_id(fetched_url, known, *page_id);
                article_id_ = *page_id;
                return true;
            }
            case Kind::Unknown:
                break;
        }
        fail(item.url, host, "unsupported content",
             "'" + r.content_type + "' is not a web page, a feed or a sitemap");
        return false;
    }

    // Why a reader gave nothing: the first problem it skipped something for; empty if none.
    std::string skip_reason_since(std::size_t problems_before) const {
        for (std::size_t i = problems_before; i < report_.problems.size(); ++i)
            if (report_.problems[i].severity == IngestProblem::Severity::Skipped)
                return report_.problems[i].reason;
        return {};
    }

    // An unchanged sitemap or followed feed lists no new pages, but the pages it listed may
    // have changed since: each is asked for again, conditionally.
    void revisit(const fetch::UrlState& list) {
        for (const auto& link : list.links) enqueue(link, std::nullopt);
    }

    void add(Article&& article, const std::string&) {
        article.origin.clear();  // not from a file: never pruned as a deleted file's
        ++report_.articles_read;
        writer_.add(std::move(article));
    }

    // False when the sitemap is not well-formed XML (counted a failure of `host`).
    bool read_sitemap(const std::string& body, const fetch::Url& base, const std::string& source,
                      const std::string& host) {
        pugi::xml_document doc;
        const pugi::xml_parse_result parsed = doc.load_buffer(body.data(), body.size());
        if (!parsed) {
            // pugixml may place an error one past the end of a document cut short.
            const std::size_t byte = std::min(
                static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)), body.size());
            const std::size_t line = util::line_of(body, byte);
            fail(source, host, "malformed sitemap",
                 std::string(parsed.description()) + " at line " + std::to_string(line) +
                     ", byte " + std::to_string(byte),
                 line, byte);
            return false;
        }
        // <urlset><url><loc> lists pages; <sitemapindex><sitemap><loc> lists sitemaps.
        for (const pugi::xml_node entry : doc.document_element().children()) {
            for (const pugi::xml_node child : entry.children()) {
                if (local_name(child.name()) != "loc") continue;
                if (const auto link = fetch::resolve_url(base, child.text().get())) {
                    links_.push_back(link->str());
                    enqueue(link->str(), std::nullopt);
                } else {
                    // Said, not passed over: a page the sitemap lists is not fetched.
                    const auto byte =
                        static_cast<std::size_t>(std::max<std::ptrdiff_t>(child.offset_debug(), 0));
                    report_.warn(source, util::line_of(body, byte), "bad link",
                                 "<loc> '" + std::string(child.text().get()) +
                                     "' is no http(s) address: not fetched",
                                 byte);
                }
            }
        }
        return true;
    }

    // `was_unfollowed`: the feed was last read without --follow, so its items are indexed
    // under their own ids, which the pages now replace.
    // Returns the number of items read.
    std::size_t read_feed(const fetch::HttpResponse& r, const fetch::Url& base,
                          const std::string& source, bool was_unfollowed) {
        std::vector<Article> items;
        // Item links are resolved against the feed's own (final) address: relative links
        // from two sites must not become one article. The HTTP charset outranks the XML
        // declaration (RFC 7303, 3.2).
        readers::read_feed(
            r.body, source, [&](Article&& a) { items.push_back(std::move(a)); }, report_,
            options_.limits, base.str(), r.charset);
        for (auto& item : items) {
            const auto link = item.url.empty() ? std::nullopt : fetch::resolve_url(base, item.url);
            if (options_.follow && link) {
                links_.push_back(link->str());
                std::string feed_id = was_unfollowed ? derive_article_id(item) : std::string();
                // Indexed in the page's stead if the page fails, under the id the page gets
                // (its address), so that the page replaces it once it can be read.
                item.id.clear();
                item.url = link->str();
                enqueue(link->str(), std::move(item), std::move(feed_id));
            } else {
                // Under its normalised link, as a page would be: no tracking parameters.
                if (link) item.url = link->str();
                add(std::move(item), source);
            }
        }
        return items.size();
    }

    const FetchOptions& options_;
    IndexWriter& writer_;
    IngestReport& report_;
    fetch::HttpClient client_;
    fetch::CrawlState state_;
    FetchReport out_;
    std::deque<Pending> fresh_;      ///< never fetched (no crawl state)
    std::deque<Pending> known_;      ///< fetched before: asked for conditionally
    std::set<std::string> seen_;     ///< ever queued
    std::set<std::string> given_;    ///< the URLs asked for (not found in a feed or sitemap)
    std::set<std::string> fetched_;  ///< asked for, or reached by a redirect
    std::map<std::string, HostRobots> robots_;
    std::map<std::string, Clock::time_point> next_request_;
    /// After this many URLs of a host in a row got no usable answer after their retries (no
    /// answer, 429, 5xx), its other URLs are not asked for this run: a host that is down
    /// would otherwise cost each of its URLs the timeout and the retries, for hours.
    static constexpr unsigned kHostStrikes = 3;
    std::map<std::string, unsigned> strikes_;  ///< per origin: such URLs in a row
    std::vector<std::string> links_;           ///< what the list being read links to
    std::string read_as_;                      ///< how the body being read was read (UrlState)
    std::string article_id_;                   ///< the id of the page being read (UrlState)
    std::set<std::string> ids_;                ///< the ids pages' articles are indexed under
    Clock::time_point next_checkpoint_;        ///< when checkpoint_if_due() next commits

    std::string feed_mode() const { return options_.follow ? "feed --follow" : "feed"; }
};

}  // namespace

FetchReport fetch_urls(const std::vector<std::string>& urls, const FetchOptions& options,
                       IndexWriter& writer, IngestReport& report,
                       const std::function<void(const FetchReport&)>& progress) {
    Crawl crawl(options, writer, report);
    return crawl.run(urls, progress);
}

}  // namespace parley
