#pragma once

#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "parley/error.hpp"
#include "parley/searcher.hpp"
#include "parley/synonyms.hpp"

// Header-only: parley_cli links before the searcher in each program, and these call it.
namespace parley::cli {

/// Where a program's synonyms file comes from, the same way in every program that searches
/// (parley-search, parley-analyze, parley-serve): --synonyms, or else PARLEY_SYNONYMS.
struct SynonymsSource {
    std::string path;
    std::string from;  ///< "--synonyms" or "PARLEY_SYNONYMS", said in its errors
};

/// `flag_value` (--synonyms as given; empty: not given), or else PARLEY_SYNONYMS; nullopt
/// when neither names a file.
inline std::optional<SynonymsSource> synonyms_source(const std::string& flag_value) {
    if (!flag_value.empty()) return SynonymsSource{flag_value, "--synonyms"};
    if (const char* env = std::getenv("PARLEY_SYNONYMS"); env && *env)
        return SynonymsSource{env, "PARLEY_SYNONYMS"};
    return std::nullopt;
}

/// Reads the file and gives it to `searcher`, writing each problem (a line skipped, a member
/// left out once analysed) to `warnings` as "PROGRAM: warning: FILE:LINE: ...", and a copy
/// of what was read to `keep` unless it is null. Throws InputError naming the file and its
/// source ("(PARLEY_SYNONYMS)") when it cannot be read.
inline void use_synonyms_file(const SynonymsSource& source, Searcher& searcher,
                              std::string_view program, std::ostream& warnings,
                              Synonyms* keep = nullptr) {
    Synonyms synonyms;
    try {
        synonyms = Synonyms::from_file(source.path);
    } catch (const InputError& e) {
        throw InputError(std::string(e.what()) + " (" + source.from + ")");
    }
    // A bad line is reported and skipped; the other lines are used.
    for (const auto& problem : synonyms.problems())
        warnings << program << ": warning: " << problem << "\n";
    if (keep) *keep = synonyms;
    for (const auto& problem : searcher.set_synonyms(std::move(synonyms)))
        warnings << program << ": warning: " << problem << "\n";
}

}  // namespace parley::cli
