// Issue 3: an archive that grows while people search it. Real parley-index runs on real
// files; index contents are compared with tests/tools/dump_index.py (python3-xapian).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

json parley_index_json(const std::vector<std::string>& args, int expected_exit = 0) {
    std::vector<std::string> argv{PARLEY_INDEX_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--json");
    const RunResult r = run(argv);
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    return json::parse(r.out);
}

std::size_t article_count(const std::string& index) {
    const RunResult r = run({PARLEY_INDEX_BIN, "stats", "--index", index, "--json"});
    if (r.exit_code != 0) return 0;
    return json::parse(r.out).at("articles");
}

// `count` articles of made-up words (seeded, so every run writes the same file), 4 to 6
// paragraphs each; every article mentions `marker` once.
void write_generated_archive(const std::string& path, std::size_t count, const std::string& marker,
                             unsigned seed = 7) {
    std::mt19937 random(seed);
    static const char* kSyllables[] = {"ka",  "lo",  "mi",  "ren", "sa",  "tu", "vex", "dor",
                                       "pel", "qua", "zin", "bo",  "har", "nu", "gli", "tra"};
    auto word = [&] {
        std::string w;
        for (int i = 0, n = 2 + static_cast<int>(random() % 3); i < n; ++i)
            w += kSyllables[random() % 16];
        return w;
    };
    std::ofstream out(path);
    for (std::size_t a = 0; a < count; ++a) {
        json article{{"id", "gen-" + std::to_string(a)},
                     {"title", word() + " " + word()},
                     {"date", std::to_string(2015 + a % 10) + "-0" + std::to_string(1 + a % 9) +
                                  "-1" + std::to_string(a % 10)},
                     {"source", a % 2 ? "Generated Gazette" : "Synthetic Standard"}};
        json paragraphs = json::array();
        for (int p = 0, n = 4 + static_cast<int>(a % 3); p < n; ++p) {
            std::string text;
            for (int w = 0; w < 50; ++w) text += word() + (w % 12 == 11 ? ". " : " ");
            if (p == 1) text += marker + " and China.";
            paragraphs.push_back(text);
        }
        article["paragraphs"] = paragraphs;
        out << article.dump() << "\n";
    }
}

TEST(GrowingArchive, CountsUnchangedUpdatedNewAndDeletedArticles) {
    const std::string dir = fresh_dir("incremental");
    const std::string src = dir + "/src", index = dir + "/index";
    write_file(src + "/a.txt", "Title: Alpha\nId: alpha\n\nThe first piece about Norway.\n");
    write_file(src + "/b.txt", "Title: Beta\nId: beta\n\nThe second piece about Chile.\n");
    write_file(src + "/c.txt", "Title: Gamma\nId: gamma\n\nThe third piece about Peru.\n");
    json r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("new"), 3);

    r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("unchanged"), 3);
    EXPECT_EQ(r.at("paragraphs"), 0);

    write_file(src + "/b.txt", "Title: Beta\nId: beta\n\nThe second piece, corrected: Bolivia.\n");
    write_file(src + "/d.txt", "Title: Delta\nId: delta\n\nA fourth piece about Ghana.\n");
    const RunResult text = run({PARLEY_INDEX_BIN, "--index", index, src});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("2 unchanged, 1 updated, 1 new"), std::string::npos) << text.out;
    EXPECT_EQ(search(index, {"Chile"}).at("total"), 0);
    EXPECT_EQ(search(index, {"Bolivia"}).at("total"), 1);

    const RunResult deleted =
        run({PARLEY_INDEX_BIN, "delete", "--index", index, "gamma", "nosuch"});
    EXPECT_EQ(deleted.exit_code, 1);  // one id was not there
    EXPECT_NE(deleted.out.find("Deleted 1 article; 1 not found"), std::string::npos) << deleted.out;
    EXPECT_NE(deleted.err.find("no article with id 'nosuch'"), std::string::npos) << deleted.err;
    EXPECT_EQ(search(index, {"Peru"}).at("total"), 0);
    EXPECT_EQ(article_count(index), 3u);
}

// Two records under one id in one run (two files naming one id, a feed repeating a guid):
// the later replaces the earlier, on every run, instead of the outcome swapping between
// them as each met the index the other left; a record repeated unchanged is unchanged.
TEST(GrowingArchive, TheLastRecordUnderAnIdInARunWinsOnEveryRun) {
    const std::string dir = fresh_dir("repeated-id");
    const std::string src = dir + "/src", index = dir + "/index";
    write_file(src + "/a.txt", "Title: One\nId: same\n\nThe first text about Norway.\n");
    write_file(src + "/b.txt", "Title: Two\nId: same\n\nThe second text about Chile.\n");
    write_file(src + "/c.jsonl",
               "{\"id\":\"twice\",\"title\":\"T\",\"paragraphs\":[\"Peru again.\"]}\n"
               "{\"id\":\"twice\",\"title\":\"T\",\"paragraphs\":[\"Peru again.\"]}\n");
    for (const std::string threads : {"2", "1"}) {
        const std::string at = index + threads;
        for (int run_number = 1; run_number <= 3; ++run_number) {
            SCOPED_TRACE("threads " + threads + ", run " + std::to_string(run_number));
            const json r = parley_index_json({"--index", at, "--threads", threads, src});
            if (run_number > 1) {  // the first (a bulk build with 2 threads) counts its way
                // Nothing changed, nothing written: "same" of a.txt is superseded by b.txt's
                // unwritten, and b.txt's is as indexed; "twice" twice as indexed.
                EXPECT_EQ(r.at("articles").at("unchanged"), 4);
                EXPECT_EQ(r.at("articles").at("updated"), 0);
                EXPECT_EQ(r.at("articles").at("new"), 0);
            }
            EXPECT_EQ(search(at, {"Chile"}).at("total"), 1);
            EXPECT_EQ(search(at, {"Norway"}).at("total"), 0);
            EXPECT_EQ(search(at, {"Peru"}).at("total"), 1);
        }
    }
}

