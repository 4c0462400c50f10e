#pragma once

// The contract between writer and reader: every Xapian term prefix, value slot and
// metadata key a Parley index uses. Nothing else in the code spells these out.
//
// One Xapian document per paragraph. What belongs to a whole article is stored once, on
// its first paragraph (its lowest docid: an article's paragraphs are always added
// together, in order) or in its ArticleRecord; the searcher extends it to every paragraph
// through its in-memory table of articles (searcher/match/doc_table.hpp).
//
// Term prefixes (Xapian convention: Z stemmed, X… the application's own; a ':' follows
// multi-letter prefixes so values may start with capitals).
// On every paragraph:
//   Z<stem>            paragraph words, stemmed, with their counts (wdf) but without
//                      Xapian positions: phrases are checked against the paragraph's
//                      token stream (slot 7). Hyphenated compounds are indexed whole
//                      ("Zchina-russia") and as parts.
//   XI:<article>       every paragraph of an article (replace/delete in one call)
//   XL:<lang>          article language (ISO 639-1)
//   XA:<Actor>         canonical actor name, as in the gazetteer ("XA:United States")
//   XK:<type>          actor type of a tagged actor ("XK:leader"), see facets.hpp
//   XT:<topic>         canonical topic name ("XT:maritime") of a topic the paragraph is about
//   XM:<topic>         every topic the paragraph mentions (XT:'s and those named in passing)
// Only on an article's first paragraph, standing for the whole article:
//   S<stem>            title words, stemmed, as boolean terms (wdf 0: they do not
//                      lengthen the paragraph). Queries match them beside Z terms, so a
//                      title word finds all the article's paragraphs and adds a fixed
//                      boost (see rank::CoordinateWeight)
//   XW:<Author>        author, display form ("XW:Sultana Yesmin")
//   XS:<Source>        outlet, display form
//   XY:<yyyy>          publication year
//   XF:<path>          the file the article was read from (absolute), for --prune
//   XH<b><hex4>        band b (0-3) of the article's text SimHash, 16 bits as hex: two
//                      articles within Hamming distance 3 share at least one band
//   XG:<label>         the article's near-duplicate group (see slot 5)
//
// Value slots:
//   0  date "YYYY-MM-DD" (first paragraph only)
//   1  article id: the searcher reads all of them in one pass to learn the articles'
//      paragraphs (a posting list per article took ten times as long)
//   3  content fingerprint of the whole article as read (16 hex digits): an unchanged
//      article is not rewritten (first paragraph only)
//   4  text SimHash of the article, 8 bytes big-endian (first paragraph only)
//   5  near-duplicate group label: the same for republished copies of one op-ed
//   6  label + the paragraph's normalised-text hash: collapses the same paragraph of
//      republished copies into one hit
//   7  the paragraph's token stream: one short code per word position, enough to check
//      phrases exactly (see token_stream.hpp)
//   8  the title's token stream, in the same form, for phrases in titles (first paragraph
//      only; articles written before it have none, and their titles are analysed again)
//   (slot 2, the paragraph's tags, is no longer written: the paragraph record holds
//   them, so that a hit is one read)
//
// Document data: a ParagraphRecord (article id, paragraph number, text, actors, actor
// types, topics and the cues that gave them), see paragraph_record.hpp.
//
// Facets (actor, topic, year, author, source, actor_type, mentioned_topic): names, prefixes and
// numbers in facets.hpp; a paragraph's tags are written by set_tags() (paragraph_tags.hpp).
//
// Metadata keys: the manifest (manifest.hpp), and one ArticleRecord per article (what a
// hit shows: title, authors, date, source, URL, language) under "A:<article>". A sharded
// index keeps each article's record in the shard that holds its paragraphs.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/fingerprint.hpp"

