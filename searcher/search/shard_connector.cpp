#include "search/shard_connector.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <random>

#include "parley/error.hpp"
#include "storage/index_layout.hpp"
#include "storage/shard_address.hpp"
#include "util/files.hpp"

namespace parley::search {
namespace {

using storage::tcp_host_port;

bool is_tcp(const std::string& address) { return storage::is_tcp_address(address); }

using storage::address_identity;
using storage::identity_inside;

// A set whose shards overlap would count their articles twice (a repeated name or address,
// or a shard database inside an index directory also listed); a malformed tcp:// address
// could never connect. Both are mistakes in the command line or the shard list.
void check_shards(const ShardSet& set) {
    if (set.shards.empty()) throw UsageError("a shard set needs at least one shard");
    // Xapian takes 0 for "wait for ever", and a negative count would wrap to weeks.
    if (set.timeout.count() < 1 || set.timeout > ShardSet::kMaxTimeout)
        throw UsageError("the shard timeout must be from 1 to " +
                         std::to_string(ShardSet::kMaxTimeout.count()) + " milliseconds, not " +
                         std::to_string(set.timeout.count()));
    std::vector<std::pair<std::string, std::string>> seen;  // identity, as written
    std::vector<std::string> names;
    for (const auto& shard : set.shards) {
        if (shard.replicas.empty()) throw UsageError("shard '" + shard.name + "' has no address");
        if (std::find(names.begin(), names.end(), shard.name) != names.end())
            throw UsageError("shard name '" + shard.name +
                             "' is given twice: each shard of a set needs a name of its own");
        names.push_back(shard.name);
        for (const auto& address : shard.replicas) {
            if (is_tcp(address) && !tcp_host_port(address))
                throw UsageError("shard '" + shard.name + "': '" + address +
                                 "' is not tcp://HOST:PORT (a port from 1 to 65535)");
            const std::string id = address_identity(address);
            for (const auto& [other_id, other] : seen) {
                if (id == other_id)
                    throw UsageError("shard address '" + address + "' is given twice ('" + other +
                                     "' is the same database): its articles would "
                                     "count twice");
                if (identity_inside(id, other_id) || identity_inside(other_id, id))
                    throw UsageError("shard address '" + address + "' and '" + other +
                                     "' overlap (one lies inside the other): their articles "
                                     "would count twice");
            }
            seen.emplace_back(id, address);
        }
    }
}

// Adds the databases behind one address: a remote database, a Parley index directory
// (each of its shards, so that each keeps its own metadata) or a single shard database.
std::vector<Xapian::Database> open_address(const std::string& address,
                                           std::chrono::milliseconds timeout) {
    std::vector<Xapian::Database> out;
    if (is_tcp(address)) {
        const auto host_port = tcp_host_port(address);  // checked by check_shards()
        if (!host_port) throw Xapian::NetworkError("not tcp://HOST:PORT");
        const auto ms = static_cast<unsigned>(timeout.count());
        out.push_back(Xapian::Remote::open(host_port->first, host_port->second, ms, ms));
        return out;
    }
    if (auto layout = storage::IndexLayout::load(address); layout && !layout->shards().empty()) {
        for (const auto& shard : layout->shards()) out.emplace_back(layout->path_of(shard));
    } else {
        out.emplace_back(address);
    }
    return out;
}

// Why an address did not open, in the words a person checking the shard needs: what
// Xapian's message leaves implicit (a path that is not there, a directory holding no
// database) is said first.
std::string why_not_opened(const std::string& address, const Xapian::Error& e) {
    const std::string xapian = e.get_type() + std::string(": ") + e.get_msg();
    if (is_tcp(address)) return "no answer (" + xapian + ")";
    std::error_code ec;
    if (!std::filesystem::exists(address, ec)) return "no such directory";
    // Xapian::Error has no virtual functions: its type is told by name.
    const std::string type = e.get_type();
    if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError")
        return "not a Parley index (no database there: " + xapian + ")";
    if (type == "DatabaseVersionError")
        return "a database format this Parley's Xapian cannot read (" + xapian + ")";
    if (type == "DatabaseCorruptError") return "corrupt (" + xapian + ")";
    return xapian;
}

void note_missing(ShardConnector::Opened& out, const std::string& name, const std::string& why) {
    out.missing.push_back(name);
    out.missing_why.push_back(why);
    out.missing_reasons += (out.missing_reasons.empty() ? "" : "; ") + std::string("shard '") +
                           name + "' (" + why + ")";
}

}  // namespace

std::string partial_note(const std::vector<std::string>& names,
                         const std::vector<std::string>& why) {
    std::string listed;
    for (std::size_t i = 0; i < names.size(); ++i) {
        listed += (i ? "; " : "") + names[i];
        if (i < why.size() && !why[i].empty()) listed += " (" + why[i] + ")";
    }
    return std::string("partial: shard") + (names.size() > 1 ? "s " : " ") + listed +
           (names.size() > 1 ? " left out; every figure leaves them out"
                             : " left out; every figure leaves it out");
}

void ShardConnector::set_aside(Opened& opened, const std::string& name, const std::string& why) {
    Opened kept;
    for (std::size_t i = 0; i < opened.shards.size(); ++i) {
        if (opened.live[i] == name) continue;
        kept.combined.add_database(opened.shards[i]);
        kept.shards.push_back(opened.shards[i]);
        kept.live.push_back(opened.live[i]);
        kept.addresses.push_back(opened.addresses[i]);
    }
    opened.combined = kept.combined;
    opened.shards = std::move(kept.shards);
    opened.live = std::move(kept.live);
    opened.addresses = std::move(kept.addresses);
    std::erase(opened.remote, name);
    note_missing(opened, name, why);
}

ShardConnector::ShardConnector(ShardSet set) : set_(std::move(set)) {
    check_shards(set_);
    std::random_device seed;
    std::mt19937 random(seed());
    for (const auto& shard : set_.shards) {
        preferred_.push_back(shard.replicas.empty() ? 0 : random() % shard.replicas.size());
    }
}

ShardConnector::Opened ShardConnector::open() {
    Opened out;
    for (std::size_t i = 0; i < set_.shards.size(); ++i) {
        const ShardSpec& shard = set_.shards[i];
        const std::size_t replicas = shard.replicas.size();
        std::string reasons;
        bool opened = false;
        for (std::size_t tried = 0; tried < replicas && !opened; ++tried) {
            const std::size_t r = (preferred_[i] + tried) % replicas;
            const std::string& address = shard.replicas[r];
            if (const auto why =
                    is_tcp(address) ? std::nullopt : util::unreadable_directory(address)) {
                reasons += (reasons.empty() ? "" : "; ") + address + ": cannot be read: " + *why;
                continue;
            }
            try {
                for (auto& db : open_address(address, set_.timeout)) {
                    out.combined.add_database(db);
                    out.shards.push_back(std::move(db));
                    out.live.push_back(shard.name);
                    out.addresses.push_back(address);
                }
                if (is_tcp(address)) {
                    out.remote.push_back(shard.name);
                } else {
                    out.local_paths.push_back(address);
                }
                preferred_[i] = r;  // stay on a replica that answers
                opened = true;
            } catch (const Xapian::Error& e) {
                reasons +=
                    (reasons.empty() ? "" : "; ") + address + ": " + why_not_opened(address, e);
            }
        }
        if (!opened) {
            note_missing(out, shard.name, reasons);
            preferred_[i] = (preferred_[i] + 1) % std::max<std::size_t>(replicas, 1);
        }
    }
    return out;
}

void ShardConnector::avoid(const std::string& name) {
    for (std::size_t i = 0; i < set_.shards.size(); ++i) {
        if (set_.shards[i].name == name && !set_.shards[i].replicas.empty())
            preferred_[i] = (preferred_[i] + 1) % set_.shards[i].replicas.size();
    }
}

std::string ShardConnector::description() const {
    std::string out = "shard set ";
    for (std::size_t i = 0; i < set_.shards.size(); ++i)
        out += (i ? ", " : "") + set_.shards[i].name;
    return out;
}

}  // namespace parley::search
