#pragma once

// One HTTP GET over libcurl, with what a polite crawler needs: conditional requests,
// timeouts, a cap on the body that ends the transfer, and the response headers a crawler
// acts on. Redirects are not followed here: the crawler follows them itself, so that each
// hop's host is asked with its own robots.txt and politeness delay.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace parley::fetch {

struct HttpRequest {
    std::string url;
    std::string if_none_match;      ///< an ETag from an earlier response, or empty
    std::string if_modified_since;  ///< a Last-Modified from an earlier response, or empty
};

struct HttpResponse {
    long status = 0;           ///< 0 when no response came (see error)
    std::string error;         ///< why there is no usable response: "timed out", ...
    std::string detail;        ///< with an error: what happened ("no answer within 30 s")
    bool transient = false;    ///< the error may pass: a retry can help
    std::string body;          ///< complete, or empty when over the cap (see error)
    std::string content_type;  ///< media type, lower case, without parameters
    std::string charset;       ///< the Content-Type's charset parameter, if any
    std::string etag;
    std::string last_modified;
    double retry_after = -1;       ///< seconds a 429 or 503 asks to wait, -1 if it does not say
    std::string location;          ///< a redirect's Location, as written (maybe relative)
    std::string content_encoding;  ///< the Content-Encoding header, as written ("br")
};

struct HttpOptions {
    std::string user_agent;
    double timeout_seconds = 30;
    double connect_timeout_seconds = 10;
    std::size_t max_bytes = 16 << 20;
    /// Asked while a request is under way: true abandons it (error "interrupted").
    std::function<bool()> cancelled;
};

class HttpClient {
  public:
    explicit HttpClient(HttpOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// Never throws for what the network or server does; those are in the response.
    HttpResponse get(const HttpRequest& request);

  private:
    struct Handle;
    HttpOptions options_;
    std::unique_ptr<Handle> handle_;
};

}  // namespace parley::fetch
