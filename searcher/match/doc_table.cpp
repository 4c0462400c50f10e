#include "match/doc_table.hpp"

#include <algorithm>

#include "schema/schema.hpp"

namespace parley::match {

void DocTable::load(unsigned parts, const Xapian::Database& db) {
    if (loaded_ == 0) rows_ = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    if (parts & kDates) parts |= kArticles;
    const unsigned missing = parts & ~loaded_;
    if (missing & kLengths) load_lengths(db);
    if (missing & kArticles) load_articles(db);
    if (missing & kDates) load_dates(db);
    if (missing & kStreams) load_streams(db);
    loaded_ |= missing;
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
    // Article terms come in the order of their ids, so numbering them as they come ranks
    // the articles by id.
    ranks_.assign(rows_, kNoArticle);
    offsets_.assign(1, 0);
    contiguous_ = true;
    docs_.clear();
    ids_.clear();
    const std::string prefix(schema::kArticlePrefix);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        const auto rank = static_cast<std::uint32_t>(ids_.size());
        ids_.push_back((*term).substr(prefix.size()));
        const std::size_t first = docs_.size();
        for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p) {
            if (*p >= rows_) continue;
            ranks_[*p] = rank;
            if (docs_.size() > first && *p != docs_.back() + 1) contiguous_ = false;
            docs_.push_back(*p);
        }
        offsets_.push_back(docs_.size());
    }
}

std::vector<Xapian::docid> DocTable::expand(const std::string& term,
                                            const Xapian::Database& db) const {
    std::vector<Xapian::docid> out;
    bool ascending = true;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const std::uint32_t rank = article_rank(*p);
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
    stream_offsets_.assign(rows_ + 1, 0);
    streams_.clear();
    Xapian::docid next = 1;  // rows before it are filled in
    for (auto it = db.valuestream_begin(schema::kTokenStreamSlot);
         it != db.valuestream_end(schema::kTokenStreamSlot); ++it) {
        const Xapian::docid doc = it.get_docid();
        if (doc >= rows_) break;
        for (; next <= doc; ++next) stream_offsets_[next] = streams_.size();
        streams_ += *it;
    }
    for (; next <= rows_; ++next) stream_offsets_[next] = streams_.size();
}

}  // namespace parley::match
