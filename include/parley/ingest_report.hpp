#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// Something wrong with one input record. Readers and the writer record these and carry on.
struct PARLEY_API IngestProblem {
    enum class Severity {
        Skipped,  ///< the record (article, line or file) was not indexed
        Warning,  ///< indexed, but something was repaired or ignored
    };
    Severity severity = Severity::Skipped;
    std::string source;    ///< file path, or "<stdin>"
    std::size_t line = 0;  ///< 1-based line, 0 when not applicable
    std::size_t byte = 0;  ///< 0-based byte offset in the file, when known
    std::string reason;    ///< short category used for counting, e.g. "invalid UTF-8"
    std::string detail;    ///< human-readable explanation

    /// "file:line: byte N: reason: detail", the form printed on stderr. Throws nothing
    /// (std::bad_alloc aside).
    std::string to_string() const;
};

/// What an ingest run did: counts and every problem met. A plain value; like any standard
/// container, not for writing from several threads at once. Its functions throw nothing
/// (std::bad_alloc aside).
struct PARLEY_API IngestReport {
    std::size_t files_read = 0;
    std::size_t bytes_read = 0;
    std::size_t articles_read = 0;       ///< well-formed articles handed to the writer
    std::size_t articles_new = 0;        ///< indexed under an id not seen before
    std::size_t articles_replaced = 0;   ///< replaced an indexed article with the same id
    std::size_t articles_unchanged = 0;  ///< already indexed exactly so: nothing written
    /// Read from another file than the one it is indexed from (renamed or moved) and the
    /// same in all else: its file is recorded anew, and it is not counted replaced.
    std::size_t articles_renamed = 0;
    std::size_t articles_deleted = 0;  ///< removed (delete, or --prune)
    std::size_t paragraphs_indexed = 0;
    std::vector<IngestProblem> problems;

    /// Records a problem of severity Skipped (skip) or Warning (warn).
    void skip(std::string source, std::size_t line, std::string reason, std::string detail,
              std::size_t byte = 0);
    void warn(std::string source, std::size_t line, std::string reason, std::string detail,
              std::size_t byte = 0);

    std::size_t skipped() const;   ///< problems of severity Skipped
    std::size_t warnings() const;  ///< problems of severity Warning
    /// Skipped records per reason, for the summary line.
    std::map<std::string, std::size_t> skipped_by_reason() const;
};

}  // namespace parley