// A file of one article (text, Markdown, a saved page) is that article: one without an id
// or URL is known by its title, authors and date, so fixing a typo in its title gave it a
// new id, and the old version stayed beside it, found by every search. It is now replaced,
// counted as an update; a JSON Lines file that drops a record keeps it (that is --prune's).
TEST(GrowingArchive, AFileOfOneArticleWhoseIdChangedReplacesItsArticle) {
    const std::string dir = fresh_dir("one-article-file");
    const std::string src = dir + "/src", index = dir + "/index";
    const auto post = [&](const std::string& title, const std::string& date) {
        write_file(src + "/post.md", "---\ntitle: \"" + title + "\"\ndate: " + date +
                                         "\n---\nJoint naval exercises near Gotland.\n");
    };
    post("Naval drils in the Baltic", "2024-05-01");
    write_file(src + "/page.txt", "Title: Old title\n\nA piece about Peru and Chile.\n");
    write_file(src + "/feed.jsonl",
               "{\"title\":\"A\",\"paragraphs\":[\"Laos.\"]}\n"
               "{\"title\":\"B\",\"paragraphs\":[\"Laos again.\"]}\n");
    json r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("new"), 4) << r;

    post("Naval drills in the Baltic", "2024-05-01");
    write_file(src + "/page.txt",
               "Title: New title\nId: peru-chile\n\nA piece about Peru and Chile.\n");
    write_file(src + "/feed.jsonl", "{\"title\":\"A\",\"paragraphs\":[\"Laos.\"]}\n");
    const RunResult text = run({PARLEY_INDEX_BIN, "--index", index, src});
    EXPECT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("1 unchanged, 2 updated, 0 new"), std::string::npos) << text.out;
    EXPECT_NE(text.err.find("post.md now gives article 'fp:"), std::string::npos) << text.err;
    json hits = search(index, {"Gotland"});
    EXPECT_EQ(hits.at("total"), 1) << hits;
    EXPECT_EQ(hits.at("hits").at(0).at("title"), "Naval drills in the Baltic");
    hits = search(index, {"Peru"});
    EXPECT_EQ(hits.at("total"), 1) << hits;
    EXPECT_EQ(hits.at("hits").at(0).at("article_id"), "peru-chile");
    EXPECT_EQ(search(index, {"Laos"}).at("total"), 2);  // B stays: not a file of one article
    EXPECT_EQ(article_count(index), 4u);

    // A date moved: the same again, and a rerun writes nothing.
    post("Naval drills in the Baltic", "2024-05-02");
    r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("updated"), 1) << r;
    EXPECT_EQ(r.at("articles").at("deleted"), 0) << r;
    r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("unchanged"), 3) << r;
    EXPECT_EQ(r.at("paragraphs"), 0) << r;
    EXPECT_EQ(article_count(index), 4u);
}

// A corrections file read after the archive: its version stands and is not rewritten
// run after run; changed, it is written once; removed, the archive's version returns.
TEST(GrowingArchive, ACorrectionsFileSettlesAndItsRemovalRestoresTheOriginal) {
    const std::string dir = fresh_dir("corrections");
    const std::string src = dir + "/src", index = dir + "/index";
    write_file(src + "/archive.jsonl",
               "{\"id\":\"x\",\"title\":\"X\",\"paragraphs\":[\"First text on Norway.\"]}\n"
               "{\"id\":\"y\",\"title\":\"Y\",\"paragraphs\":[\"Text on Peru.\"]}\n");
    const auto correct = [&](const std::string& country) {
        write_file(src + "/zz-corrections.jsonl",
                   "{\"id\":\"x\",\"title\":\"X\",\"paragraphs\":[\"Corrected text on " + country +
                       ".\"]}\n");
    };
    correct("Chile");
    parley_index_json({"--index", index, src});
    json r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("unchanged"), 3) << r;
    EXPECT_EQ(r.at("articles").at("updated"), 0) << r;
    correct("Laos");
    r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("updated"), 1) << r;
    EXPECT_EQ(search(index, {"Laos"}).at("total"), 1);
    EXPECT_EQ(search(index, {"Chile OR Norway"}).at("total"), 0);
    fs::remove(src + "/zz-corrections.jsonl");
    r = parley_index_json({"--index", index, src});
    EXPECT_EQ(r.at("articles").at("updated"), 1) << r;
    EXPECT_EQ(search(index, {"Norway"}).at("total"), 1);
    EXPECT_EQ(search(index, {"Laos"}).at("total"), 0);
    EXPECT_EQ(article_count(index), 2u);
}

