#include "match/doc_table.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>
#include <unordered_map>

#include "schema/schema.hpp"

namespace parley::match {
namespace {

// Memory for token streams, in huge pages where the kernel allows: on a virtual machine a
// page fault per 4 KB made filling 200 MB of streams take most of a second.
DocTable::Chunk allocate_chunk(std::size_t bytes) {
    constexpr std::size_t kHugePage = 2 << 20;
    const std::size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, size);
    if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(p, size, MADV_HUGEPAGE);  // a hint: without it, ordinary pages
#endif
    return DocTable::Chunk(static_cast<char*>(p));
}

}  // namespace

void DocTable::load(unsigned parts, const Xapian::Database& db) {
    if (loaded_ == 0) rows_ = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    if (parts & (kDates | kTitles)) parts |= kArticles;
    const unsigned missing = parts & ~loaded_;
    if (missing & kLengths) load_lengths(db);
    if (missing & kArticles) load_articles(db);
    if (missing & kDates) load_dates(db);
    if (missing & kStreams) load_streams(db);
    if (missing & kTitles) load_titles(db);
    loaded_ |= missing;
}

void DocTable::load_titles(const Xapian::Database& db) {
    title_streams_.assign(ids_.size(), {});
    for (auto it = db.valuestream_begin(schema::kTitleStreamSlot);
         it != db.valuestream_end(schema::kTitleStreamSlot); ++it) {
        const std::uint32_t rank = article_rank(it.get_docid());
        if (rank != kNoArticle) title_streams_[rank] = *it;
    }
}

void DocTable::load_lengths(const Xapian::Database& db) {
    lengths_.assign(rows_, 0);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        if (*it < rows_) lengths_[*it] = it.get_doclength();
    }
}

std::uint32_t DocTable::date_key(std::string_view date) {
    std::uint32_t key = 0;
    int digits = 0;
    for (const char c : date) {
        if (c == '-') continue;
        if (c < '0' || c > '9' || digits == 8) return 0;
        key = key * 10 + static_cast<std::uint32_t>(c - '0');
        ++digits;
    }
    while (digits < 8 && digits > 0) {  // "2024-05" sorts as 2024-05-00
        key *= 10;
        ++digits;
    }
    return key;
}

void DocTable::load_dates(const Xapian::Database& db) {
    // The date is on each article's first paragraph; every paragraph takes its article's.
    dates_.assign(rows_, 0);
    for (auto it = db.valuestream_begin(schema::kDateSlot);
         it != db.valuestream_end(schema::kDateSlot); ++it) {
        const std::uint32_t rank = article_rank(it.get_docid());
        if (rank == kNoArticle) continue;
        const std::uint32_t key = date_key(*it);
        for (const Xapian::docid d : article_docs(rank)) dates_[d] = key;
    }
}

void DocTable::load_articles(const Xapian::Database& db) {
    // Every paragraph's article id, in one pass over slot 1 (opening the posting list of
    // each article's XI term took 0.6 s for 100,000 articles); ranks by sorting the ids.
    struct Paragraph {
        Xapian::docid doc;
        std::uint32_t at, size;  // the id in `arena`
    };
    std::vector<Paragraph> paragraphs;
    paragraphs.reserve(db.get_doccount());
    std::string arena;  // every id, one after another: no allocation per paragraph
    for (auto it = db.valuestream_begin(schema::kArticleSlot);
         it != db.valuestream_end(schema::kArticleSlot); ++it) {
        if (it.get_docid() >= rows_) continue;
        const std::string id = *it;
        paragraphs.push_back({it.get_docid(), static_cast<std::uint32_t>(arena.size()),
                              static_cast<std::uint32_t>(id.size())});
        arena += id;
    }
    auto id_of = [&](const Paragraph& p) { return std::string_view(arena).substr(p.at, p.size); };
    // Distinct ids in first-seen order (an article's paragraphs come one after another),
    // then ranked by sorting only those.
    std::unordered_map<std::string_view, std::uint32_t> seen;
    std::vector<std::uint32_t> seen_of(paragraphs.size());
    std::vector<std::string_view> distinct;
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        const std::string_view id = id_of(paragraphs[i]);
        if (i > 0 && id == id_of(paragraphs[i - 1])) {
            seen_of[i] = seen_of[i - 1];
            continue;
        }
        auto [it, fresh] = seen.try_emplace(id, static_cast<std::uint32_t>(distinct.size()));
        if (fresh) distinct.push_back(id);
        seen_of[i] = it->second;
    }
    std::vector<std::uint32_t> order(distinct.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return distinct[a] < distinct[b]; });
    std::vector<std::uint32_t> rank_of(distinct.size());
    ids_.clear();
    ids_.reserve(distinct.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) {
        rank_of[order[r]] = r;
        ids_.emplace_back(distinct[order[r]]);
    }

    ranks_.assign(rows_, kNoArticle);
    std::vector<std::uint64_t> counts(ids_.size() + 1, 0);
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        const std::uint32_t rank = rank_of[seen_of[i]];
        ranks_[paragraphs[i].doc] = rank;
        ++counts[rank + 1];
    }
    offsets_.assign(ids_.size() + 1, 0);
    for (std::size_t r = 0; r < ids_.size(); ++r) offsets_[r + 1] = offsets_[r] + counts[r + 1];
    docs_.assign(paragraphs.size(), 0);
    std::vector<std::uint64_t> fill(offsets_.begin(), offsets_.end() - 1);
    contiguous_ = true;
    for (const Paragraph& p : paragraphs) {  // in docid order: each article's ascending
        const Xapian::docid doc = p.doc;
        const std::uint32_t rank = ranks_[doc];
        if (fill[rank] > offsets_[rank] && doc != docs_[fill[rank] - 1] + 1) contiguous_ = false;
        docs_[fill[rank]++] = doc;
    }
}

