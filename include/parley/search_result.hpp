#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "parley/export.hpp"
#include "parley/search_request.hpp"

namespace parley {

// Everything Searcher returns is a plain value of standard types: it owns its data, does
// not refer to the Searcher or the index, and may be copied or handed to other threads.

/// A highlighted range [begin, end) in bytes of Snippet::text.
struct PARLEY_API MatchSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool operator==(const MatchSpan&) const = default;
};

/// A window of the original paragraph text with the query matches marked.
/// Ellipses ("…") stand where the window cuts the paragraph.
struct PARLEY_API Snippet {
    std::string text;
    std::vector<MatchSpan> spans;
};

/// Another outlet's copy of a hit's article (a near-duplicate).
struct PARLEY_API Republication {
    std::string article_id;
    std::string title;
    std::string source;
    std::string url;
    std::string date;
};

/// What the index's gazetteer says of a tagged actor (Hit::actor_info).
struct PARLEY_API ActorInfo {
    /// "state", "leader", "organisation", "alliance" or "armed_group" (the actor_type facet).
    std::string type;
    std::string of;      ///< a leader's state (or organisation); empty for other actors
    std::string office;  ///< a leader's office as the gazetteer gives it; may be empty
    bool operator==(const ActorInfo&) const = default;
};

/// Per topic a paragraph mentions, the topic cues that fired, as the gazetteer writes them
/// ({"maritime": ["navy", "sea"]}).
using TopicEvidence = std::map<std::string, std::vector<std::string>>;

/// One matching paragraph (with GroupBy::Article, an article's best paragraph).
struct PARLEY_API Hit {
    std::size_t rank = 0;  ///< 1-based, across pages
    /// What hits are ordered by (0 for pure filters): BM25 over text and title; under
    /// Ranking::WordsFirst, 10,000 per matched word or phrase plus BM25.
    double score = 0;
    unsigned matched_terms = 0;  ///< query words and phrases the paragraph holds
    std::string article_id;
    std::size_t paragraph = 0;        ///< 1-based paragraph number in the article
    std::size_t paragraph_count = 0;  ///< paragraphs in the article
    std::string title;
    /// The query's matches in `title`, as Snippet::spans mark them in the snippet (a hit
    /// found by its title alone shows why). Empty without snippets.
    std::vector<MatchSpan> title_spans;
    std::vector<std::string> authors;
    std::string date;
    std::string url;
    std::string source;
    std::string language;
    Snippet snippet;
    /// The paragraph's whole text: filled by ArchiveViews::export_hits() (search results
    /// leave it empty and show the snippet).
    std::string text;
    std::vector<std::string> actors;              ///< canonical names tagged in this paragraph
    std::map<std::string, ActorInfo> actor_info;  ///< for each of `actors`
    /// The topics it is about: cues named three times, or one cue twice (docs/analysis-and-tags.md,
    /// Topics).
    std::vector<std::string> topics;
    /// `topics` and the topics it names only in passing (a cue once), sorted.
    std::vector<std::string> mentioned_topics;
    TopicEvidence topic_evidence;  ///< for each of `mentioned_topics`
    /// Paragraphs of this article that matched (group by article only, else 1).
    std::size_t matched_paragraphs = 1;
    /// Other copies of this article (same op-ed, other outlets), when duplicates collapse.
    std::vector<Republication> republished;
};

/// One value of a facet and how many matches carry it.
struct PARLEY_API FacetValue {
    std::string value;
    std::size_t count = 0;     ///< matching paragraphs with this value
    std::size_t articles = 0;  ///< matching articles (only if requested, else 0)
};

/// How the whole match set (not only the returned page) spreads over one facet.
struct PARLEY_API Facet {
    /// "actor", "topic", "year", "author", "source" or "actor_type"
    std::string name;
    std::vector<FacetValue> values;  ///< most frequent first, then by value
    std::size_t distinct = 0;        ///< distinct values over the whole match set
};

