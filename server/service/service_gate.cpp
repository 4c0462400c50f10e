#include "service/service_gate.hpp"

#include <chrono>
#include <set>

#include "http/api_error.hpp"
#include "http/json_response.hpp"

namespace parley::server {

bool ServiceGate::is_public(const std::string& pattern) {
    return pattern == "/health" || pattern == "/openapi.json" || pattern == "/" ||
           pattern == "/static/{file...}";
}

void ServiceGate::check_credentials(const httplib::Request& request, const std::string& pattern,
                                    bool writes_too, httplib::Response& response) const {
    if (pattern.empty() || is_public(pattern)) return;
    const Credentials::Grant grant = credentials_.grant_of(request);
    if (credentials_.reads_need_key() && grant == Credentials::Grant::None) {
        response.set_header("WWW-Authenticate", "Bearer realm=\"parley\"");
        throw ApiError(401, request.has_header("Authorization")
                                ? "wrong key in the Authorization header"
                                : "this server needs a read key: send the header "
                                  "'Authorization: Bearer KEY'");
    }
    // Writes check the write token in their handlers (which also say when writes are
    // off); before a body, the same refusal they would give.
    const bool write = request.method != "GET" && request.method != "HEAD";
    if (writes_too && write && !credentials_.write_token.empty() &&
        grant != Credentials::Grant::Write) {
        response.set_header("WWW-Authenticate", "Bearer");
        throw ApiError(401, write_refusal(request.get_header_value("Authorization")));
    }
}

void ServiceGate::handle(const httplib::Request& request, httplib::Response& response) const {
    const auto start = std::chrono::steady_clock::now();
    metrics_.started();
    const std::string pattern = router_.pattern_for(request.path);
    try {
        if (request.method == "OPTIONS") {
            cors_.answer_options(request, router_.methods_for(request.path), response);
        } else {
            // Here only whether reads are open; an unknown path still gets its 404.
            check_credentials(request, pattern, false, response);
            router_.dispatch(request, response);
        }
    } catch (const ApiError& e) {
        send_error(response, e.status(), e.what());
    }
    metrics_.finished();
    account(request, pattern, response,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

bool ServiceGate::answer_before_body(const httplib::Request& head,
                                     httplib::Response& response) const {
    if (head.method == "OPTIONS") return false;
    const std::string pattern = router_.pattern_for(head.path);
    try {
        check_credentials(head, pattern, true, response);
        return false;
    } catch (const ApiError& e) {
        send_error(response, e.status(), e.what());
    }
    account(head, pattern, response, 0);
    return true;
}

void ServiceGate::account(const httplib::Request& request, const std::string& pattern,
                          httplib::Response& response, double seconds) const {
    cors_.decorate(request, response);
    const std::string endpoint = pattern.empty() ? "(unknown)" : pattern;
    // Methods are a label: unknown ones are folded so that clients cannot add series.
    static const std::set<std::string> kMethods = {"GET",   "POST",   "PUT",
                                                   "PATCH", "DELETE", "OPTIONS"};
    const std::string method = request.method == "HEAD"         ? "GET"
                               : kMethods.count(request.method) ? request.method
                                                                : "other";
    metrics_.record(endpoint, method, response.status, seconds);
    if (log_) {
        const auto question = request.target.find('?');
        log_->write({request.remote_addr, request.method, request.path,
                     question == std::string::npos ? "" : request.target.substr(question + 1),
                     endpoint, request.get_header_value("User-Agent"), response.status,
                     response.body.size(), seconds});
    }
}

void ServiceGate::refused(const httplib::Request& request, int status,
                          httplib::Response& response) const {
    cors_.decorate(request, response);  // a refusal is an answer a page must be able to read
    metrics_.record("(refused)", "", status, 0);
}

}  // namespace parley::server
