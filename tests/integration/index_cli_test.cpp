// parley-index, run as a program on real files, checked through its output, the search
// binary and external Xapian tools.
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <tuple>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

json index_json(const std::string& index, const std::vector<std::string>& inputs,
                int expected_exit = 0, const std::string& input = "") {
    std::vector<std::string> argv{PARLEY_INDEX_BIN, "--index", index, "--json"};
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    const RunResult r = run(argv, input);
    EXPECT_EQ(r.exit_code, expected_exit) << r.err;
    return json::parse(r.out);
}

TEST(IndexCli, ReAddingTheCorporaWritesNothing) {
    const std::string index = fresh_dir("readd") + "/index";
    const json first = index_json(index, {PARLEY_CORPORA "/articles"});
    const std::size_t paragraphs = paragraph_count(index);
    EXPECT_EQ(first.at("paragraphs"), paragraphs);
    EXPECT_EQ(first.at("articles").at("updated"), 0);
    EXPECT_EQ(first.at("articles").at("unchanged"), 0);
    const json second = index_json(index, {PARLEY_CORPORA "/articles"});
    EXPECT_EQ(second.at("articles").at("new"), 0);
    EXPECT_EQ(second.at("articles").at("updated"), 0);
    EXPECT_EQ(second.at("articles").at("unchanged"), first.at("articles").at("new"));
    EXPECT_EQ(second.at("paragraphs"), 0);
    EXPECT_EQ(paragraph_count(index), paragraphs);
    EXPECT_EQ(search(index, {"\"joint naval drills\""}).at("total"), 1);
}

// A file renamed (or moved) and read again is no update of its articles: the summary counts
// it apart, and the article is found under its new file. Changed as well, it is an update.
TEST(IndexCli, ARenamedFileIsCountedRenamedNotUpdated) {
    const std::string dir = fresh_dir("renamed");
    const std::string index = dir + "/index";
    write_file(dir + "/in/a.txt", "Title: Tariffs\nDate: 2024-01-02\n\nTariffs on steel rose.\n");
    write_file(dir + "/in/b.txt", "Title: Quotas\nDate: 2024-01-03\n\nQuotas on grain fell.\n");
    index_json(index, {dir + "/in"});
    ASSERT_EQ(std::rename((dir + "/in/a.txt").c_str(), (dir + "/in/renamed.txt").c_str()), 0);
    const json renamed = index_json(index, {dir + "/in"});
    EXPECT_EQ(renamed.at("articles").at("updated"), 0) << renamed;
    EXPECT_EQ(renamed.at("articles").at("renamed"), 1) << renamed;
    EXPECT_EQ(renamed.at("articles").at("unchanged"), 1) << renamed;
    EXPECT_EQ(renamed.at("articles").at("new"), 0) << renamed;
    const RunResult again = run({PARLEY_INDEX_BIN, "--index", index, dir + "/in"});
    EXPECT_NE(again.out.find("2 unchanged, 0 updated, 0 new;"), std::string::npos) << again.out;
    ASSERT_EQ(std::rename((dir + "/in/renamed.txt").c_str(), (dir + "/in/c.txt").c_str()), 0);
    const RunResult text = run({PARLEY_INDEX_BIN, "--index", index, dir + "/in"});
    EXPECT_NE(text.out.find("1 unchanged, 0 updated, 0 new, 1 from a renamed or moved file;"),
              std::string::npos)
        << text.out;
    write_file(dir + "/in/d.txt", "Title: Quotas\nDate: 2024-01-03\n\nQuotas on grain rose.\n");
    std::remove((dir + "/in/b.txt").c_str());
    const json changed = index_json(index, {dir + "/in"});
    EXPECT_EQ(changed.at("articles").at("updated"), 1) << changed;
    EXPECT_EQ(changed.at("articles").at("renamed"), 0) << changed;
}