/// The answer to one SearchRequest: a page of hits, totals, facet counts and notes.
struct PARLEY_API SearchResult {
    std::string query;
    std::string parsed;                 ///< the query as Parley understood it
    std::size_t total = 0;              ///< hits available for paging (paragraphs or articles)
    std::size_t total_paragraphs = 0;   ///< exact count of matching paragraphs
    std::size_t total_articles = 0;     ///< exact count of articles with a match
    std::size_t duplicates_hidden = 0;  ///< matches left out as copies of a shown hit
    std::size_t offset = 0;
    SortOrder sort = SortOrder::Relevance;  ///< the order used (date when nothing is ranked)
    Ranking ranking = Ranking::WordsFirst;  ///< the relevance used (never Auto)
    std::vector<Hit> hits;
    std::vector<Facet> facets;
    std::vector<std::string> notes;  ///< how a malformed query was read, ignored words, ...
    /// The word stems pseudo-relevance feedback added to the ranking (SearchRequest::feedback),
    /// strongest first; empty when it was off or the best paragraphs shared no such word.
    std::vector<std::string> feedback_stems;
    /// When the query finds few paragraphs (SearchResult::kFewHits or fewer): the query with
    /// each word the index does not hold replaced by its closest indexed spelling; empty
    /// when there is no such correction, or when it would find no more paragraphs than the
    /// query (with the request's filters and selections).
    std::string did_you_mean;
    static constexpr std::size_t kFewHits = 2;
    std::vector<std::string> selections;  ///< the request's facet selections, as applied
    /// Searching a ShardSet with allow_partial: some shards did not answer and every
    /// figure above covers only the others, which missing_shards does not name.
    bool partial = false;
    std::vector<std::string> missing_shards;  ///< ShardSpec::name of each, if partial
    /// Why each of missing_shards is left out, in its order: per replica tried, its address
    /// and the reason ("/srv/y2024: no such directory", "...: not a Parley index (...)",
    /// "tcp://db1:7024: no answer (...)"). A note says the same.
    std::vector<std::string> missing_shard_reasons;
};

/// One paragraph of a stored article, with its tags.
struct PARLEY_API ArticleParagraph {
    std::size_t number = 0;  ///< 1-based
    std::string text;
    std::vector<std::string> actors;
    std::map<std::string, ActorInfo> actor_info;  ///< for each of `actors`
    /// The topics it is about: cues named three times, or one cue twice (docs/analysis-and-tags.md,
    /// Topics).
    std::vector<std::string> topics;
    /// `topics` and the topics it names only in passing (a cue once), sorted.
    std::vector<std::string> mentioned_topics;
    TopicEvidence topic_evidence;  ///< for each of `mentioned_topics`
};

/// A whole article as indexed (Searcher::article()).
struct PARLEY_API ArticleView {
    std::string article_id;
    std::string title;
    std::vector<std::string> authors;
    std::string date;
    std::string source;
    std::string url;
    std::string language;
    std::vector<ArticleParagraph> paragraphs;  ///< in order
    std::vector<Republication> republished;    ///< copies by other outlets
};

/// Help for someone typing a query (Searcher::suggest()).
struct PARLEY_API Suggestions {
    /// The text with its last word completed from the index's words, most frequent first.
    std::vector<std::string> completions;
    /// The text with unknown words replaced by the closest indexed spelling; empty when
    /// every word is known or nothing close exists.
    std::string did_you_mean;
    /// What the suggestions leave out: the words of shards served over tcp (Xapian's
    /// remote backend serves no spelling list).
    std::vector<std::string> notes;
    /// Searching a ShardSet with allow_partial: some shards did not answer, and their words
    /// are left out. missing_shards names them; missing_shard_reasons says why, in its order
    /// (as SearchResult's).
    bool partial = false;
    std::vector<std::string> missing_shards;
    std::vector<std::string> missing_shard_reasons;
};

}  // namespace parley
