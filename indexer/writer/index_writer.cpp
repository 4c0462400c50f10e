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
#include "tagger/tagger.hpp"
#include "util/xapian_errors.hpp"
#include "writer/bulk_builder.hpp"
#include "writer/prepare_pool.hpp"
#include "writer/shard_writer.hpp"

namespace parley {
namespace {

// Paragraphs buffered per transaction at most, whatever batch_articles says: Xapian keeps
// a batch's postings in memory until it commits, so this bounds the writer's memory.
constexpr std::size_t kMaxBatchParagraphs = 40000;

// Bulk builds stage their shards here, inside the index directory (Xapian ignores it).
constexpr const char* kBulkDir = ".parley-bulk";

std::size_t hardware_threads() {
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? hw : 1;
}

}  // namespace

// Two ways to write. A new (empty) index is built in bulk: every thread prepares and
// writes a shard of its own, merged by compaction at commit(). An index that already holds
// articles is updated directly: analysis threads work ahead of the one Xapian writer,
// which applies articles in order, in transactions.
struct IndexWriter::Impl {
    IndexOptions options;
    Xapian::WritableDatabase db;  // held open from start to end: it holds the write lock
    schema::Manifest manifest;
    std::optional<Gazetteer> owned_gazetteer;
    const Gazetteer* gazetteer = nullptr;
    std::unique_ptr<Tagger> tagger;
    std::size_t threads = 1;

    std::unique_ptr<writer::BulkBuilder> bulk;  // bulk mode until the first commit()

    std::unique_ptr<writer::ShardWriter> direct;  // direct mode
    std::unique_ptr<writer::PreparePool> pool;
    std::deque<std::future<writer::PreparedArticle>> pending;

    IngestReport finished;  // counts of completed bulk builds

    explicit Impl(const IndexOptions& opts) : options(opts) {
        if (options.path.empty()) throw UsageError("no index path given");
        if (options.batch_articles == 0) throw UsageError("batch size must be at least 1 article");
        if (Analyzer::canonical_language(options.default_language).empty()) {
            throw UsageError("unknown language '" + options.default_language + "'");
        }
        threads = options.threads ? options.threads : hardware_threads();
        open();
        tagger = std::make_unique<Tagger>(*gazetteer);
        if (db.get_doccount() == 0 && threads > 1) {
            bulk = std::make_unique<writer::BulkBuilder>(bulk_dir(), threads, *tagger,
                                                         manifest.default_language,
                                                         kMaxBatchParagraphs / threads);
        } else {
            start_direct();
        }
    }

    std::string bulk_dir() const { return options.path + "/" + kBulkDir; }
    std::string where() const { return "index " + options.path; }

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
        fs::remove_all(bulk_dir(), ec);  // left by a bulk build that did not finish
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
            write_manifest_now();
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

    void write_manifest_now() {
        try {
            manifest.write(db);
            db.commit();
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "writing the manifest of " + where());
        }
    }

    // Adds languages to the manifest; true if any was new.
    bool note_languages(const std::set<std::string>& languages) {
        bool changed = false;
        for (const auto& l : languages) {
            if (std::find(manifest.languages.begin(), manifest.languages.end(), l) ==
                manifest.languages.end()) {
                manifest.languages.push_back(l);
                changed = true;
            }
        }
        std::sort(manifest.languages.begin(), manifest.languages.end());
        return changed;
    }

    void start_direct() {
        direct = std::make_unique<writer::ShardWriter>(db, where(), options.batch_articles,
                                                       kMaxBatchParagraphs);
        // The manifest's language list changes in the same transaction as the articles.
        direct->set_before_commit([this](Xapian::WritableDatabase& w) {
            if (note_languages(direct->languages())) manifest.write(w);
        });
        const std::size_t analysis_threads = std::max<std::size_t>(1, threads - 1);
        pool = std::make_unique<writer::PreparePool>(analysis_threads, [this] {
            return std::make_unique<writer::ArticlePreparer>(*tagger, manifest.default_language);
        });
    }

    void add(Article article) {
        if (bulk) {
            bulk->add(std::move(article));
            return;
        }
        pending.push_back(pool->submit(std::move(article)));
        while (pending.size() > pool->threads() * 8) apply_next();
    }

    void apply_next() {
        auto next = std::move(pending.front());
        pending.pop_front();
        direct->apply(next.get());
    }

    void commit() {
        if (bulk) {
            finish_bulk();
            return;
        }
        while (!pending.empty()) apply_next();
        direct->commit();
    }

    void finish_bulk() {
        // Compaction needs the target's lock: release it for the merge, take it back after.
        db.close();
        bulk->finish(options.path);
        finished = bulk->report();
        note_languages(bulk->languages());
        bulk.reset();
        try {
            db = Xapian::WritableDatabase(options.path, Xapian::DB_OPEN);
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "reopening " + where() + " after the bulk build");
        }
        write_manifest_now();
        start_direct();
    }

    IngestReport report() const {
        IngestReport total = finished;
        if (bulk) {
            const IngestReport b = bulk->report();
            total.articles_new += b.articles_new;
            total.articles_replaced += b.articles_replaced;
            total.paragraphs_indexed += b.paragraphs_indexed;
            total.problems.insert(total.problems.end(), b.problems.begin(), b.problems.end());
        }
        if (direct) {
            const IngestReport& d = direct->report();
            total.articles_new += d.articles_new;
            total.articles_replaced += d.articles_replaced;
            total.paragraphs_indexed += d.paragraphs_indexed;
            total.problems.insert(total.problems.end(), d.problems.begin(), d.problems.end());
        }
        return total;
    }
};

IndexWriter::IndexWriter(const IndexOptions& options) : impl_(std::make_unique<Impl>(options)) {}

IndexWriter::~IndexWriter() {
    try {
        commit();
    } catch (...) {
        // Destructors must not throw; callers who care call commit() themselves.
    }
}

void IndexWriter::add(Article article) { impl_->add(std::move(article)); }

void IndexWriter::commit() { impl_->commit(); }

IngestReport IndexWriter::report() const { return impl_->report(); }

}  // namespace parley
