#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "parley/analyzer.hpp"
#include "parley/error.hpp"
#include "parley/gazetteer.hpp"
#include "parley/index_maintenance.hpp"
#include "schema/article_keys.hpp"
#include "schema/manifest.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/paragraph_tags.hpp"
#include "schema/schema.hpp"
#include "storage/write_lock.hpp"
#include "tagger/tagger.hpp"
#include "util/xapian_errors.hpp"
#include "writer/article_preparer.hpp"
#include "writer/shard_set.hpp"

namespace parley {

std::unique_ptr<writer::ShardSet> open_shards_for_maintenance(const storage::WriteLock& held,
                                                              const std::string& path);
void refuse_unless_index(const std::string& path);

namespace {

using Kind = GazetteerEntry::Kind;

// An entry as the tagger sees it: kind, name, every alias and every attribute the
// tagger reads (names per language, capitals, a leader's state, office, surname and terms,
// topic cues).
std::string entry_signature(const GazetteerEntry& e) {
    std::string s = std::to_string(static_cast<int>(e.kind)) + "\n" + e.name;
    for (const auto& a : e.aliases) s += "\n" + a;
    for (const auto* by_language :
         {&e.names_by_language, &e.capitals_by_language, &e.not_names_by_language}) {
        const std::map<std::string, std::vector<std::string>> sorted(by_language->begin(),
                                                                     by_language->end());
        for (const auto& [language, names] : sorted) {
            s += "\n" + language + ":";
            for (const auto& n : names) s += "\n" + n;
        }
        s += "\n|";
    }
    s += "\n" + e.of + "\n" + e.office + "\n" + e.surname;
    for (const auto& t : e.terms) s += "\n" + t.from + " " + t.until;
    for (const auto& c : e.strong_cues) s += "\ns:" + c;
    for (const auto& c : e.weak_cues) s += "\nw:" + c;
    for (const auto& c : e.not_cues) s += "\nn:" + c;
    return s;
}

// Entries present in one gazetteer and not, identically, in the other.
std::vector<const GazetteerEntry*> changed_entries(const Gazetteer& before,
                                                   const Gazetteer& after) {
    std::multiset<std::string> old_signatures, new_signatures;
    for (const auto& e : before.entries()) old_signatures.insert(entry_signature(e));
    for (const auto& e : after.entries()) new_signatures.insert(entry_signature(e));
    std::vector<const GazetteerEntry*> out;
    for (const auto& e : before.entries()) {
        if (!new_signatures.count(entry_signature(e))) out.push_back(&e);
    }
    for (const auto& e : after.entries()) {
        if (!old_signatures.count(entry_signature(e))) out.push_back(&e);
    }
    return out;
}

// Paragraphs a changed entry could tag or untag: those holding every word of one of its
// forms (names, aliases, English capitals, cues, a leader's surname; the tagger matches
// English stems, which are the index's words in English text), those tagged with its name
// now or with a changed leader's state, and every non-English paragraph (tagged through
// English stems of their words and names in their language).
Xapian::Query affected_paragraphs(const std::vector<const GazetteerEntry*>& changed,
                                  const std::vector<std::string>& languages) {
    Analyzer english("en");
    std::vector<Xapian::Query> parts;
    std::vector<Token> tokens;
    for (const GazetteerEntry* e : changed) {
        if (e->kind == Kind::Topic) {
            parts.emplace_back(schema::field_term(schema::kTopicPrefix, e->name));
            parts.emplace_back(schema::field_term(schema::kMentionedTopicPrefix, e->name));
        } else if (e->kind != Kind::Block) {
            parts.emplace_back(schema::field_term(schema::kActorPrefix, e->name));
        }
        // A topic's name is a cue too; a weak cue alone tags nothing, but a paragraph
        // holding it may have had or may gain the topic with another cue.
        std::vector<std::string> forms = e->aliases;
        forms.push_back(e->name);
        if (const auto it = e->capitals_by_language.find("en"); it != e->capitals_by_language.end())
            forms.insert(forms.end(), it->second.begin(), it->second.end());
        forms.insert(forms.end(), e->strong_cues.begin(), e->strong_cues.end());
        forms.insert(forms.end(), e->weak_cues.begin(), e->weak_cues.end());
        if (e->kind == Kind::Leader) {
            // "Title Surname" forms, and "the President of <its state>" (tagged with it).
            forms.push_back(e->surname.empty() ? e->name.substr(e->name.rfind(' ') + 1)
                                               : e->surname);
            if (!e->of.empty()) parts.emplace_back(schema::field_term(schema::kActorPrefix, e->of));
        }
        for (const auto& form : forms) {
            tokens.clear();
            english.analyze(form, tokens);
            std::vector<Xapian::Query> words;
            for (const Token& t : tokens) {
                if (t.kind == Token::Kind::Word) {
                    words.emplace_back(schema::term(schema::kWordPrefix, t.term));
                }
            }
            if (!words.empty())
                parts.emplace_back(Xapian::Query::OP_AND, words.begin(), words.end());
        }
    }
    for (const auto& language : languages) {
        if (language != "en") parts.emplace_back(schema::term(schema::kLanguagePrefix, language));
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// Tags every paragraph of `article_id` again, in the article's language and with its date
// (which its article record holds), and rewrites those whose tags changed.
void retag_article(Xapian::WritableDatabase& db, const std::string& article_id,
                   writer::ArticlePreparer& preparer, RetagReport& report) {
    const schema::ArticleKeys keys = schema::article_keys_in(db, article_id);
    const std::string data = db.get_metadata(keys.record_key);
    const auto article =
        data.empty() ? schema::ArticleRecord{} : schema::ArticleRecord::decode(data);
    std::vector<Xapian::docid> ids;
    std::vector<Xapian::Document> docs;
    std::vector<schema::ParagraphRecord> records;
    std::vector<ParagraphTags> tags;
    for (auto it = db.postlist_begin(keys.term); it != db.postlist_end(keys.term); ++it) {
        ids.push_back(*it);
        docs.push_back(db.get_document(*it));
        records.push_back(schema::ParagraphRecord::decode(docs.back().get_data()));
        tags.push_back(preparer.tag(records.back().text, article.language, article.date));
    }
    std::vector<std::string_view> texts;
    for (const auto& r : records) texts.emplace_back(r.text);
    preparer.tag_article(texts, article.language, article.date, tags);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        ++report.paragraphs_considered;
        if (schema::set_tags(docs[i], records[i], tags[i])) {
            docs[i].set_data(records[i].encode());
            db.replace_document(ids[i], docs[i]);
            ++report.paragraphs_changed;
        }
    }
}

}  // namespace

RetagReport retag_index(const std::string& path) {
    refuse_unless_index(path);
    // Read, not opened for writing: that is for the holder of the lock, which the re-tag
    // takes below (another writer's next generation is not this one's to clean up).
    Xapian::Database db;
    const schema::Manifest recorded = schema::open_index(path, db);
    if (recorded.gazetteer_origin == Gazetteer::builtin().origin())
        return retag_index(path, Gazetteer::builtin());
    return retag_index(path,
                       Gazetteer::from_text(recorded.gazetteer_text, recorded.gazetteer_origin));
}

RetagReport retag_index(const std::string& path, const Gazetteer& gazetteer) {
    refuse_unless_index(path);
    storage::WriteLock lock(path);
    auto set = open_shards_for_maintenance(lock, path);
    RetagReport report;
    report.old_fingerprint = set->manifest.gazetteer_fingerprint;
    report.new_fingerprint = gazetteer.fingerprint();
    set->manifest.gazetteer_fingerprint = gazetteer.fingerprint();
    set->manifest.gazetteer_origin = gazetteer.origin();
    set->manifest.gazetteer_text = gazetteer.text();
    report.old_tagging_rules = set->manifest.tagging_rules;
    report.new_tagging_rules = schema::kTaggingRules;
    set->manifest.tagging_rules = schema::kTaggingRules;
    const Tagger tagger(gazetteer);
    writer::ArticlePreparer preparer(tagger, set->manifest.default_language);
    // Each shard is re-tagged in a transaction of its own, which records the new gazetteer
    // in it: a re-tag cut short leaves shards re-tagged and shards not, so each is compared
    // with the gazetteer it records. The first shard's record is the index's (readers see
    // the metadata of the stub's first database; writers read the manifest there): it is
    // re-tagged last, so that the index records the new gazetteer only once every shard
    // holds it — until then writers refuse it, and running retag again completes the work.
    std::vector<std::pair<std::string, writer::ShardWriter*>> shards;
    for (auto& [name, shard] : set->shards()) shards.emplace_back(name, shard.get());
    std::rotate(shards.begin(), shards.begin() + 1, shards.end());
    for (const auto& [name, shard] : shards) {
        Xapian::WritableDatabase& db = shard->database();
        try {
            const auto recorded_manifest = schema::Manifest::read(db);
            const Gazetteer recorded = Gazetteer::from_text(
                recorded_manifest ? recorded_manifest->gazetteer_text : gazetteer.text(),
                "shard " + name + " of index " + path);
            const auto changed = changed_entries(recorded, gazetteer);
            report.entries_changed = std::max(report.entries_changed, changed.size());
            // Rules changed in the tagger itself could move any tag: every paragraph.
            const bool rules_changed =
                recorded_manifest && recorded_manifest->tagging_rules != schema::kTaggingRules;
            std::vector<Xapian::docid> docids;
            if (rules_changed) {
                for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
                    docids.push_back(*it);
            } else if (!changed.empty()) {
                Xapian::Enquire enquire(db);
                enquire.set_query(affected_paragraphs(changed, set->manifest.languages));
                enquire.set_weighting_scheme(Xapian::BoolWeight());
                enquire.set_docid_order(Xapian::Enquire::ASCENDING);
                const Xapian::MSet matches = enquire.get_mset(0, db.get_doccount());
                for (auto m = matches.begin(); m != matches.end(); ++m) docids.push_back(*m);
            }
            // Topics are weighed against the whole article: every paragraph of an article
            // with an affected paragraph is tagged again.
            db.begin_transaction();
            std::set<std::string> done;
            for (const Xapian::docid id : docids) {
                std::string article_id =
                    schema::ParagraphRecord::article_id_in(db.get_document(id).get_data());
                if (done.insert(article_id).second) retag_article(db, article_id, preparer, report);
            }
            set->manifest.write(db);
            db.commit_transaction();
        } catch (const Xapian::Error& e) {
            util::rethrow_xapian(e, "re-tagging shard " + name + " of index " + path);
        } catch (const schema::RecordError& e) {  // it names the article; this, the index
            throw IndexIoError("re-tagging shard " + name + " of index " + path + ": " + e.what());
        }
    }
    return report;
}

}  // namespace parley
