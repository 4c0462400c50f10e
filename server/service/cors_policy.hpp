#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace parley::server {

/// Which web origins may call the API from a browser (CORS). The default, `*`, lets any page
/// read and write (writes still need the token); a list limits answers to those origins; an
/// empty list sends no CORS headers at all, so browsers keep other origins out.
class CorsPolicy {
  public:
    /// `origins`: "*", or origins such as "https://archive.example" (scheme, host and port
    /// if any, no path), or none. Throws parley::UsageError naming a malformed origin.
    explicit CorsPolicy(std::vector<std::string> origins = {"*"});

    /// Adds the CORS headers an answer to `request` needs (none without an Origin header, or
    /// for an origin not allowed).
    void decorate(const httplib::Request& request, httplib::Response& response) const;

    /// Answers an OPTIONS request. A preflight (Origin and Access-Control-Request-Method)
    /// for an allowed origin and method gets 204 with the allowed methods and headers (the
    /// origin header itself comes from decorate(), called on every answer); one
    /// for another origin or method gets 403; a plain OPTIONS gets 204 with Allow.
    /// `allowed_methods` lists the methods of the path ("GET, POST"); empty if no route has
    /// the path (404).
    void answer_options(const httplib::Request& request, const std::string& allowed_methods,
                        httplib::Response& response) const;

  private:
    bool allows(const std::string& origin) const;

    bool any_ = false;
    std::vector<std::string> origins_;
};

}  // namespace parley::server
