#pragma once

#include <xapian.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "schema/token_stream.hpp"

namespace parley::match {

/// Per-paragraph numbers the matcher needs for every match, and the index's articles, in
/// memory. Xapian keeps a document's length in a separate list that costs a B-tree walk
/// per lookup, which made ranking a match five times dearer than finding it; and what
/// belongs to a whole article (title words, author, source, year, date) is stored on its
/// first paragraph only, so the articles' paragraphs must be known to extend it.
///
/// One table describes one version of an index. Its parts are loaded by load(), each in
/// one sequential read, and never change after: once loaded, any number of threads may
/// read them (IndexTables shares one table between a process's Searchers). The accessors
/// require their part to be loaded. Memory: about 4 bytes per paragraph per part, plus the
/// token streams (about a quarter of the text).
class DocTable {
  public:
    enum Part : unsigned {
        kLengths = 1,   ///< length()
        kArticles = 2,  ///< article_rank(), article_docs(), article_id(), expand()
        kDates = 4,     ///< date() (loads kArticles too)
        kStreams = 8,   ///< token_stream()
        kTitles = 16,   ///< title_stream() (loads kArticles too)
    };
    /// Loads the parts in `parts` not yet loaded, from `db` (this table's version).
    /// Not thread-safe: IndexTables serialises it.
    void load(unsigned parts, const Xapian::Database& db);
    bool loaded(unsigned parts) const { return (loaded_ & parts) == parts; }

    /// One past the highest docid.
    Xapian::docid end_docid() const { return static_cast<Xapian::docid>(rows_); }

    /// Length of a paragraph (the sum of its words' counts), as BM25 uses it.
    Xapian::termcount length(Xapian::docid doc) const {
        return doc < lengths_.size() ? lengths_[doc] : 0;
    }
    /// The article's publication date as yyyymmdd, 0 if undated.
    std::uint32_t date(Xapian::docid doc) const { return doc < dates_.size() ? dates_[doc] : 0; }
    /// Where the paragraph's article id comes in the order of all article ids (ties are
    /// broken by it); kNoArticle for a docid that is not a paragraph.
    std::uint32_t article_rank(Xapian::docid doc) const {
        return doc < ranks_.size() ? ranks_[doc] : kNoArticle;
    }
    std::size_t article_count() const { return ids_.size(); }
    /// Whether every article's paragraphs have consecutive docids (one database; not the
    /// interleaved shards of a year-sharded index).
    bool articles_contiguous() const { return contiguous_; }
    /// The paragraphs of an article (by rank), ascending.
    std::span<const Xapian::docid> article_docs(std::uint32_t rank) const {
        return {docs_.data() + offsets_[rank], offsets_[rank + 1] - offsets_[rank]};
    }
    const std::string& article_id(std::uint32_t rank) const { return ids_[rank]; }

    /// Every paragraph of the articles whose first paragraph holds `term` (an
    /// article-level term: S, XW, XS, XY), ascending. `db` is this table's version.
    std::vector<Xapian::docid> expand(const std::string& term, const Xapian::Database& db) const;
    /// Every paragraph of the articles whose first paragraphs are `firsts` (ascending).
    std::vector<Xapian::docid> expand(std::span<const Xapian::docid> firsts) const;
    /// How many paragraphs expand() gives, without listing them.
    Xapian::doccount expanded_count(const std::string& term, const Xapian::Database& db) const;

    /// A paragraph's token stream (slot 7), empty if it has none. All of them are read into
    /// memory in one pass (about 25 ms for 200,000 paragraphs): phrase checks then touch no
    /// disk block, where reading values one by one cost a system call per 8 KB block.
    std::string_view token_stream(Xapian::docid doc) const {
        if (doc >= stream_size_.size() || stream_size_[doc] == 0) return {};
        const std::uint64_t at = stream_at_[doc];
        return {stream_chunks_[at >> 32].get() + (at & 0xffffffff), stream_size_[doc]};
    }

    /// The title's token stream of the article whose first paragraph is `first` (slot 8),
    /// empty if it has none (written before titles had streams).
    std::string_view title_stream(Xapian::docid first) const {
        const std::uint32_t rank = article_rank(first);
        return rank < title_streams_.size() ? std::string_view(title_streams_[rank])
                                            : std::string_view();
    }

    /// Its stream's pair summary (schema::stream_pairs()), loaded with the streams.
    std::uint64_t stream_pairs(Xapian::docid doc) const {
        return doc < stream_pairs_.size() ? stream_pairs_[doc] : schema::kUnknownPairs;
    }

    /// Every docid's pair summary, in docid order: a phrase of one common pair is found by
    /// reading this column alone.
    std::span<const std::uint64_t> stream_pairs_column() const { return stream_pairs_; }
    /// How many paragraphs have a stream but no summary (written before summaries).
    /// Docids without a stream (holes) are kUnknownPairs too, and not counted.
    std::size_t unknown_pairs() const { return unknown_pairs_; }

    /// "YYYY-MM-DD" (or a prefix of it) as yyyymmdd; 0 if it is not a date.
    static std::uint32_t date_key(std::string_view date);

    static constexpr std::uint32_t kNoArticle = 0xffffffff;

    struct FreeChunk {
        void operator()(char* p) const { std::free(p); }
    };
    using Chunk = std::unique_ptr<char[], FreeChunk>;

  private:
    void load_lengths(const Xapian::Database& db);
    void load_dates(const Xapian::Database& db);
    void load_articles(const Xapian::Database& db);
    void load_streams(const Xapian::Database& db);
    void load_titles(const Xapian::Database& db);

    unsigned loaded_ = 0;
    std::size_t rows_ = 1;
    std::vector<Xapian::termcount> lengths_;
    std::vector<std::uint32_t> dates_;
    std::vector<std::uint32_t> ranks_;       // per docid
    std::vector<std::uint64_t> offsets_{0};  // per article rank, into docs_; ranks + 1
    std::vector<Xapian::docid> docs_;        // paragraphs grouped by article, ascending
    std::vector<std::string> ids_;           // per article rank
    bool contiguous_ = true;
    std::vector<Chunk> stream_chunks_;         // the streams, 16 MB at a time
    std::vector<std::uint64_t> stream_at_;     // per docid: chunk << 32 | offset
    std::vector<std::uint32_t> stream_size_;   // per docid: 0 = none
    std::vector<std::uint64_t> stream_pairs_;  // per docid
    std::vector<std::string> title_streams_;   // per article rank
    std::size_t unknown_pairs_ = 0;
};

}  // namespace parley::match
