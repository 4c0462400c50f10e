#include "parley/index_writer.hpp"

#include <xapian.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <future>
#include <optional>
#include <thread>

#include "parley/error.hpp"
#include "parley/gazetteer.hpp"
#include "schema/manifest.hpp"
#include "schema/schema.hpp"
#include "tagger/tagger.hpp"
#include "util/xapian_errors.hpp"
#include "writer/prepare_pool.hpp"

namespace parley {
namespace {

// Paragraphs buffered per transaction at most, whatever batch_articles says: Xapian keeps
// a batch's postings in memory until it commits, so this bounds the writer's memory.
constexpr std::size_t kMaxBatchParagraphs = 40000;

std::size_t default_threads() {
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 1 ? hw - 1 : 1;
}

}  // namespace

struct IndexWriter::Impl {
    IndexOptions options;
    Xapian::WritableDatabase db;
    schema::Manifest manifest;
    std::optional<Gazetteer> owned_gazetteer;
    const Gazetteer* gazetteer = nullptr;
    std::unique_ptr<Tagger> tagger;
    std::unique_ptr<writer::PreparePool> pool;
    std::deque<std::future<writer::PreparedArticle>> pending;
    std::size_t window = 0;
    bool in_transaction = false;
    bool manifest_dirty = false;
    std::size_t batch_articles = 0;
    std::size_t batch_paragraphs = 0;
    IngestReport report;

    explicit Impl(const IndexOptions& opts) : options(opts) {
        if (options.path.empty()) throw UsageError("no index path given");
        if (options.batch_articles == 0) throw UsageError("batch size must be at least 1 article");
        if (Analyzer::canonical_language(options.default_language).empty()) {
            throw UsageError("unknown language '" + options.default_language + "'");
        }
        open();
        tagger = std::make_unique<Tagger>(*gazetteer);
        const std::size_t threads = options.threads ? options.threads : default_threads();
        window = threads * 8;
        pool = std::make_unique<writer::PreparePool>(threads, [this] {
            return std::make_unique<writer::ArticlePreparer>(*tagger, manifest.default_language);
        });
    }

    void open() {
        namespace fs = std::filesystem;
        std::error_code ec;
        const fs::path parent = fs::path(options.path).parent_path();
        if (!parent.empty()) fs::create_directories(parent, ec);
        try {
            db = Xapian::WritableDatabase(options.path,
                                          Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "opening " + where() + " for writing");
        }
        std::optional<schema::Manifest> existing = schema::Manifest::read(db);
        if (!existing) {
            if (db.get_doccount() > 0) {
                throw IndexMismatchError(options.path +
                                         ": a Xapian database, but not a Parley index");
            }
            manifest =
                schema::Manifest::fresh(Analyzer::canonical_language(options.default_language));
            gazetteer = options.gazetteer ? options.gazetteer : &Gazetteer::builtin();
            manifest.gazetteer_fingerprint = gazetteer->fingerprint();
            manifest.gazetteer_origin = gazetteer->origin();
            manifest.gazetteer_text = gazetteer->text();
            manifest_dirty = true;
            return;
        }
        manifest = std::move(*existing);
        manifest.check_readable(options.path);
        if (options.gazetteer &&
            options.gazetteer->fingerprint() != manifest.gazetteer_fingerprint) {
            throw IndexMismatchError(
                options.path + ": the index was tagged with gazetteer " +
                manifest.gazetteer_fingerprint + " (" + manifest.gazetteer_origin + "), but " +
                options.gazetteer->origin() + " is " + options.gazetteer->fingerprint() +
                "; index into a new directory, or leave out --gazetteer to keep the recorded one");
        }
        owned_gazetteer = Gazetteer::from_text(manifest.gazetteer_text, "index " + options.path);
        gazetteer = &*owned_gazetteer;
    }

    void apply(writer::PreparedArticle prepared) {
        for (auto& p : prepared.problems) report.problems.push_back(std::move(p));
        if (prepared.skipped) return;
        try {
            if (!in_transaction) {
                db.begin_transaction();
                in_transaction = true;
            }
            const std::string id_term = schema::article_term(prepared.id);
            if (db.term_exists(id_term)) {
                db.delete_document(id_term);  // every paragraph of the old version
                ++report.articles_replaced;
            } else {
                ++report.articles_new;
            }
            for (const auto& doc : prepared.paragraphs) db.add_document(doc);
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "writing article '" + prepared.id + "' to " + where());
        }
        if (std::find(manifest.languages.begin(), manifest.languages.end(), prepared.language) ==
            manifest.languages.end()) {
            manifest.languages.push_back(prepared.language);
            std::sort(manifest.languages.begin(), manifest.languages.end());
            manifest_dirty = true;
        }
        report.paragraphs_indexed += prepared.paragraphs.size();
        ++batch_articles;
        batch_paragraphs += prepared.paragraphs.size();
        if (batch_articles >= options.batch_articles || batch_paragraphs >= kMaxBatchParagraphs) {
            commit_batch();
        }
    }

    void commit_batch() {
        try {
            if (!in_transaction && manifest_dirty) {
                db.begin_transaction();
                in_transaction = true;
            }
            if (manifest_dirty) manifest.write(db);
            if (in_transaction) db.commit_transaction();
        } catch (const Xapian::Error& e) {
            in_transaction = false;
            util::rethrow_xapian(e, "committing to " + where());
        }
        in_transaction = false;
        manifest_dirty = false;
        batch_articles = 0;
        batch_paragraphs = 0;
    }

    void drain() {
        while (!pending.empty()) {
            auto next = std::move(pending.front());
            pending.pop_front();
            apply(next.get());
        }
    }

    std::string where() const { return "index " + options.path; }
};

IndexWriter::IndexWriter(const IndexOptions& options) : impl_(std::make_unique<Impl>(options)) {}

IndexWriter::~IndexWriter() {
    try {
        commit();
    } catch (...) {
        // Destructors must not throw; callers who care call commit() themselves.
    }
}

void IndexWriter::add(Article article) {
    impl_->pending.push_back(impl_->pool->submit(std::move(article)));
    while (impl_->pending.size() > impl_->window) {
        auto next = std::move(impl_->pending.front());
        impl_->pending.pop_front();
        impl_->apply(next.get());
    }
}

void IndexWriter::commit() {
    impl_->drain();
    impl_->commit_batch();
}

const IngestReport& IndexWriter::report() const { return impl_->report; }

const std::string& IndexWriter::gazetteer_fingerprint() const {
    return impl_->manifest.gazetteer_fingerprint;
}

}  // namespace parley
