#include "match/postings_cache.hpp"

#include <algorithm>
#include <limits>

namespace parley::match {

std::shared_ptr<const DecodedPostings> PostingsCache::get(const std::string& term,
                                                          const Xapian::Database& db,
                                                          Xapian::doccount termfreq) {
    const std::size_t expected =
        (static_cast<std::size_t>(termfreq) + 1) * DecodedPostings::kBytesPerPosting;
    if (expected > budget_) return nullptr;
    std::lock_guard lock(mutex_);
    if (const auto found = entries_.find(term); found != entries_.end()) {
        found->second.last_use = ++clock_;
        return found->second.postings;
    }
    auto postings = std::make_shared<DecodedPostings>();
    postings->docs.reserve(termfreq + 1);
    postings->wdfs.reserve(termfreq + 1);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const Xapian::termcount wdf = it.get_wdf();
        if (wdf > std::numeric_limits<DecodedPostings::Wdf>::max()) return nullptr;
        postings->docs.push_back(*it);
        postings->wdfs.push_back(static_cast<DecodedPostings::Wdf>(wdf));
    }
    postings->docs.push_back(std::numeric_limits<Xapian::docid>::max());  // kEnd
    postings->wdfs.push_back(0);
    const std::size_t bytes = postings->bytes();
    if (bytes > budget_) return postings;  // more postings than termfreq said: use, not keep
    make_room(bytes);
    bytes_ += bytes;
    ++decoded_;
    Entry& entry = entries_[term];
    entry.postings = std::move(postings);
    entry.last_use = ++clock_;
    return entry.postings;
}

std::shared_ptr<const PairBlocks> PostingsCache::pair_blocks(std::uint64_t pair_bits,
                                                             const DocTable& table) {
    std::lock_guard lock(mutex_);
    if (const auto found = pairs_.find(pair_bits); found != pairs_.end()) return found->second;
    auto out = std::make_shared<PairBlocks>();
    const std::span<const std::uint64_t> pairs = table.stream_pairs_column();
    out->blocks.resize((pairs.size() >> block_shift_) + 1);
    for (std::size_t d = 0; d < pairs.size(); ++d) {
        PairBlocks::Block& block = out->blocks[d >> block_shift_];
        const std::uint64_t p = pairs[d];
        const std::uint32_t article = table.article_rank(static_cast<Xapian::docid>(d));
        if (p == schema::kUnknownPairs) {
            // A hole in the docids is no paragraph; a paragraph without a summary is unknown.
            if (article != DocTable::kNoArticle) block.certain = false;
            continue;
        }
        if ((p & pair_bits) != pair_bits) continue;
        block.holds |= std::uint64_t{1} << (d & ((std::size_t{1} << block_shift_) - 1));
        if (block.count == 0)
            block.first_article = article;
        else
            block.article_changes +=
                (article != block.last_article) & (article != DocTable::kNoArticle);
        block.last_article = article;
        ++block.count;
    }
    bytes_ += out->blocks.capacity() * sizeof(PairBlocks::Block);
    pairs_.emplace(pair_bits, out);
    return out;
}

std::shared_ptr<const PairBounds> PostingsCache::pair_bounds(
    std::uint64_t pair_bits, const std::array<const DecodedPostings*, 2>& postings,
    const std::array<rank::CoordinateWeight::Word, 2>& words, const DocTable& table,
    const rank::CoordinateWeight& weight) {
    std::lock_guard lock(mutex_);
    PairBoundsEntry& entry = pair_bounds_[pair_bits];
    if (entry.bounds && entry.words == words && entry.weight->same_scores(weight))
        return entry.bounds;
    const std::span<const std::uint64_t> pairs = table.stream_pairs_column();
    const std::size_t blocks = (pairs.size() >> block_shift_) + 1;
    auto out = std::make_shared<PairBounds>();
    out->bound.assign(blocks, 0.0);
    // Where a paragraph lacks a summary, or its summary and the postings disagree, the
    // words' maxima over the index bound the block.
    const double most = weight.max_score(words[0]) + weight.max_score(words[1]);
    std::array<std::size_t, 2> at{};
    for (std::size_t d = 0; d < pairs.size(); ++d) {
        double& bound = out->bound[d >> block_shift_];
        const std::uint64_t p = pairs[d];
        if (p == schema::kUnknownPairs) {
            if (table.article_rank(static_cast<Xapian::docid>(d)) != DocTable::kNoArticle)
                bound = most;  // a paragraph without a summary: a hole in the docids is none
            continue;
        }
        if ((p & pair_bits) != pair_bits) continue;
        double score = 0;  // summed in the phrase's order, as the cursors sum
        bool both = true;
        for (std::size_t t = 0; t < 2; ++t) {
            const auto& docs = postings[t]->docs;  // ends with kEnd
            while (docs[at[t]] < d) ++at[t];
            both = both && docs[at[t]] == d;
            score += weight.score(words[t], postings[t]->wdfs[at[t]],
                                  table.length(static_cast<Xapian::docid>(d)));
        }
        bound = std::max(bound, both ? score : most);
    }
    for (std::uint32_t b = 0; b < blocks; ++b) out->highest.push_back(b);
    const std::size_t highest = std::min(blocks, PairBounds::kHighest);
    std::partial_sort(
        out->highest.begin(), out->highest.begin() + static_cast<std::ptrdiff_t>(highest),
        out->highest.end(),
        [&](std::uint32_t a, std::uint32_t b) { return out->bound[a] > out->bound[b]; });
    out->highest.resize(highest);
    const auto size = [](const PairBounds& x) {
        return x.bound.capacity() * sizeof(double) + x.highest.capacity() * sizeof(std::uint32_t);
    };
    if (entry.bounds) bytes_ -= size(*entry.bounds);
    bytes_ += size(*out);
    entry.words = words;
    entry.weight = weight;
    entry.bounds = std::move(out);
    return entry.bounds;
}

void PostingsCache::make_room(std::size_t bytes) {
    while (bytes_ + bytes > budget_ && !entries_.empty()) {
        const auto oldest = std::min_element(
            entries_.begin(), entries_.end(),
            [](const auto& a, const auto& b) { return a.second.last_use < b.second.last_use; });
        bytes_ -= oldest->second.postings->bytes();
        entries_.erase(oldest);
    }
}

std::size_t PostingsCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t PostingsCache::decoded() const {
    std::lock_guard lock(mutex_);
    return decoded_;
}

}  // namespace parley::match
