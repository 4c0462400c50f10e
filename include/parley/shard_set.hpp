#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// One shard of a distributed index: a Parley index directory (or one of its shard
/// databases) that one or more replicas serve. An address is a local path or
/// "tcp://HOST:PORT", a database served by Xapian's xapian-tcpsrv.
struct PARLEY_API ShardSpec {
    /// Names the shard in errors and in SearchResult::missing_shards. Default: the first
    /// address.
    std::string name;
    /// Replicas holding the same database, kept in step by xapian-replicate. Reads go to
    /// one of them, chosen at random per Searcher; a replica that fails is replaced by the
    /// next. Required: at least one.
    std::vector<std::string> replicas;
};

/// A set of shards searched as one index: Xapian combines them, so statistics (document
/// counts, term frequencies, average lengths) are global and hits, scores, totals and facet
/// counts equal those of one index holding every shard's articles, as long as no article
/// is split across shards (parley-index never splits one).
struct PARLEY_API ShardSet {
    /// Required: at least one.
    std::vector<ShardSpec> shards;
    /// Longest wait for a remote shard to connect or to answer one request, from 1 ms to
    /// kMaxTimeout; a Searcher throws UsageError for another (Xapian would read 0 as no
    /// limit at all). Default: 5 s.
    std::chrono::milliseconds timeout{5000};
    static constexpr std::chrono::milliseconds kMaxTimeout{600000};  ///< 10 minutes
    /// Answer from the live shards when a shard has no live replica, for every call
    /// (SearchRequest::allow_partial allows it per search). Default: false, such a call
    /// throws ShardUnavailableError.
    bool allow_partial = false;

    /// One shard from "[NAME=]ADDRESS[,ADDRESS...]", e.g. "news=tcp://a:7001,tcp://b:7001".
    /// Throws UsageError for an empty spec, name or address, or a tcp:// address that is
    /// not tcp://HOST:PORT with a port from 1 to 65535.
    static ShardSpec parse_spec(const std::string& spec);
    /// A shard set from a file of specs, one per line (LF or CRLF, a UTF-8 byte order mark
    /// allowed); blank lines and lines starting with '#' are skipped. Throws UsageError
    /// naming the file and line of a bad spec, of a name or an address given twice, or of
    /// an address inside an index directory also listed (and the line of the other), and
    /// InputError if the file cannot be read.
    static ShardSet from_file(const std::string& path);
};

}  // namespace parley
