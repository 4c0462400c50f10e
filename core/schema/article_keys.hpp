#pragma once

#include <string>
#include <string_view>

namespace Xapian {
class Database;
}  // namespace Xapian

namespace parley::schema {

/// Where an article stands in one database: its XI: term and its record's metadata key.
struct ArticleKeys {
    std::string term;
    std::string record_key;
    bool legacy = false;  ///< the forms of an index written before id_key() hashed long ids
};

/// The keys of `article_id` in `db`: the current ones (article_term(), article_record_key()),
/// unless the id is long, the index holds nothing under them, and the legacy forms hold this
/// very article (its record names it in full). Throws Xapian errors.
ArticleKeys article_keys_in(const Xapian::Database& db, std::string_view article_id);

}  // namespace parley::schema
