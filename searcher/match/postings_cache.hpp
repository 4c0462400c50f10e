#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

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

    explicit PostingsCache(std::size_t budget = kDefaultBudget,
                           Xapian::doccount min_postings = kMinPostings,
                           Xapian::doccount density = kDensity)
        : budget_(budget), min_postings_(min_postings), density_(density) {}

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
    std::size_t budget_;
    Xapian::doccount min_postings_, density_;
    std::size_t bytes_ = 0;
    std::size_t decoded_ = 0;
    std::uint64_t clock_ = 0;
};

}  // namespace parley::match
