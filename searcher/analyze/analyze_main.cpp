// parley-analyze: questions about an archive — attention over time, what stands out, who
// appears with whom, bursts, context, more like this — and the export of every hit.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>

#include "cli/cli_common.hpp"
#include "cli/number_options.hpp"
#include "cli/shard_options.hpp"
#include "cli/synonyms_option.hpp"
#include "parley/archive_views.hpp"
#include "parley/error.hpp"
#include "parley/json_forms.hpp"
#include "parley/searcher.hpp"
#include "search/shard_connector.hpp"
#include "util/dates.hpp"
#include "util/row_output.hpp"
#include "util/split.hpp"
#include "util/utf8.hpp"
#include "util/view_rows.hpp"

namespace {

namespace po = boost::program_options;
using parley::cli::number;
using parley::util::Format;
using parley::util::hit_row;
using parley::util::Row;
using parley::util::RowWriter;
constexpr const char* kProgram = "parley-analyze";

constexpr const char* kUsage =
    "Usage: parley-analyze VIEW [OPTIONS] [QUERY...]\n\n"
    "Views of the paragraphs a query matches (same query language and --filter/--select as\n"
    "parley-search; an empty query is the whole archive), exact over every match:\n"
    "  timeline     matches per day, week, month or year beside the archive's, with the share;\n"
    "               --series compares several (one per actor, topic or query part)\n"
    "  stands-out   actors, topics, authors, sources, years or word stems over-represented in\n"
    "               the matches against the archive (or --background QUERY), by log-likelihood G2\n"
    "  cooccur      actors (topics, ...) sharing paragraphs or articles with the matches, with\n"
    "               PMI and NPMI; --matrix A,B,C for pair counts among chosen values\n"
    "  bursts       periods where a series' share rises above its own recent level (z-score)\n"
    "  context      ARTICLE_ID PARAGRAPH: the paragraph with --before/--after paragraphs\n"
    "  more-like    ARTICLE_ID PARAGRAPH: paragraphs like it, from other articles\n"
    "  export       every matching paragraph (no cap), with its text and tags\n\n"
    "Output: a table, or --format csv, ndjson (one JSON object per line) or json (one\n"
    "document, as GET /analyze/VIEW answers). A CSV text cell starting with =, +, -, @, a tab\n"
    "or a line break gets a leading ' so that a spreadsheet does not run it as a formula\n"
    "(--no-escape-formulas writes it as it is).\n\n"
    "Exit status: 0 done, 1 an index error (or no such paragraph), 2 usage error.\n";

struct Options {
    std::string index_path, format = "table", interval = "month", from, to, field, background,
                            level = "paragraph", order = "count", sort = "relevance", rank = "auto";
    std::string synonyms;  // --synonyms (else PARLEY_SYNONYMS)
    std::vector<std::string> series, matrix;
    parley::SearchRequest request;
    std::size_t limit = 20, min_count = 3, window = 6, paragraphs = 3, before = 2, after = 2;
    double threshold = 3.0;
    bool snippets = false;
    bool escape_formulas = true;  // CSV: a leading ' on a cell a spreadsheet would run
};

Format format_of(const std::string& name) {
    if (name == "table" || name == "json") return Format::Table;
    if (name == "csv") return Format::Csv;
    if (name == "ndjson") return Format::Ndjson;
    throw parley::cli::OptionError(
        "--format", "--format must be table, csv, ndjson or json, not '" + name + "'");
}

parley::TimelineRequest timeline_request(const Options& o) {
    parley::TimelineRequest r;
    r.search = o.request;
    const auto interval = parley::interval_from_name(o.interval);
    if (!interval)
        throw po::error("--interval must be day, week, month or year, not '" + o.interval + "'");
    r.interval = *interval;
    r.series = o.series;
    if (const auto problem = parley::util::range_problem("--from", o.from, "--to", o.to))
        throw parley::cli::OptionError(problem->option, problem->message);
    r.from = o.from;
    r.to = o.to;
    return r;
}

void print_notes(const std::vector<std::string>& notes) {
    for (const auto& n : notes) std::cerr << kProgram << ": note: " << n << "\n";
}

// A paragraph that is not there (exit 1), thrown so that --format json prints the error
// object too. On a shard set answering without some shards it may be on one of those: say
// so, as GET /analyze/context does (503), not that it is missing.
[[noreturn]] int no_paragraph(const parley::Searcher& searcher, const std::string& id,
                              std::size_t number) {
    const auto missing = searcher.missing_shards();
    std::string message = "no paragraph " + std::to_string(number) + " in article '" + id + "'";
    if (!missing.empty()) {
        std::string names;
        for (const auto& name : missing) names += (names.empty() ? "" : ", ") + name;
        message += " on the shards that answered; shard" +
                   std::string(missing.size() > 1 ? "s " : " ") + names +
                   " did not answer and may hold it";
    }
    throw parley::cli::NotFoundError(message);
}

RowWriter writer_of(const Options& o, Format format) {
    RowWriter writer(std::cout, format);
    writer.set_escape_formulas(o.escape_formulas);
    return writer;
}

void write_table(const Options& o, const parley::util::Table& table, Format format) {
    writer_of(o, format).write_all(table.rows, table.columns);
}

int run_timeline(parley::ArchiveViews& views, const Options& o, Format format, bool json) {
    const parley::Timeline t = views.timeline(timeline_request(o));
    print_notes(t.notes);
    if (json) {
        std::cout << parley::timeline_json(t, 2) << "\n";
        return 0;
    }
    for (const auto& s : t.series) {
        if (s.undated)
            std::cerr << kProgram << ": note: " << s.undated << " of the " << s.total << " "
                      << parley::cli::plural(s.total, "match", "matches") << " of " << s.name
                      << parley::cli::plural(s.undated, " has", " have") << " no date\n";
    }
    write_table(o, parley::util::timeline_rows(t), format);
    return 0;
}

int run_stands_out(parley::ArchiveViews& views, const Options& o, Format format, bool json) {
    parley::StandsOutRequest r;
    r.search = o.request;
    r.field = o.field.empty() ? "actor" : o.field;
    if (!o.background.empty()) r.background = o.background;
    r.limit = o.limit;
    r.min_count = o.min_count;
    const parley::StandsOut s = views.stands_out(r);
    print_notes(s.notes);
    if (json) {
        std::cout << parley::stands_out_json(s, 2) << "\n";
        return 0;
    }
    write_table(o, parley::util::stands_out_rows(s), format);
    return 0;
}

int run_cooccur(parley::ArchiveViews& views, const Options& o, Format format, bool json) {
    parley::CooccurrenceRequest r;
    r.search = o.request;
    r.field = o.field.empty() ? "actor" : o.field;
    const auto level = parley::level_from_name(o.level);
    if (!level) throw po::error("--level must be paragraph or article, not '" + o.level + "'");
    r.level = *level;
    r.limit = o.limit;
    r.min_count = o.min_count;
    if (o.order != "count" && o.order != "npmi")
        throw po::error("--order must be count or npmi, not '" + o.order + "'");
    r.by_association = o.order == "npmi";
    for (const auto& list : o.matrix) {
        auto values = parley::util::split_quoted_list(list);
        if (!values)
            throw po::error("--matrix '" + list + "' leaves a '\"' open (quote a value holding " +
                            "a comma whole: '\"Korea, North\",China')");
        for (auto& v : *values) r.matrix.push_back(std::move(v));
    }
    const parley::Cooccurrence c = views.cooccurrence(r);
    print_notes(c.notes);
    if (json) {
        std::cout << parley::cooccurrence_json(c, 2) << "\n";
        return 0;
    }
    write_table(o, parley::util::cooccurrence_rows(c), format);
    return 0;
}

int run_bursts(parley::ArchiveViews& views, const Options& o, Format format, bool json) {
    parley::BurstRequest r;
    r.timeline = timeline_request(o);
    r.window = o.window;
    r.threshold = o.threshold;
    r.min_count = o.min_count;
    r.paragraphs = o.paragraphs;
    if (r.window == 0) throw po::error("--window must be at least 1");
    if (!std::isfinite(o.threshold) || o.threshold < 0 || o.threshold > 1000)
        throw po::error("--threshold must be a number from 0 to 1000");
    if (o.paragraphs > 100) throw po::error("--paragraphs must be at most 100");
    const parley::Bursts b = views.bursts(r);
    print_notes(b.notes);
    if (json) {
        std::cout << parley::bursts_json(b, 2) << "\n";
        return 0;
    }
    if (b.bursts.empty()) std::cerr << kProgram << ": no bursts\n";
    write_table(o, parley::util::burst_rows(b), format);
    return 0;
}

// ARTICLE_ID PARAGRAPH, or ARTICLE_ID#PARAGRAPH.
std::pair<std::string, std::size_t> paragraph_of(const std::vector<std::string>& words) {
    std::string id, number;
    if (words.size() == 1 && words[0].rfind('#') != std::string::npos) {
        id = words[0].substr(0, words[0].rfind('#'));
        number = words[0].substr(words[0].rfind('#') + 1);
    } else if (words.size() == 2) {
        id = words[0];
        number = words[1];
    } else {
        throw po::error("give the paragraph as ARTICLE_ID PARAGRAPH (or ARTICLE_ID#PARAGRAPH)");
    }
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos ||
        number.size() > 9 || std::stoul(number) == 0)
        throw po::error("paragraph number '" + number + "' is not a number from 1");
    return {id, std::stoul(number)};
}

