// Issue 9: faults. The writers of an index — `parley-index retag`, `parley-index compact`, a
// `--shard-by year` build and parley-serve answering POST /articles — killed with SIGKILL at
// several moments. Whatever the moment, the index must open, hold no torn article and no
// half-applied change, keep every write it acknowledged, and a rerun must finish the work so
// that the result equals a run that was never interrupted. Real binaries on real files and
// real Xapian databases; contents are compared with tests/tools/dump_index.py.
//
// The kill moments are spread over the time an uninterrupted run takes (measured in the
// test), with a random jitter; the assertions hold for every moment, including a process
// that finished before its kill.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, '\t');) fields.push_back(field);
    return fields;
}

// `parley-index stats --json`; null if the index does not open.
json stats(const std::string& index) {
    const RunResult r = run({PARLEY_INDEX_BIN, "stats", "--index", index, "--json"});
    if (r.exit_code != 0) return nullptr;
    return json::parse(r.out);
}

// parley-search --json, with BM25 scores rounded: an index's collection statistics are
// summed shard by shard, and their last bits are not what these tests are about.
json search_rounded(const std::string& index, const std::vector<std::string>& args) {
    json result = search(index, args);
    if (result.contains("hits")) {
        for (auto& hit : result.at("hits"))
            hit["score"] = std::round(hit["score"].get<double>() * 1e6) / 1e6;
    }
    return result;
}

// A random source for kill moments, its seed in the test's output so a failure can be
// replayed (PARLEY_KILL_SEED=N).
std::mt19937& kill_random() {
    static std::mt19937 random = [] {
        const char* given = std::getenv("PARLEY_KILL_SEED");
        const unsigned seed =
            given ? static_cast<unsigned>(std::stoul(given)) : std::random_device{}();
        std::cout << "[ kill seed ] PARLEY_KILL_SEED=" << seed << "\n";
        return std::mt19937(seed);
    }();
    return random;
}

// Kill moments: the given fractions of `whole` (the time an uninterrupted run took), each
// moved by up to a tenth of `whole` either way.
std::vector<Clock::duration> kill_moments(Clock::duration whole,
                                          const std::vector<double>& fractions) {
    std::uniform_real_distribution<double> jitter(-0.1, 0.1);
    std::vector<Clock::duration> out;
    for (const double f : fractions) {
        const double at = std::max(0.0, f + jitter(kill_random()));
        out.push_back(std::chrono::duration_cast<Clock::duration>(whole * at));
    }
    return out;
}

// Starts `args`, kills it with SIGKILL after `delay`. True if the kill ended it; false if it
// had finished first, which must then have been a success.
bool run_and_kill(const std::vector<std::string>& args, Clock::duration delay) {
    Background process = start(args);
    std::this_thread::sleep_for(delay);
    ::kill(process.pid, SIGKILL);  // a process that has ended is a zombie until waited for
    const int code = wait_for(process);
    if (code == 128 + SIGKILL) return true;
    EXPECT_EQ(code, 0) << "finished before the kill, but failed: " << process.err();
    return false;
}

// Two search results, equal; on a difference, the start of each rather than all of it.
void expect_same(const json& got, const json& wanted, const std::string& what) {
    if (got == wanted) return;
    const std::string a = got.dump(), b = wanted.dump();
    std::size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
    const std::size_t from = at > 100 ? at - 100 : 0;
    ADD_FAILURE() << what << ": results differ from byte " << at << ":\n  got    ..."
                  << a.substr(from, 300) << "\n  wanted ..." << b.substr(from, 300);
}

Clock::duration timed_run(const std::vector<std::string>& args) {
    const auto started = Clock::now();
    const RunResult r = run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Clock::now() - started;
}

void copy_index(const std::string& from, const std::string& to) {
    fs::remove_all(to);
    fs::copy(from, to, fs::copy_options::recursive);
}

struct GeneratedArticle {
    std::string id;
    std::string shard;  // of a year-sharded index: "y2019", or "undated"
    std::vector<std::string> paragraphs;
    json object;  // as JSON Lines and POST /articles take it
};

// How generate_articles() makes them.
struct Shape {
    unsigned seed = 11;     // of the words
    int first_year = 2015;  // dated articles spread over `years` years from this one
    int years = 10;
    std::size_t min_paragraphs = 4;  // each article has this many, or one or two more
};

