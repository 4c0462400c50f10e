#pragma once

#include <string>
#include <string_view>

namespace parley {
/// The bytes of server/api/openapi.json, embedded at build time (cmake/ParleyEmbed.cmake).
std::string_view openapi_json();
}  // namespace parley

namespace parley::server {

/// The OpenAPI 3.1 description of the API, with this build's version filled in; served at
/// /openapi.json.
std::string openapi_document();

}  // namespace parley::server
