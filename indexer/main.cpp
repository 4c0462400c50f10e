// parley-index: adds op-ed articles to a Parley index, and summarises an index.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/cli_common.hpp"
#include "parley/article_reader.hpp"
#include "parley/gazetteer.hpp"
#include "parley/index_stats.hpp"
#include "parley/index_writer.hpp"
#include "parley/version.hpp"

namespace {

namespace po = boost::program_options;
using nlohmann::json;
constexpr const char* kProgram = "parley-index";

constexpr const char* kUsage =
    "Usage: parley-index [add] [OPTIONS] PATH...   add articles from files, directories or -\n"
    "       parley-index stats [OPTIONS]           summarise an index\n\n"
    "Formats: .txt (optional Title:/Authors:/Date:/Source:/URL: header lines, paragraphs\n"
    "separated by blank lines), .md/.markdown (YAML front matter + CommonMark) and\n"
    ".jsonl/.ndjson (one article object per line). Directories are read recursively.\n"
    "An article whose id is already indexed is replaced.\n\n"
    "Exit status: 0 all indexed, 1 some input skipped or an index error, 2 usage error.\n";

json problem_json(const parley::IngestProblem& p) {
    json j{{"source", p.source},
           {"severity",
            p.severity == parley::IngestProblem::Severity::Skipped ? "skipped" : "warning"},
           {"reason", p.reason},
           {"detail", p.detail}};
    if (p.line) j["line"] = p.line;
    if (p.byte) j["byte"] = p.byte;
    return j;
}

void print_summary(const parley::IngestReport& r, double seconds, bool as_json) {
    const double mb_per_s = seconds > 0 ? static_cast<double>(r.bytes_read) / 1e6 / seconds : 0;
    const std::size_t indexed = r.articles_new + r.articles_replaced;
    if (as_json) {
        json skipped = json::object();
        for (const auto& [reason, n] : r.skipped_by_reason()) skipped[reason] = n;
        json problems = json::array();
        for (const auto& p : r.problems) problems.push_back(problem_json(p));
        json out{
            {"files", r.files_read},
            {"bytes", r.bytes_read},
            {"articles",
             {{"indexed", indexed}, {"new", r.articles_new}, {"replaced", r.articles_replaced}}},
            {"paragraphs", r.paragraphs_indexed},
            {"skipped", skipped},
            {"skipped_total", r.skipped()},
            {"warnings", r.warnings()},
            {"problems", problems},
            {"seconds", seconds}};
        std::cout << out.dump(2) << "\n";
        return;
    }
    char line[256];
    std::snprintf(line, sizeof line,
                  "Indexed %zu articles (%zu new, %zu replaced), %zu paragraphs, from %zu files "
                  "(%s) in %.2f s, %.2f MB/s\n",
                  indexed, r.articles_new, r.articles_replaced, r.paragraphs_indexed, r.files_read,
                  parley::cli::format_bytes(static_cast<double>(r.bytes_read)).c_str(), seconds,
                  mb_per_s);
    std::cout << line;
    if (r.skipped() > 0) {
        std::cout << "Skipped " << r.skipped() << ":";
        const char* sep = " ";
        for (const auto& [reason, n] : r.skipped_by_reason()) {
            std::cout << sep << n << " " << reason;
            sep = ", ";
        }
        std::cout << " (details above, on stderr)\n";
    }
    if (r.warnings() > 0) std::cout << r.warnings() << " warnings (on stderr)\n";
}

int run_add(const std::vector<std::string>& args) {
    std::string index_path, gazetteer_path, language, format;
    std::size_t batch = 0, threads = 0;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("gazetteer,g", po::value<std::string>(&gazetteer_path),
         "actor gazetteer and topic lexicon (default: the one recorded in the index, or the "
         "built-in one)")
        ("language,l", po::value<std::string>(&language)->default_value("en"),
         "language of articles that name none, for a new index (ISO 639-1)")
        ("format,f", po::value<std::string>(&format)->default_value("auto"), "auto, txt, md or jsonl")
        ("batch", po::value<std::size_t>(&batch)->default_value(2000), "articles per commit")
        ("threads", po::value<std::size_t>(&threads)->default_value(0),
         "threads (0: one per core); a new index is built in shards, one per thread, merged "
         "at the end")
        ("quiet,q", "print nothing but errors")
        ("json", "print the summary as JSON");
    // clang-format on
    const auto parsed = parley::cli::parse_command_line(args, options, "path", kUsage);
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    if (!vm.count("path")) throw po::error("no input given (a file, a directory or - for stdin)");
    const bool quiet = vm.count("quiet") > 0;
    const bool as_json = vm.count("json") > 0;

    std::optional<parley::Gazetteer> gazetteer;
    if (!gazetteer_path.empty()) gazetteer = parley::Gazetteer::from_file(gazetteer_path);

    parley::IndexOptions index_options;
    index_options.path = index_path;
    index_options.default_language = language;
    index_options.gazetteer = gazetteer ? &*gazetteer : nullptr;
    index_options.batch_articles = batch;
    index_options.threads = threads;

    const auto started = std::chrono::steady_clock::now();
    parley::IndexWriter writer(index_options);
    parley::IngestReport read_report;
    parley::ReadOptions read_options;
    read_options.format = format;
    for (const auto& path : vm["path"].as<std::vector<std::string>>()) {
        parley::read_articles(
            path, read_options, [&](parley::Article&& article) { writer.add(std::move(article)); },
            read_report);
    }
    writer.commit();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    parley::IngestReport report = read_report;
    const auto& written = writer.report();
    report.articles_new = written.articles_new;
    report.articles_replaced = written.articles_replaced;
    report.paragraphs_indexed = written.paragraphs_indexed;
    report.problems.insert(report.problems.end(), written.problems.begin(), written.problems.end());

    for (const auto& p : report.problems) std::cerr << kProgram << ": " << p.to_string() << "\n";
    if (!quiet || as_json) print_summary(report, seconds, as_json);
    return report.skipped() > 0 ? 1 : 0;
}

int run_stats(const std::vector<std::string>& args) {
    std::string index_path;
    std::size_t top = 10;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("top", po::value<std::size_t>(&top)->default_value(10), "actors and topics to list")
        ("json", "print as JSON");
    // clang-format on
    const auto parsed =
        parley::cli::parse_command_line(args, options, "", "Usage: parley-index stats [OPTIONS]\n");
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    const parley::IndexStats s = parley::read_index_stats(index_path, top);
    if (vm.count("json")) {
        json out{{"path", s.path},
                 {"schema_version", s.schema_version},
                 {"analyzer", s.analyzer},
                 {"default_language", s.default_language},
                 {"languages", s.languages},
                 {"gazetteer",
                  {{"fingerprint", s.gazetteer_fingerprint}, {"origin", s.gazetteer_origin}}},
                 {"articles", s.articles},
                 {"paragraphs", s.paragraphs},
                 {"terms", s.terms},
                 {"word_terms", s.word_terms},
                 {"size_bytes", s.size_bytes}};
        for (const auto& [key, list] :
             {std::pair{"top_actors", &s.top_actors}, std::pair{"top_topics", &s.top_topics}}) {
            json values = json::array();
            for (const auto& [value, count] : *list)
                values.push_back({{"value", value}, {"paragraphs", count}});
            out[key] = values;
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    auto join = [](const std::vector<std::pair<std::string, std::uint64_t>>& values) {
        std::string out;
        for (const auto& [value, count] : values) {
            if (!out.empty()) out += " · ";
            out += value + " " + std::to_string(count);
        }
        return out.empty() ? std::string("(none)") : out;
    };
    std::string languages;
    for (const auto& l : s.languages) languages += (languages.empty() ? "" : ", ") + l;
    std::cout << "index       " << s.path << "\n"
              << "schema      " << s.schema_version << " (" << s.analyzer << ")\n"
              << "languages   " << (languages.empty() ? "-" : languages) << " (default "
              << s.default_language << ")\n"
              << "gazetteer   " << s.gazetteer_fingerprint << " (" << s.gazetteer_origin << ")\n"
              << "articles    " << s.articles << "\n"
              << "paragraphs  " << s.paragraphs << "\n"
              << "terms       " << s.terms << " (" << s.word_terms << " words)\n"
              << "size        " << parley::cli::format_bytes(static_cast<double>(s.size_bytes))
              << "\n"
              << "top actors  " << join(s.top_actors) << "\n"
              << "top topics  " << join(s.top_topics) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return parley::cli::run_command(kProgram, [&] {
        if (!args.empty() && args.front() == "stats") {
            args.erase(args.begin());
            return run_stats(args);
        }
        if (!args.empty() && args.front() == "add") args.erase(args.begin());
        return run_add(args);
    });
}
