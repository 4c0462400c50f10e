#pragma once

#include <string>

namespace Xapian {
class Error;
}

namespace parley::util {

/// Translates a Xapian exception into the parley::Error family and throws it.
/// `context` says what Parley was doing ("opening index /path").
[[noreturn]] void rethrow_xapian(const Xapian::Error& error, const std::string& context);

}  // namespace parley::util
