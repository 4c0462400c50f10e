// parley-index: adds op-ed articles to a Parley index, and summarises an index.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "cli/cli_common.hpp"
#include "cli/number_options.hpp"
#include "cli/progress_bar.hpp"
#include "parley/analyzer.hpp"
#include "parley/article_reader.hpp"
#include "parley/error.hpp"
#include "parley/fetch.hpp"
#include "parley/gazetteer.hpp"
#include "parley/index_maintenance.hpp"
#include "parley/index_stats.hpp"
#include "parley/index_writer.hpp"
#include "parley/input_limits.hpp"
#include "parley/json_forms.hpp"
#include "parley/version.hpp"
#include "readers/cms_json.hpp"
#include "readers/gunzip.hpp"
#include "util/files.hpp"
#include "util/utf8.hpp"
#include "util/xapian_errors.hpp"

namespace {

namespace po = boost::program_options;
using parley::cli::number;
constexpr const char* kProgram = "parley-index";

constexpr const char* kUsage =
    "Usage: parley-index [add] [OPTIONS] PATH...\n"
    "  or:  parley-index fetch [OPTIONS] URL...\n"
    "  or:  parley-index delete [OPTIONS] ID...\n"
    "  or:  parley-index retag [--gazetteer FILE]\n"
    "  or:  parley-index compact [OPTIONS]\n"
    "  or:  parley-index stats [OPTIONS]\n\n"
    // One usage line per form, descriptions below: help2man makes the man page's synopsis
    // from these lines, and a description beside them would break it.
    "  add      add or update articles from files, directories or - (stdin); the default\n"
    "  fetch    fetch pages, feeds and sitemaps and add their articles (a crawler)\n"
    "  delete   delete articles by id\n"
    "  retag    re-tag with a changed gazetteer\n"
    "  compact  rewrite the index compactly, in place\n"
    "  stats    summarise an index\n"
    "Each subcommand's own options: parley-index SUBCOMMAND --help.\n\n"
    "Formats: .txt (optional Title:/Authors:/Date:/Source:/URL: header lines, paragraphs\n"
    "separated by blank lines), .md/.markdown (YAML front matter + CommonMark),\n"
    ".jsonl/.ndjson (one article object per line), .json (an array of them, a\n"
    "WordPress /wp-json/wp/v2/posts dump, or a JSON Feed), .html/.htm (op-ed web\n"
    "pages), .rss/.atom/.xml (feeds), .csv/.tsv (a header row\n"
    "naming title, text, author, date, url...) and .warc/.warc.gz (web archives).\n"
    "Directories are read recursively.\n"
    "An article whose id is already indexed is replaced if it changed and left alone if\n"
    "not. A text, Markdown or HTML file holds one article: when the id it gives changes\n"
    "(an edited title, without an Id: or URL), its old article is replaced.\n"
    "Searchers see the articles of each commit at once, without a restart.\n\n"
    "Exit status: 0 all indexed, 1 some input skipped or an index error, 2 usage error.\n";

std::string count(std::uint64_t n) { return parley::cli::ProgressBar::format_count(n); }

// What reading found and what the writer did, as one report for the summary.
parley::IngestReport merged(parley::IngestReport read, const parley::IngestReport& written) {
    read.articles_new = written.articles_new;
    read.articles_replaced = written.articles_replaced;
    read.articles_unchanged = written.articles_unchanged;
    read.articles_renamed = written.articles_renamed;
    read.articles_deleted = written.articles_deleted;
    read.paragraphs_indexed = written.paragraphs_indexed;
    read.problems.insert(read.problems.end(), written.problems.begin(), written.problems.end());
    return read;
}

void print_summary(const parley::IngestReport& r, double seconds, bool as_json) {
    const double mb_per_s = seconds > 0 ? static_cast<double>(r.bytes_read) / 1e6 / seconds : 0;
    if (as_json) {
        std::cout << parley::ingest_summary_json(r, seconds, 2) << "\n";
        return;
    }
    std::string line = count(r.articles_unchanged) + " unchanged, " + count(r.articles_replaced) +
                       " updated, " + count(r.articles_new) + " new";
    if (r.articles_renamed)
        line += ", " + count(r.articles_renamed) + " from a renamed or moved file";
    if (r.articles_deleted) line += ", " + count(r.articles_deleted) + " deleted";
    char tail[256];
    using parley::cli::plural;
    std::snprintf(tail, sizeof tail, "; %s %s written, from %zu %s (%s) in %.2f s, %.2f MB/s\n",
                  count(r.paragraphs_indexed).c_str(),
                  plural(r.paragraphs_indexed, "paragraph", "paragraphs"), r.files_read,
                  plural(r.files_read, "file", "files"),
                  parley::cli::format_bytes(static_cast<double>(r.bytes_read)).c_str(), seconds,
                  mb_per_s);
    std::cout << line << tail;
    if (r.skipped() > 0) {
        std::cout << "Skipped " << r.skipped() << ":";
        const char* sep = " ";
        for (const auto& [reason, n] : r.skipped_by_reason()) {
            std::cout << sep << n << " " << reason;
            sep = ", ";
        }
        std::cout << " (details above, on stderr)\n";
    }
    if (r.warnings() > 0)
        std::cout << r.warnings() << " " << plural(r.warnings(), "warning", "warnings")
                  << " (on stderr)\n";
}

// Bytes under the inputs, for the progress bar's percentage (0 when unknown: stdin).
std::uint64_t input_bytes(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& path : paths) {
        if (path == "-") return 0;
        if (fs::is_regular_file(path, ec)) {
            total += fs::file_size(path, ec);
            continue;
        }
        for (auto it = fs::recursive_directory_iterator(
                 path, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file(ec)) total += it->file_size(ec);
        }
    }
    return total;
}

