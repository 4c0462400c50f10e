#include "service/cors_policy.hpp"

#include <algorithm>

#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "parley/error.hpp"

namespace parley::server {
namespace {

// An origin is scheme://host[:port]: what a browser sends in the Origin header.
bool well_formed_origin(const std::string& origin) {
    const auto scheme_end = origin.find("://");
    if (scheme_end == std::string::npos || scheme_end == 0) return false;
    const std::string rest = origin.substr(scheme_end + 3);
    return !rest.empty() && rest.find('/') == std::string::npos &&
           rest.find_first_of(" \t,") == std::string::npos;
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins) {
    for (auto& origin : origins) {
        if (origin == "*") {
            any_ = true;
            continue;
        }
        while (!origin.empty() && origin.back() == '/') origin.pop_back();
        if (!well_formed_origin(origin))
            throw UsageError("--cors-origin '" + origin +
                             "' is not an origin (scheme://host[:port], or *)");
        origins_.push_back(origin);
    }
}

bool CorsPolicy::allows(const std::string& origin) const {
    return any_ || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

void CorsPolicy::decorate(const httplib::Request& request, httplib::Response& response) const {
    if (any_) {  // the same answer for every origin, and for clients that send none
        response.set_header("Access-Control-Allow-Origin", "*");
    } else {
        if (origins_.empty()) return;
        // Caches must not hand one origin's answer to another.
        response.set_header("Vary", "Origin");
        const std::string origin = request.get_header_value("Origin");
        if (origin.empty() || !allows(origin)) return;
        response.set_header("Access-Control-Allow-Origin", origin);
    }
    response.set_header("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate, X-Total-Count, X-Next-Cursor, Link");
}

void CorsPolicy::answer_options(const httplib::Request& request, const std::string& allowed_methods,
                                httplib::Response& response) const {
    if (allowed_methods.empty()) throw ApiError(404, "no such endpoint: OPTIONS " + request.path);
    const std::string allow = allowed_methods + ", OPTIONS";
    const std::string origin = request.get_header_value("Origin");
    const std::string method = request.get_header_value("Access-Control-Request-Method");
    if (origin.empty() || method.empty()) {  // not a preflight
        response.status = 204;
        response.set_header("Allow", allow);
        return;
    }
    if (!allows(origin))
        throw ApiError(403,
                       "origin " + origin + " may not call this API (parley-serve --cors-origin)");
    const bool known = method == "HEAD" ? allowed_methods.find("GET") != std::string::npos
                                        : allowed_methods.find(method) != std::string::npos;
    if (!known)
        throw ApiError(403, method + " is not allowed on " + request.path +
                                " (allowed: " + allowed_methods + ")");
    response.status = 204;  // the gate adds Access-Control-Allow-Origin, as to every answer
    response.set_header("Allow", allow);
    response.set_header("Access-Control-Allow-Methods", allow);
    response.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
    response.set_header("Access-Control-Max-Age", "600");
}

}  // namespace parley::server
