#include "search/index_tables.hpp"

#include <cstdlib>
#include <map>

#include "parley/error.hpp"

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

std::size_t IndexTables::postings_budget() {
    const char* text = std::getenv("PARLEY_POSTINGS_CACHE_MB");
    if (!text || !*text) return match::PostingsCache::kDefaultBudget;
    const std::string value(text);
    if (value.size() > 7 || value.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError(
            "PARLEY_POSTINGS_CACHE_MB: expected a whole number of megabytes "
            "(0 to 9999999), got '" +
            value + "'");
    return static_cast<std::size_t>(std::stoul(value)) << 20;
}

}  // namespace parley::search
