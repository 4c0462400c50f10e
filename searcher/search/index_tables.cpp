#include "search/index_tables.hpp"

#include <map>

namespace parley::search {

std::shared_ptr<IndexTables> IndexTables::of_version(const std::string& version) {
    static std::mutex registry_mutex;
    static std::map<std::string, std::weak_ptr<IndexTables>> registry;
    std::lock_guard lock(registry_mutex);
    for (auto it = registry.begin(); it != registry.end();) {  // versions nobody holds
        it = it->second.expired() ? registry.erase(it) : std::next(it);
    }
    std::weak_ptr<IndexTables>& slot = registry[version];
    std::shared_ptr<IndexTables> tables = slot.lock();
    if (!tables) {
        tables = std::make_shared<IndexTables>();
        slot = tables;
    }
    return tables;
}

const match::DocTable& IndexTables::docs(unsigned parts, const Xapian::Database& db) {
    std::lock_guard lock(mutex_);
    if (!docs_.loaded(parts)) docs_.load(parts, db);
    return docs_;
}

const facets::FacetTable* IndexTables::facets_if_built() {
    std::lock_guard lock(mutex_);
    return facets_.get();
}

const facets::FacetTable& IndexTables::facets(const Xapian::Database& db) {
    std::lock_guard lock(mutex_);
    if (!facets_) {
        docs_.load(match::DocTable::kArticles, db);
        facets_ =
            std::make_unique<facets::FacetTable>(facets::FacetTable::from_postings(db, docs_));
    }
    return *facets_;
}

const views::ArchiveCounts& IndexTables::archive_counts(const Xapian::Database& db) {
    const facets::FacetTable& table = facets(db);
    std::lock_guard lock(mutex_);
    if (!counts_) {
        docs_.load(match::DocTable::kArticles | match::DocTable::kDates, db);
        counts_ = views::ArchiveCounts::build(table, docs_);
    }
    return *counts_;
}

const DuplicateIndex& IndexTables::copies(const Xapian::Database& db) {
    std::lock_guard lock(mutex_);
    if (!copies_) copies_ = DuplicateIndex::build(db);
    return *copies_;
}

}  // namespace parley::search
