#pragma once

#include <nlohmann/json.hpp>

#include "parley/search_request.hpp"
#include "parley/search_result.hpp"

namespace parley::render {

/// The one JSON form of a search result, shared by `parley-search --json` and the HTTP
/// API. Documented in the README ("JSON output"); fields are only ever added.
nlohmann::ordered_json to_json(const SearchResult& result, const SearchRequest& request);

const char* sort_name(SortOrder sort);

}  // namespace parley::render