TEST(IndexCli, ReportsBadFilesByNameAndIndexesTheGoodOnes) {
    const std::string dir = fresh_dir("mixed");
    write_file(dir + "/good.txt",
               "Title: A good article\nAuthors: Mara Lindqvist\nDate: 2023-05-01\n\nZanzibar clove "
               "exports rose.\n");
    write_file(dir + "/feed.jsonl",
               "{\"id\":\"j1\",\"title\":\"First\",\"paragraphs\":[\"Quokka diplomacy works.\"]}\n"
               "{\"id\":\"j2\",\"title\":\"Broken\",\"paragraphs\":[\"no closing\"\n"
               "{\"id\":\"j3\",\"title\":\"Third\",\"body\":\"Narwhal policy.\"}\n");
    write_file(dir + "/latin1.txt", "Title: Caf\xe9 diplomacy\n\nA na\xefve text.\n");
    write_file(dir + "/program.txt", std::string("\x7f"
                                                 "ELF\0\0\0\1",
                                                 8));
    // No title and no text (a title alone is indexed: input_edges_test.cpp).
    write_file(dir + "/empty.md", "---\nauthor: Nobody\n---\n\n");
    write_file(dir + "/scan.pdf", "%PDF-1.4");
    const std::string index = dir + "/index";
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", index, "--json", dir});
    EXPECT_EQ(r.exit_code, 1);
    for (const std::string& expected :
         {dir + "/feed.jsonl:2: byte", dir + "/latin1.txt:1: byte 10: skipped: invalid UTF-8",
          dir + "/program.txt: skipped: binary file", dir + "/empty.md:1: skipped: empty article",
          dir + "/scan.pdf: skipped: unsupported file type"}) {
        EXPECT_NE(r.err.find(expected), std::string::npos) << "missing '" << expected << "' in:\n"
                                                           << r.err;
    }
    const json summary = json::parse(r.out);
    EXPECT_EQ(summary.at("articles").at("indexed"), 3);
    EXPECT_EQ(summary.at("skipped_total"), 5);
    EXPECT_EQ(summary.at("skipped"), (json{{"binary file", 1},
                                           {"empty article", 1},
                                           {"invalid UTF-8", 1},
                                           {"malformed JSON", 1},
                                           {"unsupported file type", 1}}));
    for (const std::string word : {"Zanzibar", "quokka", "narwhal"})
        EXPECT_EQ(search(index, {word}).at("total"), 1) << word;

    const RunResult text = run({PARLEY_INDEX_BIN, "--index", dir + "/index2", dir});
    EXPECT_NE(text.out.find("0 unchanged, 0 updated, 3 new; 3 paragraphs written"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("Skipped 5: 1 binary file, 1 empty article, 1 invalid UTF-8, 1 "
                            "malformed JSON, 1 unsupported file type"),
              std::string::npos)
        << text.out;
}

TEST(IndexCli, ReadsStandardInput) {
    const std::string index = fresh_dir("stdin") + "/index";
    index_json(index, {"-"}, 0,
               "{\"id\":\"s1\",\"title\":\"From a pipe\",\"paragraphs\":[\"Axolotl summit.\"]}\n");
    index_json(index, {"-"}, 0, "Plain title\n\nPangolin treaty.\n");
    EXPECT_EQ(search(index, {"axolotl OR pangolin"}).at("total"), 2);
}

TEST(IndexCli, AnExternalXapianToolReadsTheIndex) {
    const std::string& index = corpora_index();
    const RunResult delve = run({"xapian-delve", "-t", "XA:AUKUS", index});
    ASSERT_EQ(delve.exit_code, 0) << delve.err;
    EXPECT_NE(delve.out.find("Posting List for term 'XA:AUKUS'"), std::string::npos) << delve.out;
    const std::size_t aukus = search(index, {"actor:AUKUS", "--facets", "none"}).at("total");
    EXPECT_NE(delve.out.find("termfreq " + std::to_string(aukus)), std::string::npos) << delve.out;

    const RunResult python = run({"/usr/bin/python3", "-c",
                                  "import sys, xapian\n"
                                  "db = xapian.Database(sys.argv[1])\n"
                                  "print(db.get_doccount(), db.get_termfreq('Zdrill'), "
                                  "db.get_metadata('parley:schema').decode())\n",
                                  index});
    ASSERT_EQ(python.exit_code, 0) << python.err;
    std::istringstream fields(python.out);
    std::size_t docs = 0, zdrill = 0;
    std::string schema;
    fields >> docs >> zdrill >> schema;
    EXPECT_EQ(docs, paragraph_count(index));
    EXPECT_GT(zdrill, 0u);
    EXPECT_EQ(schema, "4");
}

TEST(IndexCli, KeepsToTheGazetteerTheIndexWasBuiltWith) {
    const std::string dir = fresh_dir("gazetteer");
    write_file(dir + "/mine.gazetteer", "state: Freedonia | Freedonian\ntopic: duck soup | soup\n");
    write_file(dir + "/other.gazetteer", "state: Sylvania\n");
    write_file(dir + "/a.txt",
               "Title: T\n\nThe Freedonian ambassador ordered soup, and then more soup.\n");
    const std::string index = dir + "/index";
    EXPECT_EQ(run({PARLEY_INDEX_BIN, "--index", index, "--gazetteer", dir + "/mine.gazetteer",
                   dir + "/a.txt"})
                  .exit_code,
              0);
    const json r = search(index, {"actor:Freedonia"});
    ASSERT_EQ(r.at("total"), 1);
    EXPECT_EQ(r["hits"][0].at("topics"), json::array({"duck soup"}));
    // Without --gazetteer the recorded one is used; a different one is refused.
    EXPECT_EQ(run({PARLEY_INDEX_BIN, "--index", index, dir + "/a.txt"}).exit_code, 0);
    const RunResult mismatch = run({PARLEY_INDEX_BIN, "--index", index, "--gazetteer",
                                    dir + "/other.gazetteer", dir + "/a.txt"});
    EXPECT_EQ(mismatch.exit_code, 1);
    EXPECT_NE(mismatch.err.find("other.gazetteer"), std::string::npos) << mismatch.err;
    const RunResult broken = run(
        {PARLEY_INDEX_BIN, "--index", dir + "/i2", "--gazetteer", dir + "/a.txt", dir + "/a.txt"});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.err.find("a.txt:1:"), std::string::npos) << broken.err;
}