int run_context(const parley::Searcher& searcher, parley::ArchiveViews& views, const Options& o,
                const std::vector<std::string>& words, Format format, bool json) {
    const auto [id, number] = paragraph_of(words);
    const auto c = views.context(id, number, o.before, o.after);
    if (!c) return no_paragraph(searcher, id, number);
    if (json) {
        std::cout << parley::paragraph_context_json(*c, 2) << "\n";
        return 0;
    }
    if (format == Format::Table)
        std::cout << parley::util::printable(c->title) << " (" << c->date << ")\n";
    write_table(o, parley::util::context_rows(*c, format != Format::Table), format);
    return 0;
}

int run_more_like(const parley::Searcher& searcher, parley::ArchiveViews& views, const Options& o,
                  const std::vector<std::string>& words, Format format, bool json) {
    const auto [id, number] = paragraph_of(words);
    parley::SearchRequest r = o.request;
    r.limit = o.limit;
    r.snippets = false;
    const auto found = views.more_like_this(id, number, r);
    if (!found) return no_paragraph(searcher, id, number);
    print_notes(found->notes);
    if (json) {
        std::cout << parley::search_result_json(*found, r, 2) << "\n";
        return 0;
    }
    std::vector<Row> rows;
    for (const auto& h : found->hits) rows.push_back(hit_row(h));
    writer_of(o, format).write_all(rows, parley::util::kHitColumns);
    return 0;
}

