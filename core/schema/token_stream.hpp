#pragma once

// The token stream of a paragraph (value slot kTokenStreamSlot): what Parley keeps instead
// of Xapian's positional index. It answers one question, exactly: does this paragraph hold
// these words one after another?
//
// Xapian stores one B-tree entry per (paragraph, term) for positions, which made positions
// 2.2x the raw text and half of the indexing time. The stream stores one short code per
// word position instead, about 10 bits:
//
//   byte 0   code width w in bits (8..32), or 0: no stream (see below); plus a flag
//            (since pair summaries): 0x80 a pair summary follows, 0x40 no common pair
//   byte 1   salt s
//   8 bytes  with 0x80 only: the pair summary, little-endian
//   then     one w-bit code per word position 1, 2, 3, ... packed LSB first
//
// The pair summary has a bit for each of 64 common pairs of function words ("of the",
// "in the", "it is"), set when the paragraph holds the pair at adjacent positions. It
// answers a phrase of two such words, and rules out a longer phrase one of whose pairs is
// missing, without decoding a code: "of the" is in most paragraphs of English, so decoding
// was nearly all of the cost of searching for it. Streams written before the summary carry
// neither flag and are decoded as before.
//
// The code of a term is a salted hash of it, and the writer picks w and s so that the
// codes of the paragraph's *distinct* terms are all different (a perfect hash for this one
// paragraph). A phrase is checked only on paragraphs that contain every one of its terms
// (the matcher ANDs them first); there, a position whose code equals a phrase term's code
// can only hold that term. So the check has no false positives and no false negatives,
// with codes far shorter than the terms.
//
// Width 0 marks a paragraph for which no perfect hash was found (not seen in practice: it
// would need tens of thousands of distinct words); its phrases are checked by re-analysing
// the stored text.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parley::schema {

/// The 64-bit base hash of a term (stemmed, without prefix), salted per paragraph later.
std::uint64_t token_hash(std::string_view term);

/// Encodes the stream of a paragraph: `terms[i]` is the term at word position i + 1.
std::string encode_token_stream(const std::vector<std::string_view>& terms);

/// The pair summary of a paragraph whose terms have these base hashes, in order.
std::uint64_t pair_summary(const std::vector<std::uint64_t>& hashes);

/// The common pairs the summary knows, in bit order (stems; each word is its own stem).
std::vector<std::pair<std::string_view, std::string_view>> common_pairs();

/// What stream_pairs() gives for a stream without a pair summary (written before them, or
/// malformed): it rules nothing out.
inline constexpr std::uint64_t kUnknownPairs = ~std::uint64_t{0};

/// The pair summary of a stream (0 when it holds no common pair), or kUnknownPairs. Kept
/// apart from the streams by the searcher, 8 bytes a paragraph read in docid order, so that
/// a phrase of common words need not touch each paragraph's stream at all.
std::uint64_t stream_pairs(std::string_view stream);

/// The word positions (from 1) at which each of `terms` (stemmed, without prefix) stands in
/// the paragraph with this stream, in ascending order: what proximity queries measure. Only
/// meaningful for terms the paragraph holds (an absent term's code may be a present one's).
/// False when the stream has no codes (width 0) or is malformed: the caller reads the text.
bool stream_positions(std::string_view stream, const std::vector<std::string>& terms,
                      std::vector<std::vector<std::uint32_t>>& out);

/// Checks streams for one phrase. Cheap to copy; thread-compatible.
class PhraseCheck {
  public:
    /// `terms`: the phrase's terms in order (stemmed, without prefix), at least one.
    /// `anchor`: the word whose places are looked for first, the others compared around
    /// them; best the rarest ("make" in "make the"). Default (or out of range): the last.
    explicit PhraseCheck(const std::vector<std::string>& terms,
                         std::size_t anchor = static_cast<std::size_t>(-1));

    enum class Result { Match, NoMatch, Unknown };
    /// Whether the paragraph with this stream holds the phrase. Only meaningful for a
    /// paragraph that holds every term of the phrase. Unknown: the stream has no codes
    /// (width 0) or is malformed, and the caller must check the text itself.
    Result check(std::string_view stream) const;

    /// The answer a paragraph's pair summary (stream_pairs() of its stream) gives on its
    /// own: NoMatch when a common pair of the phrase is missing, Match when the phrase is
    /// two words making a common pair, else Unknown (check() the stream).
    Result check_pairs(std::uint64_t pairs) const {
        if (!pairs_ || pairs == kUnknownPairs) return Result::Unknown;
        if ((pairs & pairs_) != pairs_) return Result::NoMatch;
        return pairs_decide_ ? Result::Match : Result::Unknown;
    }
    /// Whether check_pairs() can ever answer: the phrase holds a common pair.
    bool has_common_pairs() const { return pairs_ != 0; }
    /// Whether check_pairs() answers for every paragraph with a summary: the phrase is two
    /// words making a common pair. Its summary bits are then pair_bits().
    bool decided_by_pairs() const { return pairs_decide_; }
    std::uint64_t pair_bits() const { return pairs_; }

  private:
    std::vector<std::uint64_t> hashes_;
    std::size_t anchor_ = 0;
    std::uint64_t pairs_ = 0;    ///< summary bits of the phrase's common pairs
    bool pairs_decide_ = false;  ///< two words making a common pair: the summary answers
};

}  // namespace parley::schema
