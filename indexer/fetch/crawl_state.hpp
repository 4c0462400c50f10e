#pragma once

// What each URL answered when it was last fetched, kept between runs so that a crawler
// asks only for what changed.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "parley/ingest_report.hpp"

namespace parley::fetch {

struct UrlState {
    std::string etag;
    std::string last_modified;
    std::string body_hash;  ///< 16 hex digits of the body's FNV-1a hash
    long status = 0;
    std::string fetched_at;  ///< UTC, ISO 8601
    /// What a sitemap (or a feed read with --follow) listed: checked again, conditionally,
    /// when the list itself has not changed.
    std::vector<std::string> links;
    /// How the body was read: "page", "sitemap", "feed", or "feed --follow" (its links
    /// followed). A feed asked for the other way is read in full again.
    std::string read_as;
    /// For a page: the id its article is indexed under (its canonical address, maybe not
    /// the URL it was fetched from), so that what stood in for it can be told from it.
    std::string article_id;
    /// 404 or 410 when the URL, a link found in a feed or sitemap, last answered that: the
    /// next run that gets the same answer counts it gone, not failed (0: not gone).
    long gone = 0;
};

class CrawlState {
  public:
    /// Reads `path` (JSON); a missing file is an empty state, an unreadable one too, with a
    /// warning in `report`.
    static CrawlState load(const std::string& path, IngestReport& report);
    /// Writes the state to its path atomically (a temporary file renamed over it, synced).
    /// Throws IndexIoError.
    void save() const;

    const UrlState* find(const std::string& url) const;
    void set(const std::string& url, UrlState state) { urls_[url] = std::move(state); }
    /// The ids the pages' articles are indexed under.
    std::set<std::string> article_ids() const;
    /// Whether a URL other than `url` has its article indexed under `id`.
    bool id_claimed_by_another(const std::string& id, const std::string& url) const;
    bool enabled() const { return !path_.empty(); }

  private:
    /// Moves entries written under an older spelling of their URL (before tracking
    /// parameters were dropped) to the form URLs are now kept in: a page known by the old
    /// spelling is asked for conditionally, and its article moves rather than doubles.
    void rekey();

    std::string path_;
    std::map<std::string, UrlState> urls_;
};

}  // namespace parley::fetch
