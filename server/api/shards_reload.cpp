#include "api/shards_reload.hpp"

#include <iostream>
#include <sstream>
#include <utility>
#include <vector>

#include "parley/error.hpp"

namespace parley::server {
namespace {

std::string replicas_of(const ShardSpec& shard) {
    std::string out;
    for (const auto& address : shard.replicas) out += (out.empty() ? "" : ",") + address;
    return out;
}

const ShardSpec* find_shard(const ShardSet& set, const std::string& name) {
    for (const auto& shard : set.shards) {
        if (shard.name == name) return &shard;
    }
    return nullptr;
}

std::string count_of(std::size_t shards) {
    return std::to_string(shards) + (shards == 1 ? " shard" : " shards");
}

}  // namespace

std::string shard_set_changes(const ShardSet& before, const ShardSet& after) {
    std::string added, removed, changed;
    const auto add = [](std::string& list, const std::string& item) {
        list += (list.empty() ? "" : ", ") + item;
    };
    for (const auto& shard : after.shards) {
        const ShardSpec* old = find_shard(before, shard.name);
        if (!old) {
            add(added, shard.name + " (" + replicas_of(shard) + ")");
        } else if (old->replicas != shard.replicas) {
            add(changed, shard.name + " (" + replicas_of(*old) + " → " + replicas_of(shard) + ")");
        }
    }
    for (const auto& shard : before.shards) {
        if (!find_shard(after, shard.name)) add(removed, shard.name);
    }
    std::string out;
    if (!added.empty()) out += "added " + added;
    if (!removed.empty()) out += (out.empty() ? "" : "; ") + std::string("removed ") + removed;
    if (!changed.empty()) out += (out.empty() ? "" : "; ") + std::string("changed ") + changed;
    // The first shard's gazetteer is the one actor filters follow: an order is a change.
    if (out.empty() && before.shards.size() == after.shards.size()) {
        for (std::size_t i = 0; i < before.shards.size(); ++i) {
            if (before.shards[i].name != after.shards[i].name) return "reordered";
        }
    }
    return out;
}

ShardsReload::ShardsReload(ShardSet initial, cli::ShardOptions options)
    : options_(std::move(options)),
      watch_(options_.file),
      current_(std::make_shared<const ShardSet>(std::move(initial))) {}

ShardsReload::InUse ShardsReload::current() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return {current_, generation_.load()};
}

bool ShardsReload::refresh(std::optional<Searcher>& searcher, InUse& searched) {
    // One request looks; the others, this second, go on with the set they have.
    if (watch_.due()) {
        if (auto taken = read_again(false)) {
            searcher = std::move(taken->first);
            searched = std::move(taken->second);
            return true;
        }
    }
    if (searched.generation == generation_.load()) return false;
    searcher.reset();
    return true;
}

void ShardsReload::reload() {
    if (!options_.file.empty()) read_again(true);
}

std::optional<std::pair<Searcher, ShardsReload::InUse>> ShardsReload::read_again(bool forced) {
    const std::lock_guard<std::mutex> lock(reading_);
    if (!watch_.changed(forced)) return std::nullopt;
    const std::string& path = watch_.path();
    std::ostringstream said;  // one write, not interleaved with other threads' lines
    const auto say = [&said] { std::cerr << said.str() << std::flush; };
    // The same reading and checks as at startup, which name FILE:LINE.
    std::shared_ptr<const ShardSet> fresh;
    try {
        fresh = std::make_shared<const ShardSet>(cli::shard_set_from(options_));
    } catch (const std::exception& e) {
        said << "parley-serve: warning: " << e.what()
             << "; the shard set in use stays until the file is fixed\n";
        say();
        return std::nullopt;
    }
    const std::string changes = shard_set_changes(*current().set, *fresh);
    if (changes.empty()) {
        said << "parley-serve: " << path << ": read again, " << count_of(fresh->shards.size())
             << ", unchanged\n";
        say();
        return std::nullopt;
    }
    // Opened here as the server opens a set at startup, which refuses one where no shard
    // answers or the first is no Parley index; the request that looked then runs on it.
    std::optional<Searcher> searcher;
    try {
        searcher.emplace(*fresh);
    } catch (const std::exception& e) {
        said << "parley-serve: warning: " << path << ": changed (" << changes
             << "), and not taken: " << e.what()
             << "; the shard set in use stays (save the file again, or send SIGHUP, to retry)\n";
        say();
        return std::nullopt;
    }
    std::uint64_t generation = 0;
    {
        const std::lock_guard<std::mutex> guard(mutex_);
        current_ = fresh;
        generation = ++generation_;
    }
    said << "parley-serve: " << path << ": read again, " << count_of(fresh->shards.size()) << ": "
         << changes;
    const std::vector<std::string> missing = searcher->missing_shards();
    const std::vector<std::string> why = searcher->missing_shard_reasons();
    for (std::size_t i = 0; i < missing.size(); ++i) {
        said << (i ? "; " : "; not answering now: ") << missing[i];
        if (i < why.size()) said << " (" << why[i] << ")";
    }
    said << "\n";
    say();
    return std::make_pair(std::move(*searcher), InUse{fresh, generation});
}

}  // namespace parley::server
