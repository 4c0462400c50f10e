#include "writer/bulk_builder.hpp"

#include <filesystem>

#include "util/fingerprint.hpp"
#include "util/xapian_errors.hpp"
#include "writer/near_duplicates.hpp"

namespace parley::writer {
namespace {

// Articles waiting per shard: enough to keep a shard busy, few enough to bound memory.
constexpr std::size_t kQueueLimit = 64;

}  // namespace

BulkBuilder::BulkBuilder(std::string work_dir, std::size_t shards, const Tagger& tagger,
                         std::string default_language, std::size_t batch_paragraphs)
    : work_dir_(std::move(work_dir)),
      tagger_(tagger),
      default_language_(std::move(default_language)) {
    std::filesystem::remove_all(work_dir_);
    std::filesystem::create_directories(work_dir_);
    for (std::size_t i = 0; i < shards; ++i) {
        auto shard = std::make_unique<Shard>();
        shard->path = work_dir_ + "/shard-" + std::to_string(i);
        try {
            // Temporary data: no fsync. Not DB_DANGEROUS: it measured no faster here, and a
            // failed write (a full disk) then reports "cancel() not supported" instead.
            Xapian::WritableDatabase db(
                shard->path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
            shard->writer = std::make_unique<ShardWriter>(
                std::move(db), shard->path, static_cast<std::size_t>(-1), batch_paragraphs);
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "creating " + shard->path);
        }
        shards_.push_back(std::move(shard));
    }
    for (auto& shard : shards_) shard->thread = std::thread([this, s = shard.get()] { run(*s); });
}

BulkBuilder::~BulkBuilder() {
    stop();
    if (!finished_) {
        std::error_code ec;
        std::filesystem::remove_all(work_dir_, ec);
    }
}

void BulkBuilder::add(Article article, ArticleKey key) {
    Shard& shard = *shards_[util::fnv1a64(key.id) % shards_.size()];
    std::unique_lock lock(shard.mutex);
    shard.changed.wait(lock, [&] { return shard.queue.size() < kQueueLimit || shard.error; });
    if (shard.error) std::rethrow_exception(shard.error);
    shard.queue.emplace_back(std::move(article), std::move(key));
    shard.changed.notify_all();
}

void BulkBuilder::run(Shard& shard) {
    ArticlePreparer preparer(tagger_, default_language_);
    for (;;) {
        std::pair<Article, ArticleKey> item;
        {
            std::unique_lock lock(shard.mutex);
            shard.changed.wait(lock, [&] { return shard.closing || !shard.queue.empty(); });
            if (shard.queue.empty()) return;  // closing and drained
            item = std::move(shard.queue.front());
            shard.queue.pop_front();
            shard.changed.notify_all();
        }
        try {
            // Each shard sees only its own articles: copies in other shards are joined
            // after the merge (join_duplicate_groups).
            PreparedArticle prepared =
                preparer.prepare(std::move(item.first), std::move(item.second));
            const std::string label = own_group_label(prepared.id, prepared.simhash);
            shard.writer->apply(std::move(prepared), label);
        } catch (...) {
            std::lock_guard lock(shard.mutex);
            shard.error = std::current_exception();
            shard.queue.clear();
            shard.changed.notify_all();
            return;
        }
    }
}

void BulkBuilder::stop() {
    for (auto& shard : shards_) {
        {
            std::lock_guard lock(shard->mutex);
            shard->closing = true;
        }
        shard->changed.notify_all();
    }
    for (auto& shard : shards_) {
        if (shard->thread.joinable()) shard->thread.join();
    }
}

void BulkBuilder::finish(const std::string& target, const std::vector<std::string>& before,
                         const std::function<void(Xapian::WritableDatabase&)>& complete) {
    stop();
    for (auto& shard : shards_) {
        if (shard->error) std::rethrow_exception(shard->error);
    }
    const std::string merged = work_dir_ + "/merged";
    try {
        Xapian::Database all;
        for (const auto& path : before) all.add_database(Xapian::Database(path));
        for (auto& shard : shards_) {
            shard->writer->commit();
            shard->writer->database().close();
            all.add_database(Xapian::Database(shard->path));
        }
        // Docids are renumbered database after database; each article's paragraphs stay
        // together, and what was published keeps its order.
        all.compact(merged);
        all.close();
        {
            Xapian::WritableDatabase db(merged, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            complete(db);
            db.commit();
        }
        // Changes to a compacted database split its full blocks (3% larger at 200,000
        // paragraphs); compacting again costs a fraction of a second per 100 MB.
        Xapian::Database(merged).compact(target);
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "merging shards into " + target);
    }
    finished_ = true;
    std::filesystem::remove_all(work_dir_);
}

IngestReport BulkBuilder::report() const {
    IngestReport total;
    for (const auto& shard : shards_) {
        const IngestReport& r = shard->writer->report();
        // A bulk shard holds only articles new to the index: one it replaced is a record
        // met again in this run, one article, counted new once.
        total.articles_new += r.articles_new;
        total.paragraphs_indexed += r.paragraphs_indexed;
        total.problems.insert(total.problems.end(), r.problems.begin(), r.problems.end());
    }
    return total;
}

std::set<std::string> BulkBuilder::languages() const {
    std::set<std::string> out;
    for (const auto& shard : shards_)
        out.insert(shard->writer->languages().begin(), shard->writer->languages().end());
    return out;
}

}  // namespace parley::writer
