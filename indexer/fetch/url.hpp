#pragma once

// Just enough URL handling for a crawler: split an absolute http(s) URL, resolve the links
// a feed or sitemap gives against the page they came from, and name a URL's host.

#include <optional>
#include <string>
#include <string_view>

namespace parley::fetch {

struct Url {
    std::string scheme;  ///< "http" or "https", lower case
    std::string host;    ///< lower case, without the port
    std::string port;    ///< as written; empty for the scheme's default
    /// From the first '/', query included, fragment dropped; "/" if none. Canonical (RFC
    /// 3986, 6.2.2): no "." or ".." segments, no tracking parameters (utm_*, fbclid, ...)
    /// nor an empty query, unreserved characters not percent-encoded,
    /// the hex of other escapes upper case, and what a URL may not hold (spaces, non-ASCII
    /// bytes) percent-encoded, so that one page has one address and robots.txt is matched
    /// against what is requested.
    std::string path;

    /// scheme://host[:port], the scope of robots.txt and of the politeness delay.
    std::string origin() const;
    std::string str() const { return origin() + path; }
};

/// The parts of an absolute http or https URL; nullopt for anything else (mailto:, a
/// relative reference, a host with spaces).
std::optional<Url> parse_url(std::string_view text);

/// `text` with what a URL may not hold (spaces, controls, non-ASCII bytes, a '%' that
/// starts no escape) percent-encoded, escapes of unreserved characters (letters, digits,
/// "-._~") decoded, and the hex of the others upper case.
std::string normalize_percent_encoding(std::string_view text);

/// Whether a query parameter only tracks where a reader came from (utm_*, fbclid, gclid,
/// msclkid, mc_cid, ...): dropped from every URL, so that it names no second article.
bool is_tracking_parameter(std::string_view name);

/// Whether two URLs are of one site: the same host once a leading "www.", "m.", "amp." or
/// "mobile." is set aside, or one a subdomain of the other (opinion.example.org and
/// example.org). Scheme and port do not matter.
bool same_site(const Url& a, const Url& b);

/// The address a fetched page's article is identified by: the URL the page names as its
/// own (`declared`: its canonical link, og:url, JSON-LD url; may be empty), normalised,
/// when it is of the same site as `fetched` (the address it was fetched from); else
/// `fetched`. Another site's address is not taken: a page must not replace another site's
/// article; nor is the site's home page ("/") named by another page.
std::string article_address(std::string_view declared, const Url& fetched);

/// `reference` (absolute, "//host/...", "/path", "path" or "?query") read against `base`;
/// nullopt when the result is not an http(s) URL.
std::optional<Url> resolve_url(const Url& base, std::string_view reference);

}  // namespace parley::fetch