// `count` articles of made-up words (seeded: the same every run), dated over some years
// except every eleventh; each paragraph names two actors of the built-in gazetteer and
// mentions "Kestrel" and AUKUS — what changed_gazetteer() changes.
std::vector<GeneratedArticle> generate_articles(std::size_t count, const std::string& id_prefix,
                                                const Shape& shape = {}) {
    std::mt19937 random(shape.seed);
    static const char* kSyllables[] = {"ka",  "lo",  "mi",  "ren", "sa",  "tu", "vex", "dor",
                                       "pel", "qua", "zin", "bo",  "har", "nu", "gli", "tra"};
    static const char* kActors[] = {"China", "Russia", "NATO",  "Japan",
                                    "India", "Brazil", "Kenya", "the Quad"};
    auto word = [&] {
        std::string w;
        for (int i = 0, n = 2 + static_cast<int>(random() % 2); i < n; ++i)
            w += kSyllables[random() % 16];
        return w;
    };
    std::vector<GeneratedArticle> out;
    for (std::size_t a = 0; a < count; ++a) {
        GeneratedArticle article;
        article.id = id_prefix + std::to_string(a);
        article.object = {{"id", article.id}, {"title", word() + " " + word()}};
        if (a % 11 == 0) {
            article.shard = "undated";
        } else {
            const std::string year =
                std::to_string(shape.first_year + static_cast<int>(a) % shape.years);
            article.shard = "y" + year;
            article.object["date"] =
                year + "-0" + std::to_string(1 + a % 9) + "-1" + std::to_string(a % 10);
        }
        for (std::size_t p = 0, n = shape.min_paragraphs + a % 3; p < n; ++p) {
            std::string text;
            for (int w = 0; w < 24; ++w) text += word() + (w % 8 == 7 ? ". " : " ");
            text += std::string(kActors[(a + p) % 8]) + " and " + kActors[(a * 3 + p + 1) % 8] +
                    " met with Kestrel and AUKUS.";
            article.paragraphs.push_back(text);
        }
        article.object["paragraphs"] = article.paragraphs;
        out.push_back(std::move(article));
    }
    return out;
}

void write_jsonl(const std::string& path, const std::vector<GeneratedArticle>& articles) {
    std::string text;
    for (const auto& a : articles) text += a.object.dump() + "\n";
    write_file(path, text);
}

// The built-in gazetteer without AUKUS and with a new organisation, "Kestrel Pact", whose
// alias "Kestrel" every generated paragraph holds: a re-tag changes every paragraph.
std::string changed_gazetteer() {
    std::string text = run({"/bin/cat", PARLEY_CORPORA "/gazetteer/default.gazetteer"}).out;
    const std::string aukus = "alliance: AUKUS | Aukus\n";
    EXPECT_NE(text.find(aukus), std::string::npos);
    text.erase(text.find(aukus), aukus.size());
    return text + "organisation: Kestrel Pact | Kestrel\n";
}

// An article as one shard holds it (dump_index.py INDEX articles).
struct HeldArticle {
    std::string shard;    // "y2019", "undated" (without the generation)
    long paragraphs = 0;  // the shard holds
    long stated = 0;      // by its record in that shard
};

// Article id → every shard holding it.
std::map<std::string, std::vector<HeldArticle>> articles_held(const std::string& index) {
    std::map<std::string, std::vector<HeldArticle>> out;
    for (const auto& line : lines_of(dump_index(index, "articles"))) {
        const auto f = split_tabs(line);
        if (f.size() != 4) {
            ADD_FAILURE() << "bad line: " << line;
            continue;
        }
        out[f[1]].push_back({f[0].substr(0, f[0].rfind('.')), std::stol(f[2]), std::stol(f[3])});
    }
    return out;
}

// Index directory entries that are neither its stub, its lock nor a shard the stub lists.
std::vector<std::string> stray_entries(const std::string& index) {
    std::set<std::string> listed{"XAPIANDB", "parley.lock"};
    std::ifstream stub(index + "/XAPIANDB");
    for (std::string backend, shard; stub >> backend >> shard;) listed.insert(shard);
    std::vector<std::string> stray;
    for (const auto& entry : fs::directory_iterator(index)) {
        const std::string name = entry.path().filename().string();
        if (!listed.count(name)) stray.push_back(name);
    }
    return stray;
}

