#pragma once

#include <map>
#include <string>
#include <vector>

#include "parley/search_request.hpp"
#include "query/query_ast.hpp"
#include "query/query_parser.hpp"

namespace parley::search {

/// A request's query text, filters and facet selections as one parsed tree, with what
/// multi-select faceting needs to match again without one facet's selections.
struct RequestQuery {
    query::QueryNode root;        ///< query AND filters AND every selected facet
    query::QueryNode unselected;  ///< query AND filters
    /// Per selected facet (its number), the OR of its selected values.
    std::map<int, query::QueryNode> selected;
    std::vector<std::string> notes;           ///< repairs made while parsing, per part
    std::vector<std::string> unknown_fields;  ///< the notes a strict request refuses

    /// `unselected` with the selections of every facet but `except` (-1: all of them).
    query::QueryNode with_selections(int except) const;
};

/// A selection as it is searched and listed: facet:"value" (quoted as in a query, \" for a
/// quote inside) is facet:value, as GET /search's filter= reads it; others unchanged.
std::string plain_selection(const std::string& selection);

/// Parses a request's query, filters and selections. Throws QueryError for a selection
/// that is not facet:value.
RequestQuery parse_request_query(const SearchRequest& request, query::QueryParser& parser);

}  // namespace parley::search
