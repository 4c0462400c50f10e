#pragma once

#include <httplib.h>

#include <string>

#include "api/api_context.hpp"

namespace parley::server {

/// GET /articles/{id} or GET /articles?id=: the article with its paragraphs, actors and
/// topics; 404 if there is none.
void get_article(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams& path);

/// POST /articles: adds or replaces the articles of a JSON body (one object or an array, the
/// fields of JSON Lines input) and commits before answering. Needs the token.
void post_articles(ApiContext& context, const httplib::Request& request,
                   httplib::Response& response, const PathParams& path);

/// DELETE /articles/{id}: removes an article and commits; 404 if there is none. Needs the
/// token.
void delete_article(ApiContext& context, const httplib::Request& request,
                    httplib::Response& response, const PathParams& path);

}  // namespace parley::server