TEST(GrowingArchive, PruneDeletesArticlesWhoseFilesAreGoneButKeepsOldFeedItems) {
    const std::string dir = fresh_dir("prune");
    const std::string src = dir + "/src", index = dir + "/index";
    write_file(src + "/keep.txt", "Title: Keep\nId: keep\n\nStays about Norway.\n");
    write_file(src + "/gone.txt", "Title: Gone\nId: gone\n\nWithdrawn piece about Chile.\n");
    write_file(src + "/many.jsonl",
               "{\"id\":\"m1\",\"title\":\"M1\",\"paragraphs\":[\"Kept line about Peru.\"]}\n"
               "{\"id\":\"m2\",\"title\":\"M2\",\"paragraphs\":[\"Dropped line about Ghana.\"]}\n");
    const std::string item =
        "<item><title>%T</title><guid>%G</guid><description>%D about "
        "Kenya and Japan in a sentence long enough.</description></item>";
    auto feed = [&](const std::vector<std::string>& guids) {
        std::string items;
        for (const auto& g : guids) {
            std::string i = item;
            i.replace(i.find("%T"), 2, "Item " + g);
            i.replace(i.find("%G"), 2, g);
            i.replace(i.find("%D"), 2, "Feed item " + g);
            items += i;
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>" + items +
               "</channel></rss>";
    };
    write_file(src + "/wire.rss", feed({"f1", "f2"}));
    EXPECT_EQ(parley_index_json({"--index", index, src}).at("articles").at("new"), 6);

    fs::remove(src + "/gone.txt");
    write_file(src + "/many.jsonl",
               "{\"id\":\"m1\",\"title\":\"M1\",\"paragraphs\":[\"Kept line about Peru.\"]}\n");
    write_file(src + "/wire.rss", feed({"f2", "f3"}));  // f1 rolled off the feed
    const json r = parley_index_json({"--index", index, "--prune", src});
    EXPECT_EQ(r.at("articles").at("deleted"), 2);  // gone and m2; f1 stays
    EXPECT_EQ(r.at("articles").at("new"), 1);      // f3
    EXPECT_EQ(search(index, {"Chile OR Ghana"}).at("total"), 0);
    EXPECT_EQ(search(index, {"\"Feed item f1\""}).at("total"), 1);
    EXPECT_EQ(article_count(index), 5u);  // keep, m1, f1, f2, f3
}

TEST(GrowingArchive, TheSameRecordInTwoFilesSettlesInsteadOfBeingRewrittenOnEveryRun) {
    // A copy of a file beside it (or a symlink): the record is written once, then unchanged.
    const std::string dir = fresh_dir("two-files");
    const std::string record = "{\"id\":\"r5\",\"title\":\"R5\",\"body\":\"Same body.\"}\n";
    write_file(dir + "/src/a.jsonl", record);
    write_file(dir + "/src/b.jsonl", record);
    const std::string index = dir + "/index";
    json last;
    for (int run = 0; run < 3; ++run) last = parley_index_json({"--index", index, dir + "/src"});
    EXPECT_EQ(last.at("articles").at("unchanged"), 2) << last.dump();
    EXPECT_EQ(last.at("articles").at("updated"), 0) << last.dump();
    EXPECT_EQ(article_count(index), 1u);
}

TEST(GrowingArchive, PruneKeepsTheArticlesOfFilesThatAreThereButWereSkipped) {
    const std::string dir = fresh_dir("prune-skipped");
    const std::string src = dir + "/src", index = dir + "/index";
    write_file(src + "/bytes.txt", "Title: Bytes\nId: bytes\n\nA piece about Norway.\n");
    write_file(src + "/records.jsonl",
               "{\"id\":\"r1\",\"title\":\"R1\",\"paragraphs\":[\"A line about Peru.\"]}\n"
               "{\"id\":\"r2\",\"title\":\"R2\",\"paragraphs\":[\"A line about Ghana.\"]}\n");
    write_file(src + "/big.txt", "Title: Big\nId: big\n\n" + std::string(3000, 'x') + " Chile.\n");
    write_file(src + "/gone.txt", "Title: Gone\nId: gone\n\nWithdrawn piece about Laos.\n");
    EXPECT_EQ(parley_index_json({"--index", index, src}).at("articles").at("new"), 5);

    fs::remove(src + "/gone.txt");
    write_file(src + "/bytes.txt", "Title: Bytes\nId: bytes\n\nA piece about Norway.\xff\n");
    write_file(src + "/records.jsonl",
               "{\"id\":\"r1\",\"title\":\"R1\",\"paragraphs\":[\"A line about Peru.\"]\n"
               "{\"id\":\"r2\",\"title\":\"R2\",\"paragraphs\":[\"A line about Ghana.\"]}\n");
    // Bad bytes, a malformed record and a file over a lowered limit: their articles stay.
    const json r =
        parley_index_json({"--index", index, "--prune", "--limit", "file-bytes=2K", src}, 1);
    EXPECT_EQ(r.at("articles").at("deleted"), 1);  // gone.txt alone
    EXPECT_EQ(article_count(index), 4u);
    EXPECT_EQ(search(index, {"Norway OR Peru OR Ghana OR Chile"}).at("total"), 4);
    EXPECT_EQ(search(index, {"Laos"}).at("total"), 0);
}

// A directory that cannot be listed, or a link to one, is skipped and said; the articles
// of the files under it stay under --prune, as those of a skipped file do. And --prune FILE
// prunes the records dropped from that file.
TEST(GrowingArchive, PruneKeepsTheArticlesUnderDirectoriesItCouldNotReadAndPrunesAFile) {
    const std::string dir = fresh_dir("prune-dirs");
    const std::string src = dir + "/src", index = dir + "/index";
    write_file(src + "/closed/a.txt", "Title: A\nId: a\n\nA piece about Norway.\n");
    write_file(src + "/moved/b.txt", "Title: B\nId: b\n\nA piece about Peru.\n");
    write_file(src + "/c.txt", "Title: C\nId: c\n\nA piece about Ghana.\n");
    write_file(src + "/feed.jsonl",
               "{\"id\":\"r1\",\"title\":\"R1\",\"paragraphs\":[\"A line about Chile.\"]}\n"
               "{\"id\":\"r2\",\"title\":\"R2\",\"paragraphs\":[\"A line about Laos.\"]}\n");
    EXPECT_EQ(parley_index_json({"--index", index, src}).at("articles").at("new"), 5);

    // The archive of one folder moved to cold storage and linked back; another closed.
    fs::create_directories(dir + "/cold");
    fs::rename(src + "/moved", dir + "/cold/moved");
    fs::create_directory_symlink(dir + "/cold/moved", src + "/moved");
    fs::permissions(src + "/closed", fs::perms::none);
    // Root reads any directory: the run drops to an ordinary user, who may write the index.
    std::vector<std::string> argv{PARLEY_INDEX_BIN, "--index", index, "--prune", "--json", src};
    if (geteuid() == 0) {
        ASSERT_TRUE(fs::exists("/usr/bin/setpriv"));
        for (const auto& entry : fs::recursive_directory_iterator(index))
            fs::permissions(entry.path(), fs::perms::all, fs::perm_options::add);
        fs::permissions(index, fs::perms::all, fs::perm_options::add);
        argv.insert(argv.begin(),
                    {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
    }
    const RunResult r = run(argv);
    fs::permissions(src + "/closed", fs::perms::owner_all);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const json summary = json::parse(r.out);
    EXPECT_EQ(summary.at("articles").at("deleted"), 0) << r.out;
    EXPECT_EQ(summary.at("skipped"), (json{{"linked directory", 1}, {"unreadable directory", 1}}))
        << r.out;
    EXPECT_NE(r.err.find(src + "/closed: skipped: unreadable directory"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("--prune kept 2 article(s)"), std::string::npos) << r.err;
    EXPECT_EQ(search(index, {"Norway OR Peru OR Ghana OR Chile OR Laos"}).at("total"), 5);

    // A record dropped from a JSON Lines file, pruned by naming the file.
    write_file(src + "/feed.jsonl",
               "{\"id\":\"r1\",\"title\":\"R1\",\"paragraphs\":[\"A line about Chile.\"]}\n");
    const json file = parley_index_json({"--index", index, "--prune", src + "/feed.jsonl"});
    EXPECT_EQ(file.at("articles").at("deleted"), 1) << file;
    EXPECT_EQ(search(index, {"Laos"}).at("total"), 0);
    EXPECT_EQ(article_count(index), 4u);
    // An input that is not there (a disk not mounted) was skipped: it prunes nothing.
    fs::rename(src, dir + "/unmounted");
    const json missing = parley_index_json({"--index", index, "--prune", src}, 1);
    EXPECT_EQ(missing.at("articles").at("deleted"), 0) << missing;
    EXPECT_EQ(article_count(index), 4u);
}

// An archive reached through a link (a mount moved, a home directory linked to a disk) is
// the same files by either path: indexed by one and pruned by the other, the files gone go.
TEST(GrowingArchive, PruneByAnotherPathToTheSameDirectoryDeletesWhatIsGone) {
    const std::string dir = fresh_dir("prune-alias");
    const std::string real = dir + "/disk/opeds", link = dir + "/opeds", index = dir + "/index";
    write_file(real + "/keep.txt", "Title: Keep\nId: keep\n\nA piece about Norway.\n");
    write_file(real + "/gone.txt", "Title: Gone\nId: gone\n\nA piece about Chile.\n");
    write_file(real + "/2024/old.txt", "Title: Old\nId: old\n\nA piece about Peru.\n");
    write_file(real + "/records.jsonl",
               "{\"id\":\"r1\",\"title\":\"R1\",\"paragraphs\":[\"A line about Laos.\"]}\n"
               "{\"id\":\"r2\",\"title\":\"R2\",\"paragraphs\":[\"A line about Ghana.\"]}\n");
    fs::create_directory_symlink(real, link);
    EXPECT_EQ(parley_index_json({"--index", index, link}).at("articles").at("new"), 5);

    // Indexed through the link, pruned by the real path: a file and a subdirectory's file.
    fs::remove(real + "/gone.txt");
    fs::remove_all(real + "/2024");
    const json by_real = parley_index_json({"--index", index, "--prune", real});
    EXPECT_EQ(by_real.at("articles").at("deleted"), 2) << by_real;
    EXPECT_EQ(search(index, {"Chile OR Peru"}).at("total"), 0);
    EXPECT_EQ(article_count(index), 3u);

    // A record dropped from a file named through the link, the file indexed by its real path.
    write_file(real + "/records.jsonl",
               "{\"id\":\"r1\",\"title\":\"R1\",\"paragraphs\":[\"A line about Laos.\"]}\n");
    const json by_link = parley_index_json({"--index", index, "--prune", link + "/records.jsonl"});
    EXPECT_EQ(by_link.at("articles").at("deleted"), 1) << by_link;
    EXPECT_EQ(search(index, {"Ghana"}).at("total"), 0);
    EXPECT_EQ(search(index, {"Norway OR Laos"}).at("total"), 2);
    // Another directory beside it with a name that starts the same is not under it.
    write_file(real + "-old/x.txt", "Title: X\nId: x\n\nA piece about Japan.\n");
    EXPECT_EQ(parley_index_json({"--index", index, real + "-old"}).at("articles").at("new"), 1);
    fs::remove(real + "/keep.txt");
    const json beside = parley_index_json({"--index", index, "--prune", link});
    EXPECT_EQ(beside.at("articles").at("deleted"), 1) << beside;  // keep.txt, not x.txt
    EXPECT_EQ(search(index, {"Japan"}).at("total"), 1);
}

// A path longer than an index term holds (a deep archive; a name in Cyrillic or Chinese
// takes two or three bytes a letter): each file is still known by its whole path, so that
// an edited file replaces its article, --prune lists the directory, keeps what a skipped
// file or a feed gave and deletes only what is gone.
TEST(GrowingArchive, FilesUnderPathsLongerThanATermHoldAreKnownByTheirWholePaths) {
    const std::string dir = fresh_dir("long-origins");
    std::string deep = dir + "/src";
    for (int i = 1; i <= 3; ++i)
        deep += "/мнения-и-комментарии-о-безопасности-на-море-" + std::to_string(i);
    ASSERT_GT(deep.size(), 250u);
    const std::string index = dir + "/index";
    const auto post = [&](const std::string& title) {
        write_file(deep + "/post.md",
                   "---\ntitle: \"" + title + "\"\n---\nJoint naval exercises near Gotland.\n");
    };
    const std::string item =
        "<item><title>Item %G</title><guid>%G</guid><description>Feed item "
        "%G about Kenya, in a sentence long enough.</description></item>";
    const auto feed = [&](const std::vector<std::string>& guids) {
        std::string items;
        for (const auto& g : guids) {
            std::string i = item;
            for (std::size_t at; (at = i.find("%G")) != std::string::npos;) i.replace(at, 2, g);
            items += i;
        }
        write_file(deep + "/wire.rss",
                   "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>" +
                       items + "</channel></rss>");
    };
    post("Naval drils in the Baltic");
    write_file(deep + "/bytes.txt", "Title: Bytes\nId: bytes\n\nA piece about Norway.\n");
    write_file(deep + "/gone.txt", "Title: Gone\nId: gone\n\nA piece about Chile.\n");
    feed({"f1", "f2"});
    EXPECT_EQ(parley_index_json({"--index", index, dir + "/src"}).at("articles").at("new"), 5);

    // The title corrected: a file of one article, whose id comes from its title.
    post("Naval drills in the Baltic");
    const RunResult edited = run({PARLEY_INDEX_BIN, "--index", index, dir + "/src"});
    EXPECT_EQ(edited.exit_code, 0) << edited.err;
    EXPECT_NE(edited.err.find("post.md now gives article"), std::string::npos) << edited.err;
    json hits = search(index, {"Gotland"});
    EXPECT_EQ(hits.at("total"), 1) << hits;
    EXPECT_EQ(hits.at("hits").at(0).at("title"), "Naval drills in the Baltic") << hits;

    // Pruned by the long directory itself: a file gone, a file skipped, an item off the feed.
    fs::remove(deep + "/gone.txt");
    write_file(deep + "/bytes.txt", "Title: Bytes\nId: bytes\n\nA piece about Norway.\xff\n");
    feed({"f2", "f3"});
    const json pruned = parley_index_json({"--index", index, "--prune", deep}, 1);
    EXPECT_EQ(pruned.at("articles").at("deleted"), 1) << pruned;  // gone.txt alone
    EXPECT_EQ(pruned.at("articles").at("new"), 1) << pruned;      // f3
    EXPECT_EQ(search(index, {"Chile"}).at("total"), 0);
    EXPECT_EQ(search(index, {"Norway"}).at("total"), 1);
    EXPECT_EQ(search(index, {"\"Feed item f1\""}).at("total"), 1);
    EXPECT_EQ(article_count(index), 5u);  // post, bytes, f1, f2, f3
}

TEST(GrowingArchive, AKilledIndexerLeavesTheLastCommitAndARerunCompletesTheWork) {
    const std::string dir = fresh_dir("kill");
    const std::string archive = dir + "/archive.jsonl";
    write_generated_archive(archive, 1200, "kestrelwing");
    const std::string reference = dir + "/reference";
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", reference, "--quiet", "--threads", "1", archive})
                  .exit_code,
              0);
    const std::string expected = dump_index(reference);

    // Direct writing, a commit every 100 articles; and a bulk build (commits at the end).
    for (const std::string threads : {"1", "2"}) {
        SCOPED_TRACE("threads " + threads);
        const std::string index = dir + "/killed-" + threads;
        const std::vector<std::string> command{PARLEY_INDEX_BIN, "--index", index,
                                               "--quiet",        "--batch", "100",
                                               "--threads",      threads,   archive};
        Background indexer = start(command);
        // Let it write for a while: until a commit is visible (direct) or the bulk
        // shards have grown, but not to the end.
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        while (std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(50ms);
            if (threads == "1" ? article_count(index) >= 200
                               : fs::exists(index + "/.parley-bulk/shard-1/iamglass"))
                break;
        }
        if (threads == "2") std::this_thread::sleep_for(500ms);
        ::kill(indexer.pid, SIGKILL);
        ASSERT_EQ(wait_for(indexer), 128 + SIGKILL) << "the indexer finished before the kill";

        const std::size_t survived = article_count(index);  // the index opens
        EXPECT_EQ(survived % 100, 0u) << "not a commit boundary: " << survived;
        EXPECT_LT(survived, 1200u);
        EXPECT_EQ(dump_index(index, "check"), "ok\n");

        const json rerun =
            parley_index_json({"--index", index, "--batch", "100", "--threads", threads, archive});
        EXPECT_EQ(rerun.at("articles").at("unchanged"), survived);
        EXPECT_EQ(rerun.at("articles").at("new"), 1200 - survived);
        EXPECT_EQ(rerun.at("articles").at("updated"), 0);
        EXPECT_TRUE(dump_index(index) == expected) << "contents differ from an uninterrupted run";
    }
}

TEST(GrowingArchive, CommitsByTimeWhenTheBatchIsNotFull) {
    const std::string dir = fresh_dir("by-time");
    const std::string archive = dir + "/archive.jsonl", index = dir + "/index";
    write_generated_archive(archive, 600, "kestrelwing");
    // A batch larger than the input: only the clock makes commits before the end.
    Background indexer = start({PARLEY_INDEX_BIN, "--index", index, "--quiet", "--threads", "1",
                                "--batch", "1000000", "--commit-seconds", "0.3", archive});
    std::size_t seen_while_running = 0;
    for (int i = 0; i < 600 && seen_while_running == 0; ++i) {
        std::this_thread::sleep_for(50ms);
        seen_while_running = article_count(index);
    }
    EXPECT_EQ(wait_for(indexer), 0) << indexer.err();
    EXPECT_GT(seen_while_running, 0u);
    EXPECT_LT(seen_while_running, 600u);
    EXPECT_EQ(article_count(index), 600u);
}

TEST(GrowingArchive, ABulkBuildGoesOnInBulkAfterACheckpointAndUpdatesPublishedArticlesInPlace) {
    const std::string dir = fresh_dir("checkpoints");
    const std::string first = dir + "/first.jsonl", again = dir + "/again.jsonl";
    write_generated_archive(first, 600, "kestrelwing");
    write_generated_archive(again, 50, "osprey", 9);  // ids gen-0 ... gen-49 again, new text
    // Checkpoints every few milliseconds: the bulk build publishes many times, and the
    // second file's articles are already published when they come.
    const json bulk = parley_index_json(
        {"--index", dir + "/bulk", "--threads", "2", "--commit-seconds", "0.005", first, again});
    // The 50 met again were published by an earlier checkpoint of this run: the in-place
    // writer that follows the bulk build counts them updated (not yet counted once).
    EXPECT_EQ(bulk.at("articles").at("new"), 600);
    EXPECT_EQ(bulk.at("articles").at("updated"), 50);
    // Each checkpoint publishes a new generation of the main shard (main.1 is the empty
    // index the build starts from).
    std::ifstream stub(dir + "/bulk/XAPIANDB");
    std::string backend, shard;
    stub >> backend >> shard;
    EXPECT_GT(std::stoi(shard.substr(shard.find('.') + 1)), 3) << shard;
    const json direct =
        parley_index_json({"--index", dir + "/direct", "--threads", "1", first, again});
    // In place, 600 articles of which 50 were written twice in this run: each counted once.
    EXPECT_EQ(direct.at("articles").at("new"), 600);
    EXPECT_EQ(direct.at("articles").at("updated"), 0);
    // The same contents as writing every article in place, and no torn article.
    EXPECT_EQ(dump_index(dir + "/bulk"), dump_index(dir + "/direct"));
    EXPECT_EQ(dump_index(dir + "/bulk", "check"), "ok\n");
    EXPECT_EQ(search(dir + "/bulk", {"kestrelwing", "--group-by", "article"}).at("total"), 550);
    EXPECT_EQ(search(dir + "/bulk", {"osprey", "--group-by", "article"}).at("total"), 50);
}

TEST(GrowingArchive, ASearcherThatStaysOpenNeverFailsAndSeesEachCommit) {
    const std::string dir = fresh_dir("live");
    const std::string index = dir + "/index", archive = dir + "/new.jsonl";
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", PARLEY_CORPORA "/articles"}).exit_code,
        0);
    write_generated_archive(archive, 600, "kestrelwing");
    Background loop = start({PARLEY_SEARCH_LOOP_BIN, index, "kestrelwing", dir + "/stop"});
    std::this_thread::sleep_for(200ms);
    // Many small commits, then a compaction that replaces the files the searcher has open.
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", "--batch", "25", archive}).exit_code,
        0);
    auto lines_now = [&] {
        std::vector<std::string> lines;
        std::istringstream in(loop.out());
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        return lines;
    };
    auto total_after = [&](std::size_t lines_seen) {
        // The next searches, started after the indexer returned, must see every article.
        for (int i = 0; i < 500 && lines_now().size() < lines_seen + 2; ++i)
            std::this_thread::sleep_for(10ms);
        const auto lines = lines_now();
        return lines.empty() ? std::string() : lines.back().substr(lines.back().find(' ') + 1);
    };
    EXPECT_EQ(total_after(lines_now().size()), "600");
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "compact", "--index", index}).exit_code, 0);
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "delete", "--index", index, "--quiet", "gen-0"}).exit_code, 0);
    EXPECT_EQ(total_after(lines_now().size()), "599");
    write_file(dir + "/stop", "");
    EXPECT_EQ(wait_for(loop), 0) << loop.err();

    const auto lines = lines_now();
    EXPECT_GT(lines.size(), 20u);
    bool saw_partial = false;
    for (const auto& line : lines) {
        EXPECT_EQ(line.find("ERROR"), std::string::npos) << line;
        const std::string total = line.substr(line.find(' ') + 1);
        if (total != "0" && total != "600" && total != "599") saw_partial = true;
    }
    EXPECT_TRUE(saw_partial) << "the searcher should have seen intermediate commits";
}

