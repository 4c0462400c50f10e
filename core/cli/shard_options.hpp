#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "parley/shard_set.hpp"

namespace parley::cli {

/// The options that make parley-search and parley-serve search a shard set instead of
/// one index directory.
struct ShardOptions {
    std::vector<std::string> specs;  ///< --shard, repeatable
    std::string file;                ///< --shards
    unsigned timeout_ms = 5000;      ///< --shard-timeout
    bool allow_partial = false;      ///< --allow-partial
};

/// Whether the program reads the --shards file once, or follows it while it runs (a server).
enum class ShardFile { ReadOnce, Followed };

void add_shard_options(boost::program_options::options_description& options, ShardOptions& values,
                       ShardFile file = ShardFile::ReadOnce);

/// The shard set the options describe, or nullopt when they name no shard. Throws
/// UsageError for a bad spec or timeout, or for shards named beside an --index given in
/// `options` (not its default), which would otherwise be left unsearched without a word;
/// InputError for an unreadable --shards file.
std::optional<ShardSet> shard_set_from(const ShardOptions& values,
                                       const boost::program_options::variables_map& options);

/// The shard set of `values` that name at least one shard: the --shards file's, then the
/// --shard ones. Throws as above; what parley-serve calls again when the file changes.
ShardSet shard_set_from(const ShardOptions& values);

}  // namespace parley::cli
