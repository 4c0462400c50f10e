#pragma once

#include <string>

namespace parley::storage {

/// The index-wide writer lock: an flock() on "<index>/parley.lock". One writer (indexing,
/// deleting, re-tagging, compacting) at a time across processes; the kernel drops the lock
/// when the process dies, so a killed indexer never leaves a stale lock behind.
class WriteLock {
  public:
    /// Takes the lock or throws IndexLockedError at once (no waiting).
    explicit WriteLock(const std::string& index_path);
    ~WriteLock();
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;

  private:
    int fd_ = -1;
};

}  // namespace parley::storage
