// What a hit shows, through the real parley-index and parley-search: the snippet's window
// and marks for every way a query matches (a word's forms, an actor's names, the title),
// and its length at the limits.
#include <algorithm>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

const std::string kFiller =
    "The council met again to discuss the budget and other ordinary matters of the city. ";

std::string repeated(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

// One article per file, named by its title.
const std::string& snippet_index() {
    static const std::string index = [] {
        const std::string dir = fresh_dir("snippets");
        const auto article = [&](const std::string& title, const std::string& body) {
            write_file(dir + "/docs/" + title + ".txt",
                       "Title: " + title + "\nDate: 2022-03-01\n\n" + body + "\n");
        };
        article("forms", "Economists said the economy and economic policy were weak. " +
                             repeated(kFiller, 4) + "New sanctions hit the economy hard. " +
                             repeated(kFiller, 2));
        article("synonyms",
                "Drills, exercises and manoeuvres filled the year. " + repeated(kFiller, 4) +
                    "The treaty banned drills near the border. " + repeated(kFiller, 2));
        article("tagged", repeated(kFiller, 3) +
                              "Russia announced new grain export quotas for the winter. " +
                              repeated(kFiller, 2));
        article("capitals", "The United States told us that the US would act on the grain deal.");
        article("Ratchet diplomacy", "Negotiators kept turning the screw on emissions targets.");
        article("rule", repeated("=", 3000));
        const std::string index_path = dir + "/index";
        const RunResult r = run({PARLEY_INDEX_BIN, "--index", index_path, dir + "/docs"});
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return index_path;
    }();
    return index;
}

std::vector<std::string> marked(const std::string& text, const json& spans) {
    std::vector<std::string> out;
    for (const auto& span : spans) {
        const std::size_t b = span[0], e = span[1];
        out.push_back(text.substr(b, e - b));
    }
    return out;
}

json hit_titled(const json& result, const std::string& title) {
    for (const auto& hit : result.at("hits"))
        if (hit.at("title") == title) return hit;
    ADD_FAILURE() << "no hit titled " << title << " in " << result.dump();
    return json::object();
}

std::vector<std::string> snippet_marks(const json& hit) {
    return marked(hit.value("snippet", ""), hit.value("spans", json::array()));
}

using Strings = std::vector<std::string>;

// The window holds the most query words: forms of one word (a wildcard's expansions,
// a synonyms group) count as one, so three of them no longer beat two different words.
TEST(Snippets, FormsOfOneWordDoNotCrowdOutTheOtherWords) {
    const json wildcard = search(snippet_index(), {"econom* sanctions"});
    const json forms = hit_titled(wildcard, "forms");
    EXPECT_EQ(snippet_marks(forms), (Strings{"sanctions", "economy"})) << forms.at("snippet");

    const std::string synonyms = fresh_dir("snippets-synonyms") + "/synonyms.txt";
    write_file(synonyms, "drills, exercises, manoeuvres\n");
    const json grouped = search(snippet_index(), {"--synonyms", synonyms, "drills treaty"});
    const json hit = hit_titled(grouped, "synonyms");
    EXPECT_EQ(snippet_marks(hit), (Strings{"treaty", "drills"})) << hit.at("snippet");
}

// A snippet length shorter than the match still shows it (it showed "The…").
TEST(Snippets, AShortLengthStillShowsTheMatch) {
    for (const std::string length : {"1", "4", "12"}) {
        const json r = search(snippet_index(), {"--snippet-length", length, "sanctions"});
        const json hit = hit_titled(r, "forms");
        EXPECT_EQ(snippet_marks(hit), Strings{"sanctions"}) << length << ": " << hit.at("snippet");
    }
}

// A paragraph found by its actor tag (entity matching: "Kremlin" finds paragraphs tagged
// Russia) has the actor's names marked; one found by its words keeps its own marks. Names
// are marked as names are written: "US", not "us".
TEST(Snippets, AParagraphFoundByItsActorTagShowsTheActorsNames) {
    const json kremlin = search(snippet_index(), {"Kremlin"});
    const json tagged = hit_titled(kremlin, "tagged");
    EXPECT_EQ(snippet_marks(tagged), Strings{"Russia"}) << tagged.at("snippet");

    const json washington = search(snippet_index(), {"Washington grain"});
    const json capitals = hit_titled(washington, "capitals");
    EXPECT_EQ(snippet_marks(capitals), (Strings{"United States", "US", "grain"}))
        << capitals.at("snippet");

    const json words_only = search(snippet_index(), {"--no-entities", "Washington grain"});
    EXPECT_EQ(snippet_marks(hit_titled(words_only, "capitals")), Strings{"grain"});
}

// A query filtering by an actor marks the actor's names where the paragraph names them,
// as the gazetteer gives them (Japan, its alias Japanese, its capital Tokyo), and the
// window goes to them: actor:Japan showed each paragraph's start with nothing marked, and
// most of those starts did not name Japan. Words in the query choose the window first;
// an actor filtered out is not marked.
TEST(Snippets, AnActorFilterMarksTheActorsNames) {
    const json r = search(corpora_index(), {"actor:Japan", "--limit", "100", "--facets", "none"});
    ASSERT_GE(r.at("hits").size(), 20u);
    std::size_t with_marks = 0;
    for (const auto& hit : r.at("hits")) {
        const Strings marks = snippet_marks(hit);
        for (const auto& m : marks)
            EXPECT_TRUE(m == "Japan" || m == "Japan's" || m == "Japanese" || m == "Tokyo")
                << m << " in " << hit;
        if (!marks.empty()) ++with_marks;
    }
    // The others are tagged by a leader's name ("Shigeru Ishiba") alone.
    EXPECT_GE(with_marks * 4, r.at("hits").size() * 3) << r.dump();
    const auto paragraph = [](const json& result, const std::string& id, int number) {
        for (const auto& hit : result.at("hits"))
            if (hit.at("article_id") == id && hit.at("paragraph") == number) return hit;
        ADD_FAILURE() << "no hit " << id << "#" << number;
        return json::object();
    };
    const json tariffs = paragraph(r, "pq-2025-liberation-day-tariffs", 1);
    EXPECT_EQ(snippet_marks(tariffs), Strings{"Japan"}) << tariffs.at("snippet");

    const json worded = search(corpora_index(), {"tariffs actor:Japan", "--facets", "none"});
    const json hit = paragraph(worded, "pq-2025-liberation-day-tariffs", 1);
    const Strings marks = snippet_marks(hit);
    EXPECT_NE(std::find(marks.begin(), marks.end(), "tariff"), marks.end()) << hit.at("snippet");

    const json excluded = search(corpora_index(), {"tariffs -actor:Japan", "--facets", "none"});
    for (const auto& h : excluded.at("hits")) {
        const Strings m = snippet_marks(h);
        EXPECT_EQ(std::count(m.begin(), m.end(), "Japan"), 0) << h.at("snippet");
    }
}

// A query filtering by a topic marks the cues the tagger counted for it, and the window goes
// to them: topic:maritime showed each paragraph's start with nothing marked. Every mark is one
// of the hit's cues for the topic; a paragraph's topic rests on two mentions or more, so
// a whole paragraph shows two marks or more. A topic filtered out marks nothing.
TEST(Snippets, ATopicFilterMarksTheTopicsCues) {
    const json r = search(corpora_index(), {"topic:maritime", "--limit", "100", "--facets", "none",
                                            "--snippet-length", "2000"});
    ASSERT_GE(r.at("hits").size(), 30u);
    const auto folded = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    for (const auto& hit : r.at("hits")) {
        const Strings marks = snippet_marks(hit);
        const bool whole = hit.at("snippet").get<std::string>().find("\u2026") == std::string::npos;
        EXPECT_GE(marks.size(), whole ? 2u : 1u) << hit.dump();
        const auto& cues = hit.at("topic_evidence").at("maritime");
        for (const auto& m : marks) {
            // A cue's form: its first three letters open the mark ("navy" marks "navies").
            const bool of_a_cue = std::any_of(cues.begin(), cues.end(), [&](const json& cue) {
                return folded(m).starts_with(folded(cue.get<std::string>()).substr(0, 3));
            });
            EXPECT_TRUE(of_a_cue) << m << " in " << hit.dump();
        }
    }
    const json shown = search(corpora_index(), {"topic:maritime", "--facets", "none"});
    for (const auto& hit : shown.at("hits")) EXPECT_FALSE(snippet_marks(hit).empty()) << hit;

    const json excluded = search(corpora_index(), {"tariffs -topic:maritime", "--facets", "none"});
    ASSERT_FALSE(excluded.at("hits").empty());
    for (const auto& h : excluded.at("hits"))
        for (const auto& m : snippet_marks(h)) EXPECT_EQ(folded(m).substr(0, 6), "tariff") << h;
}

// The title's matches are given as the snippet's are (title_spans): a hit found by its
// title alone shows why, in JSON and in colour.
TEST(Snippets, TheTitlesMatchesAreMarked) {
    const json r = search(snippet_index(), {"ratchet"});
    const json hit = hit_titled(r, "Ratchet diplomacy");
    EXPECT_EQ(marked(hit.at("title"), hit.at("title_spans")), Strings{"Ratchet"});
    EXPECT_TRUE(snippet_marks(hit).empty());
    const json none = search(snippet_index(), {"--no-snippets", "ratchet"});
    EXPECT_TRUE(hit_titled(none, "Ratchet diplomacy").at("title_spans").empty());

    const RunResult text = run({PARLEY_SEARCH_BIN, "--index", snippet_index(), "--color", "always",
                                "--facets", "none", "ratchet"});
    EXPECT_NE(text.out.find("\x1b[1m\x1b[1;33mRatchet\x1b[0m\x1b[1m diplomacy\x1b[0m"),
              std::string::npos)
        << text.out;
}

// A paragraph with no word in it was shown whole (3,000 characters for 220).
TEST(Snippets, AParagraphWithoutWordsKeepsToTheLength) {
    const json r = search(snippet_index(), {"", "--snippet-length", "50", "--limit", "100"});
    const std::string snippet = hit_titled(r, "rule").at("snippet");
    EXPECT_EQ(snippet, repeated("=", 50) + "\u2026");
}

}  // namespace
}  // namespace parley::testing
