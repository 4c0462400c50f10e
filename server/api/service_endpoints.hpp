#pragma once

#include <httplib.h>

#include "api/api_context.hpp"

namespace parley::server {

/// GET /metrics: Prometheus text (see service/metrics.hpp), with the index's paragraphs and
/// size read at the scrape.
void get_metrics(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams& path);

/// GET /openapi.json: the API's OpenAPI 3.1 description.
void get_openapi(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams& path);

}  // namespace parley::server
