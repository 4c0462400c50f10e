#include "schema/paragraph_tags.hpp"

#include <gtest/gtest.h>

#include <set>

#include "schema/facets.hpp"
#include "schema/paragraph_record.hpp"

namespace parley::schema {
namespace {

using Strings = std::vector<std::string>;

Strings terms_of(const Xapian::Document& doc) {
    Strings out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.push_back(*t);
    return out;
}

ParagraphTags sample_tags() {
    ParagraphTags tags;
    tags.actors = {"China", "Xi Jinping"};
    tags.actor_types = {"leader", "state"};
    tags.topics = {"maritime"};
    tags.topic_evidence = {{"maritime", {"navy"}}};
    return tags;
}

TEST(Facets, HaveOneNameOnePrefixAndOneNumberEach) {
    std::set<std::string_view> names, prefixes;
    for (std::size_t i = 0; i < kFacetCount; ++i) {
        EXPECT_EQ(number(kFacets[i].facet), i) << "facets are listed in number order";
        EXPECT_TRUE(names.insert(kFacets[i].name).second) << kFacets[i].name;
        EXPECT_TRUE(prefixes.insert(kFacets[i].prefix).second) << kFacets[i].prefix;
        EXPECT_EQ(facet_named(kFacets[i].name), kFacets[i].facet);
    }
    EXPECT_EQ(facet_named("actor_type"), Facet::ActorType);
    EXPECT_EQ(facet_prefix(Facet::ActorType), "XK:");
    EXPECT_FALSE(facet_named("actors").has_value());
    EXPECT_TRUE(spec(Facet::ActorType).per_paragraph);
    EXPECT_FALSE(spec(Facet::Year).per_paragraph);
    EXPECT_EQ(facet_list(), "actor, topic, year, author, source, actor_type, mentioned_topic");
}

TEST(ActorTypes, FollowTheEntryKind) {
    using K = GazetteerEntry::Kind;
    const std::vector<std::pair<K, std::string_view>> cases{{K::State, "state"},
                                                            {K::Leader, "leader"},
                                                            {K::Organisation, "organisation"},
                                                            {K::Alliance, "alliance"},
                                                            {K::ArmedGroup, "armed_group"},
                                                            {K::Block, ""},
                                                            {K::Topic, ""}};
    for (const auto& [kind, value] : cases) EXPECT_EQ(actor_type_value(kind), value);
    const Gazetteer g = Gazetteer::from_text(
        "state: China\nleader: Xi Jinping | Xi\n  of: China\narmed group: Hamas\n"
        "state: Russia\n");
    EXPECT_EQ(actor_types_of(g, {"China", "Hamas", "Russia", "Xi Jinping", "Nowhere"}),
              (Strings{"armed_group", "leader", "state"}));
}

TEST(SetTags, WritesEachTagAsAFilterTermAndIntoTheRecord) {
    Xapian::Document doc;
    doc.add_term("Zchina");
    ParagraphRecord record;
    EXPECT_TRUE(set_tags(doc, record, sample_tags()));
    EXPECT_EQ(terms_of(doc), (Strings{"XA:China", "XA:Xi Jinping", "XK:leader", "XK:state",
                                      "XT:maritime", "Zchina"}));
    EXPECT_EQ(record.actors, sample_tags().actors);
    EXPECT_EQ(record.actor_types, sample_tags().actor_types);
    EXPECT_EQ(record.topic_evidence, sample_tags().topic_evidence);
}

TEST(SetTags, ReplacesOldTagsAndReportsNoChangeWhenThereIsNone) {
    Xapian::Document doc;
    ParagraphRecord record;
    set_tags(doc, record, sample_tags());
    EXPECT_FALSE(set_tags(doc, record, sample_tags()));

    ParagraphTags fewer;
    fewer.actors = {"Russia"};
    fewer.actor_types = {"state"};
    EXPECT_TRUE(set_tags(doc, record, fewer));
    EXPECT_EQ(terms_of(doc), (Strings{"XA:Russia", "XK:state"}));
    EXPECT_EQ(record.topics, Strings{});
    EXPECT_TRUE(record.topic_evidence.empty());

    // Evidence alone changing is a change: the record must be rewritten.
    ParagraphTags more_evidence = sample_tags();
    set_tags(doc, record, sample_tags());
    more_evidence.topic_evidence["maritime"].push_back("sea");
    EXPECT_TRUE(set_tags(doc, record, more_evidence));
}

}  // namespace
}  // namespace parley::schema