TEST(GrowingArchive, RetagChangesTheFacetsOfExactlyTheAffectedParagraphs) {
    const std::string dir = fresh_dir("retag");
    const std::string old_index = dir + "/old", fresh_index = dir + "/fresh";
    // The built-in gazetteer, changed three ways: an actor removed (AUKUS), one added
    // (the Black Sea Fleet, never tagged before) and an alias added to an existing one
    // (Quad).
    const RunResult builtin = run({"/bin/cat", PARLEY_CORPORA "/gazetteer/default.gazetteer"});
    std::string text = builtin.out;
    // The entry is its head line and the indented attribute lines under it.
    const std::size_t aukus = text.find("\nalliance: AUKUS | Aukus\n");
    ASSERT_NE(aukus, std::string::npos);
    std::size_t end = text.find('\n', aukus + 1);
    while (end + 1 < text.size() && (text[end + 1] == ' ' || text[end + 1] == '\t'))
        end = text.find('\n', end + 1);
    text.erase(aukus, end - aukus);
    text += "organisation: Black Sea Fleet\n";
    const std::string quad = "alliance: Quad | Quadrilateral Security Dialogue\n";
    ASSERT_NE(text.find(quad), std::string::npos);
    text.replace(text.find(quad), quad.size(),
                 "alliance: Quad | Quadrilateral Security Dialogue; Malabar\n");
    const std::string gazetteer = dir + "/changed.gazetteer";
    write_file(gazetteer, text);

    for (const auto& index : {old_index, fresh_index}) {
        std::vector<std::string> args{PARLEY_INDEX_BIN, "--index", index, "--quiet",
                                      PARLEY_CORPORA "/articles"};
        if (index == fresh_index) args.insert(args.begin() + 3, {"--gazetteer", gazetteer});
        ASSERT_EQ(run(args).exit_code, 0);
    }
    const std::string before = dump_index(old_index, "facets");
    const std::string wanted = dump_index(fresh_index, "facets");
    ASSERT_NE(before, wanted);
    std::size_t differing = 0;
    {
        std::istringstream a(before), b(wanted);
        for (std::string x, y; std::getline(a, x) && std::getline(b, y);) differing += x != y;
    }

    const json r = parley_index_json({"retag", "--index", old_index, "--gazetteer", gazetteer});
    EXPECT_EQ(r.at("entries_changed"), 4);  // AUKUS; the fleet; Quad as it was and as it is
    EXPECT_EQ(r.at("paragraphs_changed"), differing);
    EXPECT_LT(r.at("paragraphs_considered").get<std::size_t>(), paragraph_count(old_index));
    EXPECT_EQ(dump_index(old_index, "facets"), wanted);
    // The index now records the new gazetteer: adding with it is accepted.
    const json stats =
        json::parse(run({PARLEY_INDEX_BIN, "stats", "--index", old_index, "--json"}).out);
    EXPECT_EQ(stats.at("gazetteer").at("fingerprint"), r.at("new_fingerprint"));
    EXPECT_EQ(search(old_index, {"actor:AUKUS"}).at("total"), 0);
}

