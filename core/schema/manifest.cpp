#include "schema/manifest.hpp"

#include <xapian.h>

#include <filesystem>
#include <sstream>
#include <string_view>

#include "parley/analyzer.hpp"
#include "parley/error.hpp"
#include "parley/version.hpp"
#include "schema/schema.hpp"
#include "storage/index_layout.hpp"
#include "util/files.hpp"
#include "util/xapian_errors.hpp"

namespace parley::schema {
namespace {

constexpr const char* kSchemaKey = "parley:schema";
constexpr const char* kAnalyzerKey = "parley:analyzer";
constexpr const char* kLanguageKey = "parley:default-language";
constexpr const char* kLanguagesKey = "parley:languages";
constexpr const char* kGazetteerFingerprintKey = "parley:gazetteer-fingerprint";
constexpr const char* kGazetteerOriginKey = "parley:gazetteer-origin";
constexpr const char* kGazetteerKey = "parley:gazetteer";
constexpr const char* kCreatedByKey = "parley:created-by";
constexpr const char* kShardByKey = "parley:shard-by";
constexpr const char* kTaggingRulesKey = "parley:tagging-rules";

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

std::string join_commas(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ',';
        out += item;
    }
    return out;
}

}  // namespace

std::optional<Manifest> Manifest::read(const Xapian::Database& db) {
    std::optional<Manifest> m = read_summary(db);
    if (m) m->gazetteer_text = read_gazetteer_text(db);
    return m;
}

std::string Manifest::read_gazetteer_text(const Xapian::Database& db) {
    return db.get_metadata(kGazetteerKey);
}

std::optional<Manifest> Manifest::read_summary(const Xapian::Database& db) {
    const std::string schema = db.get_metadata(kSchemaKey);
    if (schema.empty()) return std::nullopt;
    Manifest m;
    try {
        m.schema_version = std::stoi(schema);
    } catch (const std::exception&) {
        m.schema_version = -1;
    }
    m.analyzer = db.get_metadata(kAnalyzerKey);
    m.default_language = db.get_metadata(kLanguageKey);
    m.languages = split_commas(db.get_metadata(kLanguagesKey));
    m.gazetteer_fingerprint = db.get_metadata(kGazetteerFingerprintKey);
    m.gazetteer_origin = db.get_metadata(kGazetteerOriginKey);
    m.created_by = db.get_metadata(kCreatedByKey);
    m.shard_by = db.get_metadata(kShardByKey);
    try {
        const std::string rules = db.get_metadata(kTaggingRulesKey);
        m.tagging_rules = rules.empty() ? 0 : std::stoi(rules);
    } catch (const std::exception&) {
        m.tagging_rules = 0;  // unreadable: as old as can be, so retag re-tags it
    }
    return m;
}

std::string Manifest::tagging_stamp(const Xapian::Database& db) {
    return db.get_metadata(kGazetteerFingerprintKey) + '/' + db.get_metadata(kTaggingRulesKey);
}

void Manifest::write(Xapian::WritableDatabase& db) const {
    db.set_metadata(kSchemaKey, std::to_string(schema_version));
    db.set_metadata(kAnalyzerKey, analyzer);
    db.set_metadata(kLanguageKey, default_language);
    db.set_metadata(kLanguagesKey, join_commas(languages));
    db.set_metadata(kGazetteerFingerprintKey, gazetteer_fingerprint);
    db.set_metadata(kGazetteerOriginKey, gazetteer_origin);
    db.set_metadata(kGazetteerKey, gazetteer_text);
    db.set_metadata(kCreatedByKey, created_by);
    db.set_metadata(kShardByKey, shard_by);
    db.set_metadata(kTaggingRulesKey, std::to_string(tagging_rules));
}

Manifest Manifest::fresh(std::string default_language) {
    Manifest m;
    m.schema_version = kVersion;
    m.analyzer = std::string(Analyzer::settings());
    m.default_language = std::move(default_language);
    m.created_by = "Parley " + std::string(version());
    m.tagging_rules = kTaggingRules;
    return m;
}

void Manifest::check_readable(const std::string& path) const {
    if (schema_version != kVersion) {
        throw IndexMismatchError(path + ": index schema version " + std::to_string(schema_version) +
                                 ", but this Parley reads version " + std::to_string(kVersion) +
                                 "; rebuild the index with this parley-index");
    }
    if (analyzer != Analyzer::settings()) {
        throw IndexMismatchError(path + ": index was built with analyzer '" + analyzer +
                                 "', but this Parley analyzes text as '" +
                                 std::string(Analyzer::settings()) +
                                 "'; rebuild the index with this parley-index");
    }
}

std::optional<Manifest> read_manifest(Xapian::Database& db, const std::string& path) {
    // Searchers open (and, after an error, reopen) an index that parley-index may be
    // committing to: a revision discarded under the reader is no error, the next one serves.
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
        try {
            try {
                return Manifest::read(db);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == kAttempts) throw;
                db.reopen();
            }
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "reading index " + path);
        }
    }
}

Manifest open_index(const std::string& path, Xapian::Database& db) {
    if (const auto why = util::unreadable_directory(path))
        throw IndexIoError(path + ": the index cannot be read: " + *why);
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
        throw IndexMissingError(util::no_index_message(path));
    }
    // A shard list naming no shard opens as an empty database: not "not a Parley index".
    std::optional<storage::IndexLayout> layout;
    try {
        layout = storage::IndexLayout::load(path);
    } catch (const IndexIoError&) {
        // A list Parley cannot read: Xapian says what is wrong with it as it reads it.
    }
    if (layout && layout->shards().empty()) {
        throw IndexIoError(storage::IndexLayout::stub_path(path) +
                           " lists no shard; restore the index, or rebuild it");
    }
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::Error& e) {
        // A shard the stub lists is gone (deleted, not restored with the rest): name it.
        if (std::string_view(e.get_type()) == "DatabaseNotFoundError") {
            if (const auto layout = storage::IndexLayout::load(path)) {
                for (const auto& shard : layout->shards()) {
                    if (!std::filesystem::exists(layout->path_of(shard), ec)) {
                        throw IndexMissingError(path + ": its shard " + shard.directory_name() +
                                                " is missing; restore it with the rest of the "
                                                "index, or rebuild the index");
                    }
                }
            }
        }
        // A directory with nothing in it that opens as a database: said as for no directory.
        const std::string_view type = e.get_type();
        if (type == "DatabaseNotFoundError" ||
            (type == "DatabaseOpeningError" && e.get_error_string() == nullptr))
            throw IndexMissingError(util::no_index_message(path));
        util::rethrow_xapian(e, "opening index " + path);
    }
    const std::optional<Manifest> manifest = read_manifest(db, path);
    if (!manifest) {
        throw IndexMismatchError(path +
                                 ": a Xapian database, but not a Parley index (no manifest)");
    }
    manifest->check_readable(path);
    return *manifest;
}

}  // namespace parley::schema
