// naive-xapian: the "naive Xapian" reference of DESIGN.md ("What we measured before
// writing a line"), the floor Parley has to beat. It uses Xapian the way its
// documentation shows and nothing more:
//
//   naive-xapian index ARCHIVE.jsonl DBDIR
//       one document per paragraph; Xapian::TermGenerator with the English stemmer
//       (default STEM_SOME); the article title indexed with prefix S and again unprefixed
//       (Xapian's "Indexing" example), then the paragraph after increase_termpos();
//       paragraph text as document data; values year/source/first author in slots 0/1/2;
//       add_document; one commit at the end (Xapian's default autoflush).
//
//   naive-xapian search DBDIR QUERIES.txt --mode top10|exact|snippets|counted|facets
//                [--repeat R]
//       Xapian::QueryParser (stemmer, default OR, FLAG_DEFAULT|FLAG_PHRASE|FLAG_BOOLEAN|
//       FLAG_WILDCARD); top 10 with their data; snippets: MSet::snippet on each hit's
//       text; exact: top10 with check_at_least = doccount (no snippets); counted:
//       snippets with check_at_least = doccount (an exact total, which
//       Parley always gives); facets: that plus ValueCountMatchSpy on slots 0/1/2 (exact
//       counts) and the 10 most frequent values of each.
//       One warm-up pass, then R passes; prints one JSON object (see print_json) with
//       the median latency of each query over its R runs, in microseconds.
//
// Links only Xapian and nlohmann_json (to read the archive).

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

using Clock = std::chrono::steady_clock;

int usage() {
    std::cerr << "usage: naive-xapian index ARCHIVE.jsonl DBDIR\n"
                 "       naive-xapian search DBDIR QUERIES.txt --mode top10|snippets|facets "
                 "[--repeat R]\n";
    return 2;
}

int index_archive(const std::string& archive, const std::string& dbdir) {
    std::ifstream in(archive, std::ios::binary);
    if (!in) {
        std::cerr << "naive-xapian: cannot read " << archive << "\n";
        return 1;
    }
    Xapian::WritableDatabase db(dbdir, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));  // default strategy: STEM_SOME

    const auto start = Clock::now();
    std::string line;
    std::size_t line_no = 0, articles = 0, paragraphs = 0, bytes = 0, bad = 0;
    while (std::getline(in, line)) {
        ++line_no;
        bytes += line.size() + 1;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::json obj;
        try {
            obj = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            std::cerr << archive << ":" << line_no << ": skipped: " << e.what() << "\n";
            ++bad;
            continue;
        }
        const std::string title = obj.value("title", std::string());
        const std::string date = obj.value("date", std::string());
        const std::string source = obj.value("source", std::string());
        std::string author;
        if (auto it = obj.find("authors");
            it != obj.end() && it->is_array() && !it->empty() && it->front().is_string()) {
            author = it->front().get<std::string>();
        }
        const std::string year = date.substr(0, 4);
        auto it = obj.find("paragraphs");
        if (it == obj.end() || !it->is_array()) {
            ++bad;
            continue;
        }
        ++articles;
        for (const auto& p : *it) {
            if (!p.is_string()) continue;
            const std::string& text = p.get_ref<const std::string&>();
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(title, 1, "S");
            tg.index_text(title);
            tg.increase_termpos();
            tg.index_text(text);
            doc.set_data(text);
            doc.add_value(0, year);
            doc.add_value(1, source);
            doc.add_value(2, author);
            db.add_document(doc);
            ++paragraphs;
        }
    }
    db.commit();
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::fprintf(stderr,
                 "naive-xapian: indexed %zu paragraphs of %zu articles (%zu bad lines), "
                 "%.1f MB in %.2f s, %.2f MB/s\n",
                 paragraphs, articles, bad, bytes / 1e6, secs, bytes / 1e6 / secs);
    std::printf("{\"paragraphs\": %zu, \"articles\": %zu, \"bytes\": %zu, \"seconds\": %.3f}\n",
                paragraphs, articles, bytes, secs);
    return 0;
}

enum class Mode { Top10, Exact, Snippets, Counted, Facets };

struct Searcher {
    Xapian::Database db;
    Xapian::Stem stem{"english"};
    Xapian::QueryParser qp;
    Mode mode;

    Searcher(const std::string& dbdir, Mode m) : db(dbdir), mode(m) {
        qp.set_stemmer(stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_database(db);  // needed for wildcards
        qp.set_default_op(Xapian::Query::OP_OR);
    }

    // Runs one query; returns the estimated number of matches (exact in facets mode).
    // `sink` accumulates something from every result so the work cannot be optimised away.
    Xapian::doccount run(const std::string& query_text, std::size_t& sink) {
        const unsigned flags =
            Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
            Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_WILDCARD;
        Xapian::Query query = qp.parse_query(query_text, flags);
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        Xapian::doccount check_at_least = 0;
        if (mode == Mode::Facets) {
            for (Xapian::valueno slot = 0; slot < 3; ++slot) {
                spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
                enquire.add_matchspy(spies.back().get());
            }
        }
        if (mode == Mode::Facets || mode == Mode::Counted || mode == Mode::Exact)
            check_at_least = db.get_doccount();
        Xapian::MSet mset = enquire.get_mset(0, 10, check_at_least);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const std::string data = it.get_document().get_data();
            sink += data.size();
            if (mode != Mode::Top10 && mode != Mode::Exact) {
                sink += mset.snippet(data, 220, stem).size();
            }
        }
        for (const auto& spy : spies) {
            for (auto v = spy->top_values_begin(10); v != spy->top_values_end(10); ++v) {
                sink += v.get_termfreq();
            }
        }
        return mset.get_matches_estimated();
    }
};

int search(const std::string& dbdir, const std::string& queries_path, Mode mode,
           const std::string& mode_name, int repeat) {
    const std::vector<std::string> queries = bench::read_queries(queries_path);
    const auto open_start = Clock::now();
    Searcher searcher(dbdir, mode);
    const double open_us = bench::micros_since(open_start);

    std::size_t sink = 0;
    const bench::LoopTimes times = bench::time_queries(
        queries, repeat, [&](const std::string& q) { return searcher.run(q, sink); });
    bench::print_loop_json("naive-xapian", mode_name, repeat, open_us, "", queries, times, sink);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "index") return index_archive(args[1], args[2]);
        if (args.size() >= 3 && args[0] == "search") {
            bench::LoopOptions loop;
            if (!bench::parse_loop_options(args, 3, loop)) return usage();
            const std::string& mode_name = loop.mode;
            const int repeat = loop.repeat;
            Mode mode;
            if (mode_name == "top10") {
                mode = Mode::Top10;
            } else if (mode_name == "snippets") {
                mode = Mode::Snippets;
            } else if (mode_name == "exact") {
                mode = Mode::Exact;
            } else if (mode_name == "counted") {
                mode = Mode::Counted;
            } else if (mode_name == "facets") {
                mode = Mode::Facets;
            } else {
                return usage();
            }
            return search(args[1], args[2], mode, mode_name, repeat);
        }
        return usage();
    } catch (const Xapian::Error& e) {
        std::cerr << "naive-xapian: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "naive-xapian: " << e.what() << "\n";
        return 1;
    }
}