namespace parley::schema {

inline constexpr int kVersion = 4;
/// The tagging rules this build applies: raised whenever a change to the tagger (not the
/// gazetteer, which has its own fingerprint) changes which actors or topics text gets, so
/// that `parley-index retag` knows an index tagged by earlier rules must be re-tagged
/// whole. Indexes from before it was recorded read as 0.
///   1  2026-12-05: topics named only as a minor item of a list are passing mentions
///   2  2026-12-06: on an inauguration day an office's title names the new holder only;
///      a capitalised English name matches only itself, its plural or its possessive;
///      a comma list after a place preposition inside a sentence is all places
///   3  2026-12-06: topic cues apply to text of their language only (a topic's language
///      lines are its cues in that language); `not.LANG` names; German determiner + leader
///      name is a noun; full-width capitals; coordination by suspended hyphen and shared
///      head; Russian names ending in a consonant or -й match with case endings
///   4  2026-12-07: a leader named in one paragraph of an article is named by a surname
///      alone in its other paragraphs (second mentions); a capital that is the object of
///      a verb taking a party acts ("accused Beijing of"); "Title Surname" does not name
///      a leader whose first term starts more than 20 years after the article date
///   5  2026-12-07: a topic is a paragraph's when its cues occur twice or more; named once,
///      it is only mentioned (mentioned_topic); the article-level passing-mention rule and
///      the four-mentions rule, which only ever dropped topics named once, are gone.
///      A leader's name or surname that is a common word ("Major reforms", "Коль скоро")
///      needs a verb, comma or possessive after it at a sentence start; second mentions by
///      the surname of a name in the paragraph's language (Russian declined); German
///      "die Merkel" names a leader the article names; after a title, namesakes whose
///      office is the title's come before the date ("President Johnson")
///   6  2026-12-07: a topic named exactly twice by two different cues is a topic only when
///      no topic of the paragraph is named more and two other paragraphs of the article
///      name it twice or more; otherwise it is only mentioned. A month's name that is a
///      leader's surname names the leader the article names before a verb of saying
///      ("May said")
inline constexpr int kTaggingRules = 6;

inline constexpr std::string_view kWordPrefix = "Z";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kArticlePrefix = "XI:";
inline constexpr std::string_view kActorPrefix = "XA:";
inline constexpr std::string_view kTopicPrefix = "XT:";
inline constexpr std::string_view kMentionedTopicPrefix = "XM:";
inline constexpr std::string_view kActorTypePrefix = "XK:";
inline constexpr std::string_view kAuthorPrefix = "XW:";
inline constexpr std::string_view kSourcePrefix = "XS:";
inline constexpr std::string_view kYearPrefix = "XY:";
inline constexpr std::string_view kLanguagePrefix = "XL:";
inline constexpr std::string_view kOriginPrefix = "XF:";
inline constexpr std::string_view kBandPrefix = "XH";
inline constexpr std::string_view kGroupPrefix = "XG:";

inline constexpr unsigned kDateSlot = 0;
inline constexpr unsigned kArticleSlot = 1;
inline constexpr unsigned kContentSlot = 3;
inline constexpr unsigned kSimhashSlot = 4;
inline constexpr unsigned kGroupSlot = 5;
inline constexpr unsigned kDuplicateKeySlot = 6;
inline constexpr unsigned kTokenStreamSlot = 7;
inline constexpr unsigned kTitleStreamSlot = 8;
/// The file an article was read from, whole, on its first paragraph, when it is longer than
/// its XF: term can hold (see bounded()). Indexes from before 2026-12-08 have only the term.
inline constexpr unsigned kOriginSlot = 9;

inline std::string term(std::string_view prefix, std::string_view value) {
    std::string t;
    t.reserve(prefix.size() + value.size());
    t.append(prefix).append(value);
    return t;
}

/// Xapian terms are limited to 245 bytes; field values in boolean terms are cut (at a
/// character boundary) to this many bytes.
inline constexpr std::size_t kMaxValueBytes = 200;

inline std::string_view bounded(std::string_view value) {
    if (value.size() <= kMaxValueBytes) return value;
    std::size_t cut = kMaxValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    return value.substr(0, cut);
}

/// Whether a value read back from a term may be one that bounded() cut: a cut keeps at
/// least kMaxValueBytes - 3 bytes (it steps back over at most three continuation bytes).
inline bool maybe_cut(std::string_view value) { return value.size() + 3 >= kMaxValueBytes; }

/// A boolean term for a field value: prefix + value, bounded.
inline std::string field_term(std::string_view prefix, std::string_view value) {
    return term(prefix, bounded(value));
}

/// An article id as its XI: term and its record's key hold it: whole, or for an id longer
/// than kMaxValueBytes its first bytes and a hash of the whole, so that ids sharing their
/// first 200 bytes (URLs with long query strings) stay different articles.
inline std::string id_key(std::string_view article_id) {
    if (article_id.size() <= kMaxValueBytes) return std::string(article_id);
    std::size_t cut = kMaxValueBytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(article_id[cut]) & 0xC0) == 0x80) --cut;
    return std::string(article_id.substr(0, cut)) + "#" + util::hex64(util::fnv1a64(article_id));
}

/// The key a long id had in indexes written before id_key() hashed (Parley before
/// 2026-12-06): its first bytes alone, which other ids may share. Nothing for an id that
/// fits.
inline std::optional<std::string> legacy_id_key(std::string_view article_id) {
    if (article_id.size() <= kMaxValueBytes) return std::nullopt;
    return std::string(bounded(article_id));
}

inline std::string article_term(std::string_view article_id) {
    return term(kArticlePrefix, id_key(article_id));
}

}  // namespace parley::schema
