#include "parley/index_stats.hpp"

#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "schema/manifest.hpp"
#include "schema/schema.hpp"
#include "util/files.hpp"
#include "util/xapian_errors.hpp"

namespace parley {
namespace {

std::vector<std::pair<std::string, std::uint64_t>> top_values(const Xapian::Database& db,
                                                              std::string_view prefix,
                                                              std::size_t top) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    const std::string p(prefix);
    for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
        out.emplace_back((*it).substr(p.size()), it.get_termfreq());
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (out.size() > top) out.resize(top);
    return out;
}

}  // namespace

IndexStats read_index_stats(const std::string& path, std::size_t top) {
    Xapian::Database db;
    const schema::Manifest manifest = schema::open_index(path, db);
    IndexStats s;
    s.path = path;
    s.schema_version = manifest.schema_version;
    s.analyzer = manifest.analyzer;
    s.default_language = manifest.default_language;
    s.languages = manifest.languages;
    s.gazetteer_fingerprint = manifest.gazetteer_fingerprint;
    s.gazetteer_origin = manifest.gazetteer_origin;
    s.tagging_rules = manifest.tagging_rules;
    s.current_tagging_rules = schema::kTaggingRules;
    try {
        s.paragraphs = db.get_doccount();
        const std::string article_prefix(schema::kArticlePrefix);
        for (auto it = db.allterms_begin(article_prefix); it != db.allterms_end(article_prefix);
             ++it) {
            ++s.articles;
        }
        for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
            ++s.terms;
            const std::string& term = *it;
            if (!term.empty() && term.front() == 'Z') ++s.word_terms;
        }
        s.top_actors = top_values(db, schema::kActorPrefix, top);
        s.top_topics = top_values(db, schema::kTopicPrefix, top);
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "reading index " + path);
    }
    s.size_bytes = util::directory_bytes(path);
    return s;
}

}  // namespace parley
