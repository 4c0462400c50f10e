// fts5-bench: the SQLite FTS5 peer of naive-xapian, so that scripts/bench can put Parley
// next to FTS5 on the same archive and queries. Same command line and output as
// naive-xapian (bench/naive_xapian.cpp); it uses the sqlite3 C API the way an SQLite user
// who cares about speed would.
//
//   fts5-bench index ARCHIVE.jsonl DIR [--no-optimize]
//       Writes DIR/fts5.db with two tables:
//         p     CREATE VIRTUAL TABLE p USING fts5(title, text, tokenize = 'porter unicode61
//               remove_diacritics 2'): one row per paragraph, its article's title and its
//               text; contentful (FTS5 keeps both for snippet()), detail=full (positions,
//               for phrases). unicode61 lower-cases and splits on Unicode classes, porter
//               is Porter's English stemmer; FTS5 has no stop words, so "of the" works.
//         meta  an ordinary table keyed by the same rowid: article id, paragraph number
//               (1-based) and year (first 4 characters of date). Kept out of p because
//               FTS5 reads a row's whole content record (the paragraph text too) to give
//               any column of it; the year facet over a large match set reads a small
//               meta row instead (20k matches: 3 ms, against 37 ms with an UNINDEXED year
//               column in p).
//       Bulk load: journal_mode=OFF, synchronous=OFF, exclusive locking, FTS5's 'hashsize'
//       raised from 1 MB to 64 MB (fewer, larger segments: 25% less time on 70k paragraphs;
//       a larger page cache made no difference), one transaction, one prepared INSERT per
//       table, then FTS5's INSERT INTO p(p) VALUES('optimize'), which merges the segments
//       into one b-tree (timed apart as merge_seconds, also inside seconds; --no-optimize
//       skips it).
//       Prints {"paragraphs", "articles", "bytes", "text_bytes", "seconds",
//       "merge_seconds"} and a summary line on stderr.
//
//   fts5-bench search DIR QUERIES.txt --mode top10|snippets|facets [--repeat R]
//                     [--text-phrases-only]
//       A query line holds bare words and "quoted phrases"; every part must match, in
//       title or text. Each part becomes one FTS5 string ("..." with " doubled), which
//       FTS5's tokenizer turns into a phrase of the part's tokens; the parts are joined
//       with AND. No column filter, so a part matches in either column (a phrase within
//       one column), as Parley's phrases match (but for a phrase of function words alone,
//       which Parley looks for in the text only). --text-phrases-only limits phrases to
//       the text ({text} : "..." for parts of several tokens).
//       Every mode gets the top 10 by FTS5's bm25() (ORDER BY rank) and the exact total.
//       top10: id, paragraph and title of each hit (meta joined on rowid) and
//       SELECT count(*) ... MATCH for the total. snippets: also snippet() on the text
//       column, 38 tokens (~220 characters). facets: snippets, plus the exact count of
//       every year over the whole match set (GROUP BY over meta); their sum is the total,
//       so facets needs no count(*).
//       The database is opened read-only with memory-mapped I/O (mmap_size 1 GB) and the
//       statements prepared once, outside the timing; open_us reports it. One warm-up
//       pass, then R passes; the JSON is naive-xapian's with engine "sqlite-fts5".
//
// Links only SQLite and nlohmann_json (to read the archive).

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_common.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kDbName = "fts5.db";
constexpr int kSnippetTokens = 38;  // FTS5 counts snippet length in tokens; 38 ≈ 220 chars
constexpr long kHashBytes = 64L << 20;

int usage() {
    std::cerr << "usage: fts5-bench index ARCHIVE.jsonl DIR [--no-optimize]\n"
                 "       fts5-bench search DIR QUERIES.txt --mode top10|snippets|facets "
                 "[--repeat R] [--text-phrases-only]\n";
    return 2;
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// ------------------------------------------------------------------------ sqlite helpers

class Db {
  public:
    Db(const std::string& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error(path + ": " + msg);
        }
    }
    ~Db() { sqlite3_close(db_); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    sqlite3* get() const { return db_; }

    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            const std::string msg = err ? err : sqlite3_errmsg(db_);
            sqlite3_free(err);
            throw std::runtime_error(msg + " in: " + sql);
        }
    }

  private:
    sqlite3* db_ = nullptr;
};