// --- retag ------------------------------------------------------------------------------

void retag_killed_at_several_moments(bool shard_by_year) {
    const std::string dir = fresh_dir(shard_by_year ? "kill-retag-year" : "kill-retag");
    const std::string archive = dir + "/archive.jsonl", base = dir + "/base";
    write_jsonl(archive, generate_articles(700, "k-"));
    std::vector<std::string> build{PARLEY_INDEX_BIN, "--index", base, "--quiet", archive};
    if (shard_by_year) build.insert(build.end() - 1, {"--shard-by", "year"});
    ASSERT_EQ(run(build).exit_code, 0);
    const std::string gazetteer = dir + "/changed.gazetteer";
    write_file(gazetteer, changed_gazetteer());

    // The control: the same re-tag, never interrupted.
    const std::string control = dir + "/control";
    copy_index(base, control);
    auto retag = [&](const std::string& index) {
        return std::vector<std::string>{PARLEY_INDEX_BIN, "retag",  "--index", index,
                                        "--gazetteer",    gazetteer};
    };
    const Clock::duration whole = timed_run(retag(control));
    const std::string old_fingerprint = stats(base).at("gazetteer").at("fingerprint");
    const std::string new_fingerprint = stats(control).at("gazetteer").at("fingerprint");
    ASSERT_NE(old_fingerprint, new_fingerprint);
    const std::string old_facets = dump_index(base, "facets"),
                      new_facets = dump_index(control, "facets");
    const std::vector<std::string> old_lines = lines_of(old_facets),
                                   new_lines = lines_of(new_facets);
    const std::set<std::string> old_tags(old_lines.begin(), old_lines.end());
    const std::set<std::string> new_tags(new_lines.begin(), new_lines.end());
    ASSERT_EQ(old_lines.size(), new_lines.size());
    ASSERT_TRUE(std::none_of(new_lines.begin(), new_lines.end(), [&](const std::string& l) {
        return old_tags.count(l);
    })) << "every paragraph should change";
    const std::size_t paragraphs = paragraph_count(base);
    const std::vector<std::vector<std::string>> queries{
        {"kestrel", "-n", "20", "--facets", "actor,topic,year", "--facet-size", "0"},
        {"actor:China", "-n", "20"},
        {"AUKUS", "--group-by", "article"}};
    std::vector<json> control_results;
    for (const auto& q : queries) control_results.push_back(search_rounded(control, q));

    int killed = 0, half_done = 0, iteration = 0;
    for (const auto delay : kill_moments(whole, {0.15, 0.4, 0.65, 0.9})) {
        SCOPED_TRACE("kill after " + std::to_string(delay / 1ms) + " ms of " +
                     std::to_string(whole / 1ms));
        const std::string index = dir + "/killed-" + std::to_string(iteration++);
        copy_index(base, index);
        killed += run_and_kill(retag(index), delay);

        // The index opens and holds every paragraph; no article is torn.
        const json s = stats(index);
        ASSERT_FALSE(s.is_null()) << "the index no longer opens";
        EXPECT_EQ(s.at("paragraphs"), paragraphs);
        EXPECT_EQ(dump_index(index, "check"), "ok\n");
        // Each shard is re-tagged whole or not at all, as the gazetteer it records says.
        std::set<std::string> shard_fingerprints;
        std::size_t lines = 0;
        for (const auto& line : lines_of(dump_index(index, "shard-facets"))) {
            const auto f = split_tabs(line);
            ASSERT_EQ(f.size(), 3u) << line;
            ++lines;
            shard_fingerprints.insert(f[1]);
            if (f[1] == new_fingerprint) {
                EXPECT_TRUE(new_tags.count(f[2])) << "shard " << f[0] << " records the new "
                                                  << "gazetteer, but holds " << f[2];
            } else {
                EXPECT_EQ(f[1], old_fingerprint) << f[0];
                EXPECT_TRUE(old_tags.count(f[2])) << "shard " << f[0] << " records the old "
                                                  << "gazetteer, but holds " << f[2];
            }
        }
        EXPECT_EQ(lines, paragraphs);
        // What the index records (what searches and writers go by) is the new gazetteer
        // only once every shard has been re-tagged.
        if (s.at("gazetteer").at("fingerprint") == new_fingerprint) {
            EXPECT_EQ(shard_fingerprints, std::set<std::string>{new_fingerprint})
                << "the index records the new gazetteer, but a shard was not re-tagged";
        }
        half_done += shard_fingerprints.size() > 1;
        for (const auto& q : queries) {
            const json r = search(index, q);
            EXPECT_TRUE(r.contains("total")) << q[0];
        }

        // Running it again completes the re-tag: the result equals the control's.
        const RunResult rerun = run(retag(index));
        EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
        EXPECT_EQ(stats(index).at("gazetteer").at("fingerprint"), new_fingerprint);
        EXPECT_TRUE(dump_index(index, "facets") == new_facets) << "facets differ from the control";
        for (std::size_t q = 0; q < queries.size(); ++q)
            expect_same(search_rounded(index, queries[q]), control_results[q], queries[q][0]);
        fs::remove_all(index);
    }
    EXPECT_GT(killed, 0) << "every re-tag finished before its kill";
    std::cout << "[ retag ] " << killed << " of 4 killed, " << half_done
              << " left some shards re-tagged and others not (uninterrupted: " << whole / 1ms
              << " ms)\n";
}

