#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "parley/export.hpp"

namespace parley {

class Gazetteer;

/// What compact_index() did.
struct PARLEY_API CompactReport {
    std::size_t shards = 0;          ///< shards rewritten
    std::uint64_t bytes_before = 0;  ///< size on disk before
    std::uint64_t bytes_after = 0;   ///< size on disk after
};

/// Rewrites every shard of the index at `path` compactly (Xapian compaction) into a new
/// generation, then switches the index to it atomically. Searchers keep working throughout:
/// an open searcher finishes on the old files and moves to the new ones on its next query.
/// Takes the writer lock: throws IndexLockedError while an indexer runs, IndexMissingError,
/// IndexMismatchError or IndexIoError as IndexWriter does.
/// Callable from any thread: the lock makes writers of one index, in any thread or
/// process, exclude each other.
PARLEY_API CompactReport compact_index(const std::string& path);

/// What retag_index() did.
struct PARLEY_API RetagReport {
    std::size_t entries_changed = 0;        ///< gazetteer entries added, removed or edited
    std::size_t paragraphs_considered = 0;  ///< paragraphs the change could affect
    std::size_t paragraphs_changed = 0;     ///< whose actors or topics changed
    std::string old_fingerprint;
    std::string new_fingerprint;
    /// The tagging rules the index recorded, and this build's. When they differ (the index
    /// was tagged by an earlier Parley), every paragraph is considered.
    int old_tagging_rules = 0;
    int new_tagging_rules = 0;
};

/// Re-tags the index at `path` with `gazetteer`: recomputes the actors and topics of only
/// the paragraphs that contain a name, alias, blocked name or topic cue of an entry that
/// differs between the recorded gazetteer and this one — of every paragraph when the index
/// was tagged by earlier tagging rules than this build's — and records the new gazetteer and
/// rules, in one transaction per shard. Takes the writer lock; throws as compact_index() does, and
/// InputError if the gazetteer recorded in the index cannot be parsed. Thread safety as
/// for compact_index(); searchers see each shard re-tagged whole, never half of it. Each
/// shard is compared with the gazetteer it records, and the first shard (whose record is
/// the index's) is re-tagged last, so a re-tag cut short (a crash, a kill) leaves the index
/// recording the old gazetteer, and calling this again completes it.
PARLEY_API RetagReport retag_index(const std::string& path, const Gazetteer& gazetteer);

/// The same with the gazetteer the index records: a user gazetteer as it was merged and
/// stored, or, where the index records the built-in one, this build's built-in (which an
/// upgrade may have changed). What `parley-index retag` does without --gazetteer.
PARLEY_API RetagReport retag_index(const std::string& path);

}  // namespace parley
