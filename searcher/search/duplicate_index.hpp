#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace parley::search {

/// A paragraph's article and the articles republished from it (its near-duplicate group),
/// as the docid of each one's first paragraph (where the group term stands) and its
/// article id, in docid order; at most `limit` of them (0: all). Empty if it has no group.
std::vector<std::pair<Xapian::docid, std::string>> group_members(const Xapian::Database& db,
                                                                 const Xapian::Document& doc,
                                                                 std::size_t limit = 0);

/// The paragraphs of republished op-eds (near-duplicate groups with more than one article)
/// and their collapse keys, so that the searcher can count the copies among a whole match
/// set exactly and fold them out of a page, reading no value per match (Xapian's own
/// collapse would). Small: only articles with copies are in it.
class DuplicateIndex {
  public:
    static DuplicateIndex build(const Xapian::Database& db);

    /// No article has copies.
    bool empty() const { return member_docs_.empty(); }
    /// By docid, whether the paragraph's article has copies.
    const std::vector<bool>& members() const { return has_copies_; }
    /// The same paragraphs as ascending docids.
    const std::vector<Xapian::docid>& member_docs() const { return member_docs_; }

    /// Matches that collapsing on the paragraph key (slot 6) leaves out.
    std::size_t hidden_paragraphs(std::span<const Xapian::docid> matches) const;
    /// Matched articles that collapsing on the group (slot 5) leaves out: per group, all
    /// but one of the distinct articles matched.
    std::size_t hidden_articles(std::span<const Xapian::docid> matches) const;

    /// The paragraph's collapse key (dense id), or nullopt if it has no copies.
    std::optional<std::uint32_t> key_of(Xapian::docid doc) const;
    /// The paragraph's group (dense id), or nullopt if its article has no copies.
    std::optional<std::uint32_t> group_of(Xapian::docid doc) const;

  private:
    struct Entry {
        std::uint32_t key = 0;    ///< dense id of the slot-6 value
        std::uint32_t group = 0;  ///< dense id of the group label
        std::uint32_t article = 0;
    };
    const Entry* find(Xapian::docid doc) const {
        if (doc >= has_copies_.size() || !has_copies_[doc]) return nullptr;
        const auto it = std::lower_bound(member_docs_.begin(), member_docs_.end(), doc);
        return &entries_[static_cast<std::size_t>(it - member_docs_.begin())];
    }

    // Whether a docid has copies: counting copies among 100,000 matches looked each docid
    // up, now most are ruled out by one bit.
    std::vector<bool> has_copies_;
    std::vector<Xapian::docid> member_docs_;  ///< ascending
    std::vector<Entry> entries_;              ///< member_docs_[i]'s
    std::uint32_t keys_ = 0;                  ///< distinct collapse keys
};

}  // namespace parley::search