// An article read from a feed stays when it drops off the feed (feeds show only recent
// items): --prune removes it only when the feed file itself is gone.
// A JSON Feed (feed.json) is one too, known by its content.
bool is_feed_file(const std::string& path) {
    std::filesystem::path name(path);
    if (name.extension() == ".gz") name = name.stem();  // feed.xml.gz
    const std::string ext = name.extension().string();
    if (ext == ".rss" || ext == ".atom" || ext == ".xml") return true;
    if (ext != ".json") return false;
    static std::map<std::string, bool> known;  // asked once per article that left the file
    if (const auto it = known.find(path); it != known.end()) return it->second;
    constexpr std::size_t kLook = std::size_t{64} << 20;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    std::ifstream in(path, std::ios::binary);
    std::string text(ec ? 0 : std::min<std::uintmax_t>(size, kLook), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    // feed.json.gz: looked at through the compression, as it was read.
    if (std::string inflated, why; parley::readers::is_gzip(text)) {
        parley::readers::gunzip(text, kLook, "file-bytes", inflated, why);
        text = std::move(inflated);
    }
    return known[path] = parley::readers::text_is_json_feed(text);
}

// Text, Markdown and web page files hold one article each: whatever id it derives (an
// edited title changes the fingerprint of one that names no id or URL), the article a file
// gives now is the one it gave before.
bool holds_one_article(const std::string& path, const std::string& format) {
    if (format != "auto") return format == "txt" || format == "md" || format == "html";
    std::filesystem::path name(path);
    if (name.extension() == ".gz") name = name.stem();
    std::string ext = name.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".markdown" ||
           ext == ".html" || ext == ".htm" || ext == ".xhtml";
}

// A run that would create a new index (no directory there, or an empty one) from inputs
// that are all missing: it has nothing to build, and an empty index left behind would be
// taken for a built one by the next search (which finds nothing) and the next run.
bool nothing_to_build_from(const std::string& index_path, const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(index_path, ec) && !fs::is_empty(index_path, ec)) return false;
    if (ec) return false;
    for (const auto& path : paths) {
        // Only "no such file": an input that cannot be looked at may be there.
        if (path == "-" || fs::exists(path, ec) || ec) return false;
    }
    return true;
}

// Whether `path` is a directory that holds no file, in it or below it (hidden ones too).
bool holds_no_file(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) return false;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_directory(ec)) return false;
    }
    return !ec;  // one that cannot be listed is said so by the reading, and kept anyway
}

// Whether `index_path` is where a new index would be made: no directory there, or an empty
// one (the check parley::IndexWriter makes before creating one).
bool index_is_new(const std::string& index_path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    return !fs::exists(index_path, ec) || (!ec && fs::is_empty(index_path, ec) && !ec);
}

