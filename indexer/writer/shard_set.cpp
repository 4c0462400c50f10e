#include "writer/shard_set.hpp"

#include <filesystem>
#include <map>
#include <string_view>

#include "parley/error.hpp"
#include "schema/article_keys.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"
#include "util/xapian_errors.hpp"

namespace parley::writer {
namespace {

constexpr std::size_t kUnlimited = static_cast<std::size_t>(-1);

namespace fs = std::filesystem;

// A file's path with the links among its directories resolved, its own name kept (a link to
// a file is the origin of what it gave); empty for what is no absolute path (a URL).
// `real_dirs` caches each directory's resolution: an archive has far fewer directories than
// files.
std::string real_origin(const std::string& file, std::map<std::string, std::string>& real_dirs) {
    if (file.empty() || file.front() != '/') return {};
    const fs::path path(file);
    auto [it, fresh] = real_dirs.try_emplace(path.parent_path().string());
    if (fresh) {
        std::error_code ec;
        const fs::path real = fs::weakly_canonical(path.parent_path(), ec);
        it->second = ec ? it->first : real.string();
    }
    return (fs::path(it->second) / path.filename()).string();
}

bool same_or_under(std::string_view path, std::string_view root) {
    if (!path.starts_with(root)) return false;
    return path.size() == root.size() || root.ends_with('/') || path[root.size()] == '/';
}

// Adds to `out` the articles an XF: term records (id → the file each was read from, whole)
// whose file `wanted` takes. A term holds a long path cut, which other files may share: the
// whole path is then each document's kOriginSlot.
template <class Wanted>
void add_articles_of(Xapian::Database& db, const std::string& term, Wanted wanted,
                     std::map<std::string, std::string>& out) {
    const std::string in_term = term.substr(schema::kOriginPrefix.size());
    const bool cut = schema::maybe_cut(in_term);
    if (!cut && !wanted(in_term)) return;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::Document doc = db.get_document(*p);
        std::string origin = cut ? doc.get_value(schema::kOriginSlot) : std::string();
        if (origin.empty()) origin = in_term;  // whole, or recorded before the slot was
        if (cut && !wanted(origin)) continue;
        out[schema::ParagraphRecord::article_id_in(doc.get_data())] = std::move(origin);
    }
}

}  // namespace

ShardSet::ShardSet(storage::IndexLayout layout, std::size_t batch_paragraphs, Empty)
    : layout_(std::move(layout)), batch_paragraphs_(batch_paragraphs) {}

ShardSet::ShardSet(const storage::WriteLock& /*held*/, storage::IndexLayout layout,
                   std::size_t batch_paragraphs)
    : ShardSet(std::move(layout), batch_paragraphs, Empty{}) {
    // The stub and the shard directories must agree before anything is cleaned up: a stub
    // listing no shard, or a shard that is not there (an index copied while a compaction
    // replaced it, a shard deleted), would have every other shard directory taken for an
    // old generation and deleted.
    const std::string stub = storage::IndexLayout::stub_path(layout_.index_path());
    if (layout_.shards().empty())
        throw IndexIoError(stub + " lists no shard; restore the index, or rebuild it");
    for (const auto& ref : layout_.shards()) {
        std::error_code ec;
        if (!std::filesystem::is_directory(layout_.path_of(ref), ec)) {
            throw IndexMissingError(layout_.index_path() + ": its shard " + ref.directory_name() +
                                    " is missing (" + stub +
                                    " lists it); restore it with the rest of the index, "
                                    "or rebuild the index (nothing was changed)");
        }
    }
    for (const auto& ref : layout_.shards()) {
        shards_[ref.name] = open_writer(ref, Xapian::DB_OPEN);
    }
    std::optional<schema::Manifest> m;
    try {
        m = schema::Manifest::read(shards_.begin()->second->database());
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "reading the manifest of " + where());
    }
    if (!m) throw IndexMismatchError(where() + ": a Xapian database, but not a Parley index");
    manifest = std::move(*m);
    manifest.check_readable(layout_.index_path());
    layout_.remove_unlisted();  // old generations, shards of an interrupted build
}

std::unique_ptr<ShardSet> ShardSet::create(const storage::WriteLock& /*held*/,
                                           const std::string& index_path,
                                           const schema::Manifest& manifest,
                                           std::size_t batch_paragraphs) {
    std::unique_ptr<ShardSet> set(
        new ShardSet(storage::IndexLayout(index_path), batch_paragraphs, Empty{}));
    set->manifest = manifest;
    set->layout_.remove_unlisted();
    // A year-sharded index starts with its undated shard, so it always has a manifest.
    set->shard(manifest.shard_by == "year" ? "undated" : "main");
    return set;
}

std::unique_ptr<ShardWriter> ShardSet::open_writer(const storage::ShardRef& ref, int flags) {
    const std::string path = layout_.path_of(ref);
    try {
        Xapian::WritableDatabase db(path, flags | Xapian::DB_BACKEND_GLASS);
        auto writer =
            std::make_unique<ShardWriter>(std::move(db), path, kUnlimited, batch_paragraphs_);
        // Languages may have been added: every commit carries the current manifest.
        writer->set_before_commit([this](Xapian::WritableDatabase& w) { manifest.write(w); });
        return writer;
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "opening " + path + " for writing");
    }
}

