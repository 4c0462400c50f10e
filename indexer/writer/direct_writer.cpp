#include "writer/direct_writer.hpp"

#include <algorithm>
#include <filesystem>

#include "schema/schema.hpp"
#include "util/fingerprint.hpp"
#include "writer/near_duplicates.hpp"

namespace parley::writer {

DirectWriter::DirectWriter(ShardSet& set, const Tagger& tagger, std::size_t analysis_threads,
                           std::size_t batch_articles, double commit_seconds)
    : set_(set),
      pool_(std::max<std::size_t>(1, analysis_threads),
            [&tagger, &set] {
                return std::make_unique<ArticlePreparer>(tagger, set.manifest.default_language);
            }),
      batch_articles_(batch_articles),
      commit_interval_(commit_seconds) {}

namespace {

// Records held back at once (see add()): a copy of a whole archive read beside the
// original would otherwise hold every article in memory until the run's end.
constexpr std::size_t kMostHeld = 10'000;

// Whether an indexed article was read from `file`: its recorded origin is the whole path,
// or, for a long path in an index of before 2026-12-08, the path cut as its term holds it.
bool read_from(const ShardSet::Found& indexed, const std::string& file) {
    return indexed.origin == file || indexed.origin == schema::bounded(file);
}

}  // namespace

void DirectWriter::add(Article article, ArticleKey key) {
    const std::uint64_t id = util::fnv1a64(key.id);
    // A record held back under this id is superseded by this one: never written.
    bool superseded = false;
    if (const auto held = held_at_.find(id); held != held_at_.end()) {
        held_[held->second].reset();
        held_at_.erase(held);
        ++unchanged_;
        superseded = true;
    }
    // Within a run, a record met again is compared without its file: the same record in
    // two files (a copy, a symlink) is written once, not once per file on every run.
    const std::uint64_t content = util::fnv1a64(key.text);
    const auto [added, first] = added_.try_emplace(id, content);
    bool unchanged = !first && !superseded && added->second == content;
    added->second = content;
    if (first || superseded) {
        const auto indexed = set_.find(key.id);
        unchanged = indexed && indexed->fingerprint == key.fingerprint;
        std::error_code ec;
        if (!unchanged && first && held_at_.size() < kMostHeld && indexed &&
            !indexed->origin.empty() && !read_from(*indexed, article.origin) &&
            std::filesystem::exists(indexed->origin, ec)) {
            held_at_.emplace(id, held_.size());
            held_.emplace_back(std::make_pair(std::move(article), std::move(key)));
            return;
        }
    }
    if (unchanged) {
        ++unchanged_;
        return;
    }
    if ((first || superseded) && only_file_changed(article, set_.find(key.id))) ++renamed_;
    queue(std::move(article), std::move(key));
}

bool DirectWriter::only_file_changed(const Article& article,
                                     const std::optional<ShardSet::Found>& indexed) {
    // The stored fingerprint covers the file it was read from: recomputed with that file,
    // an equal one says nothing else changed. (A long path that an index of before
    // 2026-12-08 recorded cut never compares equal: such an article counts as updated.)
    return indexed && !indexed->origin.empty() && !indexed->fingerprint.empty() &&
           !read_from(*indexed, article.origin) &&
           content_fingerprint_from(article, indexed->origin) == indexed->fingerprint;
}

void DirectWriter::queue(Article article, ArticleKey key) {
    // A later version of a record written earlier in this run: one article, counted once.
    key.again = !queued_.insert(util::fnv1a64(key.id)).second;
    pending_.push_back(pool_.submit(std::move(article), std::move(key)));
    while (pending_.size() > pool_.threads() * 8) apply_next();
}

std::string DirectWriter::group_of(PreparedArticle& a) {
    if (a.simhash) {
        const auto databases = set_.databases();
        if (auto label = find_duplicate_group(databases, *a.simhash, a.id)) {
            std::vector<std::vector<std::string>> words;
            for (const auto& doc : a.paragraphs) words.push_back(word_terms(doc));
            align_paragraph_keys(databases, *label, a.id, words, a.paragraph_keys);
            return *label;
        }
    }
    return own_group_label(a.id, a.simhash);
}

void DirectWriter::note_language(const std::string& language) {
    auto& languages = set_.manifest.languages;
    if (std::find(languages.begin(), languages.end(), language) != languages.end()) return;
    languages.push_back(language);
    std::sort(languages.begin(), languages.end());
    manifest_changed_ = true;
}

void DirectWriter::apply_next() {
    PreparedArticle article = pending_.front().get();
    pending_.pop_front();
    if (article.skipped) {
        set_.shard(set_.shard_name_for("")).skip(std::move(article));  // records problems
    } else {
        const std::string target = set_.shard_name_for(article.year);
        // An article whose year changed moves shard: out of the old one first.
        for (auto& [name, shard] : set_.shards()) {
            if (name == target || !shard->remove(article.id)) continue;
            if (article.again) {
                article.moved_from_earlier = true;  // this run's own write, counted then
            } else {
                ++moved_;
            }
        }
        note_language(article.language);
        ShardWriter& shard = set_.shard(target);
        const std::string label = group_of(article);
        shard.apply(std::move(article), label);
        ++uncommitted_;
    }
    if (commit_due()) commit_now();
}

bool DirectWriter::remove(const std::string& article_id) {
    while (!pending_.empty()) apply_next();
    added_.erase(util::fnv1a64(article_id));
    queued_.erase(util::fnv1a64(article_id));
    bool found = false;
    for (auto& [name, shard] : set_.shards()) found = shard->remove(article_id) || found;
    if (found) {
        ++deleted_;
        ++uncommitted_;
        if (commit_due()) commit_now();
    }
    return found;
}

bool DirectWriter::commit_due() const {
    return uncommitted_ >= batch_articles_ || Clock::now() - last_commit_ >= commit_interval_;
}

void DirectWriter::commit_now() {
    set_.commit_all(manifest_changed_);
    manifest_changed_ = false;
    uncommitted_ = 0;
    last_commit_ = Clock::now();
}

void DirectWriter::commit() {
    // What no later record superseded is written after all, in the order it was met.
    std::vector<std::optional<std::pair<Article, ArticleKey>>> held = std::move(held_);
    held_.clear();
    held_at_.clear();
    for (auto& record : held) {
        if (!record) continue;
        if (only_file_changed(record->first, set_.find(record->second.id))) ++renamed_;
        queue(std::move(record->first), std::move(record->second));
    }
    while (!pending_.empty()) apply_next();
    commit_now();
}

}  // namespace parley::writer
