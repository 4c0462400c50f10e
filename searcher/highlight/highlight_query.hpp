#pragma once

#include <set>
#include <string>
#include <vector>

namespace parley::highlight {

/// What the highlighter marks: the positive words of a query, as index terms
/// (stems and compounds, without prefix; wildcards as the stems they expanded to) and its
/// phrases.
/// Words under NOT or '-' are never marked.
struct HighlightQuery {
    std::set<std::string> terms;
    std::vector<std::vector<std::string>> phrases;

    bool empty() const { return terms.empty() && phrases.empty(); }
};

}  // namespace parley::highlight