// A run that created an index and put no article in it (an empty drop folder, inputs all
// skipped, every URL failed) takes it away again, leaving the directory as it found it: an
// empty index would be taken for a built one by the next search and the next run, as a run
// whose inputs are all missing creates none. `writer` is closed first (its lock released).
void discard_empty_new_index(std::optional<parley::IndexWriter>& writer,
                             const std::string& index_path, bool directory_was_there,
                             const char* why, bool say) {
    namespace fs = std::filesystem;
    writer.reset();
    std::error_code ec;
    if (directory_was_there) {
        for (const auto& entry : fs::directory_iterator(index_path, ec)) fs::remove_all(entry, ec);
    } else {
        fs::remove_all(index_path, ec);
    }
    if (say)
        std::cerr << kProgram << ": " << why << ", so no index created at " << index_path << "\n";
}

int run_add(const std::vector<std::string>& args) {
    std::string index_path, gazetteer_path, language, format, shard_by;
    std::size_t batch = 0, threads = 0;
    double commit_seconds = 60;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("gazetteer,g", po::value<std::string>(&gazetteer_path),
         "actor gazetteer and topic lexicon (default: the one recorded in the index, or the "
         "built-in one)")
        ("language,l", po::value<std::string>(&language)->default_value("en"),
         "language of articles that name none, for a new index (ISO 639-1)")
        ("format,f", po::value<std::string>(&format)->default_value("auto"),
         "auto, txt, md, jsonl, json, html, feed, csv or warc")
        ("batch", number<std::size_t>(&batch, 1)->default_value(2000), "commit every N articles")
        ("commit-seconds",
         number<double>(&commit_seconds, 0.001, 86400 * 365, "seconds")->default_value(60),
         "and at least every S seconds")
        ("threads",
         number<std::size_t>(&threads, 0, parley::IndexOptions::kMaxThreads)->default_value(0),
         "threads (0: one per core); a new index is built in shards, one per thread, merged "
         "at the first commit")
        ("shard-by", po::value<std::string>(&shard_by),
         "for a new index: 'year' keeps one database per publication year, searched as one")
        ("limit", po::value<std::vector<std::string>>()->composing(),
         "NAME=N: raise or lower an input limit (file-bytes, record-bytes, stream-bytes, "
         "paragraph-bytes, paragraphs, article-bytes, field-bytes, authors, depth; N may end in "
         "K, M or G); input past a limit is skipped and reported")
        ("prune", "delete indexed articles read from files under the given directories (or "
                  "from the given files) that this run did not find (files removed or articles "
                  "dropped from them)")
        ("quiet,q", "print nothing but errors")
        ("json", "print the summary as JSON");
    // clang-format on
    const auto parsed = parley::cli::parse_command_line(args, options, "path", kUsage);
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    if (!vm.count("path")) throw po::error("no input given (a file, a directory or - for stdin)");
    const bool quiet = vm.count("quiet") > 0;
    const bool as_json = vm.count("json") > 0;
    const auto paths = vm["path"].as<std::vector<std::string>>();

    std::optional<parley::Gazetteer> gazetteer;
    if (!gazetteer_path.empty()) gazetteer = parley::Gazetteer::from_file(gazetteer_path);

    parley::IndexOptions index_options;
    index_options.path = index_path;
    index_options.default_language = language;
    index_options.gazetteer = gazetteer ? &*gazetteer : nullptr;
    index_options.batch_articles = batch;
    index_options.commit_seconds = commit_seconds;
    index_options.threads = threads;
    index_options.shard_by = shard_by;

    parley::ReadOptions read_options;
    read_options.format = format;
    if (vm.count("limit")) {
        for (const auto& assignment : vm["limit"].as<std::vector<std::string>>())
            parley::set_input_limit(read_options.limits, assignment);
    }
    parley::check_read_options(read_options);  // before the index is created

    const auto started = std::chrono::steady_clock::now();
    if (nothing_to_build_from(index_path, paths)) {
        parley::IngestReport report;  // each input reported missing, as in any other run
        for (const auto& path : paths)
            parley::read_articles(
                path, read_options, [](parley::Article&&) {}, report);
        for (const auto& p : report.problems)
            std::cerr << kProgram << ": " << p.to_string() << "\n";
        std::cerr << kProgram << ": no input found, so no index created at " << index_path << "\n";
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (!quiet || as_json) print_summary(report, seconds, as_json);
        return 1;
    }
    const bool new_index = index_is_new(index_path);
    const bool directory_was_there = std::filesystem::exists(index_path);
    std::optional<parley::IndexWriter> open_writer;
    open_writer.emplace(index_options);
    parley::IndexWriter& writer = *open_writer;
    if (!vm["language"].defaulted() &&
        parley::Analyzer::canonical_language(language) != writer.default_language()) {
        std::cerr << kProgram << ": note: --language " << language
                  << " is for a new index; this one's default language is "
                  << writer.default_language()
                  << " (articles name their own with a Language: header or a lang field)\n";
    }
    parley::IngestReport read_report;
    parley::cli::ProgressBar progress(
        !quiet && !as_json && parley::cli::ProgressBar::stderr_is_terminal(), input_bytes(paths));
    std::set<std::string> seen;  // ids read
    // The ids each file of one article gave this run (one, unless it was read twice).
    std::map<std::string, std::set<std::string>> ids_of_file;
    try {
        for (const auto& path : paths) {
            parley::read_articles(
                path, read_options,
                [&](parley::Article&& article) {
                    std::string id = parley::derive_article_id(article);
                    if (!article.origin.empty() && holds_one_article(article.origin, format))
                        ids_of_file[article.origin].insert(id);
                    seen.insert(std::move(id));
                    writer.add(std::move(article));
                    progress.update(read_report.articles_read, read_report.bytes_read);
                },
                read_report);
        }
        writer.commit();
    } catch (const parley::Error&) {
        // A write failed (a full disk, say): what the inputs had wrong so far is still said;
        // run_command prints the error (and its JSON form, with --json).
        progress.finish();
        for (const auto& p : read_report.problems)
            std::cerr << kProgram << ": " << p.to_string() << "\n";
        throw;
    }
    progress.finish();
    // A file of one article that now gives another id than before (its title or date edited,
    // its id changed): the article it gave before is replaced, not kept beside the new one.
    std::size_t replaced_by_file = 0;
    if (!ids_of_file.empty() && writer.report().articles_new > 0) {
        namespace fs = std::filesystem;
        std::set<std::string> looked;
        for (const auto& path : paths) {
            std::error_code ec;
            if (path == "-" || !fs::exists(path, ec)) continue;
            const std::string input = fs::absolute(path, ec).lexically_normal().string();
            if (!looked.insert(input).second) continue;
            for (const auto& [id, file] : writer.articles_from(input)) {
                const auto read = ids_of_file.find(file);
                if (read == ids_of_file.end() || read->second.size() != 1 || seen.count(id))
                    continue;
                if (!writer.remove(id)) continue;
                ++replaced_by_file;
                if (!quiet)
                    std::cerr << kProgram << ": note: " << parley::util::printable(file, 300)
                              << " now gives article '"
                              << parley::util::printable(*read->second.begin(), 300)
                              << "', which replaced the one it gave before, '"
                              << parley::util::printable(id, 300)
                              << "' (a file of text, Markdown or a web page holds one article; "
                                 "one without an Id or URL is known by its title, authors and "
                                 "date)\n";
            }
        }
        writer.commit();
    }
    if (vm.count("prune")) {
        namespace fs = std::filesystem;
        // A file that is still there but was skipped, whole or in part (over a limit, bad
        // bytes, a malformed record), says nothing about which of its articles are gone:
        // they all stay.
        // A directory skipped (one that cannot be listed, a link to one) says nothing
        // about the files under it: their articles stay too.
        std::set<std::string> troubled;
        for (const auto& p : read_report.problems) {
            std::error_code ec;
            if (p.severity == parley::IngestProblem::Severity::Skipped)
                troubled.insert(fs::absolute(p.source, ec).lexically_normal().string());
        }
        const auto in_trouble = [&](const std::string& file) {
            for (fs::path at = file; !at.empty() && at != at.root_path(); at = at.parent_path())
                if (troubled.count(at.string())) return true;
            return false;
        };
        std::size_t kept = 0;
        for (const auto& path : paths) {
            std::error_code ec;
            // A missing input (a disk not mounted, a typo) prunes nothing: it was skipped.
            if (path == "-" || !fs::exists(path, ec)) continue;
            // A directory's files, or a single file's records (a JSON Lines or WARC file).
            const std::string input = fs::absolute(path, ec).lexically_normal().string();
            // Nor does a directory with no file at all in it, as a mount point is while its
            // disk is not mounted: the run fails instead of emptying the index of its articles.
            if (holds_no_file(path)) {
                if (const std::size_t n = writer.articles_from(input).size(); n > 0)
                    read_report.skip(path, 0, "empty directory",
                                     "no file in it, where " + std::to_string(n) +
                                         " indexed article(s) came from: --prune keeps them (a "
                                         "disk not mounted?); to remove them, use parley-index "
                                         "delete");
                continue;
            }
            for (const auto& [id, file] : writer.articles_from(input)) {
                if (seen.count(id) || (is_feed_file(file) && fs::exists(file, ec))) continue;
                if (in_trouble(file) && (fs::exists(file, ec) || ec)) {
                    ++kept;
                    continue;
                }
                writer.remove(id);
            }
        }
        writer.commit();
        if (kept > 0 && !quiet)
            std::cerr << kProgram << ": note: --prune kept " << kept
                      << " article(s) of files that are still there (or cannot be seen) but "
                         "were skipped in whole or in part this time\n";
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    parley::IngestReport report = merged(read_report, writer.report());
    // Such a replacement is an update: the article went on under its new id.
    const std::size_t as_updates = std::min(replaced_by_file, report.articles_new);
    report.articles_new -= as_updates;
    report.articles_replaced += as_updates;
    report.articles_deleted -= as_updates;

    for (const auto& p : report.problems) std::cerr << kProgram << ": " << p.to_string() << "\n";
    // An empty drop folder is no error (exit 0 unless something was skipped, and nothing
    // said under --quiet: cron mails stderr), but leaves no empty index behind.
    if (new_index && report.articles_new == 0)
        discard_empty_new_index(open_writer, index_path, directory_was_there,
                                "no article read from the inputs", !quiet || report.skipped() > 0);
    if (!quiet || as_json) print_summary(report, seconds, as_json);
    return report.skipped() > 0 ? 1 : 0;
}

// One URL a line; '#' starts a comment anywhere on a line (a URL's #fragment is not
// fetched anyway). A line that is no http(s) URL is a usage error naming file and line.
std::vector<std::string> urls_from_file(const std::string& path) {
    std::string why;
    const std::optional<std::string> text = parley::util::read_file(path, why);
    if (!text) throw parley::UsageError(path + ": cannot read the URL list: " + why);
    std::istringstream in(*text);
    std::vector<std::string> urls;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        line.erase(std::min(line.find('#'), line.size()));
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) continue;
        std::string url = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        std::string scheme = url.substr(0, url.find("://") + 3);
        for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (scheme != "http://" && scheme != "https://")
            throw parley::UsageError(path + ":" + std::to_string(number) + ": '" + url +
                                     "' is not an http(s) URL");
        urls.push_back(std::move(url));
    }
    return urls;
}

