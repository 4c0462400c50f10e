#pragma once

#include "api/api_context.hpp"
#include "http/router.hpp"

namespace parley::server {

/// The API's route table: every endpoint of parley-serve, bound to `context` (which must
/// outlive the router).
Router make_routes(ApiContext& context);

}  // namespace parley::server
