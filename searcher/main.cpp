// parley-search: ranked search over a Parley index with snippets and facet counts.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>

#include "cli/cli_common.hpp"
#include "cli/number_options.hpp"
#include "cli/shard_options.hpp"
#include "cli/synonyms_option.hpp"
#include "parley/error.hpp"
#include "parley/json_forms.hpp"
#include "parley/searcher.hpp"
#include "parley/version.hpp"
#include "render/text_renderer.hpp"
#include "search/page.hpp"
#include "util/dates.hpp"
#include "util/split.hpp"

namespace {

namespace po = boost::program_options;
using parley::cli::number;
constexpr const char* kProgram = "parley-search";

constexpr const char* kUsage =
    "Usage: parley-search [OPTIONS] QUERY...\n\n"
    "Query syntax: free words (ranked by BM25 over text and title), \"exact phrase\",\n"
    "+required, -excluded, AND/OR/NOT (capitals, between clauses; words in a query typed\n"
    "all in capitals) with parentheses, drill* (trailing wildcard), cross-strait (whole,\n"
    "closed up or apart), and filters actor:China actor:\"United States\" topic:maritime\n"
    "author:\"Sultana Yesmin\" source:NAME year:2021 year:2019..2021 year:2020..\n"
    "date:2021-01-01..2022-12-31 lang:ru article:ID. An empty query matches everything.\n\n"
    "Exit status: 0 hits found, 1 no hits or an index error, 2 usage error.\n";

int run(int argc, char** argv) {
    std::string index_path, sort, group, facets, color, count_by, rank, synonyms_path, from, to;
    parley::SearchRequest request;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    parley::cli::ShardOptions shard_options;
    parley::cli::add_shard_options(options, shard_options);
    // clang-format off
    options.add_options()
        ("limit,n",
         number<std::size_t>(&request.limit, 0, parley::search::kMaxLimit)->default_value(10),
         "hits per page")
        ("offset",
         number<std::size_t>(&request.offset, 0, parley::search::kMaxWindow)->default_value(0),
         "hits to skip")
        ("sort,s", po::value<std::string>(&sort)->default_value("relevance"),
         "relevance, date (newest first) or date-asc")
        ("rank", po::value<std::string>(&rank)->default_value("auto"),
         "auto (the default: Parley's best, today bm25), bm25 (BM25 over paragraph text and "
         "title), or words (more query words first, then BM25)")
        ("group-by", po::value<std::string>(&group)->default_value("none"),
         "none, or article (best paragraph per article)")
        ("filter", po::value<std::vector<std::string>>(&request.filters)->composing(),
         "extra filter, e.g. actor:China (repeatable; filters AND together)")
        ("from", po::value<std::string>(&from),
         "paragraphs dated from this date on: 2024, 2024-12, 2024-12-04, 'December 2024', "
         "'4 Dec 2024', ... (a month or year from its first day)")
        ("to", po::value<std::string>(&to),
         "paragraphs dated up to this date, as --from (a month or year to its last day: --to "
         "2024-12 keeps 31 December)")
        ("select", po::value<std::vector<std::string>>(&request.selections)->composing(),
         "facet selection, e.g. actor:China (repeatable): values of one facet OR together, "
         "and that facet is counted as if unselected")
        ("facets", po::value<std::string>(&facets)->default_value("actor,topic,year,author,source,actor_type"),
         "facets to count (comma-separated; also mentioned_topic), or none")
        ("facet-size", number<std::size_t>(&request.facet_limit)->default_value(10),
         "values per facet (0: all)")
        ("facet-count", po::value<std::string>(&count_by)->default_value("paragraphs"),
         "paragraphs, or articles to add distinct-article counts")
        ("snippet-length",
         number<std::size_t>(&request.snippet_length, 1, parley::SearchRequest::kMaxSnippetLength)
             ->default_value(220),
         "snippet length in characters")
        ("no-snippets", "leave snippets out")
        ("duplicates", "show every copy of an op-ed republished by several outlets (default: "
                       "one hit, the other outlets listed on it)")
        ("color", po::value<std::string>(&color)->default_value("auto"),
         "auto, always or never (NO_COLOR is honoured)")
        ("lenient", "search an unknown field's words as words and ignore a filter that cannot "
                    "be read (a note says so) instead of stopping with a usage error")
        ("synonyms", po::value<std::string>(&synonyms_path),
         "synonyms file: one group of equivalent words or phrases per line, comma-separated "
         "(format in docs/searching.md); PARLEY_SYNONYMS gives a default")
        ("no-feedback", "rank by the query's words alone, without pseudo-relevance feedback (by "
                        "default the words that stand out in the best five paragraphs also "
                        "rank, lightly; the same paragraphs match)")
        ("feedback", "pseudo-relevance feedback, the default (kept for scripts that ask for it)")
        ("no-entities", "match only the words typed: a word naming an actor (Kremlin, Beijing) "
                        "does not also find paragraphs tagged with the actor")
        ("json", "print one JSON object (documented in docs/searching.md)");
    // clang-format on
    const auto parsed = parley::cli::parse_command_line(
        std::vector<std::string>(argv + 1, argv + argc), options, "query", kUsage);
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    if (vm.count("query")) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>()) {
            request.query += (request.query.empty() ? "" : " ") + word;
        }
    }
    if (const auto problem = parley::util::range_problem("--from", from, "--to", to))
        throw parley::cli::OptionError(problem->option, problem->message);
    if (std::string range = parley::util::date_range_filter(from, to); !range.empty())
        request.filters.push_back(std::move(range));
    if (sort == "relevance")
        request.sort = parley::SortOrder::Relevance;
    else if (sort == "date")
        request.sort = parley::SortOrder::DateNewest;
    else if (sort == "date-asc")
        request.sort = parley::SortOrder::DateOldest;
    else
        throw parley::cli::OptionError(
            "--sort", "--sort must be relevance, date or date-asc, not '" + sort + "'");
    const auto ranking = parley::ranking_from_name(rank);
    if (!ranking)
        throw parley::cli::OptionError("--rank",
                                       "--rank must be auto, words or bm25, not '" + rank + "'");
    request.ranking = *ranking;
    if (group == "article")
        request.group_by = parley::GroupBy::Article;
    else if (group != "none")
        throw parley::cli::OptionError("--group-by",
                                       "--group-by must be none or article, not '" + group + "'");
    if (count_by == "articles")
        request.facet_article_counts = true;
    else if (count_by != "paragraphs")
        throw parley::cli::OptionError("--facet-count",
                                       "--facet-count must be paragraphs or articles");
    request.facets.clear();
    if (facets != "none") {
        for (auto& name : parley::util::split(facets, ',')) {
            if (!name.empty()) request.facets.push_back(std::move(name));
        }
    }
    request.snippets = vm.count("no-snippets") == 0;
    request.strict = vm.count("lenient") == 0;
    request.collapse_duplicates = vm.count("duplicates") == 0;
    request.entities = vm.count("no-entities") == 0;
    request.feedback = vm.count("no-feedback") == 0;
    const auto synonyms = parley::cli::synonyms_source(synonyms_path);
    if (color != "auto" && color != "always" && color != "never")
        throw parley::cli::OptionError("--color", "--color must be auto, always or never");

    const std::optional<parley::ShardSet> shard_set =
        parley::cli::shard_set_from(shard_options, vm);
    request.allow_partial = shard_options.allow_partial;
    parley::Searcher searcher =
        shard_set ? parley::Searcher(*shard_set) : parley::Searcher(index_path);
    if (synonyms) {
        try {
            parley::cli::use_synonyms_file(*synonyms, searcher, kProgram, std::cerr);
        } catch (const parley::InputError& e) {  // a usage error, as a bad option value is
            throw parley::cli::OptionError("--synonyms", e.what());
        }
    }
    parley::SearchResult result;
    try {
        result = searcher.search(request);
    } catch (const parley::UsageError& e) {
        parley::cli::rethrow_as_usage(e);
    }
    if (vm.count("json")) {
        std::cout << parley::search_result_json(result, request, 2) << "\n";
    } else {
        const char* no_color = std::getenv("NO_COLOR");
        const bool tty = isatty(STDOUT_FILENO) == 1;
        parley::render::TextStyle style;
        style.color = color == "always" || (color == "auto" && tty && !(no_color && *no_color));
        std::cout << parley::render::render_text(result, request, style);
    }
    return result.total > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    return parley::cli::run_command(
        kProgram, [&] { return run(argc, argv); },
        parley::cli::error_output_of(std::vector<std::string>(argv + 1, argv + argc)));
}