void print_fetch_summary(const parley::FetchReport& f, const parley::IngestReport& r,
                         double seconds, bool as_json) {
    if (as_json) {
        std::cout << parley::fetch_summary_json(f, r, seconds, 2) << "\n";
        return;
    }
    for (const auto& [host, c] : f.hosts) {
        std::cout << host << ": " << c.fetched << " fetched, " << c.unchanged << " unchanged, "
                  << c.failed << " failed";
        if (c.disallowed) std::cout << ", " << c.disallowed << " disallowed by robots.txt";
        if (c.gone) std::cout << ", " << c.gone << " gone (404/410 again)";
        const char* sep = " (";
        for (const auto& [reason, n] : c.failures) {
            std::cout << sep << n << " " << reason;
            sep = ", ";
        }
        std::cout << (c.failures.empty() ? "" : ")") << "\n";
    }
    if (f.interrupted)
        std::cout << "interrupted: " << f.queued << " URL(s) left for the next run\n";
    else if (f.queued)
        std::cout << "stopped at the --max-urls limit: " << f.queued
                  << " URL(s) left for the next run\n";
    std::cout << f.requests << " " << parley::cli::plural(f.requests, "request", "requests")
              << "; ";
    print_summary(r, seconds, false);
}

// The signal that asked a crawl to stop (SIGINT, SIGTERM); 0 until one came.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int signal) { g_stop_signal = signal; }

