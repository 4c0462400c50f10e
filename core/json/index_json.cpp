// The JSON forms of what the indexer reports: index summaries and ingest runs.
#include "json/json_forms.hpp"

namespace parley::json_forms {

Json index_stats(const IndexStats& s) {
    Json out{
        {"path", s.path},
        {"schema_version", s.schema_version},
        {"analyzer", s.analyzer},
        {"default_language", s.default_language},
        {"languages", s.languages},
        {"gazetteer", {{"fingerprint", s.gazetteer_fingerprint}, {"origin", s.gazetteer_origin}}},
        {"tagging_rules", {{"index", s.tagging_rules}, {"this_build", s.current_tagging_rules}}},
        {"articles", s.articles},
        {"paragraphs", s.paragraphs},
        {"terms", s.terms},
        {"word_terms", s.word_terms},
        {"size_bytes", s.size_bytes}};
    for (const auto& [key, list] :
         {std::pair{"top_actors", &s.top_actors}, std::pair{"top_topics", &s.top_topics}}) {
        Json values = Json::array();
        for (const auto& [value, count] : *list)
            values.push_back({{"value", value}, {"paragraphs", count}});
        out[key] = std::move(values);
    }
    return out;
}

Json ingest_problem(const IngestProblem& p) {
    Json j{{"source", p.source}};
    if (p.line) j["line"] = p.line;
    if (p.byte) j["byte"] = p.byte;
    j["severity"] = p.severity == IngestProblem::Severity::Skipped ? "skipped" : "warning";
    j["reason"] = p.reason;
    j["detail"] = p.detail;
    return j;
}

Json ingest_summary(const IngestReport& r, double seconds) {
    Json skipped = Json::object();
    for (const auto& [reason, n] : r.skipped_by_reason()) skipped[reason] = n;
    Json problems = Json::array();
    for (const auto& p : r.problems) problems.push_back(ingest_problem(p));
    return Json{{"files", r.files_read},
                {"bytes", r.bytes_read},
                {"articles",
                 {{"indexed", r.articles_new + r.articles_replaced + r.articles_renamed},
                  {"new", r.articles_new},
                  {"updated", r.articles_replaced},
                  {"unchanged", r.articles_unchanged},
                  {"renamed", r.articles_renamed},
                  {"deleted", r.articles_deleted}}},
                {"paragraphs", r.paragraphs_indexed},
                {"skipped", std::move(skipped)},
                {"skipped_total", r.skipped()},
                {"warnings", r.warnings()},
                {"problems", std::move(problems)},
                {"seconds", seconds}};
}

Json articles_added(const IngestReport& read, const IngestReport& written) {
    Json problems = Json::array();
    for (const IngestReport* report : {&read, &written}) {
        for (const auto& p : report->problems) {
            Json problem = ingest_problem(p);
            // The article's place in the request, from 1, under the name clients know.
            if (p.line) problem["article"] = p.line;
            problems.push_back(std::move(problem));
        }
    }
    return Json{{"new", written.articles_new},
                {"updated", written.articles_replaced},
                {"unchanged", written.articles_unchanged},
                // Indexed from a file before and sent unchanged: written again with its new
                // origin (the request), counted neither new nor updated.
                {"renamed", written.articles_renamed},
                {"skipped", read.skipped() + written.skipped()},
                {"problems", std::move(problems)}};
}

Json retag_report(const RetagReport& r, double seconds) {
    return Json{{"entries_changed", r.entries_changed},
                {"paragraphs_considered", r.paragraphs_considered},
                {"paragraphs_changed", r.paragraphs_changed},
                {"old_fingerprint", r.old_fingerprint},
                {"new_fingerprint", r.new_fingerprint},
                {"old_tagging_rules", r.old_tagging_rules},
                {"new_tagging_rules", r.new_tagging_rules},
                {"seconds", seconds}};
}

Json compact_report(const CompactReport& r, double seconds) {
    return Json{{"shards", r.shards},
                {"bytes_before", r.bytes_before},
                {"bytes_after", r.bytes_after},
                {"seconds", seconds}};
}

Json fetch_summary(const FetchReport& fetched, const IngestReport& report, double seconds) {
    Json hosts = Json::object();
    for (const auto& [host, c] : fetched.hosts) {
        hosts[host] = {{"fetched", c.fetched}, {"unchanged", c.unchanged},
                       {"failed", c.failed},   {"disallowed", c.disallowed},
                       {"gone", c.gone},       {"failures", c.failures}};
    }
    return Json{{"hosts", std::move(hosts)},
                {"requests", fetched.requests},
                {"not_fetched", fetched.queued},
                {"interrupted", fetched.interrupted},
                {"ingest", ingest_summary(report, seconds)}};
}

Json error(const std::string& message, int status) {
    return Json{{"error", message}, {"status", status}};
}

Json cli_error(const std::string& message, int exit_code, const std::string& kind,
               const std::string& option) {
    Json out{{"error", message}, {"exit", exit_code}, {"kind", kind}};
    if (!option.empty()) out["option"] = option;
    return out;
}

}  // namespace parley::json_forms
