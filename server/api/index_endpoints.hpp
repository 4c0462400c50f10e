#pragma once

#include <httplib.h>

#include "api/api_context.hpp"

namespace parley::server {

/// GET /health: {"status": "ok", "paragraphs": N}; for a shard set with shards that do not
/// answer (--allow-partial), "status": "partial", "missing_shards" and, per shard, why
/// ("missing_shard_reasons"); 503 if the index
/// cannot be read.
void get_health(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams& path);

/// GET /stats?top=: the object `parley-index stats --json` prints.
void get_stats(ApiContext& context, const httplib::Request& request, httplib::Response& response,
               const PathParams& path);

}  // namespace parley::server
