#include "api/analyze_endpoints.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "api/search_endpoints.hpp"
#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "parley/archive_views.hpp"
#include "parley/json_forms.hpp"
#include "parley/searcher.hpp"
#include "util/row_output.hpp"
#include "util/split.hpp"
#include "util/view_rows.hpp"

namespace parley::server {
namespace {

// The query part every view shares: q, filter (selections as in /search), strict, entities;
// and for the views that rank (export, bursts), rank and feedback.
SearchRequest query_of(const QueryParams& params, const RequestLimits& limits) {
    SearchRequest request = search_request_from(params, limits);
    request.facets.clear();
    request.limit = 10;
    request.offset = 0;
    return request;
}

// Hits per page of GET /analyze/export: about 10 MB of NDJSON at the default.
constexpr std::size_t kExportPage = 10000;
constexpr std::size_t kMaxExportPage = 50000;

double real_number(const QueryParams& params, const std::string& name, double fallback, double min,
                   double max) {
    const auto text = params.single(name);
    if (!text) return fallback;
    char* end = nullptr;
    const double value = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !std::isfinite(value) || value < min || value > max) {
        // The bounds as people write them: "from 0 to 1000", not std::to_string's "0.000000".
        auto plain = [](double d) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%g", d);
            return std::string(buffer);
        };
        throw ApiError(400, "parameter '" + name + "' must be a number from " + plain(min) +
                                " to " + plain(max));
    }
    return value;
}

TimelineRequest timeline_of(const QueryParams& params, const RequestLimits& limits) {
    TimelineRequest r;
    r.search = query_of(params, limits);
    r.interval =
        *interval_from_name(params.choice("interval", "month", {"day", "week", "month", "year"}));
    r.series = params.all("series");
    if (r.series.size() > 10) throw ApiError(400, "at most 10 series parameters");
    for (const auto& s : r.series) {
        if (s.size() > limits.max_query_chars)
            throw ApiError(400, "a series parameter is over the limit of " +
                                    std::to_string(limits.max_query_chars) + " characters");
    }
    // A date as the articles write them ("December 4, 2024 at 10:00 EST"), not only ISO.
    r.from = params.text("from", 100);
    r.to = params.text("to", 100);
    return r;
}

// The views answer a UsageError (bad field, range, matrix) as a 400 naming it.
template <class F>
auto view_call(ApiContext& context, F&& body) {
    try {
        return context.with_searcher(body);
    } catch (const QueryError&) {
        throw;
    } catch (const UsageError& e) {
        throw ApiError(400, e.what());
    }
}

// format=json (the default) sends the view's JSON document; csv and ndjson its rows, as
// parley-analyze --format prints them.
std::string format_of(const QueryParams& params) {
    return params.choice("format", "json", {"json", "csv", "ndjson"});
}

// escape_formulas=false: a CSV's text cells as they are, even those a spreadsheet would run
// as a formula (=HYPERLINK(...)); by default they get a leading ', as parley-analyze writes.
bool escape_formulas_of(const QueryParams& params) {
    return params.boolean("escape_formulas", true);
}

void send_view(httplib::Response& response, const QueryParams& params, std::string json,
               const util::Table& table) {
    const std::string format = format_of(params);
    if (format == "json") {
        send_json(response, 200, std::move(json));
        return;
    }
    std::ostringstream out;
    util::RowWriter writer(out, format == "csv" ? util::Format::Csv : util::Format::Ndjson);
    writer.set_escape_formulas(escape_formulas_of(params));
    writer.write_all(table.rows, table.columns);
    response.status = 200;
    response.set_content(out.str(),
                         format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson");
}

}  // namespace

void get_timeline(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                  const PathParams&) {
    const QueryParams params(request, {"q", "filter", "strict", "entities", "interval", "series",
                                       "from", "to", "format", "escape_formulas"});
    const TimelineRequest r = timeline_of(params, context.options().limits);
    const Timeline t = view_call(context, [&](Searcher& s) { return ArchiveViews(s).timeline(r); });
    send_view(response, params, timeline_json(t), util::timeline_rows(t));
}

void get_stands_out(ApiContext& context, const httplib::Request& request,
                    httplib::Response& response, const PathParams&) {
    const QueryParams params(request, {"q", "filter", "strict", "entities", "field", "background",
                                       "limit", "min_count", "format", "escape_formulas"});
    StandsOutRequest r;
    r.search = query_of(params, context.options().limits);
    r.field = params.choice(
        "field", "actor",
        {"actor", "topic", "mentioned_topic", "actor_type", "author", "source", "year", "word"});
    if (const auto b = params.single("background"))
        r.background = params.text("background", context.options().limits.max_query_chars);
    r.limit = params.number("limit", 20, 0, 1000);
    r.min_count = params.number("min_count", 3, 1, 1000000);
    const StandsOut s = view_call(
        context, [&](Searcher& searcher) { return ArchiveViews(searcher).stands_out(r); });
    send_view(response, params, stands_out_json(s), util::stands_out_rows(s));
}

