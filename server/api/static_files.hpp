#pragma once

#include <httplib.h>

#include <string>

#include "api/api_context.hpp"

namespace parley::server {

/// GET /static/{file...}: a file of the --web directory, read afresh on each request, with
/// its Content-Type; 404 if it does not exist. Paths that would leave the directory are
/// refused (400).
void get_static_file(ApiContext& context, const httplib::Request& request,
                     httplib::Response& response, const PathParams& path);

/// GET /: the search page, index.html of the --web directory.
void get_index_page(ApiContext& context, const httplib::Request& request,
                    httplib::Response& response, const PathParams& path);

}  // namespace parley::server
