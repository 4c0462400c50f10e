#include "parley/shard_set.hpp"

#include <map>
#include <optional>
#include <sstream>

#include "parley/error.hpp"
#include "storage/shard_address.hpp"
#include "util/files.hpp"

namespace parley {
namespace {

std::string trimmed(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return {};
    const auto end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

}  // namespace

ShardSpec ShardSet::parse_spec(const std::string& spec) {
    ShardSpec out;
    std::string addresses = trimmed(spec);
    // A name is what comes before '=', unless that '=' is inside a path or URL.
    if (const auto eq = addresses.find('=');
        eq != std::string::npos && addresses.find_first_of("/:,") > eq) {
        out.name = trimmed(addresses.substr(0, eq));
        addresses = addresses.substr(eq + 1);
        if (out.name.empty()) throw UsageError("shard '" + spec + "': empty name before '='");
    }
    std::size_t at = 0;
    while (at <= addresses.size()) {
        auto comma = addresses.find(',', at);
        if (comma == std::string::npos) comma = addresses.size();
        const std::string address = trimmed(addresses.substr(at, comma - at));
        if (address.empty())
            throw UsageError("shard '" + spec +
                             "': empty address (want [NAME=]ADDRESS[,ADDRESS...])");
        // Said here, where a shard list can name its line, rather than when connecting.
        if (storage::is_tcp_address(address) && !storage::tcp_host_port(address))
            throw UsageError("shard '" + spec + "': '" + address +
                             "' is not tcp://HOST:PORT (a port from 1 to 65535)");
        out.replicas.push_back(address);
        at = comma + 1;
    }
    if (out.name.empty()) out.name = out.replicas.front();
    return out;
}

ShardSet ShardSet::from_file(const std::string& path) {
    std::string why;
    const std::optional<std::string> text = util::read_file(path, why);
    if (!text) throw InputError(path + ": cannot read the shard list: " + why);
    std::istringstream in(*text);
    ShardSet set;
    std::string line;
    std::map<std::string, int> line_of;  // shard name → its line, to name both of a pair
    std::map<std::string, std::pair<int, std::string>> address_at;  // identity → line, as written
    for (int number = 1; std::getline(in, line); ++number) {
        // A byte order mark, as some Windows editors write, is no part of the first line.
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
        const std::string text = trimmed(line);
        if (text.empty() || text.front() == '#') continue;
        const std::string where = path + ":" + std::to_string(number) + ": ";
        try {
            set.shards.push_back(parse_spec(text));
        } catch (const UsageError& e) {
            throw UsageError(where + e.what());
        }
        const auto [first, fresh] = line_of.emplace(set.shards.back().name, number);
        if (!fresh)
            throw UsageError(where + "shard name '" + first->first +
                             "' is given twice (first on line " + std::to_string(first->second) +
                             "): each shard of a set needs a name of its own");
        for (const auto& address : set.shards.back().replicas) {
            const std::string id = storage::address_identity(address);
            const auto [other, fresh_address] =
                address_at.emplace(id, std::make_pair(number, address));
            if (!fresh_address)
                throw UsageError(
                    where + "shard address '" + address + "' is given twice (first on line " +
                    std::to_string(other->second.first) + "): its articles would count twice");
            // Said here with both lines, rather than by the Searcher without them.
            for (const auto& [other_id, other_at] : address_at) {
                if (storage::identity_inside(id, other_id) ||
                    storage::identity_inside(other_id, id))
                    throw UsageError(where + "shard address '" + address + "' and '" +
                                     other_at.second + "' (line " + std::to_string(other_at.first) +
                                     ") overlap (one lies inside the other): their articles "
                                     "would count twice");
            }
        }
    }
    if (set.shards.empty()) throw UsageError(path + ": lists no shard");
    return set;
}

}  // namespace parley
