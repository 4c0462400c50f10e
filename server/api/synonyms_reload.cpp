#include "api/synonyms_reload.hpp"

#include <iostream>
#include <sstream>

#include "parley/error.hpp"

namespace parley::server {

SynonymsReload::SynonymsReload(std::string path, Synonyms initial)
    : watch_(std::move(path)), current_(std::make_shared<const Synonyms>(std::move(initial))) {}

void SynonymsReload::refresh(Searcher& searcher, std::uint64_t& generation) {
    // One request looks; the others, this second, go on with what they have.
    if (watch_.due()) read_again(searcher, generation, false);
    if (generation == generation_.load()) return;
    std::shared_ptr<const Synonyms> current;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        current = current_;
        generation = generation_.load();
    }
    searcher.set_synonyms(*current);
}

void SynonymsReload::reload(Searcher& searcher) {
    if (!has_file()) return;
    std::uint64_t none = 0;
    read_again(searcher, none, true);
}

void SynonymsReload::read_again(Searcher& searcher, std::uint64_t& generation, bool forced) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!watch_.changed(forced)) return;
    const std::string& path = watch_.path();
    std::ostringstream said;  // one write, not interleaved with other threads' lines
    const std::string kept = "; the synonyms in use stay until the file is fixed";
    Synonyms fresh;
    try {
        fresh = Synonyms::from_file(path);
    } catch (const InputError& e) {
        said << "parley-serve: warning: " << e.what() << kept << "\n";
        std::cerr << said.str() << std::flush;
        return;
    }
    std::vector<std::string> problems = fresh.problems();
    for (auto& problem : searcher.set_synonyms(fresh)) problems.push_back(std::move(problem));
    if (!problems.empty()) {
        for (const auto& problem : problems) said << "parley-serve: warning: " << problem << "\n";
        said << "parley-serve: warning: " << path << ": changed, and not read again ("
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
    said << "parley-serve: " << path << ": read again, " << groups
         << (groups == 1 ? " group" : " groups") << "\n";
    std::cerr << said.str() << std::flush;
}

}  // namespace parley::server
