#pragma once

#include <cstdint>
#include <string>

namespace parley::util {

/// Bytes in the regular files under `path`, recursively; 0 if it cannot be read.
std::uint64_t directory_bytes(const std::string& path);

}  // namespace parley::util
