#include "parley/index_writer.hpp"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "parley/error.hpp"
#include "parley/gazetteer.hpp"
#include "schema/manifest.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"
#include "storage/write_lock.hpp"
#include "tagger/tagger.hpp"
#include "util/files.hpp"
#include "util/utf8.hpp"
#include "util/xapian_errors.hpp"
#include "writer/bulk_builder.hpp"
#include "writer/direct_writer.hpp"
#include "writer/near_duplicates.hpp"
#include "writer/shard_set.hpp"

namespace parley {
namespace {

// Paragraphs buffered per transaction at most, whatever batch_articles says: Xapian keeps
// a batch's postings in memory until it commits, so this bounds the writer's memory.
constexpr std::size_t kMaxBatchParagraphs = 40000;

// Bulk builds stage their shards here, inside the index directory (Xapian ignores it).
constexpr const char* kBulkDir = ".parley-bulk";

using Clock = std::chrono::steady_clock;

std::size_t hardware_threads() {
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? hw : 1;
}

std::string create_index_directory(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec && !fs::is_directory(path)) {
        throw IndexIoError(path + ": cannot create the index directory: " + ec.message());
    }
    // One that may not be read would fail below with a bare filesystem error.
    if (const auto why = util::unreadable_directory(path))
        throw IndexIoError(path + ": the index cannot be read: " + *why);
    // A directory of other files (sources, say) is not made an index by mistake: a new index
    // goes into a missing or empty directory. A fresh build killed early leaves its lock, its
    // bulk folder, shard databases or a stub being written: all Parley's.
    if (!fs::exists(fs::path(path) / "XAPIANDB") && !fs::exists(fs::path(path) / "iamglass")) {
        for (const auto& entry : fs::directory_iterator(path, ec)) {
            const std::string name = entry.path().filename().string();
            if (name == "parley.lock" || name == kBulkDir || name.rfind("XAPIANDB", 0) == 0 ||
                fs::exists(entry.path() / "iamglass"))
                continue;
            throw UsageError(path + ": not a Parley index, and not empty (it holds '" +
                             util::printable(name, 100) +
                             "'); give a new or empty directory for a new index");
        }
    }
    if (fs::exists(fs::path(path) / "iamglass")) {
        throw IndexMismatchError(path +
                                 ": a bare Xapian database (an index of Parley's first layout, "
                                 "or not Parley's); rebuild it into a new directory");
    }
    return path;
}

}  // namespace

// Two ways to write, two types. A new (empty) single-shard index is built in bulk
// (BulkBuilder): every thread prepares and writes a shard of its own, merged by compaction
// with what was published before into a new generation of the main shard at each
// checkpoint. Otherwise the index is updated in place (DirectWriter); so is a bulk build
// after an explicit commit, a deletion, or an article whose id is already published.
//
// Checkpoints: the first after commit_seconds, so a small import shows soon; the next
// ones after commit_seconds once the shards hold as many paragraphs as the published
// index, so each merge at least doubles it and merging costs O(total) over the build.
struct PARLEY_LOCAL IndexWriter::Impl {
    IndexOptions options;
    storage::WriteLock lock;
    std::unique_ptr<writer::ShardSet> set;
    std::optional<Gazetteer> owned_gazetteer;
    const Gazetteer* gazetteer = nullptr;
    std::unique_ptr<Tagger> tagger;
    std::size_t threads = 1;

    std::unique_ptr<writer::BulkBuilder> bulk;     // building a new index
    std::unique_ptr<writer::DirectWriter> direct;  // otherwise
    Clock::time_point last_commit = Clock::now();
    std::size_t published_paragraphs = 0;  // by earlier checkpoints of the bulk build
    std::size_t bulk_paragraphs = 0;       // given to the current bulk shards

    IngestReport built;  // what bulk builds wrote

    explicit Impl(const IndexOptions& opts)
        : options(check(opts)), lock(create_index_directory(options.path)) {
        threads = options.threads ? options.threads : hardware_threads();
        open();
        tagger = std::make_unique<Tagger>(*gazetteer);
        if (set->manifest.shard_by.empty() &&
            set->shards().at("main")->database().get_doccount() == 0 && threads > 1) {
            start_bulk();
        } else {
            start_direct();
        }
    }

