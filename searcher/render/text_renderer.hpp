#pragma once

#include <string>

#include "parley/search_request.hpp"
#include "parley/search_result.hpp"

namespace parley::render {

struct TextStyle {
    bool color = false;  ///< ANSI bold/colour; only for a terminal, never with NO_COLOR
};

/// Readable text: per hit its rank, title — authors — date, paragraph, snippet with the
/// matches marked, actors and topics; then totals, a compact facet table and notes.
std::string render_text(const SearchResult& result, const SearchRequest& request,
                        const TextStyle& style);

}  // namespace parley::render
