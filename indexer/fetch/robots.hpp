#pragma once

// robots.txt as crawlers read it (RFC 9309): the group for our user agent (else the "*"
// group), Allow and Disallow rules with '*' and '$', the longest match winning and Allow
// winning a tie, and the Crawl-delay extension.

#include <string>
#include <string_view>
#include <vector>

namespace parley::fetch {

class RobotsRules {
  public:
    /// Rules that allow everything (no robots.txt, or one that cannot be read).
    RobotsRules() = default;
    /// The rules of `text` that apply to a crawler calling itself `agent` ("Parley/0.1":
    /// groups are matched on its product token, "parley", case-insensitively).
    static RobotsRules parse(std::string_view text, std::string_view agent);

    /// Whether `path` (path and query, from '/') may be fetched.
    bool allows(std::string_view path) const;
    /// Seconds to wait between requests, 0 when the file asks for none.
    double crawl_delay() const { return crawl_delay_; }

  private:
    struct Rule {
        std::string pattern;
        bool allow;
    };
    std::vector<Rule> rules_;
    double crawl_delay_ = 0;
};

}  // namespace parley::fetch
