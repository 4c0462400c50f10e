#include "query/expansions.hpp"

#include <gtest/gtest.h>

namespace parley::query {
namespace {

TEST(Synonyms, ReadsGroupsAndNamesEachBadLineByOriginAndLine) {
    const Synonyms s = Synonyms::from_text(
        "# comment\n"
        "\n"
        "drills, exercises ,manoeuvres\n"
        "UN, United Nations\n"
        "alone\n"
        "a,,b\n"
        "x, \"quoted\"\n"
        "Drills, war games\n"
        "cease\xFF"
        "fire, armistice\n"
        "truce, ceasefire\n"
        ",, ,",
        "syn.txt");
    ASSERT_EQ(s.groups().size(), 3u);
    EXPECT_EQ(s.groups()[0], (std::vector<std::string>{"drills", "exercises", "manoeuvres"}));
    EXPECT_EQ(s.groups()[1], (std::vector<std::string>{"UN", "United Nations"}));
    EXPECT_EQ(s.groups()[2], (std::vector<std::string>{"truce", "ceasefire"}));
    ASSERT_EQ(s.problems().size(), 6u);
    EXPECT_EQ(s.problems()[0].rfind("syn.txt:5: a group needs at least two members", 0), 0u);
    EXPECT_EQ(s.problems()[1].rfind("syn.txt:6: empty member", 0), 0u);
    EXPECT_EQ(s.problems()[2].rfind("syn.txt:7: '\"quoted\"': write plain words", 0), 0u);
    EXPECT_EQ(s.problems()[3].rfind("syn.txt:8: 'Drills' is already in the group on line 3", 0),
              0u);
    EXPECT_EQ(s.problems()[4],
              "syn.txt:9: byte 6 of the line is not UTF-8 (save the file as UTF-8)");
    // Once for the line, not once per gap; the last line, without a final newline, is read.
    EXPECT_EQ(s.problems()[5].rfind("syn.txt:11: empty member", 0), 0u);
}

TEST(Synonyms, AUtf16FileAndAWordListAsOneLineAreRefusedAndSaid) {
    // "truce, armistice\n" saved as UTF-16 (little-endian, with its byte order mark).
    std::string utf16 = "\xFF\xFE";
    for (const char c : std::string("truce, armistice\nsub, submarine\n")) {
        utf16 += c;
        utf16 += '\0';
    }
    const Synonyms wide = Synonyms::from_text(utf16, "syn.txt");
    EXPECT_TRUE(wide.empty());
    ASSERT_EQ(wide.problems().size(), 1u);
    EXPECT_EQ(wide.problems()[0],
              "syn.txt: the file is UTF-16 or holds NUL bytes, not UTF-8 "
              "text (save it as UTF-8); no group is read");
    std::string list = "truce, armistice\n";
    for (std::size_t i = 0; i <= Synonyms::kMaxMembers; ++i)
        list += (i ? ", w" : "w") + std::to_string(i);
    list += "\nsub, submarine\n";
    const Synonyms long_line = Synonyms::from_text(list, "syn.txt");
    ASSERT_EQ(long_line.groups().size(), 2u);
    EXPECT_EQ(long_line.groups()[1], (std::vector<std::string>{"sub", "submarine"}));
    ASSERT_EQ(long_line.problems().size(), 1u);
    EXPECT_EQ(long_line.problems()[0],
              "syn.txt:2: a group of 101 members; at most 100 (words that mean the same, not a "
              "word list)");
}

TEST(SynonymTable, MembersAreAnalysedLikeQueryWords) {
    Analyzer english("en");
    const SynonymTable table(Synonyms::from_text("Drills, exercises, war games\ndrill, drilling\n"),
                             english);
    const auto* group = table.group_of({english.stem("drill")});
    ASSERT_NE(group, nullptr);
    ASSERT_EQ(group->members.size(), 3u);
    EXPECT_EQ(group->members[2],
              (std::vector<std::string>{english.stem("war"), english.stem("games")}));
    EXPECT_EQ(group->written[1], "exercises");
    EXPECT_EQ(table.group_of({english.stem("war"), english.stem("games")}), group);
    EXPECT_EQ(table.group_of({"naval"}), nullptr);
    // "drill, drilling" stems to one word, which the first line holds: said, by line.
    ASSERT_EQ(table.problems().size(), 3u);
    EXPECT_EQ(table.problems()[0].rfind("<synonyms>:2: 'drill' is the same word as 'Drills' of "
                                        "<synonyms>:1",
                                        0),
              0u)
        << table.problems()[0];
    EXPECT_EQ(table.problems()[2],
              "<synonyms>:2: no member is left once analysed; the group "
              "expands nothing");
}

TEST(SynonymTable, ACommentEndsALineAndAGroupLeftWithOneWordSaysWhy) {
    Analyzer english("en");
    const Synonyms s = Synonyms::from_text(
        "ceasefire, truce, armistice # the 1953 one\n"
        "drills, exercises\t# naval\n"
        "  # an indented comment\n"
        "C#, C sharp\n"
        "exercise, workout\n"
        "USA, usa\n"
        "\xF0\x9F\x99\x82, smile\n",
        "syn.txt");
    ASSERT_EQ(s.groups().size(), 6u) << (s.problems().empty() ? "" : s.problems().front());
    // "armistice", not the phrase "armistice the 1953 one".
    EXPECT_EQ(s.groups()[0], (std::vector<std::string>{"ceasefire", "truce", "armistice"}));
    EXPECT_EQ(s.groups()[1], (std::vector<std::string>{"drills", "exercises"}));
    EXPECT_EQ(s.groups()[2], (std::vector<std::string>{"C#", "C sharp"}));
    EXPECT_EQ(s.where(2), "syn.txt:4");
    const SynonymTable table(s, english);
    ASSERT_NE(table.group_of({english.stem("armistice")}), nullptr);
    EXPECT_EQ(table.group_of({english.stem("armistice")})->members.size(), 3u);
    const std::vector<std::string> expected{
        "syn.txt:5: 'exercise' is the same word as 'exercises' of syn.txt:2 once analysed (a "
        "word belongs to one group; merge the lines); left out",
        "syn.txt:5: only 'workout' is left once analysed; the group expands nothing",
        "syn.txt:6: only 'USA' is left once analysed ('USA' and 'usa' are one word); the group "
        "expands nothing",
        "syn.txt:7: '\xF0\x9F\x99\x82' holds no word a search reads (only punctuation or "
        "symbols); left out",
        "syn.txt:7: only 'smile' is left once analysed; the group expands nothing",
    };
    EXPECT_EQ(table.problems(), expected);
}

TEST(EntityNames, NamesAliasesAndCapitalsLeadToTheActor) {
    const EntityNames names(Gazetteer::builtin());
    const std::vector<std::pair<std::string, std::string>> cases{
        {"kremlin", "Russia"},
        {"Moscow", "Russia"},
        {"beijing", "China"},
        {"Pentagon", "United States"},
        {"white house", "United States"},
        {"russia", "Russia"},
    };
    for (const auto& [name, actor] : cases) {
        const auto found = names.actor(name);
        ASSERT_TRUE(found.has_value()) << name;
        EXPECT_EQ(*found, actor) << name;
    }
    // Inflected forms of names in other languages, as the tagger reads them.
    EXPECT_EQ(names.actor("Путина"), std::optional<std::string>("Vladimir Putin"));
    EXPECT_FALSE(names.actor("naval").has_value());
    EXPECT_FALSE(names.actor("drills").has_value());
}

}  // namespace
}  // namespace parley::query
