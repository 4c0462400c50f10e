// sphinx-bench: the Sphinx 2.2.11 peer of naive-xapian, so that scripts/bench can put Parley
// next to Sphinx on the same archive and queries. Same command line and output as
// naive-xapian (bench/naive_xapian.cpp); it drives Sphinx's own programs, indexer and
// searchd, the way a Sphinx user would, and talks SphinxQL to searchd through libmariadb.
//
//   sphinx-bench index ARCHIVE.jsonl DIR
//       Writes DIR/sphinx.conf and runs `indexer` on it, which builds the plain index
//       DIR/idx.* from a tsvpipe source whose command is `cat`: cat inherits indexer's
//       standard input, which is a pipe this program fills while indexer runs (the JSON
//       to TSV conversion runs on the second core; no temporary file). The measured time
//       runs from opening the archive to indexer's exit, so it includes the conversion.
//       One document per paragraph (document id = paragraph number in the archive):
//         title, text  full-text fields with positions, and string attributes
//                      (tsvpipe_field_string), so that SphinxQL returns the title and
//                      SNIPPET() has the text
//         article      string attribute: the article id
//         para, year   integer attributes: 1-based paragraph number, year of date
//       Analysis: morphology = stem_en (Porter), min_word_len = 1, no stop words,
//       dict = keywords (2.2's default), html_strip off; the charset_table below folds
//       Latin diacritics like FTS5's remove_diacritics and Parley's normaliser. Bulk
//       settings: indexer's defaults (mem_limit 128M): larger buffers were slower. The
//       index size (du -sb DIR) includes the stored title and text in idx.sps,
//       as FTS5's and Lucene's include their stored text. indexer's report goes to
//       DIR/indexer.log (its warnings and errors to stderr too). Prints {"paragraphs",
//       "articles", "bytes", "text_bytes", "seconds"} and a summary line on stderr.
//
//   sphinx-bench search DIR QUERIES.txt --mode top10|snippets|facets [--repeat R]
//                       [--text-phrases-only]
//       Starts `searchd --nodetach` on DIR/searchd.conf (a free port on 127.0.0.1, the
//       mysql41 protocol, log and pid file in DIR, watchdog off, no binlog), waits until
//       it answers, runs the loop and stops it with SIGTERM: also on errors and when this
//       program is interrupted, and the kernel sends searchd SIGTERM if this program dies
//       (PR_SET_PDEATHSIG). open_us is the time from starting searchd until the first
//       connection succeeds (searchd loads the index before it accepts one).
//       A query line holds bare words and "quoted phrases"; every part must match, in
//       title or text. Each part becomes its tokens (letters and digits, ASCII
//       lower-cased): one token stands alone, several are a "phrase"; Sphinx's extended
//       syntax ANDs them. Tokens hold no operator characters, so nothing needs escaping
//       but the SQL string. --text-phrases-only limits phrases to the text (@text); Parley's
//       phrases match title or text, as here by default.
//       Every mode: SELECT id, article, para, title ... WHERE MATCH(...) LIMIT 10
//       OPTION ranker=bm25, max_matches=10, and the exact total from SHOW META's
//       total_found (counted over all matches whatever max_matches is; no cutoff), in one
//       round trip as a multi-statement. ranker=bm25 is Sphinx's purely statistical
//       ranker; the default, proximity_bm25, would add a phrase-proximity term.
//       snippets: adds SNIPPET(text, query, 'limit=220', 'query_mode=1'), which searchd
//       evaluates for the 10 rows it returns (query_mode=1 reads the query as extended
//       syntax, so that a phrase is highlighted only where it occurs as a phrase).
//       facets: snippets, plus SELECT year, COUNT(*) ... GROUP BY year with
//       max_matches=1000 (exact up to 1000 distinct years) and ranker=none, in the same
//       batch (faster than 2.2's FACET clause, which needs max_matches=1000 on the ranked
//       query).
//       One warm-up pass, then R passes; the JSON is naive-xapian's with engine "sphinx".
//
// Links libmariadb (the MySQL protocol client) and nlohmann_json (to read the archive).

#include <fcntl.h>
#include <mysql.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench_common.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kIndexName = "idx";
constexpr int kSnippetChars = 220;
constexpr int kFacetMaxMatches = 1000;
constexpr auto kStartTimeout = std::chrono::seconds(120);
constexpr auto kStopTimeout = std::chrono::seconds(30);

