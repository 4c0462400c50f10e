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

/// Why the directory at `path` (or the way to it) cannot be read, as the system says it
/// ("Permission denied"); nullopt if it can be, or if nothing is there. Xapian reads an
/// index it may not enter as no index at all ("no index there", "couldn't detect type of
/// database"), which sends the user looking for a missing one.
std::optional<std::string> unreadable_directory(const std::string& path);

}  // namespace parley::util
