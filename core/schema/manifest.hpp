#pragma once

#include <optional>
#include <string>
#include <vector>

namespace Xapian {
class Database;
class WritableDatabase;
}  // namespace Xapian

namespace parley::schema {

/// What an index records about how it was built, kept in Xapian metadata so that it is
/// committed atomically with the documents. Readers rebuild their analyzer and gazetteer
/// from it instead of trusting flags.
struct Manifest {
    int schema_version = 0;
    std::string analyzer;                ///< Analyzer::settings() at build time
    std::string default_language;        ///< for articles without a language
    std::vector<std::string> languages;  ///< every language indexed so far
    std::string gazetteer_fingerprint;
    std::string gazetteer_origin;
    std::string gazetteer_text;
    int tagging_rules = 0;   ///< kTaggingRules of the build that tagged it (0: before it was kept)
    std::string created_by;  ///< Parley version that created the index
    std::string shard_by;    ///< "" (one shard, "main") or "year" (one shard per year)

    /// The manifest of `db`, or nullopt if it holds no Parley manifest.
    static std::optional<Manifest> read(const Xapian::Database& db);
    /// The same without gazetteer_text (left empty): the gazetteer is by far the largest
    /// field (some 400 KB for the built-in one), which a reader of several shards needs
    /// from one of them only, and which crosses the network from a remote shard.
    static std::optional<Manifest> read_summary(const Xapian::Database& db);
    /// The gazetteer text `db` records (empty if none).
    static std::string read_gazetteer_text(const Xapian::Database& db);
    /// What a re-tag of `db` changes in its manifest: its gazetteer fingerprint and tagging
    /// rules. A re-tag rewrites paragraphs in place, so no document count shows it.
    static std::string tagging_stamp(const Xapian::Database& db);
    /// Stores every field (takes effect at the next commit).
    void write(Xapian::WritableDatabase& db) const;
    /// A manifest for a new index with this build's schema and analyzer.
    static Manifest fresh(std::string default_language);
    /// Throws IndexMismatchError, naming `path`, if this build cannot read the index.
    void check_readable(const std::string& path) const;
};

/// The manifest of an opened index (nullopt if it holds none). A writer that commits twice
/// while it is read discards the revision being read (DatabaseModifiedError): `db` is then
/// reopened on the latest revision and read again, a few times before IndexIoError.
std::optional<Manifest> read_manifest(Xapian::Database& db, const std::string& path);

/// Opens an index for reading and checks its manifest. Throws IndexMissingError,
/// IndexMismatchError or IndexIoError with the path in the message.
Manifest open_index(const std::string& path, Xapian::Database& db);

}  // namespace parley::schema
