#include "http/router.hpp"

#include <algorithm>
#include <iostream>

#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "parley/error.hpp"
#include "util/utf8.hpp"

namespace parley::server {

Router& Router::add(const std::string& method, const std::string& pattern, Handler handler) {
    routes_.push_back({method, pattern, std::move(handler)});
    return *this;
}

// Plain segment matching rather than std::regex: libstdc++'s regex recurses once per
// character, and a path may be 8 KiB long.
bool Router::match(const std::string& pattern, const std::string& path, PathParams& captures) {
    captures.clear();
    std::size_t p = 0, at = 0;  // positions in pattern and path
    while (p < pattern.size()) {
        if (pattern[p] != '{') {
            if (at >= path.size() || path[at] != pattern[p]) return false;
            ++p;
            ++at;
            continue;
        }
        const std::size_t close = pattern.find('}', p);
        const bool rest = close >= p + 4 && pattern.compare(close - 3, 3, "...") == 0;
        const std::size_t end = rest ? path.size() : std::min(path.find('/', at), path.size());
        if (end == at) return false;  // parameters are never empty
        captures.push_back(path.substr(at, end - at));
        at = end;
        p = close + 1;
    }
    return at == path.size();
}

std::string Router::pattern_for(const std::string& path) const {
    PathParams captures;
    for (const Route& route : routes_)
        if (match(route.pattern, path, captures)) return route.pattern;
    return {};
}

std::string Router::methods_for(const std::string& path) const {
    std::string methods;
    PathParams captures;
    for (const Route& route : routes_) {
        if (!match(route.pattern, path, captures) ||
            methods.find(route.method) != std::string::npos)
            continue;
        // Every GET answers HEAD too (dispatch() runs it as GET, without the body).
        methods += (methods.empty() ? "" : ", ") +
                   (route.method == "GET" ? std::string("GET, HEAD") : route.method);
    }
    return methods;
}

void Router::dispatch(const httplib::Request& request, httplib::Response& response) const {
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    try {
        // Checked as query parameters are (QueryParams): an id or name in the path is text.
        if (util::first_invalid_utf8(request.path)) {
            throw ApiError(400,
                           "the path is not valid UTF-8 (percent-encode the UTF-8 bytes of "
                           "the text): " +
                               request.path);
        }
        std::string allowed;
        PathParams captures;
        for (const Route& route : routes_) {
            if (!match(route.pattern, request.path, captures)) continue;
            if (route.method != method) {
                if (allowed.find(route.method) == std::string::npos)
                    allowed += (allowed.empty() ? "" : ", ") + route.method;
                continue;
            }
            route.handler(request, response, captures);
            return;
        }
        if (!allowed.empty()) {
            allowed = methods_for(request.path);  // with HEAD beside GET
            response.set_header("Allow", allowed);
            throw ApiError(405, request.method + " is not allowed on " + request.path +
                                    " (allowed: " + allowed + ")");
        }
        throw ApiError(404, "no such endpoint: " + request.method + " " + request.path +
                                " (the API has GET /search, /suggest, /facets/{name}, "
                                "/analyze/{view}, /articles/{id}, /health, /stats, /metrics "
                                "and /openapi.json)");
    } catch (const ApiError& e) {
        send_error(response, e.status(), e.what());
        if (e.retry_after() > 0)
            response.set_header("Retry-After", std::to_string(e.retry_after()));
    } catch (const Error& e) {
        const int status = http_status_for(e);
        if (dynamic_cast<const IndexLockedError*>(&e)) response.set_header("Retry-After", "1");
        if (status >= 500)
            std::cerr << "parley-serve: " << request.method << " " << request.path << ": "
                      << e.what() << std::endl;
        send_error(response, status, e.what());
    } catch (const std::exception& e) {
        std::cerr << "parley-serve: internal error on " << request.method << " " << request.path
                  << ": " << e.what() << std::endl;
        send_error(response, 500, std::string("internal error: ") + e.what());
    }
}

void Router::refusal(int status, std::size_t max_request_bytes, std::size_t max_head_bytes,
                     httplib::Response& response) {
    std::string message;
    switch (status) {
        case 413:
            message = "request body over the limit of " + std::to_string(max_request_bytes) +
                      " bytes (parley-serve --max-request-bytes)";
            break;
        case 414:
            message =
                "request line too long (the limit is " + std::to_string(max_head_bytes) + " bytes)";
            break;
        case 431:
            message = "request line and headers too large together (the limit is " +
                      std::to_string(max_head_bytes) + " bytes)";
            break;
        case 503:
            message = "too many connections (from this address or in all); try again shortly";
            break;
        case 500:
            message = "internal error";
            break;
        default:
            message =
                std::string(reason_phrase(status)) + " (malformed or unsupported HTTP request)";
    }
    send_error(response, status, message);
    if (status == 503) response.set_header("Retry-After", "1");
}

}  // namespace parley::server