TEST(Kill, AKilledRetagLeavesEveryParagraphWithTheTagsItsShardRecordsAndARerunCompletesIt) {
    retag_killed_at_several_moments(false);
}

TEST(Kill, AKilledRetagOfAYearShardedIndexIsCompletedByARerun) {
    retag_killed_at_several_moments(true);
}

// --- compact ----------------------------------------------------------------------------

TEST(Kill, AKilledCompactLeavesTheSameParagraphsAndSearchesAndARerunSucceeds) {
    const std::string dir = fresh_dir("kill-compact");
    const std::string archive = dir + "/archive.jsonl", base = dir + "/base";
    write_jsonl(archive, generate_articles(600, "c-"));
    // Eleven shards (ten years and the undated), written in six commits: compaction rewrites
    // each in turn and switches the index to it.
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", base, "--quiet", "--shard-by", "year", "--batch",
                   "100", archive})
                  .exit_code,
              0);
    const std::size_t paragraphs = paragraph_count(base);
    const std::string contents = dump_index(base), facets = dump_index(base, "facets");
    const std::vector<std::vector<std::string>> queries{
        {"kestrel", "-n", "30", "--facets", "actor,year,source", "--facet-size", "0"},
        {"actor:Japan year:2019..2022", "--sort", "date", "-n", "15"},
        {"\"met with Kestrel\"", "--group-by", "article", "--offset", "40"}};
    std::vector<json> before;
    for (const auto& q : queries) before.push_back(search(base, q));
    const std::string timing = dir + "/timing";
    copy_index(base, timing);
    const Clock::duration whole = timed_run({PARLEY_INDEX_BIN, "compact", "--index", timing});

    int killed = 0, iteration = 0;
    auto same_as_before = [&](const std::string& index) {
        const json s = stats(index);
        ASSERT_FALSE(s.is_null()) << "the index no longer opens";
        EXPECT_EQ(s.at("paragraphs"), paragraphs);
        EXPECT_EQ(dump_index(index, "check"), "ok\n");
        EXPECT_TRUE(dump_index(index, "facets") == facets) << "the paragraphs' tags changed";
        for (std::size_t q = 0; q < queries.size(); ++q)
            expect_same(search(index, queries[q]), before[q], queries[q][0]);
    };
    std::string index;
    for (const auto delay : kill_moments(whole, {0.1, 0.4, 0.7, 1.0})) {
        SCOPED_TRACE("kill after " + std::to_string(delay / 1ms) + " ms of " +
                     std::to_string(whole / 1ms));
        index = dir + "/killed-" + std::to_string(iteration++);
        copy_index(base, index);
        killed += run_and_kill({PARLEY_INDEX_BIN, "compact", "--index", index}, delay);
        same_as_before(index);

        const RunResult rerun = run({PARLEY_INDEX_BIN, "compact", "--index", index});
        EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
        EXPECT_NE(rerun.out.find("Compacted " + index + ": 11 shards"), std::string::npos)
            << rerun.out;
        same_as_before(index);
        EXPECT_EQ(stray_entries(index), std::vector<std::string>{});
    }
    EXPECT_GT(killed, 0) << "every compaction finished before its kill";
    // The last one holds exactly what it held, and takes more articles.
    EXPECT_TRUE(dump_index(index) == contents) << "contents differ after compaction";
    write_jsonl(dir + "/more.jsonl", generate_articles(5, "more-", {.seed = 5}));
    const RunResult more =
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/more.jsonl"});
    EXPECT_EQ(more.exit_code, 0) << more.err;
    EXPECT_EQ(search(index, {"article:more-3"}).at("total"), 4);
    std::cout << "[ compact ] " << killed << " of 4 killed (uninterrupted: " << whole / 1ms
              << " ms)\n";
}