int usage() {
    std::cerr << "usage: sphinx-bench index ARCHIVE.jsonl DIR\n"
                 "       sphinx-bench search DIR QUERIES.txt --mode top10|snippets|facets "
                 "[--repeat R] [--text-phrases-only]\n";
    return 2;
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// ------------------------------------------------------------------------- configuration

// Sphinx 2.2.11 knows only ASCII and Russian letters unless told otherwise, and has no
// Unicode-wide alias (non_cjk came in a later release), so the table is spelled out:
// ASCII letters and digits, Latin-1 Supplement and Latin Extended-A letters folded to
// their base letter, Greek and Cyrillic lower-cased (ё as е). Everything else, the
// underscore too, separates words, as in FTS5's unicode61.
std::string charset_table() {
    // One character per code point from U+00C0 and from U+0100: an ASCII letter is what
    // the code point folds to, '=' keeps it as its own (lower-case) letter, '-' is no letter.
    constexpr std::string_view latin1 =
        "aaaaaa=ceeeeiiii=nooooo-ouuuuy==aaaaaa=ceeeeiiii=nooooo-ouuuuy=y";
    constexpr std::string_view latin_ext_a =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii==jjkkkllllllllllnnnnnnn==oooooo=="
        "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    static_assert(latin1.size() == 0x40 && latin_ext_a.size() == 0x80);
    std::string table = "0..9, A..Z->a..z, a..z";
    char buf[48];
    auto add = [&](unsigned cp, char fold, unsigned lower) {
        if (fold == '-') return;
        if (fold == '=') {
            if (lower == cp) {
                std::snprintf(buf, sizeof buf, ", U+%X", cp);
            } else {
                std::snprintf(buf, sizeof buf, ", U+%X->U+%X", cp, lower);
            }
        } else {
            std::snprintf(buf, sizeof buf, ", U+%X->%c", cp, fold);
        }
        table += buf;
    };
    for (unsigned i = 0; i < latin1.size(); ++i) {
        const unsigned cp = 0xC0 + i;
        add(cp, latin1[i], cp < 0xDF ? cp + 0x20 : cp);  // À..Þ are upper case
    }
    for (unsigned i = 0; i < latin_ext_a.size(); ++i) {
        const unsigned cp = 0x100 + i;
        add(cp, latin_ext_a[i], cp | 1);  // the kept pairs (Ĳ, Ŋ, Œ) are upper even, lower odd
    }
    table +=
        ", U+391..U+3A1->U+3B1..U+3C1, U+3A3..U+3A9->U+3C3..U+3C9, U+3B1..U+3C9"
        ", U+410..U+42F->U+430..U+44F, U+430..U+44F, U+401->U+435, U+451->U+435";
    return table;
}

// The configuration for indexer (port 0: no searchd section) or for searchd.
std::string sphinx_config(const fs::path& dir, int port) {
    const std::string d = dir.string();
    std::string conf;
    conf += "source src\n{\n";
    conf += "    type = tsvpipe\n";
    // cat copies indexer's standard input, which this program feeds.
    conf += "    tsvpipe_command = cat\n";
    // The TSV columns after the document id, in this order.
    conf += "    tsvpipe_field_string = title\n";
    conf += "    tsvpipe_field_string = text\n";
    conf += "    tsvpipe_attr_string = article\n";
    conf += "    tsvpipe_attr_uint = para\n";
    conf += "    tsvpipe_attr_uint = year\n";
    conf += "}\n\n";
    conf += std::string("index ") + kIndexName + "\n{\n";
    conf += "    source = src\n";
    conf += "    path = " + d + "/" + kIndexName + "\n";
    conf += "    docinfo = extern\n";
    conf += "    dict = keywords\n";
    conf += "    morphology = stem_en\n";
    conf += "    min_word_len = 1\n";
    conf += "    html_strip = 0\n";
    conf += "    charset_table = " + charset_table() + "\n";
    conf += "}\n\n";
    // The default, said out loud: 512M and 1024M were slower (page faults), 200k
    // paragraphs 15.5 s against 10.6 s; a larger write_buffer did not help either.
    conf += "indexer\n{\n";
    conf += "    mem_limit = 128M\n";
    conf += "}\n";
    if (port > 0) {
        conf += "\nsearchd\n{\n";
        conf += "    listen = 127.0.0.1:" + std::to_string(port) + ":mysql41\n";
        conf += "    log = " + d + "/searchd.log\n";
        conf += "    pid_file = " + d + "/searchd.pid\n";
        conf += "    binlog_path =\n";  // only for real-time indexes; none here
        conf += "    watchdog = 0\n";   // one process, the one this program started
        conf += "    workers = threads\n";
        conf += "}\n";
    }
    return conf;
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// --------------------------------------------------------------------- child processes

// A child process that is terminated and reaped when it goes out of scope, whatever path
// leaves that scope.
class Child {
  public:
    // Runs argv with stdin from `in_fd` (-1: /dev/null) and stdout and stderr to `out_path`.
    // `close_fd` is closed in the child (the parent's end of a pipe).
    Child(const std::vector<std::string>& argv, int in_fd, int close_fd, const fs::path& out_path) {
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (out < 0) throw std::runtime_error("cannot write " + out_path.string());
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ < 0) {
            ::close(out);
            throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
        }
        if (pid_ == 0) {
            // Should this program die without cleaning up, the kernel stops the child.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent) ::_exit(127);
            const int in = in_fd >= 0 ? in_fd : ::open("/dev/null", O_RDONLY);
            ::dup2(in, 0);
            ::dup2(out, 1);
            ::dup2(out, 2);
            if (close_fd >= 0) ::close(close_fd);
            ::execvp(args[0], args.data());
            std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
            ::_exit(127);
        }
        ::close(out);
        running_pid = pid_;
    }
    ~Child() { stop(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // Waits for the child to exit by itself; returns its exit status (-1: killed).
    int wait() {
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        reaped();
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    // True while the child has not exited.
    bool alive() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == 0) return true;
        reaped();
        return false;
    }

    // SIGTERM, then SIGKILL if it has not exited after kStopTimeout; reaps it.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + kStopTimeout;
        while (alive()) {
            if (Clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, nullptr, 0);
                reaped();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    // The child of the moment, for the signal handler (one child at a time here).
    static inline volatile sig_atomic_t running_pid = 0;

  private:
    void reaped() {
        pid_ = 0;
        running_pid = 0;
    }

    pid_t pid_ = 0;
};

// SIGINT/SIGTERM/SIGHUP: stop the child before dying of the signal.
extern "C" void on_signal(int sig) {
    const pid_t pid = Child::running_pid;
    if (pid > 0) {
        ::kill(pid, SIGTERM);
        ::waitpid(pid, nullptr, 0);
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_signal_handlers() {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_signal);
    std::signal(SIGPIPE, SIG_IGN);  // a dead reader shows as EPIPE
}

// ------------------------------------------------------------------------------ indexing

// Buffered writes to a pipe; false once the reader is gone.
class PipeWriter {
  public:
    explicit PipeWriter(int fd) : fd_(fd) { buf_.reserve(kSize); }
    bool put(std::string_view s) {
        buf_ += s;
        return buf_.size() < kSize || flush();
    }
    bool flush() {
        std::size_t done = 0;
        while (done < buf_.size()) {
            const ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        buf_.clear();
        return true;
    }

  private:
    static constexpr std::size_t kSize = 1 << 20;
    int fd_;
    std::string buf_;
};

// A TSV value: tsvpipe has no quoting, so tabs and line ends become spaces (the tokens
// stay the same; only a snippet may show a space for a tab).
void append_tsv(std::string& out, std::string_view s) {
    for (char c : s) out += (c == '\t' || c == '\n' || c == '\r' || c == '\0') ? ' ' : c;
}

int index_archive(const std::string& archive, const std::string& dir_arg) {
    std::ifstream in(archive, std::ios::binary);
    if (!in) {
        std::cerr << "sphinx-bench: cannot read " << archive << "\n";
        return 1;
    }
    fs::create_directories(dir_arg);
    const fs::path dir = fs::absolute(dir_arg);
    for (const auto& entry : fs::directory_iterator(dir)) {  // a previous index
        if (entry.path().stem() == kIndexName) fs::remove(entry.path());
    }
    const fs::path conf = dir / "sphinx.conf";
    write_file(conf, sphinx_config(dir, 0));
    install_signal_handlers();

    const auto start = Clock::now();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    const fs::path log = dir / "indexer.log";
    std::size_t line_no = 0, articles = 0, paragraphs = 0, bytes = 0, text_bytes = 0, bad = 0;
    bool fed = true;
    int status = 0;
    {
        // dup2 in the child clears O_CLOEXEC on its stdin copy of the read end.
        Child indexer({"indexer", "--config", conf.string(), "--noprogress", kIndexName}, fds[0],
                      fds[1], log);
        ::close(fds[0]);
        PipeWriter out(fds[1]);
        std::string line, row;
        while (fed && std::getline(in, line)) {
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
            const int year = std::atoi(date.substr(0, 4).c_str());
            ++articles;
            int number = 0;
            for (const auto& p : *it) {
                if (!p.is_string()) continue;
                const std::string& text = p.get_ref<const std::string&>();
                row = std::to_string(++paragraphs);
                row += '\t';
                append_tsv(row, title);
                row += '\t';
                append_tsv(row, text);
                row += '\t';
                append_tsv(row, id);
                row += '\t' + std::to_string(++number) + '\t' + std::to_string(year) + '\n';
                text_bytes += text.size();
                if (!out.put(row)) {
                    fed = false;
                    break;
                }
            }
        }
        fed = fed && out.flush();
        ::close(fds[1]);  // end of input: cat exits, indexer finishes the index
        status = indexer.wait();
    }
    const double secs = seconds_since(start);

    // indexer's report: pass its warnings and errors on, keep the rest in the log.
    std::istringstream report(read_file(log));
    for (std::string l; std::getline(report, l);) {
        if (l.starts_with("WARNING") || l.starts_with("ERROR") || l.starts_with("FATAL")) {
            std::cerr << "indexer: " << l << "\n";
        }
    }
    if (status != 0 || !fed) {
        std::cerr << "sphinx-bench: indexer failed (exit " << status << "), see " << log.string()
                  << "\n";
        return 1;
    }
    std::fprintf(stderr,
                 "sphinx-bench: indexed %zu paragraphs of %zu articles (%zu bad lines), "
                 "%.1f MB of text in %.2f s, %.2f MB/s\n",
                 paragraphs, articles, bad, text_bytes / 1e6, secs, text_bytes / 1e6 / secs);
    std::printf(
        "{\"paragraphs\": %zu, \"articles\": %zu, \"bytes\": %zu, \"text_bytes\": %zu, "
        "\"seconds\": %.3f}\n",
        paragraphs, articles, bytes, text_bytes, secs);
    return 0;
}

// -------------------------------------------------------------------------------- search

using Mode = bench::PeerMode;

// Runs of ASCII letters and digits and of non-ASCII bytes, ASCII lower-cased. Lower case
// also keeps words like NEAR or MAYBE from being read as operators.
std::vector<std::string> tokens(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c >= 0x80) {
            cur += static_cast<char>(std::tolower(c));
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

// The extended-syntax query of a line: parts separated by spaces (implicit AND).
std::string match_expression(const std::string& line, bool text_phrases_only) {
    std::string expr;
    for (const bench::QueryPart& part : bench::query_parts(line)) {
        const std::vector<std::string> toks = tokens(part.text);
        if (toks.empty()) continue;
        const bool phrase = part.quoted || toks.size() > 1;
        if (!expr.empty()) expr += ' ';
        // A field limit holds until the next one, so every part states its own.
        if (text_phrases_only) expr += phrase && toks.size() > 1 ? "@text " : "@* ";
        if (phrase) expr += '"';
        for (std::size_t i = 0; i < toks.size(); ++i) expr += (i ? " " : "") + toks[i];
        if (phrase) expr += '"';
    }
    return expr;
}

// A SphinxQL string literal.
std::string sql_string(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("no free port");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

class Connection {
  public:
    Connection() : mysql_(mysql_init(nullptr)) {
        if (!mysql_) throw std::runtime_error("mysql_init failed");
    }
    ~Connection() { mysql_close(mysql_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool connect(int port) {
        const unsigned timeout = 5;
        mysql_options(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
        return mysql_real_connect(mysql_, "127.0.0.1", "", "", nullptr, static_cast<unsigned>(port),
                                  nullptr, CLIENT_MULTI_STATEMENTS) != nullptr;
    }
    std::string error() { return mysql_error(mysql_); }

    // Sends a batch of statements; calls `row(set, fields, lengths, count)` for every row
    // of every result set, `set` counting the result sets from 0.
    template <typename RowFn>
    void query(const std::string& sql, RowFn&& row) {
        if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) fail(sql);
        for (int set = 0;; ++set) {
            MYSQL_RES* res = mysql_store_result(mysql_);
            if (res) {
                const unsigned n = mysql_num_fields(res);
                while (MYSQL_ROW r = mysql_fetch_row(res)) row(set, r, mysql_fetch_lengths(res), n);
                mysql_free_result(res);
            } else if (mysql_field_count(mysql_) != 0) {
                fail(sql);
            }
            const int next = mysql_next_result(mysql_);
            if (next > 0) fail(sql);
            if (next < 0) break;
        }
    }

  private:
    [[noreturn]] void fail(const std::string& sql) {
        throw std::runtime_error("searchd: " + error() + " in: " + sql);
    }

    MYSQL* mysql_;
};

class Searcher {
  public:
    Searcher(const fs::path& dir, Mode mode, bool text_phrases_only)
        : mode_(mode), text_phrases_only_(text_phrases_only) {
        const fs::path conf = dir / "searchd.conf";
        // The port is free when chosen but could be taken before searchd binds it: retry.
        for (int attempt = 1;; ++attempt) {
            const int port = free_port();
            write_file(conf, sphinx_config(dir, port));
            searchd_ = std::make_unique<Child>(
                std::vector<std::string>{"searchd", "--config", conf.string(), "--nodetach"}, -1,
                -1, dir / "searchd.out");
            const auto deadline = Clock::now() + kStartTimeout;
            while (searchd_->alive() && Clock::now() < deadline) {
                conn_ = std::make_unique<Connection>();
                if (conn_->connect(port)) return;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            const std::string why = searchd_->alive() ? "no answer" : "exited";
            conn_.reset();
            searchd_.reset();
            if (attempt == 3 || why == "no answer") {
                throw std::runtime_error("searchd " + why + "; see " +
                                         (dir / "searchd.out").string() + " and " +
                                         (dir / "searchd.log").string());
            }
        }
    }

    ~Searcher() {
        conn_.reset();  // close the connection before searchd goes
        searchd_.reset();
    }

    // Runs one query; returns the exact number of matching paragraphs. `sink` accumulates
    // something from every result so that the work cannot be optimised away.
    std::size_t run(const std::string& line, std::size_t& sink) {
        const std::string expr = match_expression(line, text_phrases_only_);
        if (expr.empty()) return 0;
        const std::string match =
            " FROM " + std::string(kIndexName) + " WHERE MATCH(" + sql_string(expr) + ")";
        std::string sql = "SELECT id, article, para, title";
        if (mode_ != Mode::Top10) {
            sql += ", SNIPPET(text, " + sql_string(expr) +
                   ", 'limit=" + std::to_string(kSnippetChars) + "', 'query_mode=1')";
        }
        sql += match + " LIMIT 10 OPTION ranker=bm25, max_matches=10; SHOW META";
        if (mode_ == Mode::Facets) {
            sql += "; SELECT year, COUNT(*)" + match + " GROUP BY year LIMIT " +
                   std::to_string(kFacetMaxMatches) +
                   " OPTION ranker=none, max_matches=" + std::to_string(kFacetMaxMatches);
        }
        std::size_t total = 0;
        conn_->query(sql, [&](int set, MYSQL_ROW row, unsigned long* lengths, unsigned n) {
            if (set == 1) {  // SHOW META: Variable_name, Value
                if (n == 2 && std::strcmp(row[0], "total_found") == 0) {
                    total = std::strtoull(row[1], nullptr, 10);
                }
                return;
            }
            for (unsigned i = 0; i < n; ++i) sink += lengths[i];
        });
        return total;
    }

  private:
    Mode mode_;
    bool text_phrases_only_;
    std::unique_ptr<Child> searchd_;
    std::unique_ptr<Connection> conn_;
};

int search(const std::string& dir_arg, const std::string& queries_path, Mode mode,
           const std::string& mode_name, int repeat, bool text_phrases_only) {
    const std::vector<std::string> queries = bench::read_queries(queries_path);
    const fs::path dir = fs::absolute(dir_arg);
    if (!fs::exists(dir / (std::string(kIndexName) + ".sph"))) {
        throw std::runtime_error("no index in " + dir_arg);
    }
    install_signal_handlers();
    const auto open_start = Clock::now();
    Searcher searcher(dir, mode, text_phrases_only);
    const double open_us = bench::micros_since(open_start);

    std::size_t sink = 0;
    const bench::LoopTimes times = bench::time_queries(
        queries, repeat, [&](const std::string& q) { return searcher.run(q, sink); });
    bench::print_loop_json("sphinx", mode_name, repeat, open_us, "", queries, times, sink);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "index") return index_archive(args[1], args[2]);
        if (args.size() >= 3 && args[0] == "search") {
            const auto s = bench::parse_peer_search(args);
            if (!s) return usage();
            return search(s->dir, s->queries, s->mode, s->loop.mode, s->loop.repeat,
                          s->text_phrases_only);
        }
        return usage();
    } catch (const std::exception& e) {
        std::cerr << "sphinx-bench: " << e.what() << "\n";
        return 1;
    }
}
