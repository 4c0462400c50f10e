#pragma once

#include <httplib.h>

#include "api/api_context.hpp"
#include "http/request_params.hpp"

namespace parley::server {

/// GET /analyze/timeline: matches per bucket beside the archive's (q, filter, interval,
/// series (repeatable), from, to).
void get_timeline(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                  const PathParams& path);
/// GET /analyze/stands-out: values over-represented in the matches (field, background).
void get_stands_out(ApiContext& context, const httplib::Request& request,
                    httplib::Response& response, const PathParams& path);
/// GET /analyze/cooccur: values sharing paragraphs or articles with the matches (field,
/// level, order, matrix=A,B,C).
void get_cooccurrence(ApiContext& context, const httplib::Request& request,
                      httplib::Response& response, const PathParams& path);
/// GET /analyze/bursts: periods where a series rises above its baseline.
void get_bursts(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams& path);
/// GET /analyze/context?article=&paragraph=&before=&after=.
void get_context(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams& path);
/// GET /analyze/more-like?article=&paragraph=&limit=: a search result.
void get_more_like(ApiContext& context, const httplib::Request& request,
                   httplib::Response& response, const PathParams& path);
/// GET /analyze/export?q=&filter=&sort=&format=ndjson|csv&cursor=&size=: every hit, a page
/// at a time (X-Total-Count, X-Next-Cursor and Link rel=next say where the next begins).
void get_export(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams& path);

}  // namespace parley::server