// --- a --shard-by year build --------------------------------------------------------------

TEST(Kill, AKilledYearShardedBuildHoldsWholeArticlesOfCommittedBatchesAndARerunCompletesIt) {
    const std::string dir = fresh_dir("kill-sharded");
    const std::string archive = dir + "/archive.jsonl";
    // Four years and the undated: five shards, each committed in turn at every commit.
    const std::vector<GeneratedArticle> articles = generate_articles(320, "s-", {.years = 4});
    write_jsonl(archive, articles);
    constexpr std::size_t kBatch = 40;
    auto build = [&](const std::string& index) {
        return std::vector<std::string>{
            PARLEY_INDEX_BIN,       "--index",   index, "--quiet", "--shard-by", "year", "--batch",
            std::to_string(kBatch), "--threads", "2",   archive};
    };
    const std::string control = dir + "/control";
    const Clock::duration whole = timed_run(build(control));
    const std::string contents = dump_index(control);
    const std::vector<std::vector<std::string>> queries{
        {"", "-n", "0", "--facets", "year,actor", "--facet-size", "0"},
        {"kestrel NATO", "-n", "20"},
        {"actor:Kenya", "--sort", "date", "-n", "20"},
        {"\"Japan and India\"", "--group-by", "article"}};
    std::vector<json> control_results;
    for (const auto& q : queries) control_results.push_back(search_rounded(control, q));
    ASSERT_EQ(control_results[0].at("facets").at("year").size(), 4u);

    int killed = 0, iteration = 0, uneven = 0;
    for (const auto delay : kill_moments(whole, {0.15, 0.4, 0.65, 0.9})) {
        SCOPED_TRACE("kill after " + std::to_string(delay / 1ms) + " ms of " +
                     std::to_string(whole / 1ms));
        const std::string index = dir + "/killed-" + std::to_string(iteration++);
        killed += run_and_kill(build(index), delay);

        std::map<std::string, std::vector<HeldArticle>> held;
        if (fs::exists(index + "/XAPIANDB")) {  // else killed before anything was committed
            ASSERT_FALSE(stats(index).is_null()) << "the index no longer opens";
            EXPECT_EQ(dump_index(index, "check"), "ok\n");
            held = articles_held(index);
        }
        // Every article held is whole, once, in the shard of its year: all the paragraphs
        // it was read with, as its record says.
        std::set<std::string> known;
        for (const auto& a : articles) {
            known.insert(a.id);
            const auto it = held.find(a.id);
            if (it == held.end()) continue;
            ASSERT_EQ(it->second.size(), 1u) << a.id << " is held by more than one shard";
            const HeldArticle& h = it->second.front();
            EXPECT_EQ(h.shard, a.shard) << a.id;
            EXPECT_EQ(h.paragraphs, static_cast<long>(a.paragraphs.size())) << "torn: " << a.id;
            EXPECT_EQ(h.stated, static_cast<long>(a.paragraphs.size())) << a.id;
        }
        for (const auto& [id, copies] : held) EXPECT_TRUE(known.count(id)) << id;
        // The articles held are the commits so far: every batch before the first missing
        // article whole, nothing after its batch, and of its batch — being committed shard
        // by shard when the kill came — each shard's part whole or absent.
        std::size_t first_missing = 0;
        while (first_missing < articles.size() && held.count(articles[first_missing].id))
            ++first_missing;
        const std::size_t batch_begin = first_missing / kBatch * kBatch;
        const std::size_t batch_end = std::min(articles.size(), batch_begin + kBatch);
        std::map<std::string, std::set<bool>> shard_parts;
        for (std::size_t i = batch_begin; i < articles.size(); ++i) {
            const bool present = held.count(articles[i].id) > 0;
            if (i >= batch_end) {
                EXPECT_FALSE(present) << articles[i].id << " is held, but not every article "
                                      << "before it: not a commit boundary";
            } else {
                shard_parts[articles[i].shard].insert(present);
            }
        }
        bool some_present = false;
        for (const auto& [shard, seen] : shard_parts) {
            EXPECT_EQ(seen.size(), 1u) << "shard " << shard << " holds part of its batch";
            some_present = some_present || seen.count(true);
        }
        uneven += some_present;
        if (!held.empty()) {
            for (const auto& q : queries) EXPECT_TRUE(search(index, q).contains("total")) << q[0];
        }

        // The same command again adds what is missing, and the index equals the control.
        std::vector<std::string> again = build(index);
        again.push_back("--json");
        const RunResult rerun = run(again);
        ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
        const json r = json::parse(rerun.out);
        EXPECT_EQ(r.at("articles").at("unchanged"), held.size());
        EXPECT_EQ(r.at("articles").at("new"), articles.size() - held.size());
        EXPECT_EQ(r.at("articles").at("updated"), 0);
        EXPECT_TRUE(dump_index(index) == contents) << "contents differ from an uninterrupted build";
        for (std::size_t q = 0; q < queries.size(); ++q)
            expect_same(search_rounded(index, queries[q]), control_results[q], queries[q][0]);
        fs::remove_all(index);
    }
    EXPECT_GT(killed, 0) << "every build finished before its kill";
    std::cout << "[ sharded ] " << killed << " of 4 killed, " << uneven
              << " with a batch committed in some shards only (uninterrupted: " << whole / 1ms
              << " ms)\n";
}

