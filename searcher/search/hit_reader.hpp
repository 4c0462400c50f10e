#pragma once

#include <xapian.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "highlight/highlight_query.hpp"
#include "highlight/highlighter.hpp"
#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "parley/search_result.hpp"
#include "schema/paragraph_record.hpp"
#include "tagger/topic_tagger.hpp"

namespace parley::search {

/// Reads what a hit shows from the index: the paragraph's record (text and tags), its
/// article's record (through a cache that lives as long as the index version), a
/// snippet, the other copies of its article. Not thread-safe.
class HitReader {
  public:
    using AnalyzerFor = std::function<Analyzer&(const std::string& language)>;
    /// Article records by id, kept between searches of one index version.
    using ArticleCache = std::unordered_map<std::string, schema::ArticleRecord>;
    /// `shards`: the databases `db` combines, in order, when there are several (a sharded
    /// index): Xapian reads metadata, where article records live, from the first only.
    /// `topic_tagger`: where the gazetteer's topic tagger is kept between searches (the
    /// Searcher's), built when a topic filter first needs its cues marked: building it per
    /// reader would repeat that work on every search.
    HitReader(const Xapian::Database& db, const std::vector<Xapian::Database>& shards,
              const Gazetteer& gazetteer, highlight::Highlighter& highlighter,
              AnalyzerFor analyzer_for, ArticleCache& articles,
              std::unique_ptr<TopicTagger>& topic_tagger);

    /// The hit of paragraph `doc`. `score` is the matcher's (words-first bonus included).
    Hit read(Xapian::docid doc, double score, bool ranked, double bonus, bool snippets,
             std::size_t snippet_length, const highlight::HighlightQuery& highlights);

    /// Also give each hit its paragraph's whole text (Hit::text). Default: no.
    void keep_text(bool keep) { keep_text_ = keep; }

    /// An article's record; throws IndexIoError if the index has none for it. `doc`, one of
    /// its paragraphs, says which shard holds it (0: look in every shard).
    const schema::ArticleRecord& article(const std::string& article_id, Xapian::docid doc = 0);

    /// The other articles of a paragraph's near-duplicate group (at most 20).
    std::vector<Republication> republications(const Xapian::Document& doc,
                                              const std::string& article_id);

  private:
    const Xapian::Database& db_;
    const std::vector<Xapian::Database>& shards_;
    const Gazetteer& gazetteer_;
    highlight::Highlighter& highlighter_;
    AnalyzerFor analyzer_for_;
    ArticleCache& articles_;
    std::unique_ptr<TopicTagger>& topic_tagger_;
    bool keep_text_ = false;
};

/// The type (and a leader's state and office) of each actor, from the gazetteer the index
/// was tagged with; an actor it does not know gets no entry.
std::map<std::string, ActorInfo> actor_info(const Gazetteer& gazetteer,
                                            const std::vector<std::string>& actors);

}  // namespace parley::search
