#include <xapian.h>

#include <filesystem>

#include "parley/error.hpp"
#include "parley/index_maintenance.hpp"
#include "storage/index_layout.hpp"
#include "storage/write_lock.hpp"
#include "util/files.hpp"
#include "util/xapian_errors.hpp"
#include "writer/shard_set.hpp"

namespace parley {
std::unique_ptr<writer::ShardSet> open_shards_for_maintenance(const storage::WriteLock& held,
                                                              const std::string& path) {
    auto layout = storage::IndexLayout::load(path);
    if (!layout) {
        throw IndexMissingError(util::no_index_message(path));
    }
    return std::make_unique<writer::ShardSet>(held, std::move(*layout), 0);
}

// Throws IndexMissingError unless `path` holds an index, before anything is written there
// (taking the lock creates its file).
void refuse_unless_index(const std::string& path) {
    if (!storage::IndexLayout::load(path)) throw IndexMissingError(util::no_index_message(path));
}

CompactReport compact_index(const std::string& path) {
    refuse_unless_index(path);
    storage::WriteLock lock(path);
    auto set = open_shards_for_maintenance(lock, path);
    CompactReport report;
    const auto shards = set->layout().shards();  // a copy: replace_shard() edits the layout
    for (const auto& ref : shards) {
        const std::string from = set->layout().path_of(ref);
        const storage::ShardRef next{ref.name, ref.generation + 1};
        const std::string to = set->layout().path_of(next);
        report.bytes_before += util::directory_bytes(from);
        std::error_code ec;
        try {
            std::filesystem::remove_all(to, ec);
            // Read from a snapshot: the shard's writer is idle, and readers are unaffected.
            Xapian::Database source(from);
            source.compact(to);
        } catch (const Xapian::Error& e) {
            // A full disk, say: the half-written copy would hold the room a later write
            // needs until the next writer cleaned it up. The listed shard is untouched.
            std::filesystem::remove_all(to, ec);
            util::rethrow_xapian(
                e, "compacting " + from + " (" + std::to_string(report.shards) + " of " +
                       std::to_string(shards.size()) + (shards.size() == 1 ? " shard" : " shards") +
                       " compacted before; this one is left as it was and its partial "
                       "copy removed)");
        }
        set->replace_shard(ref.name, next.generation);
        report.bytes_after += util::directory_bytes(to);
        ++report.shards;
    }
    return report;
}

}  // namespace parley