// An update of a year-sharded index in which articles change year: each moves out of one
// shard into another, and the two shards commit one after the other.
TEST(Kill, AKilledUpdateThatMovesArticlesBetweenYearShardsIsCompletedByARerun) {
    const std::string dir = fresh_dir("kill-moves");
    const std::string first = dir + "/first.jsonl", second = dir + "/second.jsonl";
    const std::string base = dir + "/base";
    const std::vector<GeneratedArticle> before = generate_articles(300, "m-", {.years = 4});
    // The same ids with new text, a paragraph more, and every date a year earlier: every
    // dated article moves to the shard before its own (which commits first).
    const std::vector<GeneratedArticle> after = generate_articles(
        300, "m-", {.seed = 12, .first_year = 2014, .years = 4, .min_paragraphs = 5});
    write_jsonl(first, before);
    write_jsonl(second, after);
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", base, "--quiet", "--shard-by", "year", first}).exit_code,
        0);
    auto update = [&](const std::string& index) {
        return std::vector<std::string>{PARLEY_INDEX_BIN, "--index", index, "--quiet",
                                        "--batch",        "50",      second};
    };
    const std::string control = dir + "/control";
    copy_index(base, control);
    const Clock::duration whole = timed_run(update(control));
    const std::string contents = dump_index(control);

    int killed = 0, iteration = 0, doubled = 0;
    for (const auto delay : kill_moments(whole, {0.2, 0.45, 0.7, 0.95})) {
        SCOPED_TRACE("kill after " + std::to_string(delay / 1ms) + " ms of " +
                     std::to_string(whole / 1ms));
        const std::string index = dir + "/killed-" + std::to_string(iteration++);
        copy_index(base, index);
        killed += run_and_kill(update(index), delay);
        ASSERT_FALSE(stats(index).is_null()) << "the index no longer opens";
        // Each article is held, each copy whole: the old version in its old shard, the new
        // one in its new shard, or — the kill between the two shards' commits — both.
        const auto held = articles_held(index);
        for (std::size_t i = 0; i < before.size(); ++i) {
            const auto it = held.find(before[i].id);
            ASSERT_NE(it, held.end()) << before[i].id << " is lost";
            doubled += it->second.size() > 1;
            for (const HeldArticle& h : it->second) {
                const bool old_version =
                    h.shard == before[i].shard &&
                    h.paragraphs == static_cast<long>(before[i].paragraphs.size());
                const bool new_version =
                    h.shard == after[i].shard &&
                    h.paragraphs == static_cast<long>(after[i].paragraphs.size());
                EXPECT_TRUE(old_version || new_version)
                    << before[i].id << ": " << h.paragraphs << " paragraphs in " << h.shard;
                EXPECT_EQ(h.stated, h.paragraphs) << before[i].id << " in " << h.shard;
            }
        }

        const RunResult rerun = run(update(index));
        EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
        // Every article once, in its new shard, new; the index equals the control.
        const auto now = articles_held(index);
        for (const auto& a : after) {
            const auto it = now.find(a.id);
            ASSERT_NE(it, now.end()) << a.id << " is lost";
            ASSERT_EQ(it->second.size(), 1u) << a.id << " is held by more than one shard";
            EXPECT_EQ(it->second.front().shard, a.shard) << a.id;
            EXPECT_EQ(it->second.front().paragraphs, static_cast<long>(a.paragraphs.size()))
                << a.id;
        }
        EXPECT_EQ(dump_index(index, "check"), "ok\n");
        EXPECT_TRUE(dump_index(index) == contents)
            << "contents differ from an uninterrupted update";
        fs::remove_all(index);
    }
    EXPECT_GT(killed, 0) << "every update finished before its kill";
    std::cout << "[ moves ] " << killed << " of 4 killed, leaving " << doubled
              << " articles in two shards (uninterrupted: " << whole / 1ms << " ms)\n";
}