void get_cooccurrence(ApiContext& context, const httplib::Request& request,
                      httplib::Response& response, const PathParams&) {
    const QueryParams params(
        request, {"q", "filter", "strict", "entities", "field", "level", "order", "matrix", "limit",
                  "min_count", "format", "escape_formulas"});
    CooccurrenceRequest r;
    r.search = query_of(params, context.options().limits);
    r.field = params.choice(
        "field", "actor",
        {"actor", "topic", "mentioned_topic", "actor_type", "author", "source", "year"});
    r.level = *level_from_name(params.choice("level", "paragraph", {"paragraph", "article"}));
    r.by_association = params.choice("order", "count", {"count", "npmi"}) == "npmi";
    // Repeatable, and a value holding a comma is quoted whole: matrix="Korea, North",China.
    for (const auto& list : params.all("matrix")) {
        if (list.size() > context.options().limits.max_query_chars)
            throw ApiError(400, "a matrix parameter is over the limit of " +
                                    std::to_string(context.options().limits.max_query_chars) +
                                    " bytes");
        auto values = util::split_quoted_list(list);
        if (!values)
            throw ApiError(400,
                           "parameter 'matrix' leaves a '\"' open: quote a value holding "
                           "a comma whole (matrix=\"Korea, North\",China)");
        for (auto& v : *values) r.matrix.push_back(std::move(v));
    }
    r.limit = params.number("limit", 20, 0, 1000);
    r.min_count = params.number("min_count", 3, 1, 1000000);
    const Cooccurrence c = view_call(
        context, [&](Searcher& searcher) { return ArchiveViews(searcher).cooccurrence(r); });
    send_view(response, params, cooccurrence_json(c), util::cooccurrence_rows(c));
}

void get_bursts(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams&) {
    const QueryParams params(
        request,
        {"q", "filter", "strict", "entities", "interval", "series", "from", "to", "window",
         "threshold", "min_count", "paragraphs", "format", "rank", "feedback", "escape_formulas"});
    BurstRequest r;
    r.timeline = timeline_of(params, context.options().limits);
    r.window = params.number("window", 6, 1, 1000);
    r.threshold = real_number(params, "threshold", 3.0, 0.0, 1000.0);
    r.min_count = params.number("min_count", 3, 1, 1000000);
    r.paragraphs = params.number("paragraphs", 3, 0, 20);
    const Bursts b =
        view_call(context, [&](Searcher& searcher) { return ArchiveViews(searcher).bursts(r); });
    send_view(response, params, bursts_json(b), util::burst_rows(b));
}

void get_context(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams&) {
    const QueryParams params(
        request, {"article", "paragraph", "before", "after", "format", "escape_formulas"});
    const auto article = params.single("article");
    if (!article || article->empty()) throw ApiError(400, "parameter 'article' is required");
    if (!params.single("paragraph")) throw ApiError(400, "parameter 'paragraph' is required");
    const std::size_t paragraph = params.number("paragraph", 1, 1, 1000000);
    const std::size_t before = params.number("before", 2, 0, 100);
    const std::size_t after = params.number("after", 2, 0, 100);
    std::vector<std::string> missing;
    const auto found = view_call(context, [&](Searcher& searcher) {
        auto out = ArchiveViews(searcher).context(*article, paragraph, before, after);
        missing = searcher.missing_shards();
        return out;
    });
    if (!found) {
        refuse_if_shards_missing(missing, "article '" + *article + "'");
        throw ApiError(
            404, "no paragraph " + std::to_string(paragraph) + " in article '" + *article + "'");
    }
    send_view(response, params, paragraph_context_json(*found), util::context_rows(*found));
}

void get_more_like(ApiContext& context, const httplib::Request& request,
                   httplib::Response& response, const PathParams&) {
    const QueryParams params(request, {"article", "paragraph", "filter", "limit", "offset",
                                       "snippets", "duplicates", "format", "escape_formulas"});
    const auto article = params.single("article");
    if (!article || article->empty()) throw ApiError(400, "parameter 'article' is required");
    if (!params.single("paragraph")) throw ApiError(400, "parameter 'paragraph' is required");
    const std::size_t paragraph = params.number("paragraph", 1, 1, 1000000);
    SearchRequest r = search_request_from(params, context.options().limits);
    r.facets.clear();
    std::vector<std::string> missing;
    const auto found = view_call(context, [&](Searcher& searcher) {
        auto out = ArchiveViews(searcher).more_like_this(*article, paragraph, r);
        missing = searcher.missing_shards();
        return out;
    });
    if (!found) {
        refuse_if_shards_missing(missing, "article '" + *article + "'");
        throw ApiError(
            404, "no paragraph " + std::to_string(paragraph) + " in article '" + *article + "'");
    }
    // format=csv or ndjson: the hits as rows, as parley-analyze more-like --format prints them.
    util::Table table{util::kHitColumns, {}};
    for (const auto& hit : found->hits) table.rows.push_back(util::hit_row(hit));
    send_view(response, params, search_result_json(*found, r), table);
}