// A crawl stopped by Ctrl-C or SIGTERM (cron, systemd, timeout) keeps what it read: the
// crawler finishes the URL under way, commits and saves its state. SA_RESETHAND: a second
// signal ends the program at once.
void stop_crawl_on_signals() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int run_fetch(const std::vector<std::string>& args) {
    std::string index_path, gazetteer_path, language, urls_file, user_agent;
    parley::FetchOptions fetch;
    std::size_t max_bytes = fetch.max_bytes;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("urls-file", po::value<std::string>(&urls_file),
         "also fetch the URLs in this file, one per line (# starts a comment)")
        ("follow", "index the pages a feed's items link to rather than the items themselves "
                   "(for feeds that carry only summaries)")
        ("delay", number<double>(&fetch.delay_seconds, 0, 86400, "seconds")->default_value(1),
         "seconds between two requests to one host (a longer Crawl-delay wins)")
        ("timeout",
         number<double>(&fetch.timeout_seconds, 0.001, 86400, "seconds")->default_value(30),
         "seconds a request may take (each redirect is a request of its own)")
        ("checkpoint",
         number<double>(&fetch.checkpoint_seconds, 0, 86400, "seconds")->default_value(60),
         "seconds between two commits of what was read, with the crawl state (0: only at "
         "the end)")
        ("max-bytes", number<std::size_t>(&max_bytes)->default_value(16 << 20),
         "largest body read; a longer one is abandoned and reported")
        ("retries", number<unsigned>(&fetch.retries)->default_value(2),
         "retries after a timeout, a refused connection, 429 or 5xx")
        ("retry-wait", number<double>(&fetch.retry_seconds, 0, 86400, "seconds")->default_value(1),
         "seconds before the first retry; each retry doubles it (Retry-After wins)")
        ("max-urls", number<std::size_t>(&fetch.max_urls)->default_value(10000),
         "URLs fetched in one run, feeds and sitemaps included")
        ("user-agent", po::value<std::string>(&user_agent),
         "the User-Agent sent, and the name robots.txt rules are matched on (default: Parley)")
        ("gazetteer,g", po::value<std::string>(&gazetteer_path),
         "actor gazetteer and topic lexicon (default: the one recorded in the index, or the "
         "built-in one)")
        ("language,l", po::value<std::string>(&language)->default_value("en"),
         "language of articles that name none, for a new index (ISO 639-1)")
        ("quiet,q", "print nothing but errors")
        ("json", "print the summary as JSON");
    // clang-format on
    const auto parsed = parley::cli::parse_command_line(
        args, options, "url",
        "Usage: parley-index fetch [OPTIONS] URL...   fetch web pages, RSS/Atom feeds and\n"
        "                                             sitemaps, and index their articles\n");
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    std::vector<std::string> urls;
    if (vm.count("url")) urls = vm["url"].as<std::vector<std::string>>();
    if (!urls_file.empty()) {
        for (auto& u : urls_from_file(urls_file)) urls.push_back(std::move(u));
    }
    if (urls.empty()) throw po::error("no URL given (URL arguments or --urls-file)");
    // !(x > 0) and !(x >= 0) refuse NaN too; a day bounds what "inf" would mean.
    constexpr double kDay = 86400;
    if (!(fetch.timeout_seconds >= 0.001 && fetch.timeout_seconds <= kDay))
        throw po::error("--timeout must be from 0.001 to 86400 seconds");
    if (!(fetch.delay_seconds >= 0 && fetch.delay_seconds <= kDay) ||
        !(fetch.retry_seconds >= 0 && fetch.retry_seconds <= kDay))
        throw po::error("--delay and --retry-wait must be from 0 to 86400 seconds");
    if (!(fetch.checkpoint_seconds >= 0 && fetch.checkpoint_seconds <= kDay))
        throw po::error("--checkpoint must be from 0 to 86400 seconds");
    fetch.max_bytes = max_bytes;
    fetch.follow = vm.count("follow") > 0;
    if (!user_agent.empty()) fetch.user_agent = user_agent;
    fetch.state_path = index_path + "/parley-crawl.json";
    const bool quiet = vm.count("quiet") > 0;
    const bool as_json = vm.count("json") > 0;

    std::optional<parley::Gazetteer> gazetteer;
    if (!gazetteer_path.empty()) gazetteer = parley::Gazetteer::from_file(gazetteer_path);
    parley::IndexOptions index_options;
    index_options.path = index_path;
    index_options.default_language = language;
    index_options.gazetteer = gazetteer ? &*gazetteer : nullptr;
    index_options.threads = 1;  // the network sets the pace

    const auto started = std::chrono::steady_clock::now();
    const bool new_index = index_is_new(index_path);
    const bool directory_was_there = std::filesystem::exists(index_path);
    std::optional<parley::IndexWriter> open_writer;
    open_writer.emplace(index_options);
    parley::IndexWriter& writer = *open_writer;
    parley::IngestReport read_report;
    const bool show_progress = !quiet && !as_json && parley::cli::ProgressBar::stderr_is_terminal();
    // Problems are printed as they happen: a run killed mid-way has said what went wrong.
    std::size_t printed = 0;
    const auto print_new_problems = [&] {
        for (; printed < read_report.problems.size(); ++printed)
            std::cerr << (show_progress ? "\r" : "") << kProgram << ": "
                      << read_report.problems[printed].to_string() << "\n";
    };
    fetch.stop_requested = [] { return g_stop_signal != 0; };
    stop_crawl_on_signals();
    const parley::FetchReport fetched =
        parley::fetch_urls(urls, fetch, writer, read_report, [&](const parley::FetchReport& f) {
            print_new_problems();
            if (!show_progress) return;
            const auto t = f.total();
            std::cerr << "\r" << t.fetched << " fetched, " << t.unchanged << " unchanged, "
                      << t.failed << " failed, " << read_report.articles_read << " "
                      << parley::cli::plural(read_report.articles_read, "article", "articles")
                      << std::flush;
        });
    if (show_progress) std::cerr << "\n";
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_new_problems();
    const parley::IngestReport report = merged(read_report, writer.report());
    for (const auto& p : writer.report().problems)
        std::cerr << kProgram << ": " << p.to_string() << "\n";
    // Its crawl state goes too: nothing was read, so the next run starts afresh.
    if (new_index && report.articles_new == 0 && !fetched.interrupted)
        discard_empty_new_index(open_writer, index_path, directory_was_there, "no article fetched",
                                true);
    if (!quiet || as_json) print_fetch_summary(fetched, report, seconds, as_json);
    if (fetched.interrupted) return 128 + g_stop_signal;  // as the shell reports a signal
    return fetched.total().failed > 0 || report.skipped() > 0 ? 1 : 0;
}

