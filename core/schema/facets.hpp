#pragma once

// The facets of a Parley index, in one table: a facet's name (as requests and answers
// spell it), its term prefix, its number (its Facet value, used as an index into arrays)
// and whether its terms stand on every paragraph or on an article's first paragraph only.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "parley/gazetteer.hpp"
#include "schema/schema.hpp"

namespace parley::schema {

/// Numbers are stable within a schema version (arrays are indexed by them); new facets
/// go at the end.
enum class Facet : unsigned char { Actor, Topic, Year, Author, Source, ActorType, MentionedTopic };

struct FacetSpec {
    Facet facet;
    std::string_view name;
    std::string_view prefix;
    /// On every paragraph (tags) rather than on an article's first paragraph (fields).
    bool per_paragraph;
};

inline constexpr std::array<FacetSpec, 7> kFacets{{
    {Facet::Actor, "actor", kActorPrefix, true},
    {Facet::Topic, "topic", kTopicPrefix, true},
    {Facet::Year, "year", kYearPrefix, false},
    {Facet::Author, "author", kAuthorPrefix, false},
    {Facet::Source, "source", kSourcePrefix, false},
    {Facet::ActorType, "actor_type", kActorTypePrefix, true},
    {Facet::MentionedTopic, "mentioned_topic", kMentionedTopicPrefix, true},
}};
inline constexpr std::size_t kFacetCount = kFacets.size();

inline constexpr const FacetSpec& spec(Facet f) { return kFacets[static_cast<std::size_t>(f)]; }
inline constexpr std::size_t number(Facet f) { return static_cast<std::size_t>(f); }
inline constexpr std::string_view facet_name(Facet f) { return spec(f).name; }
inline constexpr std::string_view facet_prefix(Facet f) { return spec(f).prefix; }

/// The facet of a name ("actor_type"), or nullopt.
inline std::optional<Facet> facet_named(std::string_view name) {
    for (const auto& s : kFacets) {
        if (s.name == name) return s.facet;
    }
    return std::nullopt;
}

/// "actor, topic, year, author, source, actor_type, mentioned_topic", for messages.
std::string facet_list();

/// The value of the actor_type facet for an entry kind: "state", "leader",
/// "organisation", "alliance", "armed_group"; empty for blocks and topics.
std::string_view actor_type_value(GazetteerEntry::Kind kind);

/// The actor type values, in the order above.
inline constexpr std::array<std::string_view, 5> kActorTypes{"state", "leader", "organisation",
                                                             "alliance", "armed_group"};

}  // namespace parley::schema
