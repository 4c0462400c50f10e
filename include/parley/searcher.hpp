#pragma once

#include <memory>
#include <string>

#include "parley/search_request.hpp"
#include "parley/search_result.hpp"

namespace parley {

/// Answers SearchRequests against one index. The analyzer and gazetteer are rebuilt
/// from what the index records, so queries see exactly the words the indexer stored.
///
/// Not thread-safe: give each thread its own Searcher (they share nothing mutable).
class Searcher {
  public:
    /// Opens the index read-only. Throws IndexMissingError or IndexMismatchError.
    explicit Searcher(const std::string& index_path);
    ~Searcher();
    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a search. Never throws for query syntax: malformed queries are read the
    /// sensible way and SearchResult::notes says how. Throws UsageError for impossible
    /// request values (unknown facet, limit too large) and IndexIoError for I/O failures.
    SearchResult search(const SearchRequest& request);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parley