TEST(IndexCli, AnIndexFromAnotherSchemaOrAnalyzerIsRefusedClearly) {
    const std::string dir = fresh_dir("mismatch");
    write_file(dir + "/a.txt", "Title: T\n\nSome text.\n");
    for (const auto& [key, value, expected] :
         {std::tuple{"parley:schema", "99", "schema version 99"},
          std::tuple{"parley:analyzer", "parley-analyzer/0 old",
                     "analyzer 'parley-analyzer/0 old'"}}) {
        const std::string index = dir + "/index-" + std::string(value).substr(0, 2);
        ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", index, "--quiet", dir + "/a.txt"}).exit_code,
                  0);
        const RunResult edit = run({"/usr/bin/python3", "-c",
                                    "import sys, xapian\n"
                                    "db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)\n"
                                    "db.set_metadata(sys.argv[2], sys.argv[3]); db.commit()\n",
                                    index, key, value});
        ASSERT_EQ(edit.exit_code, 0) << edit.err;
        for (const std::vector<std::string>& command :
             {std::vector<std::string>{PARLEY_SEARCH_BIN, "--index", index, "text"},
              std::vector<std::string>{PARLEY_INDEX_BIN, "--index", index, dir + "/a.txt"},
              std::vector<std::string>{PARLEY_INDEX_BIN, "stats", "--index", index}}) {
            const RunResult r = run(command);
            EXPECT_EQ(r.exit_code, 1) << command[0];
            EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
            EXPECT_NE(r.err.find("rebuild the index"), std::string::npos) << r.err;
        }
    }
}

TEST(IndexCli, StatsSummariseTheIndex) {
    const RunResult text = run({PARLEY_INDEX_BIN, "stats", "--index", corpora_index()});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    for (const std::string field :
         {"articles    48", "paragraphs  ", "terms       ", "size        ", "top actors  ",
          "top topics  ", "gazetteer   "}) {
        EXPECT_NE(text.out.find(field), std::string::npos) << field << "\n" << text.out;
    }
    const json stats =
        json::parse(run({PARLEY_INDEX_BIN, "stats", "--index", corpora_index(), "--json"}).out);
    EXPECT_EQ(stats.at("schema_version"), 4);
    EXPECT_EQ(stats.at("top_actors").at(0).at("value"), "United States");
    EXPECT_GT(stats.at("size_bytes"), 0);
}

TEST(IndexCli, UsageAndIndexErrorsHaveTheirExitCodes) {
    EXPECT_EQ(run({PARLEY_INDEX_BIN, "--help"}).exit_code, 0);
    const RunResult no_input = run({PARLEY_INDEX_BIN, "--index", fresh_dir("x") + "/i"});
    EXPECT_EQ(no_input.exit_code, 2);
    EXPECT_NE(no_input.err.find("no input"), std::string::npos);
    EXPECT_EQ(run({PARLEY_INDEX_BIN, "--index", "/x", "--format", "pdf", "-"}).exit_code, 2);
    const std::string file = fresh_dir("notdir") + "/file";
    write_file(file, "not an index");
    const RunResult not_index = run({PARLEY_INDEX_BIN, "stats", "--index", file});
    EXPECT_EQ(not_index.exit_code, 1);
    EXPECT_NE(not_index.err.find(file), std::string::npos);
}

