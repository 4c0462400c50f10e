#include "schema/paragraph_tags.hpp"

#include <algorithm>

#include "parley/search_request.hpp"
#include "schema/facets.hpp"
#include "schema/paragraph_record.hpp"

namespace parley::schema {
namespace {

constexpr Facet kTagFacets[] = {Facet::Actor, Facet::ActorType, Facet::Topic,
                                Facet::MentionedTopic};

const std::vector<std::string>& values_of(const ParagraphTags& tags, Facet facet) {
    switch (facet) {
        case Facet::Actor:
            return tags.actors;
        case Facet::ActorType:
            return tags.actor_types;
        case Facet::MentionedTopic:
            return tags.mentioned_topics;
        default:
            return tags.topics;
    }
}

std::vector<std::string> terms_with_prefix(const Xapian::Document& doc, std::string_view prefix) {
    std::vector<std::string> out;
    const std::string p(prefix);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        t.skip_to(p);
        if (t == doc.termlist_end() || (*t).compare(0, p.size(), p) != 0) break;
        out.push_back(*t);
    }
    return out;
}

}  // namespace

std::string facet_list() {
    std::string out;
    for (const auto& s : kFacets) {
        if (!out.empty()) out += ", ";
        out += s.name;
    }
    return out;
}

std::string_view actor_type_value(GazetteerEntry::Kind kind) {
    using K = GazetteerEntry::Kind;
    switch (kind) {
        case K::State:
            return kActorTypes[0];
        case K::Leader:
            return kActorTypes[1];
        case K::Organisation:
            return kActorTypes[2];
        case K::Alliance:
            return kActorTypes[3];
        case K::ArmedGroup:
            return kActorTypes[4];
        case K::Block:
        case K::Topic:
            break;
    }
    return {};
}

std::vector<std::string> actor_types_of(const Gazetteer& gazetteer,
                                        const std::vector<std::string>& actors) {
    std::vector<std::string> out;
    for (const auto& actor : actors) {
        const GazetteerEntry* entry = gazetteer.entry(actor);
        if (!entry) continue;
        const std::string_view type = actor_type_value(entry->kind);
        if (!type.empty()) out.emplace_back(type);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool set_tags(Xapian::Document& doc, ParagraphRecord& record, const ParagraphTags& tags) {
    bool changed = record.actors != tags.actors || record.actor_types != tags.actor_types ||
                   record.topics != tags.topics ||
                   record.mentioned_topics != tags.mentioned_topics ||
                   record.topic_evidence != tags.topic_evidence;
    std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> terms;
    for (const Facet facet : kTagFacets) {
        std::vector<std::string> wanted;
        for (const auto& value : values_of(tags, facet))
            wanted.push_back(field_term(facet_prefix(facet), value));
        std::sort(wanted.begin(), wanted.end());
        wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
        std::vector<std::string> present = terms_with_prefix(doc, facet_prefix(facet));
        changed = changed || present != wanted;
        terms.emplace_back(std::move(present), std::move(wanted));
    }
    if (!changed) return false;
    for (const auto& [present, wanted] : terms) {
        for (const auto& t : present) doc.remove_term(t);
        for (const auto& t : wanted) doc.add_boolean_term(t);
    }
    record.actors = tags.actors;
    record.actor_types = tags.actor_types;
    record.topics = tags.topics;
    record.mentioned_topics = tags.mentioned_topics;
    record.topic_evidence = tags.topic_evidence;
    return true;
}

}  // namespace parley::schema

namespace parley {

std::vector<std::string> facet_names() {
    std::vector<std::string> out;
    for (const auto& s : schema::kFacets) out.emplace_back(s.name);
    return out;
}

}  // namespace parley