    static const IndexOptions& check(const IndexOptions& o) {
        if (o.path.empty()) throw UsageError("no index path given");
        if (o.batch_articles == 0) throw UsageError("batch size must be at least 1 article");
        if (!(o.commit_seconds > 0)) throw UsageError("the commit interval must be positive");
        if (o.threads > IndexOptions::kMaxThreads) {
            throw UsageError(std::to_string(o.threads) + " threads is over the maximum of " +
                             std::to_string(IndexOptions::kMaxThreads));
        }
        if (!o.shard_by.empty() && o.shard_by != "year") {
            throw UsageError("unknown sharding '" + o.shard_by + "' (use year)");
        }
        if (Analyzer::canonical_language(o.default_language).empty()) {
            throw UsageError("unknown language '" + o.default_language + "'");
        }
        return o;
    }

    std::string bulk_dir() const { return options.path + "/" + kBulkDir; }

    void open() {
        std::error_code ec;
        std::filesystem::remove_all(bulk_dir(), ec);  // left by a bulk build that did not finish
        if (auto layout = storage::IndexLayout::load(options.path)) {
            set = std::make_unique<writer::ShardSet>(lock, std::move(*layout), kMaxBatchParagraphs);
            const schema::Manifest& m = set->manifest;
            if (!options.shard_by.empty() && options.shard_by != m.shard_by) {
                throw IndexMismatchError(
                    options.path + ": the index is " +
                    (m.shard_by.empty() ? "not sharded" : "sharded by " + m.shard_by) +
                    "; sharding is chosen when an index is created");
            }
            if (options.gazetteer && options.gazetteer->fingerprint() != m.gazetteer_fingerprint) {
                throw IndexMismatchError(
                    options.path + ": the index was tagged with gazetteer " +
                    m.gazetteer_fingerprint + " (" + m.gazetteer_origin + "), but " +
                    options.gazetteer->origin() + " is " + options.gazetteer->fingerprint() +
                    "; re-tag it with: parley-index retag --gazetteer " +
                    options.gazetteer->origin() + " (or leave out --gazetteer)");
            }
            // Adding goes on (a daily run should not stop at an upgrade), but the old tags
            // and the new differ until the index is re-tagged: say so on every run.
            if (m.tagging_rules != schema::kTaggingRules) {
                built.warn(options.path, 0,
                           m.tagging_rules < schema::kTaggingRules ? "older tagging rules"
                                                                   : "newer tagging rules",
                           "the index was tagged by tagging rules " +
                               std::to_string(m.tagging_rules) + " and this parley-index tags by " +
                               std::to_string(schema::kTaggingRules) +
                               "; new articles get the new tags, the others keep theirs until: "
                               "parley-index retag --index " +
                               options.path);
            }
            owned_gazetteer = Gazetteer::from_text(m.gazetteer_text, "index " + options.path);
            gazetteer = &*owned_gazetteer;
            return;
        }
        schema::Manifest m =
            schema::Manifest::fresh(Analyzer::canonical_language(options.default_language));
        gazetteer = options.gazetteer ? options.gazetteer : &Gazetteer::builtin();
        m.gazetteer_fingerprint = gazetteer->fingerprint();
        m.gazetteer_origin = gazetteer->origin();
        m.gazetteer_text = gazetteer->text();
        m.shard_by = options.shard_by;
        set = writer::ShardSet::create(lock, options.path, m, kMaxBatchParagraphs);
    }

    void start_bulk() {
        bulk = std::make_unique<writer::BulkBuilder>(bulk_dir(), threads, *tagger,
                                                     set->manifest.default_language,
                                                     kMaxBatchParagraphs / threads);
        bulk_paragraphs = 0;
    }

    bool checkpoint_due() const {
        return Clock::now() - last_commit >=
                   std::chrono::duration<double>(options.commit_seconds) &&
               bulk_paragraphs >= published_paragraphs;
    }

    void start_direct() {
        direct = std::make_unique<writer::DirectWriter>(
            *set, *tagger, threads - 1, options.batch_articles, options.commit_seconds);
    }

    void add(Article article) {
        writer::ArticleKey key = writer::key_of(article);
        if (bulk && published_paragraphs > 0 && set->find(key.id)) {
            finish_bulk(false);  // replacing a published article is an update in place
        }
        if (bulk) {
            bulk_paragraphs += article.paragraphs.size();
            bulk->add(std::move(article), std::move(key));
            if (checkpoint_due()) finish_bulk(true);
            return;
        }
        direct->add(std::move(article), std::move(key));
    }