// An export whose job failed and left the file empty: skipped as empty, and --prune keeps
// its articles (it deleted every one, the empty file read as holding none).
TEST(IndexCli, AnEmptyExportIsSkippedAndPruneKeepsItsArticles) {
    const std::string dir = fresh_dir("empty-export");
    const std::string index = dir + "/index";
    const std::string two =
        "{\"title\":\"A\",\"body\":\"Body about Chile.\"}\n"
        "{\"title\":\"B\",\"body\":\"Body about Peru.\"}\n";
    write_file(dir + "/in/export.jsonl", two);
    index_json(index, {dir + "/in"});
    write_file(dir + "/in/export.jsonl", "");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", index, "--prune", dir + "/in"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(dir + "/in/export.jsonl: skipped: empty file"), std::string::npos)
        << r.err;
    EXPECT_EQ(paragraph_count(index), 2u);
    // Blank lines alone are as empty (an export job that wrote line ends and nothing else).
    write_file(dir + "/in/export.jsonl", "\n\n\n");
    const RunResult blank = run({PARLEY_INDEX_BIN, "--index", index, "--prune", dir + "/in"});
    EXPECT_EQ(blank.exit_code, 1) << blank.err;
    EXPECT_NE(blank.err.find(dir + "/in/export.jsonl: skipped: empty file: the file holds only "
                                   "blank lines (3): no records in it"),
              std::string::npos)
        << blank.err;
    EXPECT_EQ(paragraph_count(index), 2u);
}

// A mount point whose disk is not mounted is an empty directory: --prune on it deleted every
// article read from it (exit 0) where a missing input prunes nothing. Now the run fails
// naming it and keeps them; files removed one by one are still pruned.
TEST(IndexCli, PruneOnADirectoryWithNoFileLeftKeepsItsArticles) {
    const std::string dir = fresh_dir("prune-unmounted");
    const std::string index = dir + "/index";
    write_file(dir + "/mnt/a.txt", "Title: A\n\nA piece about Chile.\n");
    write_file(dir + "/mnt/sub/b.txt", "Title: B\n\nA piece about Peru.\n");
    index_json(index, {dir + "/mnt"});
    std::filesystem::remove(dir + "/mnt/a.txt");
    std::filesystem::remove(dir + "/mnt/sub/b.txt");
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", index, "--prune", dir + "/mnt"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(dir + "/mnt: skipped: empty directory: no file in it, where 2 indexed "
                               "article(s) came from: --prune keeps them"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(paragraph_count(index), 2u);
    write_file(dir + "/mnt/sub/b.txt", "Title: B\n\nA piece about Peru.\n");
    const RunResult one = run({PARLEY_INDEX_BIN, "--index", index, "--prune", dir + "/mnt"});
    EXPECT_EQ(one.exit_code, 0) << one.err;
    EXPECT_EQ(paragraph_count(index), 1u) << "a file removed from a folder still there goes";
}

// A JSON array of articles, given by name or piped, is read as articles: it was sniffed as
// text, and the whole export indexed as one article titled "[" (exit 0).
TEST(IndexCli, AJsonArrayExportIsReadAsArticles) {
    const std::string dir = fresh_dir("json-export");
    const std::string array =
        "[\n  {\"id\": \"j1\", \"title\": \"J1\", \"body\": \"A piece about Chile.\"},\n"
        "  {\"id\": \"j2\", \"title\": \"J2\", \"body\": \"A piece about Peru.\"}\n]\n";
    write_file(dir + "/export.json", array);
    const json by_name = index_json(dir + "/index", {dir + "/export.json"});
    EXPECT_EQ(by_name["articles"]["new"], 2) << by_name.dump();
    const json piped = index_json(dir + "/piped", {"-"}, 0, array);
    EXPECT_EQ(piped["articles"]["new"], 2) << piped.dump();
    EXPECT_EQ(paragraph_count(dir + "/piped"), 2u);
}

// A compressed feed is a feed for --prune too: items that rolled off feed.xml.gz stay while
// the file is there, as they do for feed.xml.
TEST(IndexCli, PruneKeepsTheItemsThatRolledOffACompressedFeed) {
    const std::string dir = fresh_dir("gz-feed");
    const std::string index = dir + "/index";
    const auto feed = [&](const std::string& a, const std::string& b) {
        std::string items;
        for (const auto& g : {a, b})
            items += "<item><title>Item " + g + "</title><guid>" + g + "</guid><description>Item " +
                     g + " about Kenya.</description></item>";
        write_file(dir + "/in/wire.xml",
                   "<rss version=\"2.0\"><channel><title>W</title>" + items + "</channel></rss>");
        ASSERT_EQ(std::system(("gzip -f " + dir + "/in/wire.xml").c_str()), 0);
    };
    feed("f1", "f2");
    EXPECT_EQ(index_json(index, {dir + "/in"})["articles"]["new"], 2);
    feed("f2", "f3");  // f1 rolled off
    const RunResult r = run({PARLEY_INDEX_BIN, "--index", index, "--prune", "--json", dir + "/in"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out)["articles"]["deleted"], 0) << r.out;
    EXPECT_EQ(paragraph_count(index), 3u);
}

}  // namespace
}  // namespace parley::testing
