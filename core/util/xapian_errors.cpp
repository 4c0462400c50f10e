#include "util/xapian_errors.hpp"

#include <xapian.h>

#include <filesystem>
#include <string_view>

#include "parley/error.hpp"

namespace parley::util {

void rethrow_xapian(const Xapian::Error& error, const std::string& context) {
    // Xapian::Error has no virtual functions, so classify by its type name.
    const std::string_view type = error.get_type();
    const std::string message = context + ": " + error.get_description();
    if (type == "DatabaseLockError") {
        // Xapian says "already locked" when another writer holds the database; any other
        // reason (a read-only file system, no room, too many open files) is no other writer,
        // and saying so sent users looking for one.
        if (error.get_msg().find("already locked") != std::string::npos)
            throw IndexLockedError(context + ": another writer is writing to this index");
        throw IndexIoError(message);
    }
    if (type == "DatabaseNotFoundError") throw IndexMissingError(context + ": no index there");
    if (type == "DatabaseVersionError") throw IndexMismatchError(message);
    if (type == "DatabaseOpeningError") {
        // With a system error (permission denied, too many open files) the index is there
        // but cannot be read; without one, nothing there opens as a database.
        if (error.get_error_string() != nullptr) throw IndexIoError(message);
        throw IndexMissingError(message);
    }
    if (type == "InvalidArgumentError" || type == "InvalidOperationError")
        throw UsageError(message);
    if (type.find("Database") == 0) throw IndexIoError(message);  // corrupt, modified, I/O
    throw Error(message);
}

std::string no_index_message(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
        // A file: the hint to build an index there would fail (not a directory). A file of
        // an index given for it (its shard list, its lock) names the index's directory.
        const fs::path file(path);
        const std::string name = file.filename().string();
        if (name == "XAPIANDB" || name == "parley.lock") {
            const std::string parent =
                file.has_parent_path() ? file.parent_path().string() : std::string(".");
            return path + ": a file of the index at " + parent +
                   ", not an index: give the index's directory (--index " + parent + ")";
        }
        return path + ": a file, not an index; an index is a directory (build one with: " +
               "parley-index --index DIR FILES...)";
    }
    return path + ": no index there (build one with: parley-index --index " + path + " FILES...)";
}

}  // namespace parley::util
