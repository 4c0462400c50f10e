#include "search/shard_connector.hpp"

#include <random>

#include "storage/index_layout.hpp"

namespace parley::search {
namespace {

constexpr std::string_view kTcpScheme = "tcp://";

// Adds the databases behind one address: a remote database, a Parley index directory
// (each of its shards, so that each keeps its own metadata) or a single shard database.
std::vector<Xapian::Database> open_address(const std::string& address,
                                           std::chrono::milliseconds timeout) {
    std::vector<Xapian::Database> out;
    if (address.compare(0, kTcpScheme.size(), kTcpScheme) == 0) {
        const std::string host_port = address.substr(kTcpScheme.size());
        const auto colon = host_port.rfind(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == host_port.size())
            throw Xapian::NetworkError("not tcp://HOST:PORT");
        std::string host = host_port.substr(0, colon);
        if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
        unsigned port = 0;
        try {
            port = static_cast<unsigned>(std::stoul(host_port.substr(colon + 1)));
        } catch (const std::exception&) {
            throw Xapian::NetworkError("bad port");
        }
        const auto ms = static_cast<unsigned>(timeout.count());
        out.push_back(Xapian::Remote::open(host, port, ms, ms));
        return out;
    }
    if (auto layout = storage::IndexLayout::load(address); layout && !layout->shards().empty()) {
        for (const auto& shard : layout->shards()) out.emplace_back(layout->path_of(shard));
    } else {
        out.emplace_back(address);
    }
    return out;
}

}  // namespace

ShardConnector::ShardConnector(ShardSet set) : set_(std::move(set)) {
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
            try {
                for (auto& db : open_address(address, set_.timeout)) {
                    out.combined.add_database(db);
                    out.shards.push_back(std::move(db));
                    out.live.push_back(shard.name);
                }
                preferred_[i] = r;  // stay on a replica that answers
                opened = true;
            } catch (const Xapian::Error& e) {
                reasons += (reasons.empty() ? "" : "; ") + address + ": " + e.get_type() + ": " +
                           e.get_msg();
            }
        }
        if (!opened) {
            out.missing.push_back(shard.name);
            out.missing_reasons += (out.missing_reasons.empty() ? "" : "; ") +
                                   std::string("shard '") + shard.name + "' (" + reasons + ")";
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