// A change to the tagger's rules (not to the gazetteer) is recorded as a rules number:
// an index tagged by earlier rules is re-tagged whole by `retag`, and adding to it warns.
TEST(GrowingArchive, RetagReTagsEveryParagraphOfAnIndexTaggedByEarlierRules) {
    const std::string dir = fresh_dir("retag-rules");
    const std::string index = dir + "/index";
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", PARLEY_CORPORA "/articles"}).exit_code,
        0);
    const std::string wanted = dump_index(index, "facets");
    const json current = parley_index_json({"retag", "--index", index});
    EXPECT_EQ(current.at("paragraphs_considered"), 0);  // same gazetteer, same rules
    const int rules = current.at("new_tagging_rules");
    EXPECT_GT(rules, 0);
    EXPECT_EQ(current.at("old_tagging_rules"), rules);

    // As an earlier Parley would have left it: other topics, no rules number.
    const std::size_t stale = std::stoul(dump_index(index, "stale-topics"));
    ASSERT_GT(stale, 10u);
    ASSERT_NE(dump_index(index, "facets"), wanted);

    const RunResult add = run({PARLEY_INDEX_BIN, "--index", index, PARLEY_CORPORA "/html"});
    EXPECT_EQ(add.exit_code, 0) << add.err;  // a warning, nothing skipped
    EXPECT_NE(add.err.find("older tagging rules"), std::string::npos) << add.err;
    EXPECT_NE(add.err.find("parley-index retag --index " + index), std::string::npos) << add.err;
    const std::string with_pages = dump_index(index, "facets");
    const auto recorded_rules = [&] {
        const json stats =
            json::parse(run({PARLEY_INDEX_BIN, "stats", "--index", index, "--json"}).out);
        EXPECT_EQ(stats.at("tagging_rules").at("this_build"), rules);
        return stats.at("tagging_rules").at("index").get<int>();
    };
    EXPECT_EQ(recorded_rules(), 0);  // adding did not claim the new rules for the old tags

    const json r = parley_index_json({"retag", "--index", index});
    EXPECT_EQ(r.at("entries_changed"), 0);
    EXPECT_EQ(r.at("old_tagging_rules"), 0);
    EXPECT_EQ(r.at("new_tagging_rules"), rules);
    EXPECT_EQ(r.at("paragraphs_considered"), paragraph_count(index));
    EXPECT_EQ(r.at("paragraphs_changed"), stale);
    // Every topic is back, and the pages added since (tagged by these rules) are as added.
    const std::string retagged = dump_index(index, "facets");
    std::istringstream lines(wanted);
    for (std::string line; std::getline(lines, line);)
        EXPECT_NE(retagged.find(line + "\n"), std::string::npos) << line;
    std::istringstream added_lines(with_pages);
    for (std::string line; std::getline(added_lines, line);) {
        if (line.find("XT:") != std::string::npos) {
            EXPECT_NE(retagged.find(line + "\n"), std::string::npos) << line;
        }
    }

    // Recorded now: nothing left to do, and adding no longer warns.
    EXPECT_EQ(recorded_rules(), rules);
    EXPECT_EQ(parley_index_json({"retag", "--index", index}).at("paragraphs_considered"), 0);
    const RunResult again = run({PARLEY_INDEX_BIN, "--index", index, PARLEY_CORPORA "/html"});
    EXPECT_EQ(again.err.find("older tagging rules"), std::string::npos) << again.err;
}

