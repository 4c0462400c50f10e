#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

#include "parley/shard_set.hpp"

namespace parley::search {

/// Opens a ShardSet as one Xapian database: each shard from one of its replicas, local
/// paths directly and tcp://HOST:PORT through Xapian's remote backend. Reads are spread
/// by starting each shard at a random replica (one choice per connector, so per
/// Searcher); a replica that fails to open is passed over for the next. Not thread-safe.
/// The note on an answer without some shards: "partial: shard b (/srv/b: no such
/// directory) left out; every figure leaves it out". `why` is parallel to `names`.
std::string partial_note(const std::vector<std::string>& names,
                         const std::vector<std::string>& why);

class ShardConnector {
  public:
    /// Throws UsageError for a set that could not be searched as one index: no shard, a
    /// shard without address, a malformed tcp:// address, or shards that overlap (a name
    /// or address given twice, a shard database inside an index directory also listed).
    explicit ShardConnector(ShardSet set);

    struct Opened {
        Xapian::Database combined;             ///< every live shard, in `shards` order
        std::vector<Xapian::Database> shards;  ///< one single database per entry
        std::vector<std::string> live;         ///< ShardSpec::name of each entry's shard
        std::vector<std::string> addresses;    ///< the replica each entry was opened from
        std::vector<std::string> missing;      ///< names of shards with no live replica
        std::vector<std::string> missing_why;  ///< per missing shard: "address: why; ..."
        std::string missing_reasons;           ///< "shard 'name' (address: why; ...); ..."
        std::vector<std::string> local_paths;  ///< the local addresses opened
        std::vector<std::string> remote;       ///< names of the shards opened over tcp
    };

    /// Connects every shard; never throws for a shard that cannot be reached (see missing).
    Opened open();

    /// Takes shard `name` out of `opened` (its databases, which opened but cannot be
    /// searched: not a Parley index, another schema version) and names it missing, `why`.
    static void set_aside(Opened& opened, const std::string& name, const std::string& why);

    /// Makes the next open() try shard `name` on its next replica first.
    void avoid(const std::string& name);

    const ShardSet& set() const { return set_; }
    /// Names the set in messages: "shard set a, b".
    std::string description() const;

  private:
    ShardSet set_;
    std::vector<std::size_t> preferred_;  // replica to try first, per shard
};

}  // namespace parley::search
