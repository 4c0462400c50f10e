#pragma once

#include <string>
#include <string_view>

#include "parley/export.hpp"

namespace parley {

// All three are thread-safe and throw nothing (std::bad_alloc aside).

/// Parley's version, e.g. "0.1.0": the version of the library actually loaded, which may
/// be newer than the headers a program was compiled with.
PARLEY_API std::string_view version();
/// The index schema version this build reads and writes; an index of another version is
/// an IndexMismatchError.
PARLEY_API int index_schema_version();
/// One line naming Parley, Xapian and ICU versions and the index format, for --version.
PARLEY_API std::string version_details();

}  // namespace parley
