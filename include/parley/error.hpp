#pragma once

#include <stdexcept>
#include <string>

#include "parley/export.hpp"

namespace parley {

/// Base of every exception Parley throws. Xapian and ICU errors are translated into
/// these at the library boundary, so callers never need their headers. what() is meant for
/// a person: it names the path or value at fault and, where there is one, the fix
/// ("...: no index there (build one with: parley-index --index PATH FILES...)").
///
/// Each function in include/parley/ says which of the subclasses below it throws; any
/// function may also throw std::bad_alloc, and a plain Error is possible for failures
/// outside these categories (an ICU data problem). Catch Error to handle them all.
/// Exception objects are plain values: safe to copy and to pass between threads.
class PARLEY_API Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The caller asked for something impossible: a bad option value (IndexOptions,
/// ReadOptions), an unknown language, a SearchRequest with an unknown facet or a limit over
/// the maximum. Fix the call, not the data. Query text itself is never an error: Searcher
/// reads a malformed query leniently and explains how in SearchResult::notes.
class PARLEY_API UsageError : public Error {
  public:
    using Error::Error;
};

/// A query that cannot be run as given, though its syntax is always readable: text over
/// the length limit (SearchRequest::kMaxQueryBytes), or a selection that is not
/// "facet:value" for a known facet. A UsageError, so code catching those catches it too.
class PARLEY_API QueryError : public UsageError {
  public:
    using UsageError::UsageError;
};

/// Input data could not be used: an unreadable file, or a gazetteer with a malformed entry
/// (the message names the file and line). Malformed articles are not errors; they are
/// recorded in the IngestReport and skipped.
class PARLEY_API InputError : public Error {
  public:
    using Error::Error;
};

/// No index at the given path: no directory, or nothing there that opens as an index.
/// Check the path, or build one with IndexWriter or parley-index.
class PARLEY_API IndexMissingError : public Error {
  public:
    using Error::Error;
};

/// Another writer (an IndexWriter, compact_index(), retag_index() or parley-index, in this
/// process or another) holds the index's writer lock. Retry when it is done; searching is
/// not affected.
class PARLEY_API IndexLockedError : public Error {
  public:
    using Error::Error;
};

/// The index does not match what is asked of it: a Xapian database that is not a Parley
/// index, an index of another schema version or analysis rules (rebuild it with this
/// Parley), or, for a writer, one created with another gazetteer or sharding than the
/// options request.
class PARLEY_API IndexMismatchError : public Error {
  public:
    using Error::Error;
};

/// The index exists but could not be read or written: corruption, disk full, permissions,
/// or another I/O failure. The message carries the operating system's or Xapian's reason.
class PARLEY_API IndexIoError : public Error {
  public:
    using Error::Error;
};

/// A shard of a ShardSet has no replica that answers (refused, closed or silent past
/// ShardSet::timeout) and the call did not allow partial results. what() names the shard
/// and its addresses.
class PARLEY_API ShardUnavailableError : public Error {
  public:
    using Error::Error;
};

/// Process exit code for an error, following the command-line convention:
/// 2 for usage errors, 1 for everything else. Thread-safe; throws nothing.
PARLEY_API int exit_code_for(const Error& error) noexcept;

}  // namespace parley
