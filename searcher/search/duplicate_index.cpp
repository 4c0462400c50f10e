#include "search/duplicate_index.hpp"

#include <set>
#include <utility>

#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"

namespace parley::search {

DuplicateIndex DuplicateIndex::build(const Xapian::Database& db) {
    DuplicateIndex out;
    std::unordered_map<std::string, std::uint32_t> keys;
    std::uint32_t group = 0, article = 0;
    const std::string prefix(schema::kGroupPrefix);
    for (auto g = db.allterms_begin(prefix); g != db.allterms_end(prefix); ++g) {
        if (g.get_termfreq() < 2) continue;  // one article: nothing to collapse
        for (auto first = db.postlist_begin(*g); first != db.postlist_end(*g); ++first) {
            const std::string id =
                schema::ParagraphRecord::article_id_in(db.get_document(*first).get_data());
            const std::string term = schema::article_term(id);
            for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
                const std::string key = db.get_document(*p).get_value(schema::kDuplicateKeySlot);
                const auto [it, added] = keys.emplace(key, static_cast<std::uint32_t>(keys.size()));
                out.entries_[*p] = Entry{it->second, group, article};
            }
            ++article;
        }
        ++group;
    }
    return out;
}

std::optional<std::uint32_t> DuplicateIndex::key_of(Xapian::docid doc) const {
    const auto it = entries_.find(doc);
    if (it == entries_.end()) return std::nullopt;
    return it->second.key;
}

std::optional<std::uint32_t> DuplicateIndex::group_of(Xapian::docid doc) const {
    const auto it = entries_.find(doc);
    if (it == entries_.end()) return std::nullopt;
    return it->second.group;
}

std::size_t DuplicateIndex::hidden_paragraphs(std::span<const Xapian::docid> matches) const {
    if (entries_.empty()) return 0;
    std::unordered_map<std::uint32_t, std::size_t> per_key;
    for (const Xapian::docid d : matches) {
        if (auto it = entries_.find(d); it != entries_.end()) ++per_key[it->second.key];
    }
    std::size_t hidden = 0;
    for (const auto& [key, n] : per_key) hidden += n - 1;
    return hidden;
}

std::size_t DuplicateIndex::hidden_articles(std::span<const Xapian::docid> matches) const {
    if (entries_.empty()) return 0;
    std::set<std::pair<std::uint32_t, std::uint32_t>> matched;  // (group, article)
    for (const Xapian::docid d : matches) {
        if (auto it = entries_.find(d); it != entries_.end())
            matched.emplace(it->second.group, it->second.article);
    }
    std::unordered_map<std::uint32_t, std::size_t> per_group;
    for (const auto& [g, a] : matched) ++per_group[g];
    std::size_t hidden = 0;
    for (const auto& [g, n] : per_group) hidden += n - 1;
    return hidden;
}

}  // namespace parley::search
