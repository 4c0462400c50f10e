#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// A summary of an index, as printed by `parley-index stats`.
struct PARLEY_API IndexStats {
    std::string path;
    int schema_version = 0;
    std::string analyzer;  ///< analyzer settings recorded in the index
    std::string default_language;
    std::vector<std::string> languages;  ///< languages of the indexed articles
    std::string gazetteer_fingerprint;
    std::string gazetteer_origin;
    /// The tagging rules the index's tags were made by, and this build's: when the first is
    /// older, `parley-index retag` re-tags every paragraph.
    int tagging_rules = 0;
    int current_tagging_rules = 0;
    std::uint64_t articles = 0;
    std::uint64_t paragraphs = 0;
    std::uint64_t terms = 0;       ///< distinct terms of every kind
    std::uint64_t word_terms = 0;  ///< distinct stemmed words
    std::uint64_t size_bytes = 0;  ///< on disk
    std::vector<std::pair<std::string, std::uint64_t>> top_actors;  ///< by paragraphs
    std::vector<std::pair<std::string, std::uint64_t>> top_topics;  ///< by paragraphs
};

/// Reads the summary of the index at `path`, with the `top` most frequent actors and
/// topics. Read-only: safe beside a writer and from several threads at once.
/// Throws IndexMissingError, IndexMismatchError or IndexIoError.
PARLEY_API IndexStats read_index_stats(const std::string& path, std::size_t top = 10);

}  // namespace parley
