#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "api/api_context.hpp"
#include "http/request_params.hpp"
#include "parley/search_request.hpp"

namespace parley::server {

/// The SearchRequest a GET /search asks for. `filter=FACET:VALUE` (one of the five facets,
/// one value, quotes optional) becomes a facet selection; any other filter text is a
/// query-syntax filter. Throws ApiError(400) for unknown or malformed parameters and for
/// requests over `limits`.
SearchRequest search_request_from(const QueryParams& params, const RequestLimits& limits);

/// GET /search: the object `parley-search --json` prints.
void get_search(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams& path);

/// GET /suggest?q=&limit=: completions of the last word and a "did you mean".
void get_suggest(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams& path);

/// GET /facets/{name}?prefix=&limit=: the facet's values with a word starting with prefix.
void get_facet_values(ApiContext& context, const httplib::Request& request,
                      httplib::Response& response, const PathParams& path);

}  // namespace parley::server