void get_export(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams&) {
    const QueryParams params(
        request, {"q", "filter", "strict", "entities", "sort", "format", "snippets", "cursor",
                  "size", "rank", "feedback", "escape_formulas", "after"});
    const ApiContext::ExportSlot slot(context);
    ExportRequest r;
    // "size", not "limit": the page of an export is not a page of search hits.
    const std::size_t page = params.number("size", kExportPage, 1, kMaxExportPage);
    r.start = params.number("cursor", 0, 0, std::numeric_limits<std::uint32_t>::max());
    r.count = page;
    // after=ARTICLE_ID#N (the Link to the next page gives it): the hit the previous page ended
    // with. Each page is a new search of the index as it is now, so an article added or
    // deleted between pages shifts the order under the cursor: hits would repeat or be left
    // out without a word. The hit before the cursor is read again and must still be that one.
    const auto after = params.single("after");
    if (after && r.start == 0) throw ApiError(400, "parameter 'after' needs a cursor above 0");
    if (after) {
        --r.start;
        ++r.count;
    }
    bool checked = !after, moved = false;
    std::string last;  // ARTICLE_ID#N of the page's last hit
    r.search = query_of(params, context.options().limits);
    const std::string sort = params.choice("sort", "relevance", {"relevance", "date", "date-asc"});
    r.search.sort = sort == "date"       ? SortOrder::DateNewest
                    : sort == "date-asc" ? SortOrder::DateOldest
                                         : SortOrder::Relevance;
    r.snippets = params.boolean("snippets", false);
    const bool csv = params.choice("format", "ndjson", {"ndjson", "csv"}) == "csv";
    std::ostringstream body;
    util::RowWriter writer(body, util::Format::Csv);
    writer.set_escape_formulas(escape_formulas_of(params));
    std::size_t total = 0;
    std::string missing;  // shards left out of a partial answer, comma-separated
    const std::size_t given = view_call(context, [&](Searcher& searcher) {
        const auto done = ArchiveViews(searcher).export_hits(
            r,
            [&](const Hit& hit) {
                last = hit.article_id + "#" + std::to_string(hit.paragraph);
                if (!checked) {
                    checked = true;
                    moved = last != *after;
                    return !moved;
                }
                if (csv) {
                    writer.write(util::hit_row(hit));
                } else {
                    body << hit_json(hit) << "\n";
                }
                return true;
            },
            &total);
        for (const auto& name : searcher.missing_shards())
            missing += (missing.empty() ? "" : ",") + name;
        return done - (after && done ? 1 : 0);
    });
    if (!checked || moved) {
        throw ApiError(409, "the index changed since the previous page: the hit before cursor " +
                                std::to_string(r.start + 1) + " is " +
                                (checked ? last : std::string("gone")) + ", not " + *after +
                                ", so hits would repeat or be left out; export again from "
                                "cursor=0");
    }
    if (after) ++r.start;
    if (csv) writer.finish(util::kHitColumns);  // a header even for no hits
    response.status = 200;
    response.set_header("X-Total-Count", std::to_string(total));
    if (!missing.empty()) response.set_header("X-Missing-Shards", missing);
    if (r.start + given < total) {
        const std::string next = std::to_string(r.start + given);
        response.set_header("X-Next-Cursor", next);
        // The same request from the next hit on.
        std::string link = request.path + "?";
        for (const auto& [name, value] : request.params) {
            if (name == "cursor" || name == "after") continue;
            link += httplib::detail::encode_query_param(name) + "=" +
                    httplib::detail::encode_query_param(value) + "&";
        }
        response.set_header("Link", "<" + link + "cursor=" + next +
                                        "&after=" + httplib::detail::encode_query_param(last) +
                                        ">; rel=\"next\"");
    }
    response.set_header("Cache-Control", "no-store");
    // Moved, not copied: set_content(body.str()) held a page of 50,000 hits (58 MB of
    // NDJSON) three times over; the server's peak for one such page went 207 → 102 MB.
    response.body = std::move(body).str();
    response.set_header("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
}

}  // namespace parley::server
