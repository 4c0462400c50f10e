#include "writer/shard_writer.hpp"

#include <cstdio>
#include <filesystem>

#include "parley/error.hpp"
#include "schema/article_keys.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"
#include "util/xapian_errors.hpp"
#include "writer/near_duplicates.hpp"

namespace parley::writer {

namespace {

// Free space kept besides what the pending writes are estimated to take.
constexpr std::uintmax_t kFreeSpaceReserve = 2u << 20;
// Bytes an index takes per byte of paragraph record, with room for the blocks Xapian
// rewrites (copy on write): an index is about three times its text.
constexpr std::uintmax_t kIndexBytesPerRecordByte = 4;
// Within a long transaction Xapian writes blocks before the commit too.
constexpr std::size_t kParagraphsBetweenChecks = 1000;

std::string megabytes(std::uintmax_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1u << 20));
    return text;
}

}  // namespace

ShardWriter::ShardWriter(Xapian::WritableDatabase db, std::string path, std::size_t batch_articles,
                         std::size_t batch_paragraphs)
    : db_(std::move(db)),
      path_(std::move(path)),
      where_("shard " + path_),
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
            forget_spellings(old.term);
            db_.delete_document(old.term);  // every paragraph of the old version
            if (old.legacy) db_.set_metadata(old.record_key, {});
            if (!article.again) ++report_.articles_replaced;  // else counted when written
        } else if (!article.moved_from_earlier) {
            ++report_.articles_new;
        }
        for (const auto& doc : article.paragraphs) {
            if (++pending_paragraphs_ % kParagraphsBetweenChecks == 0) check_free_space();
            pending_bytes_ += doc.get_data().size();
            db_.add_document(doc);
        }
        db_.set_metadata(schema::article_record_key(article.id), article.article_record);
        for (const auto& [word, count] : article.spellings) spellings_[word] += count;
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "writing article '" + article.id + "' to " + where_);
    }
    languages_.insert(article.language);
    report_.paragraphs_indexed += article.paragraphs.size();
    ++pending_articles_;
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
        forget_spellings(keys.term);
        db_.delete_document(keys.term);
        db_.set_metadata(keys.record_key, {});
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "deleting article '" + article_id + "' from " + where_);
    }
    ++pending_articles_;
    return true;
}

void ShardWriter::forget_spellings(const std::string& article_term) {
    const std::string language_prefix(schema::kLanguagePrefix);
    for (auto p = db_.postlist_begin(article_term); p != db_.postlist_end(article_term); ++p) {
        const Xapian::Document doc = db_.get_document(*p);
        auto t = doc.termlist_begin();
        t.skip_to(language_prefix);
        if (t == doc.termlist_end() || (*t).compare(0, language_prefix.size(), language_prefix))
            continue;
        const std::string language = (*t).substr(language_prefix.size());
        std::string text;
        try {
            text = schema::ParagraphRecord::decode(doc.get_data()).text;
        } catch (const std::exception&) {
            continue;  // not a record this Parley reads: its words stay
        }
        auto& analyzer = analyzers_[language];
        if (!analyzer) analyzer = std::make_unique<Analyzer>(language);
        tokens_.clear();
        analyzer->analyze(text, tokens_);
        for (const Token& token : tokens_) {
            if (is_spelling(token)) --spellings_[token.norm];
        }
    }
}

// Xapian 1.4 can end the process (std::terminate: an exception thrown while unwinding
// inside libxapian) when the disk fills during a commit, past any catch. So a writer looks
// before it leaps: with too little room it stops with a message, and the index keeps its
// last commit.
void ShardWriter::check_free_space() const {
    std::error_code ec;
    const std::filesystem::space_info space = std::filesystem::space(path_, ec);
    if (ec) return;  // unknown: Xapian reports what happens
    const std::uintmax_t needed = kFreeSpaceReserve + kIndexBytesPerRecordByte * pending_bytes_;
    if (space.available >= needed) return;
    throw IndexIoError(where_ + ": only " + megabytes(space.available) +
                       " free on its disk, and writing what was read since the last commit "
                       "needs about " +
                       megabytes(needed) +
                       "; stopped before writing, so the index holds its last commit (make room "
                       "and run the same command again: it goes on from there)");
}

void ShardWriter::commit() {
    if (!in_transaction_) return;
    check_free_space();  // the transaction stays open: a later commit or rollback ends it
    in_transaction_ = false;
    pending_articles_ = 0;
    pending_paragraphs_ = 0;
    pending_bytes_ = 0;
    try {
        for (const auto& [word, count] : spellings_) {
            if (count > 0) db_.add_spelling(word, static_cast<Xapian::termcount>(count));
            if (count < 0) db_.remove_spelling(word, static_cast<Xapian::termcount>(-count));
        }
        spellings_.clear();
        if (before_commit_) before_commit_(db_);
        db_.commit_transaction();
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "committing to " + where_);
    }
}

}  // namespace parley::writer
