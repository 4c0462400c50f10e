#pragma once

// The contract between writer and reader: every Xapian term prefix, value slot and
// metadata key a Parley index uses. Nothing else in the code spells these out.
//
// One Xapian document per paragraph.
//
// Term prefixes (Xapian convention: Z stemmed, Q unique id, X… the application's own;
// a ':' follows multi-letter prefixes so values may start with capitals):
//   Z<stem>            paragraph words, stemmed, with positions. Hyphenated compounds
//                      are indexed whole ("Zchina-russia") and as parts.
//   S<stem>            title words, stemmed, in every paragraph of the article, as
//                      boolean terms (wdf 0: they do not lengthen the paragraph). Queries
//                      match them beside Z terms, so a title word finds the article's
//                      paragraphs and adds a fixed boost (see CoordinateWeight).
//   Q<article>#<n>     unique id of paragraph n (1-based) of an article
//   XI:<article>       every paragraph of an article (replace/delete in one call)
//   XA:<Actor>         canonical actor name, as in the gazetteer ("XA:United States")
//   XT:<topic>         canonical topic name ("XT:maritime")
//   XW:<Author>        author, display form ("XW:Sultana Yesmin")
//   XS:<Source>        outlet, display form
//   XY:<yyyy>          publication year
//   XL:<lang>          article language (ISO 639-1)
//
// Value slots:
//   0  date "YYYY-MM-DD" (sorts as a string; range filters use it)
//   1  article id (collapse key for grouping by article)
//
// Document data: a ParagraphRecord (paragraph text and what a hit displays), see
// paragraph_record.hpp.
//
// Metadata keys: see Manifest (manifest.hpp).

#include <string>
#include <string_view>

namespace parley::schema {

inline constexpr int kVersion = 1;

inline constexpr std::string_view kWordPrefix = "Z";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kParagraphIdPrefix = "Q";
inline constexpr std::string_view kArticlePrefix = "XI:";
inline constexpr std::string_view kActorPrefix = "XA:";
inline constexpr std::string_view kTopicPrefix = "XT:";
inline constexpr std::string_view kAuthorPrefix = "XW:";
inline constexpr std::string_view kSourcePrefix = "XS:";
inline constexpr std::string_view kYearPrefix = "XY:";
inline constexpr std::string_view kLanguagePrefix = "XL:";

inline constexpr unsigned kDateSlot = 0;
inline constexpr unsigned kArticleSlot = 1;

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

/// A boolean term for a field value: prefix + value, bounded.
inline std::string field_term(std::string_view prefix, std::string_view value) {
    return term(prefix, bounded(value));
}

inline std::string article_term(std::string_view article_id) {
    return field_term(kArticlePrefix, article_id);
}

inline std::string paragraph_id_term(std::string_view article_id, std::size_t paragraph) {
    return term(kParagraphIdPrefix, bounded(article_id)) + "#" + std::to_string(paragraph);
}

/// Facets are boolean-term prefixes; this maps a facet name to its prefix.
/// Returns an empty view for an unknown facet.
inline std::string_view facet_prefix(std::string_view facet) {
    if (facet == "actor") return kActorPrefix;
    if (facet == "topic") return kTopicPrefix;
    if (facet == "author") return kAuthorPrefix;
    if (facet == "source") return kSourcePrefix;
    if (facet == "year") return kYearPrefix;
    if (facet == "language") return kLanguagePrefix;
    return {};
}

}  // namespace parley::schema