// --- parley-serve ---------------------------------------------------------------------------

// parley-serve on a free port of 127.0.0.1, with writes allowed.
class Serve {
  public:
    Serve(const std::string& index, const std::string& token) {
        process_ = start({PARLEY_SERVE_BIN, "--index", index, "--listen", "127.0.0.1:0", "--token",
                          token, "--threads", "2"});
        const std::string prefix = "parley-serve: listening on http://127.0.0.1:";
        for (const auto deadline = Clock::now() + 20s; Clock::now() < deadline;) {
            const std::string out = process_.out();
            if (out.rfind(prefix, 0) == 0 && out.find('\n') != std::string::npos) {
                port_ = std::stoi(out.substr(prefix.size()));
                return;
            }
            std::this_thread::sleep_for(20ms);
        }
        ADD_FAILURE() << "no listening line; stderr: " << process_.err();
    }
    ~Serve() {
        if (process_.pid > 0) stop(SIGTERM);
    }
    int port() const { return port_; }
    // Ends the server; returns its exit code.
    int stop(int signal) {
        ::kill(process_.pid, signal);
        return wait_for(process_);
    }
    // GET that must answer JSON; the status and the body.
    std::pair<int, json> get(const std::string& target) const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(30);
        const auto r = client.Get(target);
        if (!r) {
            ADD_FAILURE() << target << ": " << httplib::to_string(r.error());
            return {0, nullptr};
        }
        return {r->status, json::parse(r->body, nullptr, false)};
    }

  private:
    Background process_;
    int port_ = 0;
};

