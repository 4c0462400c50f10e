#pragma once

#include <stdexcept>
#include <string>

#include "parley/error.hpp"

namespace parley::server {

/// A request the API refuses, with the HTTP status to answer and a message a person can act
/// on. Thrown by handlers and parameter parsing; the router turns it into a JSON error.
class ApiError : public std::runtime_error {
  public:
    ApiError(int status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    int status() const noexcept { return status_; }

  private:
    int status_;
};

/// The HTTP status for a Parley error, as exit_code_for() gives the exit code:
/// UsageError and InputError 400, IndexMissingError and IndexLockedError 503 (the index is
/// absent or busy: retry later), everything else 500. Throws nothing.
int http_status_for(const Error& error) noexcept;

/// The standard reason phrase of an HTTP status ("Not Found"), or "Error". Throws nothing.
const char* reason_phrase(int status) noexcept;

}  // namespace parley::server