int run_delete(const std::vector<std::string>& args) {
    std::string index_path;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    options.add_options()("quiet,q", "print nothing but errors");
    const auto parsed = parley::cli::parse_command_line(
        args, options, "id", "Usage: parley-index delete [OPTIONS] ID...\n");
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    if (!vm.count("id")) throw po::error("no article id given");
    // Deleting from a directory that holds no index must not create one.
    if (!std::filesystem::exists(index_path + "/XAPIANDB")) {
        throw parley::IndexMissingError(parley::util::no_index_message(index_path));
    }
    parley::IndexOptions index_options;
    index_options.path = index_path;
    index_options.threads = 1;
    parley::IndexWriter writer(index_options);
    std::size_t deleted = 0, missing = 0;
    for (const auto& id : vm["id"].as<std::vector<std::string>>()) {
        if (writer.remove(id)) {
            ++deleted;
        } else {
            ++missing;
            std::cerr << kProgram << ": no article with id '" << id << "' in " << index_path
                      << "\n";
        }
    }
    writer.commit();
    if (!vm.count("quiet")) {
        std::cout << "Deleted " << deleted << " article" << (deleted == 1 ? "" : "s");
        if (missing) std::cout << "; " << missing << " not found";
        std::cout << "\n";
    }
    return missing > 0 ? 1 : 0;
}