std::string ShardSet::shard_name_for(const std::string& year) const {
    if (manifest.shard_by != "year") return "main";
    return year.empty() ? "undated" : "y" + year;
}

ShardWriter& ShardSet::shard(const std::string& name) {
    auto it = shards_.find(name);
    if (it != shards_.end()) return *it->second;
    const storage::ShardRef ref{name, 1};
    auto writer = open_writer(ref, Xapian::DB_CREATE_OR_OVERWRITE);
    try {
        manifest.write(writer->database());
        writer->database().commit();
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "creating shard " + layout_.path_of(ref));
    }
    layout_.set(ref);
    layout_.commit();  // the new shard is listed only once it holds its manifest
    return *(shards_[name] = std::move(writer));
}

std::vector<Xapian::Database> ShardSet::databases() const {
    std::vector<Xapian::Database> out;
    for (const auto& [name, writer] : shards_) out.push_back(writer->database());
    return out;
}

std::optional<ShardSet::Found> ShardSet::find(const std::string& article_id) const {
    std::optional<Found> found;
    for (const auto& [name, writer] : shards_) {
        Xapian::WritableDatabase& db = writer->database();
        try {
            const std::string term = schema::article_keys_in(db, article_id).term;
            auto it = db.postlist_begin(term);
            if (it == db.postlist_end(term)) continue;
            // In two shards: a move between year shards cut short (the shard it moved to
            // committed, the one it left did not). No fingerprint matches, so the article
            // is written again, which removes the other copy.
            if (found) return Found{found->shard, "", ""};
            const Xapian::Document doc = db.get_document(*it);
            std::string origin;
            auto t = doc.termlist_begin();
            t.skip_to(std::string(schema::kOriginPrefix));
            if (t != doc.termlist_end() && (*t).starts_with(schema::kOriginPrefix))
                origin = (*t).substr(schema::kOriginPrefix.size());
            if (schema::maybe_cut(origin)) {
                if (std::string whole = doc.get_value(schema::kOriginSlot); !whole.empty())
                    origin = std::move(whole);
            }
            found = Found{name, doc.get_value(schema::kContentSlot), std::move(origin)};
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "looking up article '" + article_id + "' in " + where());
        }
    }
    return found;
}

std::map<std::string, std::string> ShardSet::articles_from(const std::string& directory) const {
    // The path as a file's own origin, then the files under it. Terms hold the paths cut
    // to their first kMaxValueBytes, so the terms looked at are those the path's cut form
    // starts, and each file is compared whole.
    const auto by_path = [&](std::string_view origin) { return same_or_under(origin, directory); };
    const std::string file = schema::field_term(schema::kOriginPrefix, directory);
    const std::string under = schema::field_term(
        schema::kOriginPrefix, directory.ends_with('/') ? directory : directory + '/');
    std::map<std::string, std::string> out;
    for (const auto& [name, writer] : shards_) {
        Xapian::WritableDatabase& db = writer->database();
        try {
            if (db.term_exists(file)) add_articles_of(db, file, by_path, out);
            for (auto t = db.allterms_begin(under); t != db.allterms_end(under); ++t)
                add_articles_of(db, *t, by_path, out);
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "listing the articles of " + directory + " in " + where());
        }
    }
    // The same files reached by another path: a directory indexed through a link and pruned
    // by its target's path, or the other way round, is one directory. Each recorded origin
    // is compared by its directories' real paths.
    std::error_code ec;
    const bool is_directory = fs::is_directory(directory, ec);
    std::map<std::string, std::string> real_dirs;
    std::string real_root;
    if (is_directory) {
        const fs::path real = fs::weakly_canonical(directory, ec);
        if (!ec) real_root = real.string();
    } else {
        real_root = real_origin(directory, real_dirs);
    }
    if (real_root.empty()) return out;
    const auto by_real_path = [&](std::string_view origin) {
        return !by_path(origin) &&  // listed above
               same_or_under(real_origin(std::string(origin), real_dirs), real_root);
    };
    const std::string origins(schema::kOriginPrefix);
    for (const auto& [name, writer] : shards_) {
        Xapian::WritableDatabase& db = writer->database();
        try {
            for (auto t = db.allterms_begin(origins); t != db.allterms_end(origins); ++t)
                add_articles_of(db, *t, by_real_path, out);
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "listing the articles of " + directory + " in " + where());
        }
    }
    return out;
}

void ShardSet::commit_all(bool write_manifest) {
    for (auto& [name, writer] : shards_) {
        Xapian::WritableDatabase& db = writer->database();
        try {
            if (writer->dirty()) {
                writer->commit();
            } else if (write_manifest) {
                manifest.write(db);
                db.commit();
            }
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "committing to " + where());
        }
    }
}

void ShardSet::replace_shard(const std::string& name, unsigned generation) {
    auto it = shards_.find(name);
    if (it != shards_.end()) {
        it->second->database().close();
        shards_.erase(it);
    }
    const storage::ShardRef ref{name, generation};
    layout_.set(ref);
    layout_.commit();
    layout_.remove_unlisted();
    shards_[name] = open_writer(ref, Xapian::DB_OPEN);
}

}  // namespace parley::writer
