#pragma once

#include <stdexcept>
#include <string>

namespace parley {

/// Base of every exception Parley throws. Xapian and ICU errors are translated into
/// these at the library boundary, so callers never need their headers.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The caller asked for something impossible (bad option value, unknown language).
class UsageError : public Error {
  public:
    using Error::Error;
};

/// Input data could not be read (bad gazetteer file, unreadable path).
class InputError : public Error {
  public:
    using Error::Error;
};

/// No Parley index at the given path.
class IndexMissingError : public Error {
  public:
    using Error::Error;
};

/// Another writer holds the index lock.
class IndexLockedError : public Error {
  public:
    using Error::Error;
};

/// The index was built with another schema, analyzer or gazetteer than requested.
class IndexMismatchError : public Error {
  public:
    using Error::Error;
};

/// The index exists but could not be read or written (corruption, disk full, I/O).
class IndexIoError : public Error {
  public:
    using Error::Error;
};

/// Process exit code for an error, following the command-line convention:
/// 2 for usage errors, 1 for everything else.
int exit_code_for(const Error& error) noexcept;

}  // namespace parley
