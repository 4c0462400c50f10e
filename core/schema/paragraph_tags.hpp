#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "parley/gazetteer.hpp"

namespace parley::schema {

struct ParagraphRecord;

/// What the tagger found in one paragraph. Lists are sorted, each value once.
struct ParagraphTags {
    std::vector<std::string> actors;       ///< canonical names
    std::vector<std::string> actor_types;  ///< actor_type_value() of each actor's kind
    std::vector<std::string> topics;       ///< canonical names of the topics it is about
    /// Every topic its cues name, `topics` and those it names only in passing.
    std::vector<std::string> mentioned_topics;
    /// Per mentioned topic, the cues that fired, as the gazetteer writes them, sorted.
    std::map<std::string, std::vector<std::string>> topic_evidence;
    /// Leaders tagged by a form that names only them (not a namesake's "Bush"). Not stored:
    /// the tagger follows them by surname into the article's other paragraphs.
    std::vector<std::string> leaders_named;
    /// Not stored either; for the article-wide step of topic tagging (weigh_topics_in_article()):
    /// the topics named here at least twice, and of those the ones that are topics only if
    /// the article bears them out (named twice by two different cues, and named most here).
    std::vector<std::string> topics_named_twice;
    std::vector<std::string> topics_awaiting_article;

    bool operator==(const ParagraphTags&) const = default;
};

/// The distinct, sorted actor types of `actors` (canonical names of `gazetteer`).
std::vector<std::string> actor_types_of(const Gazetteer& gazetteer,
                                        const std::vector<std::string>& actors);

/// Makes a paragraph's document and record carry `tags`: the actor, actor_type and topic
/// filter terms (old ones removed) and the record's tag fields. The one place that writes
/// tags, for indexing and for re-tagging. Returns false, changing nothing, when the
/// document and record already carry exactly these tags. Does not re-encode the record
/// into the document's data: the caller does, once the record is complete.
bool set_tags(Xapian::Document& doc, ParagraphRecord& record, const ParagraphTags& tags);

}  // namespace parley::schema
