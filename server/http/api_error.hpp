#pragma once

#include <stdexcept>
#include <string>

#include "parley/error.hpp"
#include "util/utf8.hpp"

namespace parley::server {

/// A request the API refuses, with the HTTP status to answer and a message a person can act
/// on. Thrown by handlers and parameter parsing; the router turns it into a JSON error.
class ApiError : public std::runtime_error {
  public:
    /// `retry_after`: seconds a client should wait before trying again (a Retry-After
    /// header), 0 for none: for a server busy now, not one that will always refuse.
    /// Control characters and invalid UTF-8 in `message` (request text quoted in it) are
    /// written as \xNN: what() is a C string, which a NUL from "%00" would cut short.
    ApiError(int status, const std::string& message, int retry_after = 0)
        : std::runtime_error(util::printable(message)),
          status_(status),
          retry_after_(retry_after) {}
    int status() const noexcept { return status_; }
    int retry_after() const noexcept { return retry_after_; }

  private:
    int status_;
    int retry_after_;
};

/// The HTTP status for a Parley error, as exit_code_for() gives the exit code:
/// UsageError and InputError 400, IndexMissingError and IndexLockedError 503 (the index is
/// absent or busy: retry later), everything else 500. Throws nothing.
int http_status_for(const Error& error) noexcept;

/// The standard reason phrase of an HTTP status ("Not Found"), or "Error". Throws nothing.
const char* reason_phrase(int status) noexcept;

}  // namespace parley::server
