#pragma once

#include <httplib.h>

#include "http/router.hpp"
#include "service/access_log.hpp"
#include "service/cors_policy.hpp"
#include "service/credentials.hpp"
#include "service/metrics.hpp"

namespace parley::server {

/// What every request passes on its way to the Router: CORS (preflights answered here),
/// read keys, then, once answered, the metrics and the access log. The routes themselves
/// know nothing of these. Read-only once built: safe to call from many threads.
class ServiceGate {
  public:
    /// `log` may be null (no access log). All must outlive the gate.
    ServiceGate(const Router& router, const Credentials& credentials, const CorsPolicy& cors,
                Metrics& metrics, AccessLog* log)
        : router_(router), credentials_(credentials), cors_(cors), metrics_(metrics), log_(log) {}

    void handle(const httplib::Request& request, httplib::Response& response) const;

    /// Accounts for an answer the HTTP server gave before any request was complete (413,
    /// 431, 503…): counted under the endpoint "(refused)", with the CORS headers every answer
    /// carries (`request` holds the headers that were read, if any).
    void refused(const httplib::Request& request, int status, httplib::Response& response) const;

    /// For a request whose body the client holds back until told to send it ("Expect:
    /// 100-continue"): answers it (true) when its head alone is refused — no read key, no
    /// or a wrong write token — with the 401 the whole request would get, accounted for
    /// as any answer; false when the body is to be read.
    bool answer_before_body(const httplib::Request& head, httplib::Response& response) const;

    /// Routes anyone may call even when reads need a key: the health check a load balancer
    /// polls, the API description, and the search page's files.
    static bool is_public(const std::string& pattern);

  private:
    /// Throws the 401 ApiError of a request the credentials refuse: a read without a read
    /// key when reads need one, and, when `writes_too`, a write without the write token.
    void check_credentials(const httplib::Request& request, const std::string& pattern,
                           bool writes_too, httplib::Response& response) const;
    /// CORS headers, metrics and the access log of an answered request.
    void account(const httplib::Request& request, const std::string& pattern,
                 httplib::Response& response, double seconds) const;

    const Router& router_;
    const Credentials& credentials_;
    const CorsPolicy& cors_;
    Metrics& metrics_;
    AccessLog* log_;
};

}  // namespace parley::server