int run_export(parley::Searcher& searcher, parley::ArchiveViews& views, const Options& o,
               Format format, bool json) {
    parley::ExportRequest r;
    r.search = o.request;
    r.snippets = o.snippets;
    if (o.sort == "relevance")
        r.search.sort = parley::SortOrder::Relevance;
    else if (o.sort == "date")
        r.search.sort = parley::SortOrder::DateNewest;
    else if (o.sort == "date-asc")
        r.search.sort = parley::SortOrder::DateOldest;
    else
        throw po::error("--sort must be relevance, date or date-asc, not '" + o.sort + "'");
    if (json) throw po::error("export writes --format table, csv or ndjson (one hit per line)");
    RowWriter writer = writer_of(o, format);
    writer.set_widths({5, 7, 10, 24, 4, 30, 20, 16, 20, 20, 20, 60});
    const std::size_t given = views.export_hits(r, [&](const parley::Hit& h) {
        if (format == Format::Ndjson) {
            std::cout << parley::hit_json(h) << "\n";
        } else {
            writer.write(hit_row(h));
        }
        return static_cast<bool>(std::cout);
    });
    writer.finish(parley::util::kHitColumns);
    std::cerr << kProgram << ": exported " << given << " "
              << parley::cli::plural(given, "paragraph", "paragraphs") << "\n";
    if (const auto missing = searcher.missing_shards(); !missing.empty()) {
        std::cerr << kProgram << ": note: "
                  << parley::search::partial_note(missing, searcher.missing_shard_reasons())
                  << "\n";
    }
    return 0;
}

