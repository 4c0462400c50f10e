#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace parley::util {

/// 64-bit FNV-1a: stable across platforms and releases, which std::hash is not.
/// Used for fingerprints (gazetteers, article ids), never for security.
std::uint64_t fnv1a64(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL);

/// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

}  // namespace parley::util
