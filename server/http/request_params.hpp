#pragma once

#include <httplib.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/search_request.hpp"

namespace parley::server {

/// The limits the API enforces on a request, beyond what the library checks.
struct RequestLimits {
    std::size_t max_request_bytes = 1 << 20;  ///< request body. Default: 1 MiB.
    std::size_t max_query_chars = 2000;       ///< q, filter and prefix texts. Default: 2000.
    std::size_t max_limit = 1000;             ///< hits per page. Default: 1000.
    std::size_t max_window = 10000;           ///< offset + limit. Default: 10,000.
    /// Trailing wildcards in one search (each expands to at most 200 words). Default: 10.
    std::size_t max_wildcards = 10;
    std::size_t max_filters = 50;  ///< filter parameters in one search. Default: 50.
    std::size_t max_snippet_length = SearchRequest::kMaxSnippetLength;  ///< Default: 2000.
    /// Exports (GET /analyze/export) running at once; more get 503 with Retry-After, so
    /// that long exports never take every worker from searches. parley-serve sets it to
    /// its workers less one. Default: 3.
    std::size_t max_exports = 3;
};

/// The query-string parameters of one request, checked as they are read. Every accessor
/// throws ApiError(400) with a message naming the parameter and what it accepts.
class QueryParams {
  public:
    /// Throws ApiError(400) if `request` has a parameter not in `allowed`, or one whose
    /// value is not valid UTF-8.
    QueryParams(const httplib::Request& request, std::initializer_list<std::string_view> allowed);

    /// The value of a parameter given at most once; nullopt if absent.
    std::optional<std::string> single(const std::string& name) const;
    /// Every value of a repeatable parameter, in order.
    std::vector<std::string> all(const std::string& name) const;
    /// A text of at most `max_chars` characters (code points); `fallback` if absent.
    std::string text(const std::string& name, std::size_t max_chars,
                     const std::string& fallback = "") const;
    /// A whole number in [min, max]; `fallback` if absent.
    std::size_t number(const std::string& name, std::size_t fallback, std::size_t min,
                       std::size_t max) const;
    /// One of `choices`; `fallback` if absent.
    std::string choice(const std::string& name, const std::string& fallback,
                       std::initializer_list<std::string_view> choices) const;
    /// true/false (also 1/0, yes/no); `fallback` if absent.
    bool boolean(const std::string& name, bool fallback) const;

  private:
    const httplib::Request& request_;
};

}  // namespace parley::server
