#include "search/duplicate_index.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "schema/article_keys.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"

namespace parley::search {

DuplicateIndex DuplicateIndex::build(const Xapian::Database& db) {
    DuplicateIndex out;
    std::unordered_map<Xapian::docid, Entry> entries;
    std::unordered_map<std::string, std::uint32_t> keys;
    std::uint32_t group = 0, article = 0;
    const std::string prefix(schema::kGroupPrefix);
    for (auto g = db.allterms_begin(prefix); g != db.allterms_end(prefix); ++g) {
        if (g.get_termfreq() < 2) continue;  // one article: nothing to collapse
        for (auto first = db.postlist_begin(*g); first != db.postlist_end(*g); ++first) {
            const std::string id =
                schema::ParagraphRecord::article_id_in(db.get_document(*first).get_data());
            const std::string term = schema::article_keys_in(db, id).term;
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
                const std::string key = db.get_document(*p).get_value(schema::kDuplicateKeySlot);
                const auto [it, added] = keys.emplace(key, static_cast<std::uint32_t>(keys.size()));
                entries[*p] = Entry{it->second, group, article};
                if (*p >= out.has_copies_.size()) out.has_copies_.resize(*p + 1, false);
                out.has_copies_[*p] = true;
            }
            ++article;
        }
        ++group;
    }
    for (Xapian::docid d = 0; d < out.has_copies_.size(); ++d) {
        if (!out.has_copies_[d]) continue;
        out.member_docs_.push_back(d);
        out.entries_.push_back(entries.at(d));
    }
    out.keys_ = static_cast<std::uint32_t>(keys.size());
    return out;
}

std::optional<std::uint32_t> DuplicateIndex::key_of(Xapian::docid doc) const {
    const Entry* e = find(doc);
    if (!e) return std::nullopt;
    return e->key;
}

std::optional<std::uint32_t> DuplicateIndex::group_of(Xapian::docid doc) const {
    const Entry* e = find(doc);
    if (!e) return std::nullopt;
    return e->group;
}

std::size_t DuplicateIndex::hidden_paragraphs(std::span<const Xapian::docid> matches) const {
    if (member_docs_.empty()) return 0;
    // Every match of a key after its first is hidden. Matches come in docid order (the
    // matcher's), so the members are walked along with them.
    std::vector<bool> seen(keys_, false);
    std::size_t hidden = 0, at = 0;
    for (const Xapian::docid d : matches) {
        if (d >= has_copies_.size() || !has_copies_[d]) continue;
        if (at >= member_docs_.size() || member_docs_[at] > d)  // out of order: search
            at = static_cast<std::size_t>(
                std::lower_bound(member_docs_.begin(), member_docs_.end(), d) -
                member_docs_.begin());
        while (member_docs_[at] < d) ++at;  // d is a member: found before the end
        const std::uint32_t key = entries_[at].key;
        hidden += seen[key];
        seen[key] = true;
    }
    return hidden;
}

std::size_t DuplicateIndex::hidden_articles(std::span<const Xapian::docid> matches) const {
    if (member_docs_.empty()) return 0;
    std::set<std::pair<std::uint32_t, std::uint32_t>> matched;  // (group, article)
    for (const Xapian::docid d : matches) {
        if (const Entry* e = find(d)) matched.emplace(e->group, e->article);
    }
    std::unordered_map<std::uint32_t, std::size_t> per_group;
    for (const auto& [g, a] : matched) ++per_group[g];
    std::size_t hidden = 0;
    for (const auto& [g, n] : per_group) hidden += n - 1;
    return hidden;
}

std::vector<std::pair<Xapian::docid, std::string>> group_members(const Xapian::Database& db,
                                                                 const Xapian::Document& doc,
                                                                 std::size_t limit) {
    std::vector<std::pair<Xapian::docid, std::string>> out;
    const std::string label = doc.get_value(schema::kGroupSlot);
    if (label.empty()) return out;
    const std::string term = schema::term(schema::kGroupPrefix, label);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if (limit && out.size() == limit) break;
        out.emplace_back(*it,
                         schema::ParagraphRecord::article_id_in(db.get_document(*it).get_data()));
    }
    return out;
}

}  // namespace parley::search
