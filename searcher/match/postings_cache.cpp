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
