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
    "The Soviet Union sent its navy to sea.\n\n"  // 1 Soviet Union; maritime, military
    "Russia left port for the open sea.\n\n"      // 2 Russia; maritime
    "Xi met NATO officials about Hamas.\n\n"      // 3 leader, alliance, armed group
    "The Russian Empire fell.\n\n"                // 4 Russian Empire
    "China held a sea change of a meeting.\n";    // 5 China; one weak cue: no topic

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
    EXPECT_EQ(paragraphs(filtered("actor_type:state")), (Numbers{1, 2, 4, 5}));
    EXPECT_EQ(paragraphs(filtered("-actor_type:state")), Numbers{3});
    const json both = search(
        *index_, {"actor_type:state OR actor_type:alliance", "--facets", "none", "--limit", "100"});
    EXPECT_EQ(paragraphs(both), (Numbers{1, 2, 3, 4, 5}));
}

TEST_F(TagsCli, AnUnknownActorTypeIsAStrictErrorNamingTheTypes) {
    const RunResult r = run({PARLEY_SEARCH_BIN, "--index", *index_, "--json", "actor_type:king"});
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.err.find("state, leader, organisation, alliance, armed_group"), std::string::npos)
        << r.err;
}

TEST_F(TagsCli, LineageFollowsSuccessorsBackwardsActorStaysExact) {
    EXPECT_EQ(paragraphs(filtered("lineage:Russia")), (Numbers{1, 2, 4}));
    EXPECT_EQ(paragraphs(filtered("lineage:\"Soviet Union\"")), (Numbers{1, 4}));
    EXPECT_EQ(paragraphs(filtered("lineage:USSR")), (Numbers{1, 4}));
    EXPECT_EQ(paragraphs(filtered("actor:Russia")), Numbers{2});
    EXPECT_EQ(paragraphs(filtered("lineage:Russia -actor:Russia")), (Numbers{1, 4}));
}

TEST_F(TagsCli, ActorTypeIsAFacetWithExactCounts) {
    const json r = search(*index_, {"", "--facets", "actor_type", "--facet-size", "0"});
    std::map<std::string, std::size_t> counts;
    for (const auto& v : r.at("facets").at("actor_type")) counts[v.at("value")] = v.at("count");
    EXPECT_EQ(counts, (std::map<std::string, std::size_t>{
                          {"alliance", 1}, {"armed_group", 1}, {"leader", 1}, {"state", 4}}));
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
    std::map<std::size_t, json> evidence;
    for (const auto& h : r.at("hits")) evidence[h.at("paragraph")] = h.at("topic_evidence");
    EXPECT_EQ(evidence.at(1), (json{{"maritime", {"navy", "sea"}}, {"military", {"navy"}}}));
    EXPECT_EQ(evidence.at(2), (json{{"maritime", {"port", "sea"}}}));
    EXPECT_EQ(evidence.at(5), json::object());  // one weak cue is not enough
}

}  // namespace
}  // namespace parley::testing
