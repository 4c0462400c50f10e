#pragma once

#include <string>
#include <vector>

#include "parley/archive_views.hpp"
#include "parley/export.hpp"
#include "parley/fetch.hpp"
#include "parley/index_maintenance.hpp"
#include "parley/index_stats.hpp"
#include "parley/ingest_report.hpp"
#include "parley/search_request.hpp"
#include "parley/search_result.hpp"

namespace parley {

// Every JSON document Parley prints or answers, made in one place, so that
// `parley-search --json`, `parley-index --json` and `parley-serve` agree field for field
// (docs/searching.md, "JSON output", and server/api/openapi.json document them; fields are only
// ever added). Each returns one JSON text: compact, or pretty-printed with `indent` spaces
// when indent >= 0. Text that is not valid UTF-8 is replaced (U+FFFD), never an exception.
// Pure functions: thread-safe; they throw nothing but std::bad_alloc.
//
// The other direction, articles from JSON, is read_json_articles() (article_reader.hpp),
// with the fields of a JSON Lines record.

/// A search result (parley-search --json, GET /search).
PARLEY_API std::string search_result_json(const SearchResult& result, const SearchRequest& request,
                                          int indent = -1);

/// The archive views (parley-analyze --format json, GET /analyze/...): a timeline with its
/// buckets per series; what stands out with the G² score and the counts behind it;
/// co-occurring values with PMI and NPMI, and the matrix; bursts with their best hits;
/// a paragraph in its context.
PARLEY_API std::string timeline_json(const Timeline& timeline, int indent = -1);
PARLEY_API std::string stands_out_json(const StandsOut& stands_out, int indent = -1);
PARLEY_API std::string cooccurrence_json(const Cooccurrence& cooccurrence, int indent = -1);
PARLEY_API std::string bursts_json(const Bursts& bursts, int indent = -1);
PARLEY_API std::string paragraph_context_json(const ParagraphContext& context, int indent = -1);
/// One hit in the form of a search result's hits, with "text" when the hit carries it: a
/// line of an export (parley-analyze export --format ndjson, GET /analyze/export).
PARLEY_API std::string hit_json(const Hit& hit, int indent = -1);

/// A whole stored article with its paragraphs' tags (GET /articles/{id}).
PARLEY_API std::string article_view_json(const ArticleView& article, int indent = -1);

/// Completions and did-you-mean for typed text (GET /suggest).
PARLEY_API std::string suggestions_json(const std::string& text, const Suggestions& suggestions,
                                        int indent = -1);

/// The values of one facet (GET /facets/{facet}).
PARLEY_API std::string facet_values_json(const std::string& facet,
                                         const std::vector<FacetValue>& values, int indent = -1);
/// The same, counted without the shards `missing_shards` names (a shard set answering with
/// allow_partial): marked "partial" with "missing_shards", as a search result is.
PARLEY_API std::string facet_values_json(const std::string& facet,
                                         const std::vector<FacetValue>& values,
                                         const std::vector<std::string>& missing_shards,
                                         int indent = -1);
/// The same, with "missing_shard_reasons": per missing shard, why it is left out
/// (Searcher::missing_shard_reasons(), parallel to `missing_shards`).
PARLEY_API std::string facet_values_json(const std::string& facet,
                                         const std::vector<FacetValue>& values,
                                         const std::vector<std::string>& missing_shards,
                                         const std::vector<std::string>& missing_shard_reasons,
                                         int indent = -1);

/// An index summary (parley-index stats --json, GET /stats).
PARLEY_API std::string index_stats_json(const IndexStats& stats, int indent = -1);

/// What an indexing run did (parley-index --json): counts, skipped records by reason and
/// every problem with its source, line and byte.
PARLEY_API std::string ingest_summary_json(const IngestReport& report, double seconds,
                                           int indent = -1);

/// What adding articles over HTTP did (POST /articles): `read` holds the problems of
/// reading the request (each with the article's place in it as `line`), `written` the
/// writer's counts and problems.
PARLEY_API std::string articles_added_json(const IngestReport& read, const IngestReport& written,
                                           int indent = -1);

/// What a fetch did (parley-index fetch --json): per host fetched, unchanged, failed (by
/// reason) and disallowed, the requests made, and the ingest summary of what was read.
PARLEY_API std::string fetch_summary_json(const FetchReport& fetched, const IngestReport& report,
                                          double seconds, int indent = -1);

/// What a compaction did (parley-index compact --json): shards rewritten, bytes on disk
/// before and after.
PARLEY_API std::string compact_report_json(const CompactReport& report, double seconds,
                                           int indent = -1);

/// What a re-tag did (parley-index retag --json).
PARLEY_API std::string retag_report_json(const RetagReport& report, double seconds,
                                         int indent = -1);

/// An article deleted (DELETE /articles/{id}).
PARLEY_API std::string article_deleted_json(const std::string& article_id, int indent = -1);

/// The server is up and how many paragraphs its index holds (GET /health).
PARLEY_API std::string health_json(std::size_t paragraphs, int indent = -1);
/// The same for a shard set: "status" is "partial" and "missing_shards" names the shards
/// that did not answer (not counted in `paragraphs`) when there are any, else "ok".
PARLEY_API std::string health_json(std::size_t paragraphs,
                                   const std::vector<std::string>& missing_shards, int indent = -1);
/// The same, with "missing_shard_reasons": per missing shard, why it is left out
/// (Searcher::missing_shard_reasons(), parallel to `missing_shards`), as a search result says.
PARLEY_API std::string health_json(std::size_t paragraphs,
                                   const std::vector<std::string>& missing_shards,
                                   const std::vector<std::string>& missing_shard_reasons,
                                   int indent = -1);

/// The one error form of every program and endpoint: {"error": message, "status": status}.
PARLEY_API std::string error_json(const std::string& message, int status, int indent = -1);

}  // namespace parley
