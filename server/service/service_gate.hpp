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

    /// Routes anyone may call even when reads need a key: the health check a load balancer
    /// polls, the API description, and the search page's files.
    static bool is_public(const std::string& pattern);

  private:
    const Router& router_;
    const Credentials& credentials_;
    const CorsPolicy& cors_;
    Metrics& metrics_;
    AccessLog* log_;
};

}  // namespace parley::server
