#include "api/search_endpoints.hpp"

#include <algorithm>
#include <array>

#include "http/api_error.hpp"
#include "http/json_response.hpp"
#include "parley/json_forms.hpp"
#include "parley/searcher.hpp"
#include "util/dates.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"

namespace parley::server {
namespace {

bool is_facet(std::string_view name) {
    static const std::vector<std::string> names = facet_names();
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string facet_list() {
    std::string out;
    for (const auto& name : facet_names()) out += (out.empty() ? "" : ", ") + name;
    return out;
}

// "actor:China", "actor:United States" or actor:"United States": one facet, one value.
// Anything else (a range on date:, a negation, several terms) is left to the query parser.
std::optional<std::string> as_selection(const std::string& filter) {
    const auto colon = filter.find(':');
    if (colon == std::string::npos || !is_facet(std::string_view(filter).substr(0, colon)))
        return std::nullopt;
    const std::string_view quoted = std::string_view(filter).substr(colon + 1);
    std::string value;
    // A quoted value is one value whatever it holds ("Foreign Policy: Argument", a name
    // with quotes in it as \"): the search page sends every value it offers so.
    if (quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"') {
        for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
            if (quoted[i] == '\\' && i + 2 < quoted.size())
                ++i;
            else if (quoted[i] == '"')
                return std::nullopt;  // a quote left unescaped
            value += quoted[i];
        }
    } else {
        value = std::string(quoted);
        if (value.find_first_of("\":") != std::string::npos) return std::nullopt;
    }
    const auto first = value.find_first_not_of(' ');
    if (first == std::string::npos) return std::nullopt;
    value = value.substr(first, value.find_last_not_of(' ') - first + 1);
    return filter.substr(0, colon + 1) + value;
}

// Trailing wildcards outside phrases ("drill*"): each expands to up to 200 words.
std::size_t count_wildcards(const std::string& text) {
    std::size_t n = 0;
    bool in_phrase = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') in_phrase = !in_phrase;
        if (!in_phrase && text[i] == '*' && i > 0 && text[i - 1] != ' ' && text[i - 1] != '*') ++n;
    }
    return n;
}

}  // namespace

SearchRequest search_request_from(const QueryParams& params, const RequestLimits& limits) {
    SearchRequest request;
    request.query = params.text("q", limits.max_query_chars);
    const auto filters = params.all("filter");
    if (filters.size() > limits.max_filters) {
        throw ApiError(400, std::to_string(filters.size()) + " filter parameters; the limit is " +
                                std::to_string(limits.max_filters));
    }
    std::size_t wildcards = count_wildcards(request.query);
    for (const auto& filter : filters) {
        if (util::count_chars(filter) > limits.max_query_chars) {
            throw ApiError(400, "a filter parameter is over the limit of " +
                                    std::to_string(limits.max_query_chars) + " characters");
        }
        wildcards += count_wildcards(filter);
        if (auto selection = as_selection(filter))
            request.selections.push_back(std::move(*selection));
        else if (filter.find_first_not_of(' ') != std::string::npos)
            request.filters.push_back(filter);
    }
    if (wildcards > limits.max_wildcards) {
        throw ApiError(400, "the query has " + std::to_string(wildcards) +
                                " wildcards; the limit is " + std::to_string(limits.max_wildcards));
    }

    request.limit = params.number("limit", 10, 0, limits.max_limit);
    request.offset = params.number("offset", 0, 0, limits.max_window);
    if (request.offset + request.limit > limits.max_window) {
        throw ApiError(400, "offset + limit is " + std::to_string(request.offset + request.limit) +
                                ", over the result window of " + std::to_string(limits.max_window) +
                                " (narrow the query instead of paging further)");
    }
    const std::string sort = params.choice("sort", "relevance", {"relevance", "date", "date-asc"});
    request.sort = sort == "date"       ? SortOrder::DateNewest
                   : sort == "date-asc" ? SortOrder::DateOldest
                                        : SortOrder::Relevance;
    request.ranking = *ranking_from_name(params.choice("rank", "auto", {"auto", "words", "bm25"}));
    request.group_by = params.choice("group", "none", {"none", "article"}) == "article"
                           ? GroupBy::Article
                           : GroupBy::None;
    if (const auto facets = params.single("facets")) {
        request.facets.clear();
        if (*facets != "none") {
            for (const auto& name : util::split(*facets, ',')) {
                if (!is_facet(name)) {
                    throw ApiError(400,
                                   "parameter 'facets' must be none or a comma-separated "
                                   "list of " +
                                       facet_list() + "; '" + name + "' is not a facet");
                }
                request.facets.push_back(name);
            }
        }
    }
    request.facet_limit = params.number("facet_size", 10, 0, 1000);
    request.facet_article_counts =
        params.choice("facet_count", "paragraphs", {"paragraphs", "articles"}) == "articles";
    request.snippet_length = params.number("snippet_length", 220, 1, limits.max_snippet_length);
    request.snippets = params.boolean("snippets", true);
    request.strict = params.boolean("strict", false);
    request.entities = params.boolean("entities", true);
    request.feedback = params.boolean("feedback", true);
    request.allow_partial = params.boolean("partial", false);
    request.collapse_duplicates =
        params.choice("duplicates", "collapse", {"collapse", "show"}) == "collapse";
    return request;
}

void get_search(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                const PathParams&) {
    const QueryParams params(
        request, {"q", "filter", "facets", "facet_size", "facet_count", "limit", "offset", "sort",
                  "group", "snippet_length", "snippets", "duplicates", "rank", "strict", "entities",
                  "feedback", "partial", "from", "to"});
    SearchRequest search = search_request_from(params, context.options().limits);
    // from and to: a date range as a user types its ends ("December 2024", "2024-12-04"), as
    // parley-search --from/--to; only here, as /analyze/timeline's from and to choose buckets.
    const std::string from = params.text("from", 100), to = params.text("to", 100);
    if (const auto problem = util::range_problem("from", from, "to", to))
        throw ApiError(400, problem->message);
    if (std::string range = util::date_range_filter(from, to); !range.empty())
        search.filters.push_back(std::move(range));
    const SearchResult result =
        context.with_searcher([&](Searcher& searcher) { return searcher.search(search); });
    send_json(response, 200, search_result_json(result, search));
}

void get_suggest(ApiContext& context, const httplib::Request& request, httplib::Response& response,
                 const PathParams&) {
    const QueryParams params(request, {"q", "limit"});
    const std::string q = params.text("q", context.options().limits.max_query_chars);
    const std::size_t limit = params.number("limit", 8, 0, 50);
    const Suggestions suggestions =
        context.with_searcher([&](Searcher& searcher) { return searcher.suggest(q, limit); });
    send_json(response, 200, suggestions_json(q, suggestions));
}

void get_facet_values(ApiContext& context, const httplib::Request& request,
                      httplib::Response& response, const PathParams& path) {
    const std::string& facet = path.at(0);
    const QueryParams params(request, {"prefix", "limit"});
    if (!is_facet(facet)) {
        throw ApiError(400, "unknown facet '" + facet + "' (facets: " + facet_list() + ")");
    }
    const std::string prefix = params.text("prefix", context.options().limits.max_query_chars);
    const std::size_t limit = params.number("limit", 20, 0, 1000);
    std::vector<std::string> missing, why;
    const auto values = context.with_searcher([&](Searcher& searcher) {
        auto out = searcher.facet_values(facet, prefix, limit);
        missing = searcher.missing_shards();
        why = searcher.missing_shard_reasons();
        return out;
    });
    send_json(response, 200, facet_values_json(facet, values, missing, why));
}

}  // namespace parley::server
