#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/error.hpp"

namespace parley::schema {

/// A stored record this Parley cannot read: corrupt, or of a version it does not read. The
/// message names the article (and paragraph) when the record says which, and the fix;
/// readers that know the index add its path (an IndexIoError to callers outside).
class RecordError : public IndexIoError {
  public:
    using IndexIoError::IndexIoError;
};

/// What a Xapian document's data holds: the original paragraph text (snippets are cut
/// from it), where it belongs and its tags, so that a hit is one read. The article's own
/// fields are stored once per article, in an ArticleRecord, not once per paragraph.
struct ParagraphRecord {
    std::string article_id;
    std::uint32_t paragraph = 0;  ///< 1-based
    std::string text;
    std::vector<std::string> actors;       ///< canonical names, as the XA: terms hold them
    std::vector<std::string> actor_types;  ///< as the XK: terms hold them
    std::vector<std::string> topics;       ///< as the XT: terms hold them
    /// `topics` and the topics named only in passing, sorted, as the XM: terms hold them.
    std::vector<std::string> mentioned_topics;
    /// Per mentioned topic, the cues that fired (see ParagraphTags); a topic without an
    /// entry here has no recorded evidence.
    std::map<std::string, std::vector<std::string>> topic_evidence;

    std::string encode() const;
    /// Throws IndexIoError for data that is not a record of this schema, naming the
    /// record version found when it is another (an index built by an older Parley).
    static ParagraphRecord decode(std::string_view data);
    /// Only the article id of an encoded record (cheaper than decode()).
    static std::string article_id_in(std::string_view data);

    bool operator==(const ParagraphRecord&) const = default;
};

/// The fields of an article that its hits show, stored once per article in the Xapian
/// metadata under article_record_key(id), written and deleted in the same transaction as
/// the article's paragraphs.
struct ArticleRecord {
    std::string article_id;
    std::uint32_t paragraph_count = 0;
    std::string title;
    std::vector<std::string> authors;
    std::string date;
    std::string source;
    std::string url;
    std::string language;

    std::string encode() const;
    /// Throws IndexIoError for data that is not a record of this schema.
    static ArticleRecord decode(std::string_view data);
};

/// The metadata key of an article's record.
std::string article_record_key(std::string_view article_id);
/// The key a long id's record had before long ids were hashed (legacy_id_key()); nothing
/// for an id that fits.
std::optional<std::string> legacy_article_record_key(std::string_view article_id);

}  // namespace parley::schema
