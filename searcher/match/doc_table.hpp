#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::match {

/// Per-paragraph numbers the matcher needs for every match, in memory: Xapian keeps a
/// document's length in a separate list that costs a B-tree walk per lookup, which made
/// ranking a match five times dearer than finding it. Built from one index version (a
/// reopened Searcher builds a new one); each part on first use, in one sequential read.
/// Memory: 4 bytes per paragraph per part. Not thread-safe (lazy parts).
class DocTable {
  public:
    explicit DocTable(Xapian::Database db);

    /// Length of a paragraph (the sum of its words' counts), as BM25 uses it.
    Xapian::termcount length(Xapian::docid doc) {
        if (lengths_.empty()) load_lengths();
        return doc < lengths_.size() ? lengths_[doc] : 0;
    }
    /// The publication date as yyyymmdd, 0 if undated.
    std::uint32_t date(Xapian::docid doc) {
        if (dates_.empty()) load_dates();
        return doc < dates_.size() ? dates_[doc] : 0;
    }
    /// Where the paragraph's article id comes in the order of all article ids (for ties).
    std::uint32_t article_rank(Xapian::docid doc) {
        if (ranks_.empty()) load_ranks();
        return doc < ranks_.size() ? ranks_[doc] : 0;
    }
    const std::vector<std::uint32_t>& article_ranks() {
        if (ranks_.empty()) load_ranks();
        return ranks_;
    }
    std::size_t article_count() {
        if (ranks_.empty()) load_ranks();
        return articles_;
    }

    /// A paragraph's token stream (slot 7), empty if it has none. The first call reads
    /// every stream into memory in one sequential pass (about 25 ms and 0.25 bytes per
    /// byte of text for 200,000 paragraphs): phrase checks then touch no disk block,
    /// where reading values one by one cost a system call per 8 KB block.
    std::string_view token_stream(Xapian::docid doc) {
        if (stream_offsets_.empty()) load_streams();
        if (doc + 1 >= stream_offsets_.size()) return {};
        return std::string_view(streams_).substr(stream_offsets_[doc],
                                                 stream_offsets_[doc + 1] - stream_offsets_[doc]);
    }

    /// "YYYY-MM-DD" (or a prefix of it) as yyyymmdd; 0 if it is not a date.
    static std::uint32_t date_key(std::string_view date);

  private:
    void load_lengths();
    void load_dates();
    void load_ranks();
    void load_streams();

    Xapian::Database db_;
    std::size_t rows_;
    std::vector<Xapian::termcount> lengths_;
    std::vector<std::uint32_t> dates_;
    std::vector<std::uint32_t> ranks_;
    std::size_t articles_ = 0;
    std::string streams_;                        // every stream, in docid order
    std::vector<std::uint64_t> stream_offsets_;  // per docid, rows + 1 entries
};

}  // namespace parley::match
