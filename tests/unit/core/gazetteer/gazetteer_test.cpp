#include "parley/gazetteer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "parley/error.hpp"

namespace parley {
namespace {

TEST(Gazetteer, ParsesKindsNamesAndAliases) {
    const Gazetteer g = Gazetteer::from_text(
        "# comment\n\nstate: United States | US; U.S.; American ; Washington\n"
        "leader: Xi Jinping | Xi; President Xi\nblock: South China Sea\ntopic: maritime | naval; "
        "sea\n",
        "test");
    ASSERT_EQ(g.entries().size(), 4u);
    EXPECT_EQ(g.entries()[0].name, "United States");
    EXPECT_EQ(g.entries()[0].aliases,
              (std::vector<std::string>{"US", "U.S.", "American", "Washington"}));
    EXPECT_EQ(g.entries()[0].line, 3u);
    EXPECT_EQ(g.actor_count(), 2u);
    EXPECT_EQ(g.topic_count(), 1u);
    EXPECT_EQ(g.fingerprint().size(), 16u);
}

TEST(Gazetteer, ResolvesNamesTypedByPeople) {
    const Gazetteer& g = Gazetteer::builtin();
    EXPECT_EQ(g.canonical_actor("US"), "United States");
    EXPECT_EQ(g.canonical_actor("u.s."), "United States");
    EXPECT_EQ(g.canonical_actor("united states of america"), "United States");
    EXPECT_EQ(g.canonical_actor("aukus"), "AUKUS");
    EXPECT_EQ(g.canonical_actor("President Xi"), "Xi Jinping");
    EXPECT_EQ(g.canonical_actor("Erdogan"), g.canonical_actor("Erdoğan"));
    EXPECT_EQ(g.canonical_actor("Atlantis"), std::nullopt);
    EXPECT_EQ(g.canonical_topic("Maritime"), "maritime");
}

TEST(Gazetteer, BuiltinCoversTheRequiredActorsAndTopics) {
    const Gazetteer& g = Gazetteer::builtin();
    EXPECT_GE(g.actor_count(), 150u);
    EXPECT_GE(g.topic_count(), 12u);
    for (const char* name : {"China",
                             "Russia",
                             "United States",
                             "NATO",
                             "AUKUS",
                             "Quad",
                             "BRICS",
                             "ASEAN",
                             "AIIB",
                             "New Development Bank",
                             "IMF",
                             "World Bank",
                             "WTO",
                             "OPCW",
                             "IAEA",
                             "G7",
                             "G20",
                             "OPEC",
                             "Xi Jinping",
                             "Vladimir Putin",
                             "Shanghai Cooperation Organisation",
                             "United Nations",
                             "European Union"}) {
        EXPECT_EQ(g.canonical_actor(name), name) << name;
    }
}

TEST(Gazetteer, ReportsFileAndLineOfAMalformedEntry) {
    try {
        Gazetteer::from_text("state: China\nplanet: Mars\n", "my.gazetteer");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("my.gazetteer:2: unknown kind 'planet'"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_THROW(Gazetteer::from_text("state China\n", "x"), InputError);
    EXPECT_THROW(Gazetteer::from_text("state: China\nstate: china\n", "x"), InputError);
    EXPECT_THROW(Gazetteer::from_text("state: \n", "x"), InputError);
    EXPECT_THROW(Gazetteer::from_file("/nonexistent/file"), InputError);
}

TEST(Gazetteer, AFileSavedWithAByteOrderMarkReadsAsWithout) {
    const std::string path = ::testing::TempDir() + "bom.gazetteer";
    std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBF"
                                          << "extends: builtin\nstate: Freedonia\n";
    const Gazetteer g = Gazetteer::from_file(path);
    EXPECT_EQ(g.canonical_actor("freedonia"), "Freedonia");
    EXPECT_EQ(g.canonical_actor("China"), "China");  // the built-in entries too
    std::remove(path.c_str());
}

TEST(Gazetteer, ReadsFormatTwoAttributeLines) {
    const Gazetteer g = Gazetteer::from_text(R"(# (format 2)
state: Soviet Union | USSR; Soviet
  ru: Советский Союз; СССР
	zh: 苏联
  # a comment inside an entry
  capital: Kremlin
  capital.ru: Кремль
  from: 1922-12-30
  until: 1991-12-26
  successor: Russia

state: Russia
leader: Mikhail Gorbachev | Gorbachev
  of: Soviet Union
  office: General Secretary of the CPSU
  surname: Gorbachev
  term: 1985-03-11 1991-12-25
  term: 1990 present
armed group: Hamas
topic: arms control | disarmament
  strong: arms control treaty
  weak: missile; warhead
)",
                                             "t");
    ASSERT_EQ(g.entries().size(), 5u);
    const GazetteerEntry& su = g.entries()[0];
    EXPECT_EQ(su.names_by_language.at("ru"), (std::vector<std::string>{"Советский Союз", "СССР"}));
    EXPECT_EQ(su.names_by_language.at("zh"), std::vector<std::string>{"苏联"});
    EXPECT_EQ(su.capitals_by_language.at("en"), std::vector<std::string>{"Kremlin"});
    EXPECT_EQ(su.capitals_by_language.at("ru"), std::vector<std::string>{"Кремль"});
    EXPECT_EQ(su.from, "1922-12-30");
    EXPECT_EQ(su.until, "1991-12-26");
    EXPECT_EQ(su.successor, "Russia");
    const GazetteerEntry& mg = g.entries()[2];
    EXPECT_EQ(mg.of, "Soviet Union");
    EXPECT_EQ(mg.office, "General Secretary of the CPSU");
    EXPECT_EQ(mg.surname, "Gorbachev");
    ASSERT_EQ(mg.terms.size(), 2u);
    EXPECT_EQ(mg.terms[0].from, "1985-03-11");
    EXPECT_EQ(mg.terms[0].until, "1991-12-25");
    EXPECT_EQ(mg.terms[1].until, "");
    EXPECT_EQ(g.entries()[3].kind, GazetteerEntry::Kind::ArmedGroup);
    EXPECT_EQ(g.entries()[4].strong_cues, std::vector<std::string>{"arms control treaty"});
    EXPECT_EQ(g.entries()[4].weak_cues, (std::vector<std::string>{"missile", "warhead"}));
    EXPECT_EQ(g.actor_count(), 4u);
    // Names in other languages and capitals reach actor filters too.
    EXPECT_EQ(g.canonical_actor("СССР"), "Soviet Union");
    EXPECT_EQ(g.canonical_actor("Kremlin"), "Soviet Union");
    EXPECT_EQ(g.entry("Hamas")->line, 19u);
}

TEST(Gazetteer, ReadsNamesThatAreAnotherWordInALanguage) {
    const Gazetteer g = Gazetteer::from_text("state: Usa | America\n  not.es: America; Americas\n");
    EXPECT_EQ(g.entries()[0].not_names_by_language.at("es"),
              (std::vector<std::string>{"America", "Americas"}));
}

// `actor:России` and the query word "Путина" name the actor the tagger tags for them.
TEST(Gazetteer, FindsActorsByInflectedNamesInOtherLanguages) {
    const Gazetteer& g = Gazetteer::builtin();
    using Actor = std::optional<std::string>;
    EXPECT_EQ(g.canonical_actor("России"), Actor("Russia"));
    EXPECT_EQ(g.canonical_actor("Путина"), Actor("Vladimir Putin"));
    EXPECT_EQ(g.canonical_actor("Russlands"), Actor("Russia"));
    EXPECT_EQ(g.canonical_actor("chinoises"), Actor("China"));
    // A stem typed as a word is another word ("chin" is the Spanish stem of "china").
    EXPECT_EQ(g.canonical_actor("chin"), std::nullopt);
    EXPECT_EQ(g.canonical_actor("Atlantida"), std::nullopt);
    // Two actors whose names stem alike: neither.
    const Gazetteer twins = Gazetteer::from_text("state: A\n  ru: Абвгд\nstate: B\n  ru: Абвгды\n");
    EXPECT_EQ(twins.canonical_actor("Абвгда"), std::nullopt);
    // Copies share the table.
    const Gazetteer copy = g;
    EXPECT_EQ(copy.canonical_actor("Китаю"), Actor("China"));
    // Case forms the stemmer cuts to another stem than the name's ("китай" → "кита",
    // "китая" → "кит") are read back to the name by their ending.
    EXPECT_EQ(g.canonical_actor("Китая"), Actor("China"));
    EXPECT_EQ(g.canonical_actor("Китай"), Actor("China"));
    const Gazetteer made_up = Gazetteer::from_text("state: Zedland\n  ru: Зедланд; Аюрай\n");
    EXPECT_EQ(made_up.canonical_actor("Зедланда"), Actor("Zedland"));
    EXPECT_EQ(made_up.canonical_actor("Зедландом"), Actor("Zedland"));
    EXPECT_EQ(made_up.canonical_actor("Аюрая"), Actor("Zedland"));
}

TEST(Gazetteer, LeadersWithTermsMayShareNames) {
    const Gazetteer g = Gazetteer::from_text(
        "state: US\nleader: George H. W. Bush | Bush\n  term: 1989 1993\n"
        "leader: George W. Bush | Bush\n  term: 2001 2009\n",
        "t");
    EXPECT_EQ(g.entries().size(), 3u);
}

TEST(Gazetteer, KeepsNamesInAnyIsoLanguage) {
    // Hebrew is no language Parley analyses: its names are kept, not matched.
    const Gazetteer g = Gazetteer::from_text("state: Israel\n  he: ישראל\n  ru: Израиль\n", "t");
    EXPECT_EQ(g.entries()[0].names_by_language.at("he"), std::vector<std::string>{"ישראל"});
    EXPECT_EQ(g.canonical_actor("ישראל"), "Israel");
}

void expect_errors(const std::vector<std::pair<std::string, std::string>>& cases) {
    for (const auto& [text, expected] : cases) {
        const std::string origin = expected.substr(0, expected.find(':'));
        try {
            Gazetteer::from_text(text, origin);
            ADD_FAILURE() << "no error for:\n" << text;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
                << "for:\n"
                << text << "got: " << e.what();
        }
    }
}

TEST(Gazetteer, ReportsEachFormatTwoErrorWithFileAndLine) {
    expect_errors({
        {"state: A\n  colour: red\n", "t:2: unknown key 'colour'"},
        {"state: A\n  until: 1990-13\n", "t:2: bad date '1990-13'"},
        {"state: A\n  from: 19x0\n", "t:2: bad date '19x0'"},
        {"leader: A\n  term: 1990\n", "t:2: term needs a start and an end"},
        {"leader: A\n  term: 1990 soon\n", "t:2: bad date 'soon'"},
        {"leader: A\n  term: 1995 1990\n", "t:1: a term of 'A' ends before it starts"},
        {"leader: A\n  of: Atlantis\n", "t:2: of 'Atlantis' names no state"},
        {"state: A\n\n  successor: Atlantis\n", "t:3: successor 'Atlantis' names no state"},
        {"leader: B\nleader: A\n  of: B\n", "t:3: of 'B' names no state"},
        {"state: A | Foo\nstate: B | foo\n", "t:2: name 'foo' is also a name of 'A' (t:1)"},
        {"state: A\nalliance: B | A\n", "t:2: name 'A' is also a name of 'A' (t:1)"},
        {"state: A\n  ru: Абв\nstate: B\n  ru: абв\n", "t:3: name 'абв' is also a name of 'A'"},
        {"leader: A B | B\nleader: C B | B\n  term: 1990 1995\n",
         "t:2: name 'B' is also a name of 'A B' (t:1); only leaders with term lines"},
        {"state: A | Capitalia\n  capital: Capitalia\n",
         "t:1: capital 'Capitalia' is also a name of 'A' (t:1)"},
        {"state: A\nstate: B | Capitalia\nstate: C\n  capital: Capitalia\n",
         "t:3: capital 'Capitalia' is also a name of 'B' (t:2)"},
        {"state: A\n  capital: X\nstate: C\n  capital: X\n",
         "t:3: capital 'X' is also a capital of 'A' (t:1)"},
        {"state: A\n  term: 1990 1991\n", "t:2: key 'term' does not apply to 'state' entries"},
        {"leader: A\n  capital: X\n", "t:2: key 'capital' does not apply to 'leader' entries"},
        {"state: A\n  capital.xx: X\n", "t:2: unknown key 'capital.xx'"},
        {"state: A\n  not.xx: X\n", "t:2: unknown key 'not.xx'"},
        {"block: A\n  not.es: X\n", "t:2: key 'not.es' does not apply to 'block' entries"},
        {"topic: a\n  not.es: X\n", "t:2: key 'not.es' does not apply to 'topic' entries"},
        {"state: A\n  xx: X\n", "t:2: unknown key 'xx'"},
        {"state: A\n  eng: X\n", "t:2: unknown key 'eng'"},
        {"state: A\n  ru:\n", "t:2: attribute 'ru' has no value"},
        {"  ru: X\nstate: A\n", "t:1: attribute line before any entry"},
        {"guerrilla: X\n", "t:1: unknown kind 'guerrilla'"},
        {"state: A\nremove: state: A\n", "t:2: 'remove:' needs 'extends: builtin'"},
        {"extends: somewhere\n", "t:1: only 'extends: builtin' is supported"},
    });
}

// A built-in entry nothing refers to (so removing it leaves a valid gazetteer): the
// built-in data changes, so the tests pick theirs.
const GazetteerEntry* unreferenced_builtin(GazetteerEntry::Kind kind) {
    const Gazetteer& builtin = Gazetteer::builtin();
    for (const auto& e : builtin.entries()) {
        if (e.kind != kind) continue;
        bool referenced = false;
        for (const auto& other : builtin.entries())
            referenced = referenced || other.of == e.name || other.successor == e.name;
        if (!referenced) return &e;
    }
    return nullptr;
}

TEST(Gazetteer, ExtendsTheBuiltinGazetteer) {
    const GazetteerEntry* removed = unreferenced_builtin(GazetteerEntry::Kind::Block);
    const GazetteerEntry* replaced = unreferenced_builtin(GazetteerEntry::Kind::State);
    ASSERT_NE(removed, nullptr);
    ASSERT_NE(replaced, nullptr);
    const std::string user =
        "# my additions\nextends: builtin\n\nremove: block: " + removed->name +
        "\nstate: Freedonia | Freedonian\n" + "  capital: Fredville\nstate: " + replaced->name +
        " | Replacedland\nleader: Rufus T. Firefly\n  of: Freedonia\n" + "  term: 1933 1934\n";
    const Gazetteer g = Gazetteer::from_text(user, "mine.gazetteer");
    const Gazetteer& builtin = Gazetteer::builtin();
    // Added: the user's entries; removed: the block; replaced: the state, aliases and all.
    EXPECT_EQ(g.entries().size(), builtin.entries().size() + 2 - 1);
    EXPECT_EQ(g.canonical_actor("Freedonian"), "Freedonia");
    EXPECT_EQ(g.canonical_actor("Fredville"), "Freedonia");
    ASSERT_NE(g.entry("Rufus T. Firefly"), nullptr);
    EXPECT_EQ(g.entry("Rufus T. Firefly")->of, "Freedonia");
    EXPECT_EQ(g.entry(replaced->name)->aliases, std::vector<std::string>{"Replacedland"});
    for (const auto& e : g.entries())
        EXPECT_FALSE(e.kind == GazetteerEntry::Kind::Block && e.name == removed->name);
    // The merged text stands alone: it parses to the same entries, and is what is
    // fingerprinted, so a change on either side changes the fingerprint.
    EXPECT_EQ(g.text().find("extends:"), std::string::npos);
    const Gazetteer reread = Gazetteer::from_text(g.text(), "index");
    EXPECT_EQ(reread.entries().size(), g.entries().size());
    EXPECT_EQ(reread.fingerprint(), g.fingerprint());
    EXPECT_NE(g.fingerprint(), builtin.fingerprint());
    EXPECT_NE(Gazetteer::from_text(user + "state: Sylvania\n", "m").fingerprint(), g.fingerprint());
    EXPECT_EQ(g.origin(), "mine.gazetteer");
    EXPECT_EQ(Gazetteer::from_text(user, "/elsewhere/mine.gazetteer").fingerprint(),
              g.fingerprint());
}

TEST(Gazetteer, ReportsMergeErrorsInTheUserFile) {
    expect_errors({
        {"extends: builtin\nremove: state: Atlantis\n",
         "u:2: remove: the built-in gazetteer has no such entry"},
        {"extends: builtin\nremove: nonsense\n", "u:2: expected 'remove: KIND: Name'"},
        {"extends: builtin\nstate: Freedonia\n  colour: red\n", "u:3: unknown key 'colour'"},
        {"extends: builtin\nleader: Firefly\n  of: Atlantis\n", "u:3: of 'Atlantis' names"},
        {"extends: builtin\nextends: builtin\n", "u:2: 'extends:' may appear once"},
    });
}

TEST(FoldName, IgnoresCaseAccentsAndPunctuation) {
    EXPECT_EQ(fold_name("U.S."), "us");
    EXPECT_EQ(fold_name("  Guinea-Bissau "), "guinea bissau");
    EXPECT_EQ(fold_name("Hannah Bergström"), "hannah bergstrom");
}

// The surname the tagger reads a leader by alone, and the one within a name in another
// language: last, with particles, unless given; first where the English name puts it first.
TEST(Gazetteer, LeaderSurnames) {
    const Gazetteer g = Gazetteer::from_text(
        "leader: Charles de Gaulle\n  fr: Charles de Gaulle\n"
        "leader: Xi Jinping\n  surname: Xi\n  ru: Си Цзиньпин\n"
        "leader: Syngman Rhee\n  ru: Ли Сын Ман\n"
        "state: Chile\n",
        "test");
    const auto& e = g.entries();
    EXPECT_EQ(leader_surname(e[0]), "de Gaulle");
    EXPECT_EQ(local_surname(e[0], "Charles de Gaulle"), "de Gaulle");
    EXPECT_EQ(leader_surname(e[1]), "Xi");
    EXPECT_EQ(local_surname(e[1], "Си Цзиньпин"), "Си");
    EXPECT_EQ(local_surname(e[2], "Ли Сын Ман"), "");  // another order than the English
    EXPECT_EQ(local_surname(e[2], "Ри"), "");          // one word: a name, no surname
    EXPECT_EQ(leader_surname(e[3]), "");               // no leader
}

}  // namespace
}  // namespace parley
