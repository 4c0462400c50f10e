#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "parley/archive_views.hpp"
#include "parley/article.hpp"
#include "parley/json_forms.hpp"

// The JSON module's values before they are printed: what include/parley/json_forms.hpp
// prints, for in-tree code and tests that look at fields rather than text.
namespace parley::json_forms {

using Json = nlohmann::ordered_json;

Json search_result(const SearchResult& result, const SearchRequest& request);
Json article_view(const ArticleView& article);
/// One hit of a search result; `grouped` adds matched_paragraphs.
Json hit(const Hit& hit, bool grouped = false);
Json timeline(const Timeline& timeline);
Json stands_out(const StandsOut& stands_out);
Json cooccurrence(const Cooccurrence& cooccurrence);
Json bursts(const Bursts& bursts);
Json paragraph_context(const ParagraphContext& context);
Json suggestions(const std::string& text, const Suggestions& suggestions);
Json facet_values(const std::string& facet, const std::vector<FacetValue>& values);
Json index_stats(const IndexStats& stats);
/// {"source", "line", "byte", "severity", "reason", "detail"}; line and byte only when known.
Json ingest_problem(const IngestProblem& problem);
Json ingest_summary(const IngestReport& report, double seconds);
Json articles_added(const IngestReport& read, const IngestReport& written);
Json retag_report(const RetagReport& report, double seconds);
Json compact_report(const CompactReport& report, double seconds);
Json fetch_summary(const FetchReport& fetched, const IngestReport& report, double seconds);
Json error(const std::string& message, int status);
/// A command-line program's failure: {"error", "exit", "kind"}, and "option" when one
/// option is at fault (empty: left out).
Json cli_error(const std::string& message, int exit_code, const std::string& kind,
               const std::string& option);

/// Marks `out` as an answer without some shards: "partial": true, "missing_shards" and
/// "missing_shard_reasons" (name -> why; `why` parallel to `names`, "" where short). Every
/// answer that leaves a shard out says why in the same field, so a client reads one form.
void add_partial(Json& out, const std::vector<std::string>& names,
                 const std::vector<std::string>& why);

/// Prints `value` compact (indent < 0) or indented; invalid UTF-8 becomes U+FFFD.
std::string print(const Json& value, int indent = -1);

/// A field of an article object with the wrong shape; the article is skipped with this.
struct ArticleFieldError {
    std::string message;
};

/// A field read otherwise than written (converted, or left out while the article is read):
/// `reason` ("field converted", "field not read") and a `detail` naming the field.
struct ArticleFieldNote {
    std::string reason;
    std::string detail;
};

/// The article an object of the article form describes: "title", "authors" (list of names,
/// or of objects with a "name", or one string split into names; also "author"), "date",
/// "source", "url", "id" (a string or a whole number), "lang" (or "language"), and
/// "paragraphs" (list of strings), or "body" (paragraphs at blank lines), or "text" (the
/// same, or one paragraph per line when it has no blank line, as extraction tools write);
/// each of the last three may be a string or a list of paragraphs, and the first holding
/// text is read. null is an absent field. A list of one string or a number in a text field
/// is converted, and a number in "date" left out; each such field, and fields not read, is
/// added to `notes`. Unknown fields are ignored. Throws ArticleFieldError for a field that
/// cannot be read as what it names.
Article article_from_json(const nlohmann::json& object,
                          std::vector<ArticleFieldNote>* notes = nullptr);

}  // namespace parley::json_forms
