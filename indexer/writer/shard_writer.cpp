#include "writer/shard_writer.hpp"

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
        const std::string id_term = schema::article_term(article.id);
        if (db_.term_exists(id_term)) {
            db_.delete_document(id_term);  // every paragraph of the old version
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
    const std::string id_term = schema::article_term(article_id);
    try {
        if (!db_.term_exists(id_term)) return false;
        if (!in_transaction_) {
            db_.begin_transaction();
            in_transaction_ = true;
        }
        db_.delete_document(id_term);
        db_.set_metadata(schema::article_record_key(article_id), {});
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