// An index tagged before Parley kept topics named in passing (rules 4: topics, no mentions)
// answers mentioned_topic: with its topics and says why; retag gives it the mentions.
TEST(GrowingArchive, AnIndexTaggedBeforeMentionsWereKeptFindsItsTopicsAndSaysSo) {
    const std::string dir = fresh_dir("no-mentions");
    const std::string index = dir + "/index";
    ASSERT_EQ(
        run({PARLEY_INDEX_BIN, "--index", index, "--quiet", PARLEY_CORPORA "/articles"}).exit_code,
        0);
    const json fresh = search(index, {"mentioned_topic:energy"});
    const json about = search(index, {"topic:energy"});
    ASSERT_GT(fresh.at("total"), about.at("total")) << "corpora/ names energy in passing";
    EXPECT_EQ(fresh.at("notes"), json::array());

    ASSERT_GT(std::stoul(dump_index(index, "no-mentions")), 10u);
    const json old = search(index, {"mentioned_topic:energy"});
    EXPECT_EQ(old.at("total"), about.at("total"));
    ASSERT_EQ(old.at("notes").size(), 1u);
    EXPECT_NE(old.at("notes")[0].get<std::string>().find("parley-index retag"), std::string::npos);

    const json r = parley_index_json({"retag", "--index", index});
    EXPECT_EQ(r.at("old_tagging_rules"), 4);
    EXPECT_EQ(search(index, {"mentioned_topic:energy"}), fresh);
}

