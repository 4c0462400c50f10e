#include "api/synonyms_reload.hpp"

#include <iostream>
#include <sstream>

#include "parley/error.hpp"

namespace parley::server {

SynonymsReload::SynonymsReload(std::string path, Synonyms initial)
    : path_(std::move(path)),
      current_(std::make_shared<const Synonyms>(std::move(initial))),
      seen_(path_.empty() ? std::nullopt : stamp_of(path_)) {}

std::optional<SynonymsReload::Stamp> SynonymsReload::stamp_of(const std::string& path) {
    std::error_code time_error, size_error;
    const auto time = std::filesystem::last_write_time(path, time_error);
    const auto size = std::filesystem::file_size(path, size_error);
    if (time_error || size_error) return std::nullopt;
    return Stamp{time, size};
}

void SynonymsReload::refresh(Searcher& searcher, std::uint64_t& generation) {
    if (!path_.empty()) {
        const std::int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
        std::int64_t next = next_look_.load();
        const std::int64_t later =
            now +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(kInterval).count();
        // One request looks; the others, this second, go on with what they have.
        if (now >= next && next_look_.compare_exchange_strong(next, later))
            read_again(searcher, generation);
    }
    if (generation == generation_.load()) return;
    std::shared_ptr<const Synonyms> current;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        current = current_;
        generation = generation_.load();
    }
    searcher.set_synonyms(*current);
}

void SynonymsReload::read_again(Searcher& searcher, std::uint64_t& generation) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const std::optional<Stamp> stamp = stamp_of(path_);
    if (stamp == seen_ && seen_) return;  // unchanged (or unreadable as it was)
    // A save in progress (truncated, then written) is not read half-written: a file changed
    // this last moment is left to the next look.
    if (stamp && std::filesystem::file_time_type::clock::now() - stamp->first < kSettle) return;
    const bool was_readable = seen_.has_value();
    seen_ = stamp;
    std::ostringstream said;  // one write, not interleaved with other threads' lines
    const std::string kept = "; the synonyms in use stay until the file is fixed";
    Synonyms fresh;
    try {
        fresh = Synonyms::from_file(path_);
    } catch (const InputError& e) {
        if (!was_readable && !stamp) return;  // said already
        said << "parley-serve: warning: " << e.what() << kept << "\n";
        std::cerr << said.str() << std::flush;
        return;
    }
    std::vector<std::string> problems = fresh.problems();
    for (auto& problem : searcher.set_synonyms(fresh)) problems.push_back(std::move(problem));
    if (!problems.empty()) {
        for (const auto& problem : problems) said << "parley-serve: warning: " << problem << "\n";
        said << "parley-serve: warning: " << path_ << ": changed, and not read again ("
             << problems.size() << (problems.size() == 1 ? " problem" : " problems") << ")" << kept
             << "\n";
        std::cerr << said.str() << std::flush;
        searcher.set_synonyms(*current_);
        generation = generation_.load();
        return;
    }
    const std::size_t groups = fresh.groups().size();
    current_ = std::make_shared<const Synonyms>(std::move(fresh));
    generation = ++generation_;
    said << "parley-serve: " << path_ << ": read again, " << groups
         << (groups == 1 ? " group" : " groups") << "\n";
    std::cerr << said.str() << std::flush;
}

}  // namespace parley::server
