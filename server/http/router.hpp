#pragma once

#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

namespace parley::server {

/// The values of a route's path parameters, in order (URL-decoded, as the path is).
using PathParams = std::vector<std::string>;

/// The API's one route table: method and path pattern to handler. It answers every request
/// itself — 404 for a path no route knows, 405 (with Allow) for a known path asked with
/// another method — and turns whatever a handler throws into a JSON error, so one bad
/// request never stops the server. Read-only once built: safe to dispatch from many threads.
class Router {
  public:
    /// Called with the request, the response to fill and the pattern's parameters.
    using Handler =
        std::function<void(const httplib::Request&, httplib::Response&, const PathParams&)>;

    /// Adds a route. `pattern` is a path whose segments are literal, `{name}` (one
    /// non-empty segment) or, last, `{name...}` (the non-empty rest of the path, slashes
    /// included: article ids may be URLs). `method` is GET (which also answers HEAD), POST,
    /// PUT, PATCH or DELETE.
    Router& add(const std::string& method, const std::string& pattern, Handler handler);

    /// The pattern of the first route for `path`, whatever its method ("/articles/{id...}"),
    /// or empty: a name for the path that does not grow with ids.
    std::string pattern_for(const std::string& path) const;
    /// The methods routes answer on `path` ("GET, POST"), or empty.
    std::string methods_for(const std::string& path) const;

    /// Answers one request: finds its route and runs it, or answers 404/405; exceptions
    /// become JSON errors (ApiError: its status; parley::Error: http_status_for(); anything
    /// else: 500, logged on stderr). CORS and keys are the caller's (ServiceGate).
    void dispatch(const httplib::Request& request, httplib::Response& response) const;

    /// The JSON error for what the HTTP server refuses before any route runs: 400 (not
    /// HTTP), 413 (body over `max_request_bytes`), 414, 431 (request line, or line and
    /// headers, over `max_head_bytes`), 503 (too many connections).
    static void refusal(int status, std::size_t max_request_bytes, std::size_t max_head_bytes,
                        httplib::Response& response);

  private:
    struct Route {
        std::string method;
        std::string pattern;
        Handler handler;
    };
    /// Whether `path` matches `pattern`; if so, `captures` holds the parameters' values.
    static bool match(const std::string& pattern, const std::string& path, PathParams& captures);

    std::vector<Route> routes_;
};

}  // namespace parley::server