TEST(GrowingArchive, AnIndexShardedByYearAnswersExactlyLikeOneDatabase) {
    const std::string dir = fresh_dir("sharded");
    const std::string single = dir + "/single", sharded = dir + "/sharded";
    for (const auto& index : {single, sharded}) {
        std::vector<std::string> args{PARLEY_INDEX_BIN,
                                      "--index",
                                      index,
                                      "--quiet",
                                      PARLEY_CORPORA "/articles",
                                      PARLEY_CORPORA "/html",
                                      PARLEY_CORPORA "/feeds"};
        if (index == sharded) args.insert(args.begin() + 3, {"--shard-by", "year"});
        const RunResult r = run(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::ifstream stub(sharded + "/XAPIANDB");
    std::stringstream shards;
    shards << stub.rdbuf();
    EXPECT_NE(shards.str().find("auto y2023."), std::string::npos) << shards.str();
    EXPECT_NE(shards.str().find("auto undated."), std::string::npos) << shards.str();

    for (const std::vector<std::string>& query :
         {std::vector<std::string>{"naval drills AUKUS"},
          {"sanctions", "-n", "30"},
          {"China Russia", "--sort", "date"},
          {"year:2023", "-n", "50"},
          {"actor:Russia", "--group-by", "article"},
          {"\"Red Sea\""},
          {"trade", "--offset", "10", "--facet-count", "articles", "--duplicates"}}) {
        json a = search(single, query), b = search(sharded, query);
        // BM25 sums collection statistics shard by shard: the last bits may differ.
        for (json* result : {&a, &b}) {
            for (auto& hit : result->at("hits"))
                hit["score"] = std::round(hit["score"].get<double>() * 1e6) / 1e6;
        }
        EXPECT_EQ(a, b) << query[0];
    }
    EXPECT_EQ(dump_index(single, "facets"), dump_index(sharded, "facets"));
    // Sharding is chosen when an index is created.
    const RunResult refused = run({PARLEY_INDEX_BIN, "--index", single, "--shard-by", "year",
                                   PARLEY_CORPORA "/articles/seed"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("sharding is chosen when an index is created"), std::string::npos)
        << refused.err;
}

TEST(GrowingArchive, CompactRewritesTheIndexInPlace) {
    const std::string dir = fresh_dir("compact");
    const std::string index = dir + "/index";
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", index, "--quiet", "--threads", "1", "--batch", "3",
                   PARLEY_CORPORA "/articles"})
                  .exit_code,
              0);
    const json before = search(index, {"China", "-n", "40"});
    const RunResult r = run({PARLEY_INDEX_BIN, "compact", "--index", index});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Compacted"), std::string::npos) << r.out;
    EXPECT_EQ(search(index, {"China", "-n", "40"}), before);
    EXPECT_TRUE(fs::exists(index + "/main.2"));
    EXPECT_FALSE(fs::exists(index + "/main.1"));
}

