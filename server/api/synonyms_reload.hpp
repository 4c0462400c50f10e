#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "api/file_watch.hpp"
#include "parley/searcher.hpp"
#include "parley/synonyms.hpp"

namespace parley::server {

/// The synonyms every search of the server uses, read again from their file when it
/// changes, without a restart. Thread-safe.
///
/// The file is watched by a FileWatch, looked at by the first request after each
/// FileWatch::kInterval; when it has changed, that request reads the file and analyses it
/// while the other workers go on searching with the synonyms they have. A file that cannot be
/// read, or holds a line or member that cannot be used, is not taken: the synonyms in use
/// stay, and each problem is written to stderr as `parley-serve: warning: FILE:LINE: ...`,
/// once per change of the file.
class SynonymsReload {
  public:
    /// `path`: the file `initial` was read from; empty: no file, nothing is read again.
    SynonymsReload(std::string path, Synonyms initial);

    /// Gives `searcher` the synonyms in use, unless `generation` (the searcher's, kept by
    /// its owner; 0 for a new searcher) says it has them already; first reads the file
    /// again if it is time to look and it changed.
    void refresh(Searcher& searcher, std::uint64_t& generation);

    /// Reads the file again now, changed or not (a reload asked for by SIGHUP), analysing
    /// it with `searcher`, which keeps no synonyms of it. Nothing without a file.
    void reload(Searcher& searcher);

    bool has_file() const { return !watch_.path().empty(); }

  private:
    void read_again(Searcher& searcher, std::uint64_t& generation, bool forced);

    std::mutex mutex_;  // guards what follows
    FileWatch watch_;
    std::shared_ptr<const Synonyms> current_;
    std::atomic<std::uint64_t> generation_{1};
};

}  // namespace parley::server
