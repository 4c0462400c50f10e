#include "schema/article_keys.hpp"

#include <xapian.h>

#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"

namespace parley::schema {

ArticleKeys article_keys_in(const Xapian::Database& db, std::string_view article_id) {
    ArticleKeys current{article_term(article_id), article_record_key(article_id)};
    const auto legacy = legacy_id_key(article_id);
    if (!legacy || db.term_exists(current.term)) return current;
    // Before, a long id was cut alone, and ids sharing their first bytes shared the key:
    // the record under it says whose article it is.
    ArticleKeys old{term(kArticlePrefix, *legacy), *legacy_article_record_key(article_id), true};
    const std::string data = db.get_metadata(old.record_key);
    if (data.empty() || ArticleRecord::decode(data).article_id != article_id) return current;
    return old;
}

}  // namespace parley::schema
