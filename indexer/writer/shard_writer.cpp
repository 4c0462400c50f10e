#include "writer/shard_writer.hpp"

#include "schema/article_keys.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"
#include "util/xapian_errors.hpp"
#include "writer/near_duplicates.hpp"

namespace parley::writer {

ShardWriter::ShardWriter(Xapian::WritableDatabase db, std::string where, std::size_t batch_articles,
                         std::size_t batch_paragraphs)
    : db_(std::move(db)),
      where_(std::move(where)),
      batch_articles_(batch_articles),
      batch_paragraphs_(batch_paragraphs) {}

void ShardWriter::skip(PreparedArticle article) {
    for (auto& p : article.problems) report_.problems.push_back(std::move(p));
}

void ShardWriter::apply(PreparedArticle article, const std::string& group_label) {
    for (auto& p : article.problems) report_.problems.push_back(std::move(p));
    if (article.skipped) return;
    try {
        if (!in_transaction_) {
            db_.begin_transaction();
            in_transaction_ = true;
        }
        set_group(article.paragraphs, group_label, article.paragraph_keys);
        const schema::ArticleKeys old = schema::article_keys_in(db_, article.id);
        if (db_.term_exists(old.term)) {
            db_.delete_document(old.term);  // every paragraph of the old version
            if (old.legacy) db_.set_metadata(old.record_key, {});
            ++report_.articles_replaced;
        } else {
            ++report_.articles_new;
        }
        for (const auto& doc : article.paragraphs) db_.add_document(doc);
        db_.set_metadata(schema::article_record_key(article.id), article.article_record);
        // Spelling data only grows: a replaced article's words count again, which changes
        // no result and at worst keeps a rare suggestion alive.
        for (const auto& [word, count] : article.spellings) spellings_[word] += count;
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "writing article '" + article.id + "' to " + where_);
    }
    languages_.insert(article.language);
    report_.paragraphs_indexed += article.paragraphs.size();
    ++pending_articles_;
    pending_paragraphs_ += article.paragraphs.size();
    if (pending_articles_ >= batch_articles_ || pending_paragraphs_ >= batch_paragraphs_) commit();
}

bool ShardWriter::remove(const std::string& article_id) {
    try {
        const schema::ArticleKeys keys = schema::article_keys_in(db_, article_id);
        if (!db_.term_exists(keys.term)) return false;
        if (!in_transaction_) {
            db_.begin_transaction();
            in_transaction_ = true;
        }
        db_.delete_document(keys.term);
        db_.set_metadata(keys.record_key, {});
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "deleting article '" + article_id + "' from " + where_);
    }
    ++pending_articles_;
    return true;
}

void ShardWriter::commit() {
    if (!in_transaction_) return;
    in_transaction_ = false;
    pending_articles_ = 0;
    pending_paragraphs_ = 0;
    try {
        for (const auto& [word, count] : spellings_) db_.add_spelling(word, count);
        spellings_.clear();
        if (before_commit_) before_commit_(db_);
        db_.commit_transaction();
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "committing to " + where_);
    }
}

}  // namespace parley::writer
