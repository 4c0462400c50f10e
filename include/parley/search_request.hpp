#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// The order of hits (SearchRequest::sort).
enum class SortOrder {
    Relevance,   ///< by relevance, as SearchRequest::ranking computes it
    DateNewest,  ///< newest first; within a date by article id, an article's paragraphs by
                 ///< relevance; undated last
    DateOldest,  ///< oldest first; within a date as DateNewest; undated last
};

/// How relevance is computed (SearchRequest::ranking).
enum class Ranking {
    Auto,        ///< the default: Parley's best ranking, today Bm25
    WordsFirst,  ///< paragraphs holding more of the query words first, then BM25
    Bm25,        ///< BM25 over paragraph text and the article's title as a second field
};

/// "auto", "words", "bm25" (as the command lines and the HTTP API spell them); nullopt for
/// anything else.
PARLEY_API std::optional<Ranking> ranking_from_name(const std::string& name);

/// What one hit stands for (SearchRequest::group_by).
enum class GroupBy {
    None,     ///< one hit per paragraph
    Article,  ///< one hit per article: its best paragraph, with how many matched
};

/// What to search for and how to present it. The query syntax is documented in docs/searching.md.
/// A plain value; Searcher::search() checks it and throws UsageError for impossible values.
struct PARLEY_API SearchRequest {
    /// Longest query (and filter or selection) accepted, in bytes; longer is a QueryError.
    static constexpr std::size_t kMaxQueryBytes = 8192;

    /// Query text. Default: empty, which matches every paragraph.
    std::string query;
    /// Extra filters in query syntax ("actor:China", "actor_type:leader", "lineage:Russia",
    /// "year:2021"), each ANDed with the
    /// query. Default: none.
    std::vector<std::string> filters;
    /// Facet selections, "facet:value" ("actor:China", "year:2021"), as a faceted search
    /// page ticks them: values of one facet are alternatives (OR), facets combine with AND.
    /// Each selected facet is counted as if its own selections were absent (multi-select
    /// faceting), so the other values stay offered with the counts they would give.
    /// Throws UsageError for an unknown facet. Default: none.
    std::vector<std::string> selections;
    std::size_t offset = 0;                 ///< hits to skip. Default: 0.
    std::size_t limit = 10;                 ///< hits to return. Default: 10; at most 10,000.
    SortOrder sort = SortOrder::Relevance;  ///< Default: relevance (date for pure filters).
    /// Pseudo-relevance feedback: the words that stand out in the five best paragraphs of
    /// a first ranking (Bo1), and occur in two of them at least, are added to the query at
    /// 0.15 of the weight of its own words; they only rerank, so the same paragraphs match
    /// and totals and facets do not change. SearchResult::feedback_stems lists the words.
    /// Default: true (docs/searching.md, "Ranking": +0.004 MAP on average over seven test
    /// collections, at most -0.009 on one).
    bool feedback = true;
    Ranking ranking = Ranking::Auto;   ///< how relevance is computed. Default: auto.
    GroupBy group_by = GroupBy::None;  ///< Default: none.
    /// Facets to count, from "actor", "topic", "year", "author", "source", "actor_type"
    /// (state, leader, organisation, alliance, armed_group) and "mentioned_topic" (every
    /// topic a paragraph names, those it is about and those named in passing). Default: the
    /// first six. Empty: no facet counting.
    std::vector<std::string> facets = {"actor", "topic", "year", "author", "source", "actor_type"};
    std::size_t facet_limit = 10;       ///< values per facet, most frequent first; 0 = all.
    bool facet_article_counts = false;  ///< also count distinct articles per value.
    bool snippets = true;               ///< Default: true.
    /// Show one copy of an op-ed republished by several outlets (near-duplicates) and
    /// list the others on its hit; false shows every copy. Facet counts and
    /// total_paragraphs count every copy either way. Default: true.
    bool collapse_duplicates = true;
    /// Target snippet length in characters, from 1 (a snippet then still holds the whole
    /// match it shows); 0 with `snippets` is a UsageError. Default: 220.
    std::size_t snippet_length = 220;
    /// The longest snippet_length parley-search and the HTTP API accept.
    static constexpr std::size_t kMaxSnippetLength = 2000;
    /// What would otherwise widen the search silently — an unknown field ("actr:China",
    /// searched as words), a filter value that cannot be read ("date:2021-13-45",
    /// "lang:xx", ignored) — is a QueryError naming the field and the valid forms instead
    /// of a note. parley-search sets it (unless --lenient); the HTTP API on ?strict=true.
    /// Default: false.
    bool strict = false;
    /// Entity-aware matching: a query word or phrase naming an actor ("Kremlin", "Beijing",
    /// "Pentagon", "White House") also finds paragraphs tagged with that actor (Russia,
    /// China, United States), weighted below paragraphs holding the word itself; a note
    /// says so. Default: true.
    bool entities = true;

    /// Searching a ShardSet: answer from the live shards when a shard has no live replica,
    /// with SearchResult::partial set, instead of throwing ShardUnavailableError. The HTTP
    /// API on ?partial=true, parley-search with --allow-partial. Default: false.
    bool allow_partial = false;
};

/// The facets an index counts ("actor", "topic", "year", "author", "source", "actor_type",
/// "mentioned_topic"): what a front end may accept as a facet name. Thread-safe; throws nothing but
/// std::bad_alloc.
PARLEY_API std::vector<std::string> facet_names();

}  // namespace parley
