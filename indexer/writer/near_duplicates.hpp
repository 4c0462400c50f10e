#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parley::writer {

// Near-duplicate detection: the same op-ed republished by several outlets, perhaps with an
// editor's note or a retouched sentence. Each article gets a 64-bit SimHash of its word
// 3-shingles; two articles whose SimHashes differ in at most kMaxDuplicateDistance bits are
// copies. Copies share a group label, which the searcher collapses on.

inline constexpr int kMaxDuplicateDistance = 3;
/// Shorter texts are never called duplicates: a few common sentences would match.
inline constexpr std::size_t kMinShingles = 40;

/// SimHash over 3-shingles of the article's word hashes (stems, in order); nullopt when
/// the text has fewer than kMinShingles shingles.
std::optional<std::uint64_t> text_simhash(const std::vector<std::uint64_t>& word_hashes);

/// The four XH band terms of a SimHash (see schema.hpp).
std::vector<std::string> band_terms(std::uint64_t simhash);

/// Slot-4 encoding (8 bytes, big-endian) and back.
std::string encode_simhash(std::uint64_t simhash);
std::optional<std::uint64_t> decode_simhash(const std::string& value);

/// The label of an article that has no copies yet: changes whenever its text does, so a
/// rewritten article leaves its former group.
std::string own_group_label(const std::string& article_id, std::optional<std::uint64_t> simhash);

/// The group label of an indexed article (other than `article_id`) whose SimHash is within
/// kMaxDuplicateDistance of `simhash`, searching every database given; nullopt if none.
std::optional<std::string> find_duplicate_group(const std::vector<Xapian::Database>& databases,
                                                std::uint64_t simhash,
                                                const std::string& article_id);

/// Sets an article's group: the XG term on its first paragraph, slots 5 and 6 on all.
/// `paragraph_keys` holds one key per paragraph (16 hex digits).
void set_group(std::vector<Xapian::Document>& paragraphs, const std::string& label,
               const std::vector<std::string>& paragraph_keys);

/// A copy's paragraphs rarely match the original's one for one: an editor's note comes
/// first, a sentence is retouched. For each paragraph (given by its word terms), the key
/// of the most similar paragraph of the group's other articles (at least
/// kMinParagraphSimilarity of their distinct words shared) replaces its own key, so the
/// searcher collapses the two.
inline constexpr double kMinParagraphSimilarity = 0.7;
void align_paragraph_keys(const std::vector<Xapian::Database>& databases, const std::string& label,
                          const std::string& article_id,
                          const std::vector<std::vector<std::string>>& paragraph_words,
                          std::vector<std::string>& paragraph_keys);

/// The sorted distinct word (Z) terms of a document.
std::vector<std::string> word_terms(const Xapian::Document& doc);

/// Joins copies that were written without seeing each other (the shards of a bulk build):
/// every group of near-duplicates takes the label of its member with the smallest article
/// id. Rewrites only the paragraphs of relabelled articles. Returns how many articles
/// changed group. The caller commits.
std::size_t join_duplicate_groups(Xapian::WritableDatabase& db);

}  // namespace parley::writer