int run(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    Options o;
    po::options_description options("Options");
    parley::cli::add_common_options(options, o.index_path);
    parley::cli::ShardOptions shard_options;
    parley::cli::add_shard_options(options, shard_options);
    // clang-format off
    options.add_options()
        ("filter", po::value<std::vector<std::string>>(&o.request.filters)->composing(),
         "extra filter in query syntax, e.g. actor:China or date:2020..2022 (repeatable)")
        ("select", po::value<std::vector<std::string>>(&o.request.selections)->composing(),
         "facet selection, e.g. actor:China (repeatable; values of one facet OR together)")
        ("lenient", "search an unknown field's words as words (a note says so) instead of "
                    "stopping with a usage error")
        ("no-entities", "match only the words typed: a word naming an actor (Kremlin, Beijing) "
                        "does not also find paragraphs tagged with the actor")
        ("synonyms", po::value<std::string>(&o.synonyms),
         "synonyms file: one group of equivalent words or phrases per line, comma-separated "
         "(format in docs/searching.md), as parley-search reads it; PARLEY_SYNONYMS gives a default")
        ("rank", po::value<std::string>(&o.rank)->default_value("auto"),
         "export, bursts: auto, bm25 or words, as parley-search --rank")
        ("no-feedback", "rank (export, bursts) by the query's words alone, without "
                        "pseudo-relevance feedback")
        ("format", po::value<std::string>(&o.format)->default_value("table"),
         "table, csv, ndjson or json")
        ("interval", po::value<std::string>(&o.interval)->default_value("month"),
         "timeline, bursts: day, week (ISO, from Monday), month or year")
        ("series", po::value<std::vector<std::string>>(&o.series)->composing(),
         "timeline, bursts: a series to compare, a query part ANDed with the query, e.g. "
         "actor:Taiwan (repeatable; default: the query alone)")
        ("from", po::value<std::string>(&o.from),
         "timeline, bursts: first bucket, a date as articles write them: 2024, 2024-12, "
         "2024-12-04, 'December 2024', '4 Dec 2024' (default: the first dated match)")
        ("to", po::value<std::string>(&o.to),
         "timeline, bursts: last bucket, as --from; a month or year is the whole of it "
         "(default: the last dated match)")
        ("field", po::value<std::string>(&o.field),
         "stands-out: actor, topic, actor_type, mentioned_topic, author, source, year or word; "
         "cooccur: actor, topic, actor_type or mentioned_topic (default: actor)")
        ("background", po::value<std::string>(&o.background),
         "stands-out: compare against this query's matches (default: the whole archive)")
        ("level", po::value<std::string>(&o.level)->default_value("paragraph"),
         "cooccur: paragraph or article")
        ("matrix", po::value<std::vector<std::string>>(&o.matrix)->composing(),
         "cooccur: comma-separated values, e.g. China,Russia,AUKUS: counts of every pair "
         "(repeatable; quote a value holding a comma: '\"Korea, North\",China')")
        ("order", po::value<std::string>(&o.order)->default_value("count"),
         "cooccur: count (shared units) or npmi (association)")
        ("limit,n", number<std::size_t>(&o.limit)->default_value(20),
         "stands-out, cooccur, more-like: rows (0: all for stands-out and cooccur)")
        ("min-count", number<std::size_t>(&o.min_count)->default_value(3),
         "stands-out, cooccur --order npmi, bursts: ignore values or buckets with fewer matches")
        ("window", number<std::size_t>(&o.window, 1)->default_value(6),
         "bursts: buckets before each one that make its baseline")
        ("threshold", number<double>(&o.threshold, 0, 1000)->default_value(3.0),
         "bursts: z-score a bucket must reach")
        ("paragraphs", number<std::size_t>(&o.paragraphs, 0, 100)->default_value(3),
         "bursts: best paragraphs listed per burst")
        ("before", number<std::size_t>(&o.before)->default_value(2),
         "context: paragraphs before")
        ("after", number<std::size_t>(&o.after)->default_value(2), "context: paragraphs after")
        ("sort,s", po::value<std::string>(&o.sort)->default_value("relevance"),
         "export: relevance, date (newest first) or date-asc")
        ("snippets", "export: add a highlighted snippet to each hit (slower)")
        ("no-escape-formulas", "csv: write a text cell starting with =, +, -, @, a tab or a "
                               "line break as it is (by default it gets a leading ' so that a "
                               "spreadsheet does not run it as a formula)");
    // clang-format on
    const auto parsed = parley::cli::parse_command_line(args, options, "query", kUsage);
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    // The first word that is not an option or its value names the view; the rest is the
    // query (or the paragraph, for context and more-like).
    std::vector<std::string> words;
    if (vm.count("query")) words = vm["query"].as<std::vector<std::string>>();
    if (words.empty()) {
        throw po::error(
            "give a view: timeline, stands-out, cooccur, bursts, context, more-like or export "
            "(see --help)");
    }
    const std::string view = words.front();
    words.erase(words.begin());
    static const std::vector<std::string> kViews = {"timeline", "stands-out", "cooccur", "bursts",
                                                    "context",  "more-like",  "export"};
    if (std::find(kViews.begin(), kViews.end(), view) == kViews.end()) {
        throw po::error("unknown view '" + view +
                        "' (use timeline, stands-out, cooccur, bursts, context, more-like or "
                        "export)");
    }
    const bool by_paragraph = view == "context" || view == "more-like";
    if (!by_paragraph) {
        for (const auto& w : words) o.request.query += (o.request.query.empty() ? "" : " ") + w;
    }
    o.request.strict = vm.count("lenient") == 0;
    o.request.entities = vm.count("no-entities") == 0;
    o.request.feedback = vm.count("no-feedback") == 0;
    const auto ranking = parley::ranking_from_name(o.rank);
    if (!ranking)
        throw parley::cli::OptionError("--rank",
                                       "--rank must be auto, words or bm25, not '" + o.rank + "'");
    o.request.ranking = *ranking;
    o.request.facets.clear();
    o.snippets = vm.count("snippets") > 0;
    o.escape_formulas = vm.count("no-escape-formulas") == 0;
    const Format format = format_of(o.format);
    const bool json = o.format == "json";

    const std::optional<parley::ShardSet> shard_set =
        parley::cli::shard_set_from(shard_options, vm);
    o.request.allow_partial = shard_options.allow_partial;
    parley::Searcher searcher =
        shard_set ? parley::Searcher(*shard_set) : parley::Searcher(o.index_path);
    if (const auto synonyms = parley::cli::synonyms_source(o.synonyms)) {
        try {
            parley::cli::use_synonyms_file(*synonyms, searcher, kProgram, std::cerr);
        } catch (const parley::InputError& e) {  // a usage error, as in parley-search
            throw parley::cli::OptionError("--synonyms", e.what());
        }
    }
    parley::ArchiveViews views(searcher);
    try {
        if (view == "timeline") return run_timeline(views, o, format, json);
        if (view == "stands-out") return run_stands_out(views, o, format, json);
        if (view == "cooccur") return run_cooccur(views, o, format, json);
        if (view == "bursts") return run_bursts(views, o, format, json);
        if (view == "context") return run_context(searcher, views, o, words, format, json);
        if (view == "more-like") return run_more_like(searcher, views, o, words, format, json);
        return run_export(searcher, views, o, format, json);
    } catch (const parley::UsageError& e) {
        parley::cli::rethrow_as_usage(e);
    }
}

}  // namespace

int main(int argc, char** argv) {
    return parley::cli::run_command(
        kProgram, [&] { return run(argc, argv); },
        parley::cli::error_output_of(std::vector<std::string>(argv + 1, argv + argc), true));
}
