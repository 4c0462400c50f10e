#pragma once

#include <string>
#include <string_view>

namespace parley {

/// Parley's version, e.g. "0.1.0".
std::string_view version();
/// The index schema version this build reads and writes.
int index_schema_version();
/// One line naming Parley, Xapian and ICU versions and the index format, for --version.
std::string version_details();

}  // namespace parley
