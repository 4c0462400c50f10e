#pragma once

#include <string>

namespace Xapian {
class Error;
}

namespace parley::util {

/// Translates a Xapian exception into the parley::Error family and throws it.
/// `context` says what Parley was doing ("opening index /path").
[[noreturn]] void rethrow_xapian(const Xapian::Error& error, const std::string& context);

/// What every program says of a path that holds no index, with the fix: "PATH: no index
/// there (build one with: parley-index --index PATH FILES...)"; for a path that is a file,
/// that it is one (and, for an index's XAPIANDB or parley.lock, the index's directory).
std::string no_index_message(const std::string& path);

}  // namespace parley::util
