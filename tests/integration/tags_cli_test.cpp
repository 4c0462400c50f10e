// Actor types, lineage and topic evidence through the real parley-index and parley-search:
// a small gazetteer of our own (a historical state with a successor, a leader with a state,
// an armed group) and a few paragraphs written for it.
#include <algorithm>

#include "cli_test_support.hpp"

namespace parley::testing {
namespace {

using nlohmann::json;

constexpr const char* kGazetteer =
    "state: Russia | Russian\n"
    "state: Soviet Union | USSR\n"
    "  successor: Russia\n"
    "state: Russian Empire\n"
    "  successor: Soviet Union\n"
    "state: China | Chinese\n"
    "leader: Xi Jinping | Xi\n"
    "  of: China\n"
    "armed group: Hamas\n"
    "alliance: NATO\n"
    "topic: maritime | navy\n"
    "  weak: sea; port\n"
    "topic: military | navy; troops\n";

constexpr const char* kText =
    "Title: Lineage\nDate: 2020-01-01\n\n"
    "The Soviet Union sent navy troops to sea.\n\n"        // 1 Soviet Union; maritime, military
    "Russia left port for the open sea.\n\n"               // 2 Russia; maritime
    "Xi met NATO officials about Hamas.\n\n"               // 3 leader, alliance, armed group
    "The Russian Empire fell as troops mutinied.\n\n"      // 4 Russian Empire; military once
    "China held a sea change of a meeting.\n\n"            // 5 China; one weak cue: no topic
    "The Soviet Union's navy sailed; the navy docked.\n";  // 6 Soviet Union; navy twice

class TagsCli : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const std::string dir = fresh_dir("tags");
        write_file(dir + "/mine.gazetteer", kGazetteer);
        write_file(dir + "/texts/lineage.txt", kText);
        index_ = new std::string(dir + "/index");
        const RunResult r = run({PARLEY_INDEX_BIN, "--index", *index_, "--quiet", "--gazetteer",
                                 dir + "/mine.gazetteer", dir + "/texts"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    static void TearDownTestSuite() { delete index_; }

    static std::vector<std::size_t> paragraphs(const json& result) {
        std::vector<std::size_t> out;
        for (const auto& h : result.at("hits")) out.push_back(h.at("paragraph"));
        std::sort(out.begin(), out.end());
        return out;
    }
    static json filtered(const std::string& filter) {
        return search(*index_, {"--filter", filter, "--facets", "none", "--limit", "100"});
    }

    static std::string* index_;
};
std::string* TagsCli::index_ = nullptr;

using Numbers = std::vector<std::size_t>;

TEST_F(TagsCli, ActorTypeFiltersKeepOrDropAType) {
    EXPECT_EQ(paragraphs(filtered("actor_type:leader")), Numbers{3});
    EXPECT_EQ(paragraphs(filtered("actor_type:armed_group")), Numbers{3});
    EXPECT_EQ(paragraphs(filtered("actor_type:\"armed group\"")), Numbers{3});
    EXPECT_EQ(paragraphs(filtered("actor_type:state")), (Numbers{1, 2, 4, 5, 6}));
    EXPECT_EQ(paragraphs(filtered("-actor_type:state")), Numbers{3});
    const json both = search(
        *index_, {"actor_type:state OR actor_type:alliance", "--facets", "none", "--limit", "100"});
    EXPECT_EQ(paragraphs(both), (Numbers{1, 2, 3, 4, 5, 6}));
}

TEST_F(TagsCli, AnUnknownActorTypeIsAStrictErrorNamingTheTypes) {
    const RunResult r = run({PARLEY_SEARCH_BIN, "--index", *index_, "--json", "actor_type:king"});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("state, leader, organisation, alliance, armed_group"), std::string::npos)
        << r.err;
}

TEST_F(TagsCli, LineageFollowsSuccessorsBackwardsActorStaysExact) {
    EXPECT_EQ(paragraphs(filtered("lineage:Russia")), (Numbers{1, 2, 4, 6}));
    EXPECT_EQ(paragraphs(filtered("lineage:\"Soviet Union\"")), (Numbers{1, 4, 6}));
    EXPECT_EQ(paragraphs(filtered("lineage:USSR")), (Numbers{1, 4, 6}));
    EXPECT_EQ(paragraphs(filtered("actor:Russia")), Numbers{2});
    EXPECT_EQ(paragraphs(filtered("lineage:Russia -actor:Russia")), (Numbers{1, 4, 6}));
}

TEST_F(TagsCli, ActorTypeIsAFacetWithExactCounts) {
    const json r = search(*index_, {"", "--facets", "actor_type", "--facet-size", "0"});
    std::map<std::string, std::size_t> counts;
    for (const auto& v : r.at("facets").at("actor_type")) counts[v.at("value")] = v.at("count");
    EXPECT_EQ(counts, (std::map<std::string, std::size_t>{
                          {"alliance", 1}, {"armed_group", 1}, {"leader", 1}, {"state", 5}}));
    // Selecting a type keeps the other types on offer with their counts.
    const json selected = search(*index_, {"", "--select", "actor_type:leader", "--facets",
                                           "actor_type", "--facet-size", "0"});
    EXPECT_EQ(selected.at("total"), 1);
    EXPECT_EQ(selected.at("facets").at("actor_type").size(), 4u);
}

TEST_F(TagsCli, HitsGiveEachActorsTypeAndALeadersState) {
    const json r = search(*index_, {"Xi", "--facets", "none"});
    ASSERT_EQ(r.at("hits").size(), 1u);
    const json& info = r.at("hits")[0].at("actor_info");
    EXPECT_EQ(info.at("Xi Jinping"), (json{{"type", "leader"}, {"of", "China"}}));
    EXPECT_EQ(info.at("Hamas"), (json{{"type", "armed_group"}}));
    EXPECT_EQ(info.at("NATO"), (json{{"type", "alliance"}}));
}

TEST_F(TagsCli, HitsGiveTheCuesThatFiredForEachTopic) {
    const json r = search(*index_, {"", "--facets", "none", "--limit", "100", "--sort", "date"});
    std::map<std::size_t, json> evidence, topics, mentioned;
    for (const auto& h : r.at("hits")) {
        evidence[h.at("paragraph")] = h.at("topic_evidence");
        topics[h.at("paragraph")] = h.at("topics");
        mentioned[h.at("paragraph")] = h.at("mentioned_topics");
    }
    EXPECT_EQ(evidence.at(1),
              (json{{"maritime", {"navy", "sea"}}, {"military", {"navy", "troops"}}}));
    // Two cues each: maritime is a topic because paragraphs 2 and 6 name it twice too;
    // military, named twice only in paragraph 6 besides, is only mentioned.
    EXPECT_EQ(topics.at(1), json{"maritime"});
    EXPECT_EQ(mentioned.at(1), (json{"maritime", "military"}));
    EXPECT_EQ(evidence.at(2), (json{{"maritime", {"port", "sea"}}}));
    EXPECT_EQ(topics.at(2), json{"maritime"});
    EXPECT_EQ(topics.at(6), (json{"maritime", "military"}));  // one cue twice
    // "troops" once: the paragraph mentions military, with its evidence, and is not about it.
    EXPECT_EQ(evidence.at(4), (json{{"military", {"troops"}}}));
    EXPECT_EQ(topics.at(4), json::array());
    EXPECT_EQ(mentioned.at(4), json{"military"});
    EXPECT_EQ(evidence.at(5), json::object());  // one weak cue is not even a mention
    EXPECT_EQ(mentioned.at(5), json::array());
}

// Topics and mentioned topics are two filters and two facets: a paragraph naming a topic
// in passing is found by mentioned_topic: only.
TEST_F(TagsCli, MentionedTopicFindsTopicsNamedInPassingToo) {
    EXPECT_EQ(paragraphs(filtered("topic:military")), Numbers{6});
    EXPECT_EQ(paragraphs(filtered("mentioned_topic:military")), (Numbers{1, 4, 6}));
    EXPECT_EQ(paragraphs(filtered("mentioned_topic:military -topic:military")), (Numbers{1, 4}));
    const json r = search(*index_, {"", "--facets", "topic,mentioned_topic"});
    std::map<std::string, std::size_t> about, named;
    for (const auto& v : r.at("facets").at("topic")) about[v.at("value")] = v.at("count");
    for (const auto& v : r.at("facets").at("mentioned_topic")) named[v.at("value")] = v.at("count");
    EXPECT_EQ(about.at("military"), 1u);
    EXPECT_EQ(named.at("military"), 3u);
}

// Re-tagging after a cue changes strength, an actor changes kind and a topic is added gives
// what indexing afresh with the new gazetteer gives: topics, evidence, actor types and their
// counts.
TEST_F(TagsCli, RetagFollowsCueStrengthActorKindAndNewTopics) {
    std::string text = kGazetteer;
    const auto replace = [&](const std::string& from, const std::string& to) {
        ASSERT_NE(text.find(from), std::string::npos) << from;
        text.replace(text.find(from), from.size(), to);
    };
    replace("topic: maritime | navy\n  weak: sea; port\n", "topic: maritime | navy; sea\n");
    replace("armed group: Hamas\n", "organisation: Hamas\n");
    text += "topic: history | empire; union\n";
    const std::string dir = fresh_dir("retag-tags");
    write_file(dir + "/changed.gazetteer", text);
    write_file(dir + "/texts/lineage.txt", kText);
    const std::string old_index = dir + "/old", fresh_index = dir + "/fresh";
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", fresh_index, "--quiet", "--gazetteer",
                   dir + "/changed.gazetteer", dir + "/texts"})
                  .exit_code,
              0);
    // The old index: built with the original gazetteer, then re-tagged with the changed one.
    write_file(dir + "/original.gazetteer", kGazetteer);
    ASSERT_EQ(run({PARLEY_INDEX_BIN, "--index", old_index, "--quiet", "--gazetteer",
                   dir + "/original.gazetteer", dir + "/texts"})
                  .exit_code,
              0);
    const auto tags = [](const std::string& index) {
        const json r = search(index, {"", "--limit", "100", "--sort", "date", "--facets",
                                      "actor_type,topic", "--facet-size", "0"});
        json out = json::array();
        for (const auto& h : r.at("hits"))
            out.push_back({h.at("paragraph"), h.at("actor_info"), h.at("topic_evidence")});
        return json{out, r.at("facets")};
    };
    ASSERT_NE(tags(old_index), tags(fresh_index));
    const RunResult retag = run({PARLEY_INDEX_BIN, "retag", "--index", old_index, "--gazetteer",
                                 dir + "/changed.gazetteer"});
    ASSERT_EQ(retag.exit_code, 0) << retag.err;
    EXPECT_EQ(tags(old_index), tags(fresh_index));
    // The changes show: one "sea" is now enough, Hamas is an organisation.
    const json five = search(old_index, {"\"sea change\"", "--facets", "none"});
    ASSERT_EQ(five.at("hits").size(), 1u);
    EXPECT_EQ(five.at("hits")[0].at("topic_evidence"), (json{{"maritime", {"sea"}}}));
    EXPECT_EQ(search(old_index, {"actor_type:armed_group", "--facets", "none"}).at("total"), 0);
    // Paragraphs 1 and 4 name history once each: mentioned, not a topic.
    EXPECT_EQ(search(old_index, {"topic:history", "--facets", "none"}).at("total"), 0);
}

}  // namespace
}  // namespace parley::testing
