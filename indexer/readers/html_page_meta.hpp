#pragma once

// A page's own statements about itself: <title>, <meta> tags (Open Graph, article:*, Dublin
// Core, author, date), <link rel=canonical> and the text of JSON-LD scripts, and picking one
// value among candidates.

#include <gumbo.h>

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/url.hpp"

namespace parley::readers::html {

struct PageInfo {
    std::string title;  ///< <title>
    std::string base;   ///< the first <base href>, as written
    std::vector<std::string> canonical;
    std::map<std::string, std::vector<std::string>> meta;  ///< name/property/itemprop → content
    std::vector<std::string> json_ld;                      ///< script bodies, unparsed
};

/// Adds what the subtree under `n` says about the page to `info`; the first <title> wins,
/// meta names are lower case, contents have their spaces collapsed.
void collect_page_info(const GumboNode* n, PageInfo& info);

/// Every value of the meta names `keys`, key by key, in document order.
std::vector<std::string> meta_values(const PageInfo& info, std::initializer_list<const char*> keys);

/// The first of meta_values(), or empty.
std::string first_meta(const PageInfo& info, std::initializer_list<const char*> keys);

/// The first value that is a date, else the first value (deliver() warns about it).
std::string pick_date(const std::vector<std::string>& values);

/// The first of `values` that names a page: an absolute URL as written, else a relative one
/// ("/story", "//host/x", "#") resolved against `base`; empty when none does, as a relative
/// URL does with no base, so that it never stands as a page's address.
std::string pick_url(const std::vector<std::string>& values, const std::optional<fetch::Url>& base);

/// What relative URLs in a page are read against: its <base href> (itself read against
/// `page_url`), else `page_url`, the address the page came from; nullopt when neither is
/// an http(s) URL (a local file).
std::optional<fetch::Url> page_base(const PageInfo& info, std::string_view page_url);

/// A <time> element's datetime attribute, else its text.
std::string time_value(const GumboNode* time);

}  // namespace parley::readers::html
