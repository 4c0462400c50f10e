#include "cli/shard_options.hpp"

#include "cli/number_options.hpp"
#include "parley/error.hpp"

namespace parley::cli {

namespace po = boost::program_options;

void add_shard_options(po::options_description& options, ShardOptions& values, ShardFile file) {
    const char* file_help =
        file == ShardFile::Followed
            ? "read --shard specs from FILE, one per line (# comments); read again when it "
              "changes or on SIGHUP, without a restart (a list that turns bad is not taken: the "
              "shards in use stay)"
            : "read --shard specs from FILE, one per line (# comments)";
    // clang-format off
    options.add_options()
        ("shard", po::value<std::vector<std::string>>(&values.specs)->composing(),
         "search this shard instead of --index (repeatable; the shards are searched as one "
         "index): [NAME=]ADDRESS[,ADDRESS...], each ADDRESS a replica, a local path or "
         "tcp://HOST:PORT served by xapian-tcpsrv")
        ("shards", po::value<std::string>(&values.file), file_help)
        ("shard-timeout", number<unsigned>(&values.timeout_ms, 1,
                                          static_cast<unsigned>(ShardSet::kMaxTimeout.count()),
                                          "milliseconds")
                             ->default_value(5000),
         "milliseconds a remote shard may take to connect or to answer one request")
        ("allow-partial", po::bool_switch(&values.allow_partial),
         "answer from the live shards when a shard has no live replica (the answer is marked "
         "partial and names the missing shards) instead of failing");
    // clang-format on
}

std::optional<ShardSet> shard_set_from(const ShardOptions& values,
                                       const po::variables_map& options) {
    if (values.specs.empty() && values.file.empty()) return std::nullopt;
    if (options.count("index") && !options["index"].defaulted())
        throw UsageError(std::string("--index and ") +
                         (values.specs.empty() ? "--shards" : "--shard") +
                         " both say what to search: give the index directory as a shard "
                         "(--shard PATH) to search it with the others");
    return shard_set_from(values);
}

ShardSet shard_set_from(const ShardOptions& values) {
    ShardSet set;
    if (!values.file.empty()) set = ShardSet::from_file(values.file);
    for (const auto& spec : values.specs) set.shards.push_back(ShardSet::parse_spec(spec));
    if (values.timeout_ms < 1 ||
        values.timeout_ms > static_cast<unsigned>(ShardSet::kMaxTimeout.count()))
        throw UsageError("--shard-timeout must be from 1 to " +
                         std::to_string(ShardSet::kMaxTimeout.count()) + " milliseconds");
    set.timeout = std::chrono::milliseconds(values.timeout_ms);
    set.allow_partial = values.allow_partial;
    return set;
}

}  // namespace parley::cli
