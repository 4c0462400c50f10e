#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "match/doc_table.hpp"
#include "rank/coordinate_weight.hpp"

namespace parley::match {

/// One word's posting list, decoded: ascending docids closed by a kEnd sentinel, and the
/// word's count in each (wdfs[i] for docs[i]; 0 for the sentinel). Counts are 16 bits: a
/// list with a larger one is left to Xapian.
struct DecodedPostings {
    using Wdf = std::uint16_t;
    std::vector<Xapian::docid> docs;
    std::vector<Wdf> wdfs;

    static constexpr std::size_t kBytesPerPosting = sizeof(Xapian::docid) + sizeof(Wdf);
    std::size_t bytes() const {
        return docs.capacity() * sizeof(Xapian::docid) + wdfs.capacity() * sizeof(Wdf);
    }
};

/// Docids per block of a common pair's PairBlocks and PairBounds: 1 << kBlockShift, at
/// most 64 (a block's members are the bits of one word).
inline constexpr unsigned kBlockShift = 6;
inline constexpr unsigned kMaxBlockShift = 6;

/// Per block of 64 docids (docid >> kBlockShift, unless the cache says otherwise), the
/// paragraphs whose pair summary has one common pair, as
/// an exact count needs them: how many, and how their articles change, so that a block none
/// of whose matches can reach the page is counted in one step (match::walk counts articles
/// where the article changes from one match to the next).
struct PairBlocks {
    struct Block {
        std::uint32_t count = 0;                             ///< paragraphs with the pair
        std::uint32_t first_article = DocTable::kNoArticle;  ///< the first one's article rank
        std::uint32_t last_article = DocTable::kNoArticle;   ///< the last one's
        /// Among them after the first, those whose article is not the one before's.
        std::uint32_t article_changes = 0;
        /// Bit i: docid first + i has the pair. Asking it, rather than the summaries, which
        /// of a block's copies match saves a cache miss per copy (about 20,000 of them for
        /// "of the" in 1,000,000 paragraphs).
        std::uint64_t holds = 0;
        /// Every paragraph of the block has a summary (else some must be checked one by one).
        bool certain = true;
    };
    std::vector<Block> blocks;
};

/// What PostingsCache::pair_bounds() gives.
struct PairBounds {
    static constexpr std::size_t kHighest = 64;
    std::vector<double> bound;           ///< per block
    std::vector<std::uint32_t> highest;  ///< blocks, highest bound first
};

/// The decoded posting lists of the densest words of one index version, kept between
/// searches. A common word ("the", "year", "government") is in a large share of the
/// paragraphs and in many queries; reading its postings through Xapian costs several
/// virtual calls and a decode per posting, and a skip_to in its dense chunks about a
/// microsecond, which for an exact total over hundreds of thousands of matches is most
/// of a query's time. Read from plain arrays, the same work is a third faster (scripts/bench).
/// Rare words are left to Xapian: their postings are few and a skip_to jumps far.
///
/// Lists are decoded on first use and dropped least recently used first once the budget is
/// reached; a cursor holds its list, so dropping one in use is safe. Thread-safe: one mutex,
/// held while a list is decoded (once per word and version).
class PostingsCache {
  public:
    static constexpr std::size_t kDefaultBudget = std::size_t{256} << 20;  ///< bytes
    /// Worth decoding: a word with at least kMinPostings postings, held by at least one
    /// paragraph in kDensity.
    static constexpr Xapian::doccount kMinPostings = 4096;
    static constexpr Xapian::doccount kDensity = 64;

    /// `block_shift`: a pair's blocks are 1 << block_shift docids (tests use small ones),
    /// at most kMaxBlockShift.
    explicit PostingsCache(std::size_t budget = kDefaultBudget,
                           Xapian::doccount min_postings = kMinPostings,
                           Xapian::doccount density = kDensity, unsigned block_shift = kBlockShift)
        : budget_(budget),
          min_postings_(min_postings),
          density_(density),
          block_shift_(std::min(block_shift, kMaxBlockShift)) {}

    /// Whether a word of `termfreq` postings in an index of `doccount` paragraphs is read
    /// from here.
    bool worth(Xapian::doccount termfreq, Xapian::doccount doccount) const {
        return termfreq >= min_postings_ &&
               static_cast<std::uint64_t>(termfreq) * density_ >= doccount;
    }

    /// The decoded postings of `term` (`termfreq` of them) read from `db`, a handle at this
    /// cache's index version; nullptr when the list alone exceeds the budget or a count
    /// does not fit DecodedPostings::Wdf.
    std::shared_ptr<const DecodedPostings> get(const std::string& term, const Xapian::Database& db,
                                               Xapian::doccount termfreq);

    /// The PairBlocks of the common pair whose summary bits are `pair_bits`, from `table`'s
    /// pair summaries and articles. Computed on first use (one pass over the summaries) and
    /// kept; one per pair, so at most 64.
    std::shared_ptr<const PairBlocks> pair_blocks(std::uint64_t pair_bits, const DocTable& table);

    /// Per block of the pair's PairBlocks, a score no paragraph with the pair exceeds there
    /// under `weight`, for these two words (decoded as `postings`): the best score of the
    /// block's matches, score(words[0]) + score(words[1]) as a phrase sums them, exactly
    /// where every paragraph of the block has a summary, else the words' maxima over the
    /// index; 0 where
    /// none matches. With it, the blocks of highest bound, best first (at most
    /// PairBounds::kHighest). Computed on first use for these words and weight (one pass
    /// over the pair's paragraphs) and kept, one set per pair.
    std::shared_ptr<const PairBounds> pair_bounds(
        std::uint64_t pair_bits, const std::array<const DecodedPostings*, 2>& postings,
        const std::array<rank::CoordinateWeight::Word, 2>& words, const DocTable& table,
        const rank::CoordinateWeight& weight);

    /// Docids per block of pair_blocks() and pair_bounds(): 1 << block_shift().
    unsigned block_shift() const { return block_shift_; }

    /// Bytes held now, and lists decoded since construction (for tests and benchmarks).
    std::size_t bytes() const;
    std::size_t decoded() const;

  private:
    struct Entry {
        std::shared_ptr<const DecodedPostings> postings;
        std::uint64_t last_use = 0;
    };
    void make_room(std::size_t bytes);  // with mutex_ held

    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    std::unordered_map<std::uint64_t, std::shared_ptr<const PairBlocks>> pairs_;
    struct PairBoundsEntry {
        std::array<rank::CoordinateWeight::Word, 2> words;
        std::optional<rank::CoordinateWeight> weight;  ///< what they were computed with
        std::shared_ptr<const PairBounds> bounds;
    };
    std::unordered_map<std::uint64_t, PairBoundsEntry> pair_bounds_;
    std::size_t budget_;
    Xapian::doccount min_postings_, density_;
    unsigned block_shift_;
    std::size_t bytes_ = 0;
    std::size_t decoded_ = 0;
    std::uint64_t clock_ = 0;
};

}  // namespace parley::match