int run_retag(const std::vector<std::string>& args) {
    std::string index_path, gazetteer_path;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("gazetteer,g", po::value<std::string>(&gazetteer_path),
         "the new gazetteer (default: the one recorded in the index; for the built-in one, "
         "this build's)")
        ("json", "print the summary as JSON");
    // clang-format on
    const auto parsed =
        parley::cli::parse_command_line(args, options, "", "Usage: parley-index retag [OPTIONS]\n");
    if (!parsed) return 0;
    const auto started = std::chrono::steady_clock::now();
    const parley::RetagReport r =
        gazetteer_path.empty()
            ? parley::retag_index(index_path)
            : parley::retag_index(index_path, parley::Gazetteer::from_file(gazetteer_path));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (parsed->count("json")) {
        std::cout << parley::retag_report_json(r, seconds, 2) << "\n";
        return 0;
    }
    const std::string rules = r.old_tagging_rules == r.new_tagging_rules
                                  ? ""
                                  : "; tagging rules " + std::to_string(r.old_tagging_rules) +
                                        " -> " + std::to_string(r.new_tagging_rules) +
                                        " (every paragraph checked)";
    using parley::cli::plural;
    std::printf(
        "Re-tagged %s: %zu gazetteer %s changed%s; %zu %s checked, %zu "
        "changed; gazetteer %s -> %s in %.2f s\n",
        index_path.c_str(), r.entries_changed, plural(r.entries_changed, "entry", "entries"),
        rules.c_str(), r.paragraphs_considered,
        plural(r.paragraphs_considered, "paragraph", "paragraphs"), r.paragraphs_changed,
        r.old_fingerprint.c_str(), r.new_fingerprint.c_str(), seconds);
    return 0;
}