std::vector<Xapian::docid> DocTable::expand(const std::string& term,
                                            const Xapian::Database& db) const {
    std::vector<Xapian::docid> firsts;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) firsts.push_back(*p);
    return expand(firsts);
}

std::vector<Xapian::docid> DocTable::expand(std::span<const Xapian::docid> firsts) const {
    std::vector<Xapian::docid> out;
    bool ascending = true;
    for (const Xapian::docid first : firsts) {
        const std::uint32_t rank = article_rank(first);
        if (rank == kNoArticle) continue;
        const auto docs = article_docs(rank);
        if (!out.empty() && !docs.empty() && docs.front() < out.back()) ascending = false;
        out.insert(out.end(), docs.begin(), docs.end());
    }
    // The shards of a year-sharded index interleave their docids, so articles from
    // different shards overlap in docid order.
    if (!ascending) std::sort(out.begin(), out.end());
    return out;
}

Xapian::doccount DocTable::expanded_count(const std::string& term,
                                          const Xapian::Database& db) const {
    Xapian::doccount n = 0;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const std::uint32_t rank = article_rank(*p);
        if (rank != kNoArticle) n += static_cast<Xapian::doccount>(article_docs(rank).size());
    }
    return n;
}

void DocTable::load_streams(const Xapian::Database& db) {
    // Into fixed-size chunks, never reallocated: growing one 200 MB string (1,000,000
    // paragraphs) cost a second of copying and page faults.
    constexpr std::size_t kChunk = 16 << 20;
    stream_at_.assign(rows_, 0);
    stream_size_.assign(rows_, 0);
    stream_pairs_.assign(rows_, schema::kUnknownPairs);
    stream_chunks_.clear();
    std::size_t used = kChunk;  // in the last chunk
    for (auto it = db.valuestream_begin(schema::kTokenStreamSlot);
         it != db.valuestream_end(schema::kTokenStreamSlot); ++it) {
        const Xapian::docid doc = it.get_docid();
        if (doc >= rows_) break;
        const std::string stream = *it;
        if (used + stream.size() > kChunk) {
            stream_chunks_.push_back(allocate_chunk(std::max(kChunk, stream.size())));
            used = 0;
        }
        std::memcpy(stream_chunks_.back().get() + used, stream.data(), stream.size());
        stream_at_[doc] = (static_cast<std::uint64_t>(stream_chunks_.size() - 1) << 32) | used;
        stream_size_[doc] = static_cast<std::uint32_t>(stream.size());
        stream_pairs_[doc] = schema::stream_pairs(stream);
        used += stream.size();
    }
    unknown_pairs_ = 0;
    for (std::size_t doc = 0; doc < rows_; ++doc)
        unknown_pairs_ += stream_size_[doc] != 0 && stream_pairs_[doc] == schema::kUnknownPairs;
}

}  // namespace parley::match