class Stmt {
  public:
    Stmt(Db& db, const std::string& sql) : db_(db.get()) {
        if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) !=
            SQLITE_OK) {
            throw std::runtime_error(std::string(sqlite3_errmsg(db_)) + " in: " + sql);
        }
    }
    ~Stmt() { sqlite3_finalize(stmt_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    // The text must outlive the step (SQLITE_STATIC: no copy).
    void bind(int i, const std::string& text) {
        check(
            sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC));
    }
    void bind(int i, sqlite3_int64 v) { check(sqlite3_bind_int64(stmt_, i, v)); }

    // True while there is a row.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(sqlite3_errmsg(db_));
    }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

    sqlite3_int64 integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    // Bytes of a text column (forces the text conversion, like reading it would).
    std::size_t text_size(int col) const {
        sqlite3_column_text(stmt_, col);
        return static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col));
    }

  private:
    void check(int rc) {
        if (rc != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// ------------------------------------------------------------------------------ indexing

int index_archive(const std::string& archive, const std::string& dir, bool optimize) {
    std::ifstream in(archive, std::ios::binary);
    if (!in) {
        std::cerr << "fts5-bench: cannot read " << archive << "\n";
        return 1;
    }
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/" + kDbName;
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-journal");

    const auto start = Clock::now();
    Db db(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // Nothing to recover from: a failed build is rebuilt, so no journal and no fsync.
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE");
    db.exec(
        "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT, para INTEGER, year INTEGER);"
        "CREATE VIRTUAL TABLE p USING fts5(title, text,"
        " tokenize = 'porter unicode61 remove_diacritics 2');");
    // FTS5 buffers new terms in a hash table and writes a segment each time it outgrows
    // hashsize (1 MB by default); 64 MB means few segments and little merging.
    db.exec("INSERT INTO p(p, rank) VALUES('hashsize', " + std::to_string(kHashBytes) + ")");
    db.exec("BEGIN");
    Stmt insert_p(db, "INSERT INTO p(rowid, title, text) VALUES(?1, ?2, ?3)");
    Stmt insert_meta(db, "INSERT INTO meta(rowid, id, para, year) VALUES(?1, ?2, ?3, ?4)");

    std::string line;
    std::size_t line_no = 0, articles = 0, paragraphs = 0, bytes = 0, text_bytes = 0, bad = 0;
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
        auto it = obj.find("paragraphs");
        if (!obj.is_object() || it == obj.end() || !it->is_array()) {
            ++bad;
            continue;
        }
        const std::string title = obj.value("title", std::string());
        const std::string id = obj.value("id", std::string());
        const std::string date = obj.value("date", std::string());
        const sqlite3_int64 year = std::atoll(date.substr(0, 4).c_str());
        ++articles;
        sqlite3_int64 number = 0;
        for (const auto& p : *it) {
            if (!p.is_string()) continue;
            const std::string& text = p.get_ref<const std::string&>();
            const auto rowid = static_cast<sqlite3_int64>(++paragraphs);
            insert_p.bind(1, rowid);
            insert_p.bind(2, title);
            insert_p.bind(3, text);
            insert_p.step();
            insert_p.reset();
            insert_meta.bind(1, rowid);
            insert_meta.bind(2, id);
            insert_meta.bind(3, ++number);
            insert_meta.bind(4, year);
            insert_meta.step();
            insert_meta.reset();
            text_bytes += text.size();
        }
    }
    db.exec("COMMIT");
    const auto merge_start = Clock::now();
    if (optimize) db.exec("INSERT INTO p(p) VALUES('optimize')");
    const double merge_secs = seconds_since(merge_start);
    const double secs = seconds_since(start);

    std::fprintf(stderr,
                 "fts5-bench: indexed %zu paragraphs of %zu articles (%zu bad lines), "
                 "%.1f MB of text in %.2f s (optimize %.2f s), %.2f MB/s\n",
                 paragraphs, articles, bad, text_bytes / 1e6, secs, merge_secs,
                 text_bytes / 1e6 / secs);
    std::printf(
        "{\"paragraphs\": %zu, \"articles\": %zu, \"bytes\": %zu, \"text_bytes\": %zu, "
        "\"seconds\": %.3f, \"merge_seconds\": %.3f}\n",
        paragraphs, articles, bytes, text_bytes, secs, merge_secs);
    return 0;
}

// -------------------------------------------------------------------------------- search

using Mode = bench::PeerMode;

// Runs of letters and digits in a part (non-ASCII bytes count as letters): an estimate of
// how many tokens unicode61 will make of it, only to tell one-word parts from phrases.
int token_runs(const std::string& s) {
    int runs = 0;
    bool in_run = false;
    for (unsigned char c : s) {
        const bool word = std::isalnum(c) || c >= 0x80;
        if (word && !in_run) ++runs;
        in_run = word;
    }
    return runs;
}

// The FTS5 MATCH expression of a query line: "part" AND "part" ...
std::string match_expression(const std::string& line, bool text_phrases_only) {
    std::string expr;
    for (const bench::QueryPart& part : bench::query_parts(line)) {
        const int runs = token_runs(part.text);
        if (runs == 0) continue;  // nothing FTS5 would index
        if (!expr.empty()) expr += " AND ";
        if (text_phrases_only && runs > 1) expr += "{text} : ";
        expr += '"';
        for (char c : part.text) {
            if (c == '"') expr += '"';
            expr += c;
        }
        expr += '"';
    }
    return expr;
}

class Searcher {
  public:
    Searcher(const std::string& dir, Mode mode, bool text_phrases_only)
        : db_(dir + "/" + kDbName, SQLITE_OPEN_READONLY),
          configured_(configure(db_)),
          mode_(mode),
          text_phrases_only_(text_phrases_only),
          top_(db_, top_sql(mode)),
          count_(db_, "SELECT count(*) FROM p WHERE p MATCH ?1"),
          years_(db_,
                 "SELECT m.year, count(*) FROM p JOIN meta m ON m.rowid = p.rowid"
                 " WHERE p MATCH ?1 GROUP BY m.year") {}

    // Runs one query; returns the exact number of matching paragraphs. `sink` accumulates
    // something from every result so that the work cannot be optimised away.
    std::size_t run(const std::string& line, std::size_t& sink) {
        const std::string expr = match_expression(line, text_phrases_only_);
        if (expr.empty()) return 0;
        top_.bind(1, expr);
        while (top_.step()) {
            sink +=
                static_cast<std::size_t>(top_.integer(1)) + top_.text_size(0) + top_.text_size(2);
            if (mode_ != Mode::Top10) sink += top_.text_size(3);
        }
        top_.reset();

        std::size_t total = 0;
        if (mode_ == Mode::Facets) {
            years_.bind(1, expr);
            while (years_.step()) {
                const auto n = static_cast<std::size_t>(years_.integer(1));
                sink += static_cast<std::size_t>(years_.integer(0)) + n;
                total += n;
            }
            years_.reset();
        } else {
            count_.bind(1, expr);
            if (count_.step()) total = static_cast<std::size_t>(count_.integer(0));
            count_.reset();
        }
        return total;
    }

  private:
    static bool configure(Db& db) {
        // Reads through the page cache of the OS instead of copying pages into SQLite's.
        db.exec("PRAGMA mmap_size = 1073741824");
        return true;
    }

    static std::string top_sql(Mode mode) {
        std::string sql = "SELECT m.id, m.para, p.title";
        if (mode != Mode::Top10) {
            sql += ", snippet(p, 1, '<b>', '</b>', '...', " + std::to_string(kSnippetTokens) + ")";
        }
        // p drives the join, so FTS5 sorts by rank itself and meta is read for 10 rows.
        return sql +
               " FROM p JOIN meta m ON m.rowid = p.rowid WHERE p MATCH ?1"
               " ORDER BY p.rank LIMIT 10";
    }

    Db db_;
    bool configured_;
    Mode mode_;
    bool text_phrases_only_;
    Stmt top_, count_, years_;
};

int search(const std::string& dir, const std::string& queries_path, Mode mode,
           const std::string& mode_name, int repeat, bool text_phrases_only) {
    const std::vector<std::string> queries = bench::read_queries(queries_path);
    if (!std::filesystem::exists(dir + "/" + kDbName)) {
        throw std::runtime_error("no index in " + dir);
    }
    const auto open_start = Clock::now();
    Searcher searcher(dir, mode, text_phrases_only);
    const double open_us = bench::micros_since(open_start);

    std::size_t sink = 0;
    const bench::LoopTimes times = bench::time_queries(
        queries, repeat, [&](const std::string& q) { return searcher.run(q, sink); });
    bench::print_loop_json("sqlite-fts5", mode_name, repeat, open_us, "", queries, times, sink);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() >= 3 && args[0] == "index") {
            bool optimize = true;
            for (std::size_t i = 3; i < args.size(); ++i) {
                if (args[i] != "--no-optimize") return usage();
                optimize = false;
            }
            return index_archive(args[1], args[2], optimize);
        }
        if (args.size() >= 3 && args[0] == "search") {
            const auto s = bench::parse_peer_search(args);
            if (!s) return usage();
            return search(s->dir, s->queries, s->mode, s->loop.mode, s->loop.repeat,
                          s->text_phrases_only);
        }
        return usage();
    } catch (const std::exception& e) {
        std::cerr << "fts5-bench: " << e.what() << "\n";
        return 1;
    }
}