TEST(GrowingArchive, MaintenanceOnAFolderThatHoldsNoIndexLeavesItUntouched) {
    // A folder of sources given by mistake: refused, and no lock file left to trip up the
    // next indexing run of that folder.
    const std::string dir = fresh_dir("not-an-index");
    write_file(dir + "/src/a.txt", "Title: A\n\nA piece about Chile.\n");
    for (const char* command : {"compact", "retag", "delete"}) {
        std::vector<std::string> argv{PARLEY_INDEX_BIN, command, "--index", dir + "/src"};
        if (std::string(command) == "delete") argv.push_back("some-id");
        const RunResult r = run(argv);
        EXPECT_NE(r.exit_code, 0) << command;
        EXPECT_NE(r.err.find("no index there (build one with: parley-index --index"),
                  std::string::npos)
            << command << r.err;
        EXPECT_FALSE(fs::exists(dir + "/src/parley.lock")) << command;
    }
    EXPECT_EQ(parley_index_json({"--index", dir + "/index", dir + "/src"}).at("articles").at("new"),
              1);
}

TEST(GrowingArchive, AYearShardGoneMissingIsNamed) {
    const std::string dir = fresh_dir("missing-shard");
    const std::string index = dir + "/index";
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", index, "--shard-by", "year", "--quiet",
                   PARLEY_CORPORA "/articles"})
                  .exit_code,
              0);
    std::string gone;
    for (const auto& entry : fs::directory_iterator(index)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("y20", 0) == 0) gone = name;
    }
    ASSERT_FALSE(gone.empty());
    fs::remove_all(index + "/" + gone);
    for (const auto& argv :
         std::vector<std::vector<std::string>>{{PARLEY_SEARCH_BIN, "--index", index, "china"},
                                               {PARLEY_INDEX_BIN, "stats", "--index", index}}) {
        const RunResult r = run(argv);
        EXPECT_NE(r.exit_code, 0);
        EXPECT_NE(r.err.find("its shard " + gone + " is missing"), std::string::npos) << r.err;
    }
}

TEST(GrowingArchive, AProgressBarOnlyOnATerminal) {
    const std::string dir = fresh_dir("progress");
    const std::string archive = dir + "/a.jsonl";
    write_generated_archive(archive, 400, "kestrelwing");
    // script(1) gives the indexer a pseudo-terminal.
    const RunResult tty = run({"script", "-qec",
                               std::string(PARLEY_INDEX_BIN) + " --index " + dir +
                                   "/i1 --threads 1 --batch 50 " + archive,
                               "/dev/null"});
    ASSERT_EQ(tty.exit_code, 0) << tty.err;
    EXPECT_NE(tty.out.find("articles · "), std::string::npos) << tty.out;
    EXPECT_NE(tty.out.find("% "), std::string::npos) << tty.out;  // a known total
    EXPECT_NE(tty.out.find("0 unchanged, 0 updated, 400 new"), std::string::npos) << tty.out;

    const RunResult quiet =
        run({"script", "-qec",
             std::string(PARLEY_INDEX_BIN) + " --quiet --index " + dir + "/i2 " + archive,
             "/dev/null"});
    EXPECT_EQ(quiet.out.find("articles · "), std::string::npos) << quiet.out;
    const RunResult piped = run({PARLEY_INDEX_BIN, "--index", dir + "/i3", archive});
    EXPECT_EQ(piped.err.find("articles · "), std::string::npos) << piped.err;
    EXPECT_NE(piped.out.find("400 new"), std::string::npos) << piped.out;
}

}  // namespace
}  // namespace parley::testing
