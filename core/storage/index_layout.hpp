#pragma once

#include <optional>
#include <string>
#include <vector>

namespace parley::storage {

/// Where an index's Xapian databases live. An index is a directory holding a Xapian stub
/// file (XAPIANDB) that lists its shards, each a glass database in a sub-directory named
/// "<shard>.<generation>" ("main.3", "y2024.1"). Readers open the directory and Xapian
/// searches every listed shard as one database. Writers replace a shard (after compaction
/// or a bulk build) by writing the new generation beside the old one and swapping the
/// stub atomically, so a reader sees either the old or the new shard, never neither.
struct ShardRef {
    std::string name;
    unsigned generation = 1;

    std::string directory_name() const { return name + "." + std::to_string(generation); }
};

class IndexLayout {
  public:
    /// The layout of the index at `index_path`, or nullopt if it has no stub file.
    /// Throws IndexIoError for an unreadable or malformed stub.
    static std::optional<IndexLayout> load(const std::string& index_path);

    explicit IndexLayout(std::string index_path) : index_path_(std::move(index_path)) {}

    const std::string& index_path() const { return index_path_; }
    const std::vector<ShardRef>& shards() const { return shards_; }
    const ShardRef* find(const std::string& name) const;
    std::string path_of(const ShardRef& shard) const;
    /// Adds a shard (generation 1) or moves an existing one to a new generation.
    void set(ShardRef shard);

    /// Writes the stub: a temporary file, fsync, rename over XAPIANDB, fsync of the
    /// directory. Readers that open the index afterwards see the new shards.
    void commit() const;
    /// Removes shard directories the stub does not list: old generations and the
    /// leftovers of an interrupted build. Only the writer holding the lock may call this.
    void remove_unlisted() const;

    /// Stub file path of an index; its change (inode or mtime) tells readers to reopen.
    static std::string stub_path(const std::string& index_path);

  private:
    std::string index_path_;
    std::vector<ShardRef> shards_;
};

}  // namespace parley::storage
