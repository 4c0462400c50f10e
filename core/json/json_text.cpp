// include/parley/json_forms.hpp: each form, printed.
#include "json/json_forms.hpp"

namespace parley {

namespace json_forms {

std::string print(const Json& value, int indent) {
    // Invalid UTF-8 (from an index written by another program, or a hostile request) is
    // replaced rather than thrown: an answer is always printed.
    return value.dump(indent < 0 ? -1 : indent, ' ', false,
                      nlohmann::json::error_handler_t::replace);
}

}  // namespace json_forms

using json_forms::print;

std::string search_result_json(const SearchResult& result, const SearchRequest& request,
                               int indent) {
    return print(json_forms::search_result(result, request), indent);
}

std::string article_view_json(const ArticleView& article, int indent) {
    return print(json_forms::article_view(article), indent);
}

std::string suggestions_json(const std::string& text, const Suggestions& suggestions, int indent) {
    return print(json_forms::suggestions(text, suggestions), indent);
}

std::string facet_values_json(const std::string& facet, const std::vector<FacetValue>& values,
                              int indent) {
    return print(json_forms::facet_values(facet, values), indent);
}

std::string facet_values_json(const std::string& facet, const std::vector<FacetValue>& values,
                              const std::vector<std::string>& missing_shards, int indent) {
    return facet_values_json(facet, values, missing_shards, {}, indent);
}

std::string facet_values_json(const std::string& facet, const std::vector<FacetValue>& values,
                              const std::vector<std::string>& missing_shards,
                              const std::vector<std::string>& missing_shard_reasons, int indent) {
    json_forms::Json out = json_forms::facet_values(facet, values);
    if (!missing_shards.empty())  // as in a search result
        json_forms::add_partial(out, missing_shards, missing_shard_reasons);
    return print(out, indent);
}

std::string index_stats_json(const IndexStats& stats, int indent) {
    return print(json_forms::index_stats(stats), indent);
}

std::string ingest_summary_json(const IngestReport& report, double seconds, int indent) {
    return print(json_forms::ingest_summary(report, seconds), indent);
}

std::string articles_added_json(const IngestReport& read, const IngestReport& written, int indent) {
    return print(json_forms::articles_added(read, written), indent);
}

std::string retag_report_json(const RetagReport& report, double seconds, int indent) {
    return print(json_forms::retag_report(report, seconds), indent);
}

std::string compact_report_json(const CompactReport& report, double seconds, int indent) {
    return print(json_forms::compact_report(report, seconds), indent);
}

std::string fetch_summary_json(const FetchReport& fetched, const IngestReport& report,
                               double seconds, int indent) {
    return print(json_forms::fetch_summary(fetched, report, seconds), indent);
}

std::string article_deleted_json(const std::string& article_id, int indent) {
    return print(json_forms::Json{{"deleted", true}, {"article_id", article_id}}, indent);
}

std::string health_json(std::size_t paragraphs, int indent) {
    return print(json_forms::Json{{"status", "ok"}, {"paragraphs", paragraphs}}, indent);
}

std::string health_json(std::size_t paragraphs, const std::vector<std::string>& missing_shards,
                        int indent) {
    return health_json(paragraphs, missing_shards, {}, indent);
}

std::string health_json(std::size_t paragraphs, const std::vector<std::string>& missing_shards,
                        const std::vector<std::string>& missing_shard_reasons, int indent) {
    if (missing_shards.empty()) return health_json(paragraphs, indent);
    json_forms::Json out{{"status", "partial"}, {"paragraphs", paragraphs}};
    json_forms::add_partial(out, missing_shards, missing_shard_reasons);
    out.erase("partial");  // "status" says it
    return print(out, indent);
}

std::string error_json(const std::string& message, int status, int indent) {
    return print(json_forms::error(message, status), indent);
}

}  // namespace parley
