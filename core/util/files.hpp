#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace parley::util {

/// Bytes in the regular files under `path`, recursively; 0 if it cannot be read.
std::uint64_t directory_bytes(const std::string& path);

/// The whole content of the file at `path`, or nullopt with `why` set to what kept it from
/// being read: "it is a directory", or the system's reason ("No such file or directory").
/// An ifstream opens a directory and reads nothing from it, so a directory given for a file
/// would otherwise read as an empty file: no gazetteer entries, no options, no keys.
std::optional<std::string> read_file(const std::string& path, std::string& why);

}  // namespace parley::util
