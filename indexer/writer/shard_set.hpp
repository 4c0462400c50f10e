#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "schema/manifest.hpp"
#include "storage/index_layout.hpp"
#include "storage/write_lock.hpp"
#include "writer/shard_writer.hpp"

namespace parley::writer {

/// The writable side of an index's layout: one ShardWriter per shard, created on demand
/// ("main", or "y2024" … "undated" when sharded by year), with the manifest kept in
/// every shard. Only the holder of the index's WriteLock may make one: opening removes
/// the shard directories the stub does not list, which, without the lock, may be the next
/// generation another writer (a compaction, a bulk build's checkpoint) is writing.
class ShardSet {
  public:
    /// Opens every shard the layout lists; cleans up unlisted shard directories.
    ShardSet(const storage::WriteLock& held, storage::IndexLayout layout,
             std::size_t batch_paragraphs);
    /// Creates a new index's layout, its first shard and its manifest.
    static std::unique_ptr<ShardSet> create(const storage::WriteLock& held,
                                            const std::string& index_path,
                                            const schema::Manifest& manifest,
                                            std::size_t batch_paragraphs);
    ShardSet(const ShardSet&) = delete;  // its writers' commit hooks point back here
    ShardSet& operator=(const ShardSet&) = delete;

    const storage::IndexLayout& layout() const { return layout_; }
    std::string where() const { return "index " + layout_.index_path(); }

    /// The shard an article of this year belongs in ("" = undated).
    std::string shard_name_for(const std::string& year) const;
    /// The writer of a shard, creating the shard (with the manifest) if it is new.
    ShardWriter& shard(const std::string& name);
    std::map<std::string, std::unique_ptr<ShardWriter>>& shards() { return shards_; }
    /// Every shard as a database, for lookups that must see uncommitted changes.
    std::vector<Xapian::Database> databases() const;

    /// The content fingerprint an article is indexed with and its shard, if indexed. An
    /// article found in more than one shard (a move between shards that a crash cut short)
    /// has an empty fingerprint: it is to be written again.
    struct Found {
        std::string shard;
        std::string fingerprint;
        std::string origin;  // the file it was read from, if recorded (cut, if long and old)
    };
    std::optional<Found> find(const std::string& article_id) const;
    /// Articles read from files under `directory` (an absolute path), or from that file
    /// itself, by the path given or by the directories' real paths: id → file.
    std::map<std::string, std::string> articles_from(const std::string& directory) const;

    /// Commits every shard. Every commit of a shard with changes stores the manifest in
    /// the same transaction; `write_manifest` stores it in unchanged shards too.
    void commit_all(bool write_manifest);
    /// Replaces shard `name` by generation `generation` (a complete database already in
    /// the index directory): swaps the stub and removes the old generation.
    void replace_shard(const std::string& name, unsigned generation);

    schema::Manifest manifest;

  private:
    struct Empty {};
    ShardSet(storage::IndexLayout layout, std::size_t batch_paragraphs, Empty);
    std::unique_ptr<ShardWriter> open_writer(const storage::ShardRef& ref, int flags);

    storage::IndexLayout layout_;
    std::size_t batch_paragraphs_;
    std::map<std::string, std::unique_ptr<ShardWriter>> shards_;
};

}  // namespace parley::writer
