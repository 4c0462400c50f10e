// parley-index with a user gazetteer that extends the built-in one: its actors are tagged by
// the format-2 rules (capitals, names per language, namesakes by date) in a real index.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using json = nlohmann::json;

// The built-in gazetteer changes with its data; these tests assert only on actors of
// their own file.
constexpr const char* kUserGazetteer = R"(extends: builtin
# Freedonia and its two Presidents Firefly
state: Freedonia | Freedonian
  capital: Fredville
  fr: Freedonie
leader: Rufus T. Firefly | Firefly
  of: Freedonia
  office: President of Freedonia
  term: 1933 1934
leader: Rufus Q. Firefly | Firefly
  of: Freedonia
  office: President of Freedonia
  term: 1950 1960
)";

json hit_with(const json& result, const std::string& word) {
    for (const auto& hit : result.at("hits")) {
        if (hit.at("snippet").get<std::string>().find(word) != std::string::npos) return hit;
    }
    return json::object();
}

TEST(GazetteerCli, TagsTheActorsOfAUserGazetteerThatExtendsTheBuiltinOne) {
    const std::string dir = fresh_dir("extends");
    write_file(dir + "/mine.gazetteer", kUserGazetteer);
    write_file(dir + "/a.txt",
               "Title: A\nDate: 1933-06-01\n\nFredville warned its neighbours about Sylvania.\n");
    write_file(dir + "/b.txt",
               "Title: B\nDate: 1955-03-01\n\nFirefly spoke about bridges in Fredville.\n");
    write_file(dir + "/c.txt",
               "Title: C\nLanguage: fr\n\nLa Freedonie proteste contre les ponts.\n");
    write_file(dir + "/d.txt", "Title: D\n\nPresident Firefly spoke about tunnels.\n");
    const std::string index = dir + "/index";
    const RunResult indexed =
        run({PARLEY_INDEX_BIN, "--index", index, "--gazetteer", dir + "/mine.gazetteer",
             dir + "/a.txt", dir + "/b.txt", dir + "/c.txt", dir + "/d.txt"});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;

    // The acting capital and the French name tag Freedonia; the capital as a place does not.
    const json freedonia = search(index, {"actor:Freedonia"});
    EXPECT_EQ(freedonia.at("total"), 2) << freedonia.dump(2);
    EXPECT_FALSE(hit_with(freedonia, "neighbours").empty());
    EXPECT_FALSE(hit_with(freedonia, "proteste").empty());
    // "Firefly" goes to the President of the article's date, and to nobody without a date.
    const json b = hit_with(search(index, {"bridges"}), "bridges");
    ASSERT_FALSE(b.empty());
    EXPECT_EQ(b.at("actors"), json::array({"Rufus Q. Firefly"}));
    const json d = hit_with(search(index, {"tunnels"}), "tunnels");
    ASSERT_FALSE(d.empty());
    EXPECT_EQ(d.at("actors"), json::array());
    // The built-in actors are still there: an alias of the user's file resolves as well.
    EXPECT_EQ(search(index, {"actor:Freedonian"}).at("total"), 2);

    // Retag follows a change to attribute lines: the first Firefly's term now covers 1955.
    std::string changed = kUserGazetteer;
    changed.replace(changed.find("term: 1933 1934"), 15, "term: 1933 1955");
    write_file(dir + "/mine.gazetteer", changed);
    const RunResult retag =
        run({PARLEY_INDEX_BIN, "retag", "--index", index, "--gazetteer", dir + "/mine.gazetteer"});
    ASSERT_EQ(retag.exit_code, 0) << retag.err;
    EXPECT_EQ(hit_with(search(index, {"bridges"}), "bridges").at("actors"),
              json::array({"Rufus T. Firefly"}));

    // Without --gazetteer, retag keeps the one the index records: the user's entries stay
    // (after an upgrade, this re-tags by the new rules, not with the bare built-in one).
    const RunResult again = run({PARLEY_INDEX_BIN, "retag", "--index", index});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("0 gazetteer entries changed"), std::string::npos) << again.out;
    EXPECT_EQ(search(index, {"actor:Freedonia"}).at("total"), 2);
    EXPECT_EQ(hit_with(search(index, {"bridges"}), "bridges").at("actors"),
              json::array({"Rufus T. Firefly"}));
    const RunResult stats = run({PARLEY_INDEX_BIN, "stats", "--index", index});
    EXPECT_NE(stats.out.find("mine.gazetteer"), std::string::npos) << stats.out;

    // A broken user file is refused with its file and line.
    write_file(dir + "/broken.gazetteer", "extends: builtin\nstate: Sylvania\n  colour: red\n");
    const RunResult broken = run({PARLEY_INDEX_BIN, "--index", dir + "/i2", "--gazetteer",
                                  dir + "/broken.gazetteer", dir + "/a.txt"});
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.err.find("broken.gazetteer:3: unknown key 'colour'"), std::string::npos)
        << broken.err;
}

}  // namespace
}  // namespace parley::testing
