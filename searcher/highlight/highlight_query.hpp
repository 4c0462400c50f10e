#pragma once

#include <set>
#include <string>
#include <vector>

namespace parley::highlight {

/// What the highlighter marks: the positive words of a query, as index terms
/// (stems and compounds, without prefix), its phrases and its wildcard prefixes.
/// Words under NOT or '-' are never marked.
struct HighlightQuery {
    std::set<std::string> terms;
    std::vector<std::vector<std::string>> phrases;
    std::vector<std::string> prefixes;

    bool empty() const { return terms.empty() && phrases.empty() && prefixes.empty(); }
};

}  // namespace parley::highlight
