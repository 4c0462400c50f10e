#include "search/hit_reader.hpp"

#include "highlight/actor_names.hpp"
#include "parley/error.hpp"
#include "rank/coordinate_weight.hpp"
#include "schema/facets.hpp"
#include "schema/schema.hpp"
#include "search/duplicate_index.hpp"

namespace parley::search {
namespace {

constexpr std::size_t kMaxCachedArticles = 100000;

}  // namespace

std::map<std::string, ActorInfo> actor_info(const Gazetteer& gazetteer,
                                            const std::vector<std::string>& actors) {
    std::map<std::string, ActorInfo> out;
    for (const auto& actor : actors) {
        const GazetteerEntry* entry = gazetteer.entry(actor);
        if (!entry) continue;
        const std::string_view type = schema::actor_type_value(entry->kind);
        if (type.empty()) continue;
        out[actor] = {std::string(type), entry->of, entry->office};
    }
    return out;
}

HitReader::HitReader(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
                     const Gazetteer& gazetteer, highlight::Highlighter& highlighter,
                     AnalyzerFor analyzer_for, ArticleCache& articles,
                     std::unique_ptr<TopicTagger>& topic_tagger)
    : db_(db),
      shards_(shards),
      gazetteer_(gazetteer),
      highlighter_(highlighter),
      analyzer_for_(std::move(analyzer_for)),
      articles_(articles),
      topic_tagger_(topic_tagger) {}

const schema::ArticleRecord& HitReader::article(const std::string& article_id, Xapian::docid doc) {
    auto it = articles_.find(article_id);
    if (it != articles_.end()) return it->second;
    const auto read = [&](const std::string& key) {
        std::string data;
        if (shards_.empty()) {
            data = db_.get_metadata(key);
        } else if (doc != 0) {  // Xapian interleaves the shards' docids
            data = shards_[(doc - 1) % shards_.size()].get_metadata(key);
        } else {
            for (const auto& shard : shards_) {
                if (!(data = shard.get_metadata(key)).empty()) break;
            }
        }
        return data;
    };
    std::string data = read(schema::article_record_key(article_id));
    // A long id in an index written before long ids were hashed: its record under the id
    // cut short, if it is this article's (schema::legacy_id_key()).
    if (const auto legacy = schema::legacy_article_record_key(article_id); data.empty() && legacy) {
        data = read(*legacy);
        if (!data.empty() && schema::ArticleRecord::decode(data).article_id != article_id)
            data.clear();
    }
    if (data.empty()) {
        throw IndexIoError("the index has paragraphs of article '" + article_id +
                           "' but no record of it (rebuild the index)");
    }
    // A bound on memory for a long-lived Searcher; records are small and quick to reread.
    if (articles_.size() >= kMaxCachedArticles) articles_.clear();
    return articles_.emplace(article_id, schema::ArticleRecord::decode(data)).first->second;
}

Hit HitReader::read(Xapian::docid doc_id, double score, bool ranked, double bonus, bool snippets,
                    std::size_t snippet_length, const highlight::HighlightQuery& highlights) {
    const Xapian::Document doc = db_.get_document(doc_id, Xapian::DOC_ASSUME_VALID);
    schema::ParagraphRecord record = schema::ParagraphRecord::decode(doc.get_data());
    const schema::ArticleRecord& a = article(record.article_id, doc_id);
    Hit hit;
    if (ranked) {
        // The value hits are ordered by: under words-first the bonus for each matched word
        // is part of it, so a client sorting by score keeps Parley's order.
        hit.score = score;
        hit.matched_terms = rank::CoordinateWeight::matched_words(score, bonus);
    }
    hit.article_id = record.article_id;
    hit.paragraph = record.paragraph;
    hit.paragraph_count = a.paragraph_count;
    hit.title = a.title;
    hit.authors = a.authors;
    hit.date = a.date;
    hit.url = a.url;
    hit.source = a.source;
    hit.language = a.language;
    hit.actor_info = actor_info(gazetteer_, record.actors);
    hit.actors = std::move(record.actors);
    hit.topics = std::move(record.topics);
    hit.mentioned_topics = std::move(record.mentioned_topics);
    hit.topic_evidence = std::move(record.topic_evidence);
    if (snippets) {
        Analyzer& analyzer = analyzer_for_(a.language);
        if (highlights.actors.empty() && highlights.filter_actors.empty() &&
            highlights.filter_topics.empty()) {
            hit.snippet = highlighter_.snippet(record.text, highlights, analyzer, snippet_length);
        } else {  // the names of the actors it was found or filtered by, if tagged with them,
                  // and the cues of the topics it was filtered by, if it names them
            highlight::HighlightQuery with_names = highlights;
            highlight::add_actor_names(with_names, gazetteer_, hit.actors, analyzer.language());
            for (const std::string& topic : hit.mentioned_topics)
                if (highlights.filter_topics.count(topic)) with_names.cue_topics.push_back(topic);
            if (!with_names.cue_topics.empty()) {
                if (!topic_tagger_) topic_tagger_ = std::make_unique<TopicTagger>(gazetteer_);
                with_names.topic_tagger = topic_tagger_.get();
            }
            hit.snippet = highlighter_.snippet(record.text, with_names, analyzer, snippet_length);
        }
        // The title is analysed as the paragraphs are, with the article's language.
        for (const highlight::Mark& m : highlighter_.marks(a.title, highlights, analyzer))
            hit.title_spans.push_back({m.begin, m.end});
    }
    if (keep_text_) hit.text = std::move(record.text);
    return hit;
}

std::vector<Republication> HitReader::republications(const Xapian::Document& doc,
                                                     const std::string& article_id) {
    std::vector<Republication> out;
    // Twenty are enough to show (a syndicated piece may have hundreds), besides its own.
    for (const auto& [first, id] : group_members(db_, doc, 21)) {
        if (id == article_id || out.size() == 20) continue;
        const schema::ArticleRecord& a = article(id, first);
        out.push_back({a.article_id, a.title, a.source, a.url, a.date});
    }
    return out;
}

}  // namespace parley::search
