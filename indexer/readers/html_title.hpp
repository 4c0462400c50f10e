#pragma once

// The headline and outlet in a page's <title>: "Headline | Outlet", "Outlet - Section -
// Headline".

#include <string>
#include <vector>

namespace parley::readers::html {

/// "Headline | Outlet" → "Headline" (also "Outlet | Headline", and other separators), when
/// the outlet is the page's own; else the title unchanged.
std::string strip_outlet(std::string title, const std::string& outlet);

/// The <title> as a headline: the outlet's name taken off (strip_outlet()); without a
/// known outlet, a last " | Site" or " – Site" part taken off when three words or more
/// remain before it. Empty when the title is only the outlet's name, or when fewer words
/// remain (a section's name: "Opinion | Outlet").
std::string page_title(const std::string& title, const std::string& outlet);

struct TitleMatch {
    std::string headline;  ///< the candidate the title matched
    std::string outlet;
};

/// When one end of the <title> begins one of the `headlines` found elsewhere on the page,
/// that headline and the other end as the outlet's name; else empty.
TitleMatch match_title(const std::string& title, const std::vector<std::string>& headlines);

}  // namespace parley::readers::html