TEST(Kill, AServerKilledDuringWritesKeepsEveryAcknowledgedArticleWholeAndTakesMoreWrites) {
    const std::string dir = fresh_dir("kill-serve");
    const std::string index = dir + "/index", token = "kill-test-token";
    const std::vector<GeneratedArticle> seed = generate_articles(20, "seed-");
    write_jsonl(dir + "/seed.jsonl", seed);
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/seed.jsonl"}).exit_code,
              0);
    std::map<std::string, const GeneratedArticle*> sent_articles;
    std::set<std::string> held_before;  // articles the index holds from earlier rounds
    for (const auto& a : seed) held_before.insert(a.id);
    const std::vector<GeneratedArticle> articles = generate_articles(600, "w-", {.seed = 13});
    std::size_t next = 0;
    const httplib::Headers auth{{"Authorization", "Bearer " + token}};

    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        // Requests of one to three articles, from two clients at once.
        std::vector<std::vector<const GeneratedArticle*>> requests;
        while (requests.size() < 80 && next < articles.size()) {
            std::vector<const GeneratedArticle*> request;
            for (std::size_t n = 1 + requests.size() % 3; n > 0 && next < articles.size(); --n)
                request.push_back(&articles[next++]);
            requests.push_back(std::move(request));
        }
        std::mutex mutex;
        std::set<std::string> acknowledged;
        std::atomic<std::size_t> answered{0};
        std::atomic<std::size_t> taken{0};
        Serve server(index, token);
        ASSERT_GT(server.port(), 0);
        auto client = [&] {
            httplib::Client http("127.0.0.1", server.port());
            http.set_read_timeout(30);
            for (std::size_t i; (i = taken++) < requests.size();) {
                json body = json::array();
                for (const auto* a : requests[i]) body.push_back(a->object);
                {
                    const std::lock_guard lock(mutex);
                    for (const auto* a : requests[i]) sent_articles[a->id] = a;
                }
                const auto r = http.Post("/articles", auth, body.dump(), "application/json");
                if (!r) return;  // the server is gone
                EXPECT_EQ(r->status, 200) << r->body;
                const json reply = json::parse(r->body, nullptr, false);
                if (r->status != 200 || !reply.is_object()) continue;
                EXPECT_EQ(reply.value("new", 0), static_cast<int>(requests[i].size())) << r->body;
                const std::lock_guard lock(mutex);
                for (const auto* a : requests[i]) acknowledged.insert(a->id);
                ++answered;
            }
        };
        std::thread first(client), second(client);
        // Kill it after a random number of answers, a random moment later.
        const std::size_t answers =
            std::uniform_int_distribution<std::size_t>(3, 40)(kill_random());
        const auto pause =
            std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(kill_random()));
        for (const auto deadline = Clock::now() + 30s;
             answered < answers && taken < requests.size() && Clock::now() < deadline;)
            std::this_thread::sleep_for(1ms);
        std::this_thread::sleep_for(pause);
        const int code = server.stop(SIGKILL);
        first.join();
        second.join();
        EXPECT_EQ(code, 128 + SIGKILL);
        ASSERT_GT(answered.load(), 0u);

        // Restarted on the same index: every acknowledged article is there, whole, and
        // found by a search; an article whose answer never came is whole or absent.
        Serve again(index, token);
        ASSERT_GT(again.port(), 0);
        std::set<std::string> held = held_before;
        const std::size_t held_count_before = held.size();
        for (const auto& [id, article] : sent_articles) {
            if (held_before.count(id)) continue;
            const auto [status, body] = again.get("/articles/" + id);
            const bool acked = acknowledged.count(id) > 0;
            if (status == 404 && !acked) continue;
            ASSERT_EQ(status, 200)
                << id
                << (acked ? " was acknowledged, and is lost" : " is neither whole nor absent");
            held.insert(id);
            std::vector<std::string> texts;
            for (const auto& p : body.at("paragraphs")) texts.push_back(p.at("text"));
            EXPECT_EQ(texts, article->paragraphs) << "torn or altered: " << id;
            const auto [found_status, found] =
                again.get("/search?facets=none&limit=0&q=article:" + id);
            EXPECT_EQ(found_status, 200) << id;
            EXPECT_EQ(found.value("total_paragraphs", 0u), article->paragraphs.size()) << id;
        }
        EXPECT_EQ(dump_index(index, "check"), "ok\n");
        std::size_t expected_paragraphs = 0;
        for (const auto& a : seed) expected_paragraphs += a.paragraphs.size();
        for (const auto& [id, article] : sent_articles)
            expected_paragraphs += held.count(id) ? article->paragraphs.size() : 0;
        EXPECT_EQ(again.get("/health").second.at("paragraphs"), expected_paragraphs);

        // It takes further writes: the articles whose answers never came, sent again.
        json rest = json::array();
        for (const auto& [id, article] : sent_articles) {
            if (!held.count(id)) rest.push_back(article->object);
        }
        httplib::Client http("127.0.0.1", again.port());
        http.set_read_timeout(30);
        if (!rest.empty()) {
            const auto r = http.Post("/articles", auth, rest.dump(), "application/json");
            ASSERT_TRUE(r) << httplib::to_string(r.error());
            EXPECT_EQ(r->status, 200) << r->body;
            EXPECT_EQ(json::parse(r->body).at("new"), rest.size());
        }
        for (const auto& [id, article] : sent_articles) held_before.insert(id);
        expected_paragraphs = 0;
        for (const auto& a : seed) expected_paragraphs += a.paragraphs.size();
        for (const auto& [id, article] : sent_articles)
            expected_paragraphs += article->paragraphs.size();
        EXPECT_EQ(again.get("/health").second.at("paragraphs"), expected_paragraphs);
        EXPECT_EQ(again.stop(SIGTERM), 0);
        std::cout << "[ serve ] round " << round << ": " << acknowledged.size()
                  << " articles acknowledged, " << held.size() - held_count_before
                  << " held after the kill\n";
    }
}

}  // namespace
}  // namespace parley::testing