int run_compact(const std::vector<std::string>& args) {
    std::string index_path;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    options.add_options()("json", "print the summary as JSON");
    const auto parsed = parley::cli::parse_command_line(args, options, "",
                                                        "Usage: parley-index compact [OPTIONS]\n");
    if (!parsed) return 0;
    const auto started = std::chrono::steady_clock::now();
    const parley::CompactReport r = parley::compact_index(index_path);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (parsed->count("json")) {
        std::cout << parley::compact_report_json(r, seconds, 2) << "\n";
        return 0;
    }
    std::printf("Compacted %s: %zu shard%s, %s -> %s in %.2f s\n", index_path.c_str(), r.shards,
                r.shards == 1 ? "" : "s",
                parley::cli::format_bytes(static_cast<double>(r.bytes_before)).c_str(),
                parley::cli::format_bytes(static_cast<double>(r.bytes_after)).c_str(), seconds);
    return 0;
}

int run_stats(const std::vector<std::string>& args) {
    std::string index_path;
    std::size_t top = 10;
    po::options_description options("Options");
    parley::cli::add_common_options(options, index_path);
    // clang-format off
    options.add_options()
        ("top", number<std::size_t>(&top)->default_value(10), "actors and topics to list")
        ("json", "print as JSON");
    // clang-format on
    const auto parsed =
        parley::cli::parse_command_line(args, options, "", "Usage: parley-index stats [OPTIONS]\n");
    if (!parsed) return 0;
    const po::variables_map& vm = *parsed;
    const parley::IndexStats s = parley::read_index_stats(index_path, top);
    if (vm.count("json")) {
        std::cout << parley::index_stats_json(s, 2) << "\n";
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
              << "tag rules   " << s.tagging_rules
              << (s.tagging_rules < s.current_tagging_rules
                      ? " (older than this parley-index's " +
                            std::to_string(s.current_tagging_rules) + ": run parley-index retag)"
                      : std::string())
              << "\n"
              << "articles    " << s.articles << "\n"
              << "paragraphs  " << s.paragraphs << "\n"
              << "terms       " << s.terms << " (" << s.word_terms << " words)\n"
              << "size        " << parley::cli::format_bytes(static_cast<double>(s.size_bytes))
              << "\n"
              << "top actors  " << join(s.top_actors) << "\n"
              << "top topics  " << join(s.top_topics) << "\n";
    return 0;
}

// The subcommand is the first word that is not an option or an option's value, so that
// `parley-index --index DIR stats` is `parley-index stats --index DIR`. Returns its
// position, or args.size() when there is none (add).
std::size_t subcommand_position(const std::vector<std::string>& args) {
    static const std::set<std::string> kTakesValue{
        "--index",    "-i",          "--gazetteer", "-g",        "--language",
        "-l",         "--format",    "-f",          "--batch",   "--commit-seconds",
        "--threads",  "--shard-by",  "--limit",     "--top",     "--urls-file",
        "--delay",    "--timeout",   "--max-bytes", "--retries", "--retry-wait",
        "--max-urls", "--user-agent"};
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") return args.size();
        if (a.size() > 1 && a[0] == '-') {
            if (kTakesValue.count(a)) ++i;  // "--index DIR"; "--index=DIR" is one word
            continue;
        }
        return a == "add" || a == "stats" || a == "delete" || a == "retag" || a == "compact" ||
                       a == "fetch"
                   ? i
                   : args.size();
    }
    return args.size();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const parley::cli::ErrorOutput output = parley::cli::error_output_of(args);
    return parley::cli::run_command(
        kProgram,
        [&] {
            const std::size_t at = subcommand_position(args);
            const std::string command = at < args.size() ? args[at] : "add";
            if (at < args.size()) args.erase(args.begin() + static_cast<std::ptrdiff_t>(at));
            for (const auto& [name, run] :
                 {std::pair{"stats", &run_stats}, std::pair{"delete", &run_delete},
                  std::pair{"fetch", &run_fetch}, std::pair{"retag", &run_retag},
                  std::pair{"compact", &run_compact}}) {
                if (command == name) return run(args);
            }
            return run_add(args);
        },
        output);
}