    bool remove(const std::string& id) {
        if (bulk) finish_bulk(false);
        return direct->remove(id);
    }

    void commit() {
        if (bulk) {
            finish_bulk(false);
            return;
        }
        direct->commit();
    }

    // Merges the bulk shards with the published index into its next generation, then goes
    // on in bulk (a checkpoint) or in place.
    void finish_bulk(bool go_on) {
        const storage::ShardRef* main = set->layout().find("main");
        const storage::ShardRef next{"main", main->generation + 1};
        const std::string target = set->layout().path_of(next);
        std::error_code ec;
        std::filesystem::remove_all(target, ec);
        std::vector<std::string> published;
        if (published_paragraphs > 0) {
            set->shards().at("main")->database().close();  // reopened by replace_shard()
            published.push_back(set->layout().path_of(*main));
        }
        // The groups of copies that landed in different bulk shards, and the manifest.
        bulk->finish(target, published, [this](Xapian::WritableDatabase& db) {
            auto& languages = set->manifest.languages;
            for (const auto& language : bulk->languages()) {
                if (std::find(languages.begin(), languages.end(), language) == languages.end())
                    languages.push_back(language);
            }
            std::sort(languages.begin(), languages.end());
            writer::join_duplicate_groups(db);
            set->manifest.write(db);
        });
        const IngestReport report = bulk->report();
        built.articles_new += report.articles_new;
        built.articles_replaced += report.articles_replaced;
        built.paragraphs_indexed += report.paragraphs_indexed;
        built.problems.insert(built.problems.end(), report.problems.begin(), report.problems.end());
        published_paragraphs += report.paragraphs_indexed;
        bulk.reset();
        set->replace_shard("main", next.generation);  // the build becomes visible here
        last_commit = Clock::now();
        if (go_on) {
            start_bulk();
        } else {
            start_direct();
        }
    }

    std::map<std::string, std::string> articles_from(const std::string& directory) {
        commit();
        return set->articles_from(directory);
    }

    IngestReport report() const {
        IngestReport total = built;
        auto add = [&](const IngestReport& r) {
            total.articles_new += r.articles_new;
            total.articles_replaced += r.articles_replaced;
            total.paragraphs_indexed += r.paragraphs_indexed;
            total.problems.insert(total.problems.end(), r.problems.begin(), r.problems.end());
        };
        if (bulk) add(bulk->report());
        for (const auto& [name, shard] : set->shards()) add(shard->report());
        if (direct) {
            total.articles_unchanged += direct->unchanged();
            total.articles_deleted += direct->deleted();
            // A move between year shards is an update, not a new article.
            const std::size_t moved = std::min(direct->moved(), total.articles_new);
            total.articles_new -= moved;
            total.articles_replaced += moved;
            // Read from a renamed file, the same otherwise: no update of its content.
            const std::size_t renamed = std::min(direct->renamed(), total.articles_replaced);
            total.articles_replaced -= renamed;
            total.articles_renamed += renamed;
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

namespace {

// A stored record the writer cannot read (an index written by a newer Parley, a damaged
// one) names its article; this adds which index. `impl` is an IndexWriter::Impl, read
// after the failure (a commit may have replaced its shard set).
template <class Writer, class F>
auto naming_the_index(const Writer& impl, F&& body) {
    try {
        return body();
    } catch (const schema::RecordError& e) {
        throw IndexIoError(impl.set->where() + ": " + e.what());
    }
}

}  // namespace

void IndexWriter::add(Article article) {
    naming_the_index(*impl_, [&] { impl_->add(std::move(article)); });
}

std::string IndexWriter::default_language() const { return impl_->set->manifest.default_language; }

bool IndexWriter::remove(const std::string& article_id) {
    return naming_the_index(*impl_, [&] { return impl_->remove(article_id); });
}

std::map<std::string, std::string> IndexWriter::articles_from(const std::string& directory) {
    return naming_the_index(*impl_, [&] { return impl_->articles_from(directory); });
}

void IndexWriter::commit() {
    naming_the_index(*impl_, [&] { impl_->commit(); });
}

IngestReport IndexWriter::report() const { return impl_->report(); }

}  // namespace parley
