#include "api/routes.hpp"

#include "api/analyze_endpoints.hpp"
#include "api/article_endpoints.hpp"
#include "api/index_endpoints.hpp"
#include "api/search_endpoints.hpp"
#include "api/service_endpoints.hpp"
#include "api/static_files.hpp"

namespace parley::server {
namespace {

using Endpoint = void (*)(ApiContext&, const httplib::Request&, httplib::Response&,
                          const PathParams&);

struct Route {
    const char* method;
    const char* pattern;
    Endpoint endpoint;
};

// clang-format off
constexpr Route kRoutes[] = {
    {"GET",    "/search",           get_search},
    {"GET",    "/suggest",          get_suggest},
    {"GET",    "/facets/{name}",    get_facet_values},
    {"GET",    "/analyze/timeline", get_timeline},
    {"GET",    "/analyze/stands-out", get_stands_out},
    {"GET",    "/analyze/cooccur",  get_cooccurrence},
    {"GET",    "/analyze/bursts",   get_bursts},
    {"GET",    "/analyze/context",  get_context},
    {"GET",    "/analyze/more-like", get_more_like},
    {"GET",    "/analyze/export",   get_export},
    {"GET",    "/articles",         get_article},     // ?id=ID, for ids that are URLs
    {"GET",    "/articles/{id...}", get_article},
    {"POST",   "/articles",         post_articles},
    {"DELETE", "/articles",         delete_article},  // ?id=ID, for ids that are URLs
    {"DELETE", "/articles/{id...}", delete_article},
    {"GET",    "/health",           get_health},
    {"GET",    "/stats",            get_stats},
    {"GET",    "/metrics",          get_metrics},
    {"GET",    "/openapi.json",     get_openapi},
    {"GET",    "/",                 get_index_page},
    {"GET",    "/static/{file...}", get_static_file},
};
// clang-format on

}  // namespace

Router make_routes(ApiContext& context) {
    Router router;
    for (const Route& route : kRoutes) {
        router.add(route.method, route.pattern,
                   [&context, endpoint = route.endpoint](
                       const httplib::Request& request, httplib::Response& response,
                       const PathParams& path) { endpoint(context, request, response, path); });
    }
    return router;
}

}  // namespace parley::server
