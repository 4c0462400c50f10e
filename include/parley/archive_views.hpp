#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "parley/export.hpp"
#include "parley/search_request.hpp"
#include "parley/search_result.hpp"
#include "parley/searcher.hpp"

namespace parley {

/// Questions about an archive rather than searches in it: attention over time, what stands
/// out in a match set, who appears with whom, bursts, a paragraph's context and its
/// neighbours in meaning, and every hit of a query. Each view takes a query with filters
/// and selections in SearchRequest's language and is exact over the whole match set (the
/// word list of stands_out() excepted, which reads a sample; see there).
///
/// The archive-wide counts the views compare against (paragraphs per day, per tag) are
/// built once per index version and shared by the process's Searchers, so that repeated
/// views of one version cost only their match set.

/// Width of a timeline bucket. Weeks start on Monday (ISO 8601).
enum class Interval { Day, Week, Month, Year };

/// Whether co-occurrence counts paragraphs or articles (an article has a tag when any of
/// its paragraphs has it, and matches when any of its paragraphs matches).
enum class Level { Paragraph, Article };

/// "day", "week", "month", "year" / "paragraph", "article"; nullopt for anything else.
PARLEY_API std::optional<Interval> interval_from_name(const std::string& name);
PARLEY_API std::string interval_name(Interval interval);
PARLEY_API std::optional<Level> level_from_name(const std::string& name);
PARLEY_API std::string level_name(Level level);

struct PARLEY_API TimelineRequest {
    /// The query, filters and selections (paging, sorting, facets and snippets are not read).
    SearchRequest search;
    Interval interval = Interval::Month;
    /// Series to compare, each a query part ANDed with `search` ("actor:Taiwan",
    /// "topic:finance", "sanctions"). Empty: one series, the query itself.
    std::vector<std::string> series;
    /// First and last bucket: a date in any form an article's date is read in ("2024-12-04",
    /// "2024-12", "2024", "December 2024", "4 Dec 2024"); a partial date covers its period
    /// (`to` "2024-12" keeps 31 December). A UsageError names one that is not a date.
    /// Default: from the first to the last dated match of any series.
    std::string from, to;
    /// Longest timeline accepted, in buckets (a UsageError beyond). Default: 5,000.
    std::size_t max_buckets = 5000;
};

struct PARLEY_API TimelineBucket {
    std::string start;        ///< first day of the bucket, YYYY-MM-DD
    std::string label;        ///< "2021", "2021-03", "2021-W09" or "2021-03-04"
    std::size_t count = 0;    ///< matching paragraphs dated in the bucket
    std::size_t archive = 0;  ///< every paragraph of the archive dated in the bucket
    double share = 0;         ///< count / archive (0 for an empty bucket)
};

struct PARLEY_API TimelineSeries {
    std::string name;                     ///< the series' query part, or the query
    std::size_t total = 0;                ///< matching paragraphs, dated or not
    std::size_t undated = 0;              ///< of which without a date (in no bucket)
    std::vector<TimelineBucket> buckets;  ///< in date order, empty buckets included
};

struct PARLEY_API Timeline {
    Interval interval = Interval::Month;
    std::vector<TimelineSeries> series;
    std::vector<std::string> notes;  ///< how the query was read
};

/// What a field is compared on in stands_out(): "actor", "topic", "actor_type", "author",
/// "source", "year" or "word" (paragraph word stems).
struct PARLEY_API StandsOutRequest {
    SearchRequest search;  ///< the foreground: query, filters, selections
    std::string field = "actor";
    /// A second query to compare against (in the same language, with the same filters and
    /// selections). Default: the whole archive.
    std::optional<std::string> background;
    std::size_t limit = 20;     ///< items returned, highest score first
    std::size_t min_count = 3;  ///< ignore values with fewer foreground paragraphs
};

struct PARLEY_API StandsOutItem {
    /// The value; for words, the form the word most often has in the first matching
    /// paragraphs read (its stem when none of them shows it).
    std::string value;
    std::string stem;            ///< words only: the stem counted (what the index holds)
    std::size_t foreground = 0;  ///< foreground paragraphs with the value
    std::size_t background = 0;  ///< background paragraphs with the value
    double foreground_share = 0;
    double background_share = 0;
    /// Dunning's log-likelihood ratio G² of the 2×2 table (value or not, foreground or
    /// background); only values over-represented in the foreground are listed.
    double score = 0;
};

struct PARLEY_API StandsOut {
    std::string field;
    std::size_t foreground_total = 0;  ///< foreground paragraphs (read, for words: the sample)
    std::size_t background_total = 0;  ///< background paragraphs
    bool sampled = false;              ///< words: counted on a sample of the foreground
    std::vector<StandsOutItem> items;
    std::vector<std::string> notes;
};

/// Co-occurrence of the match set with the values of "actor", "topic" or "actor_type".
struct PARLEY_API CooccurrenceRequest {
    SearchRequest search;
    std::string field = "actor";
    Level level = Level::Paragraph;
    std::size_t limit = 20;  ///< values listed
    /// Order the values by NPMI (among those with at least `min_count` matching units)
    /// instead of by how many matching units they share. Default: false.
    bool by_association = false;
    std::size_t min_count = 3;
    /// Values for a matrix (each pair's units within the match set). Empty: no matrix.
    std::vector<std::string> matrix;
};

struct PARLEY_API CooccurrenceItem {
    std::string value;
    std::size_t together = 0;  ///< matching units with the value
    std::size_t total = 0;     ///< units of the archive with the value
    /// log2(P(match, value) / (P(match) P(value))) over the archive's units, and the
    /// same divided by -log2 P(match, value) (NPMI, in [-1, 1]).
    double pmi = 0;
    double npmi = 0;
};

struct PARLEY_API CooccurrenceCell {
    std::string row, column;
    std::size_t count = 0;  ///< matching units with both (the diagonal: with the value)
    double npmi = 0;        ///< within the match set; 0 on the diagonal and for empty cells
};

struct PARLEY_API Cooccurrence {
    std::string field;
    Level level = Level::Paragraph;
    std::size_t matches = 0;              ///< matching units (paragraphs or articles)
    std::size_t archive = 0;              ///< units of the archive
    std::vector<CooccurrenceItem> items;  ///< by `together` (or NPMI), then value
    std::vector<std::string> matrix_values;
    std::vector<CooccurrenceCell> matrix;  ///< row-major, matrix_values² cells
    std::vector<std::string> notes;
};

/// Bursts: buckets whose share of the archive rises well above the series' own recent
/// level. For each bucket, the baseline is the pooled share of the `window` buckets before
/// it (their counts over their archive totals); the score is the binomial z-score
/// (count - n p) / sqrt(n p (1 - p)) with n the bucket's archive total and p the baseline
/// (a baseline of 0 counts as half a paragraph). A bucket bursts when z >= `threshold`
/// and it holds at least `min_count` matches; consecutive bursting buckets form one burst.
struct PARLEY_API BurstRequest {
    TimelineRequest timeline;  ///< series and interval; every series is examined
    std::size_t window = 6;
    double threshold = 3.0;
    std::size_t min_count = 3;
    std::size_t paragraphs = 3;  ///< paragraphs shown per burst (the best of its period)
};

struct PARLEY_API Burst {
    std::string series;
    std::string from, to;   ///< first day of the first bucket, last day of the last
    std::string peak;       ///< label of the bucket with the highest z
    double z = 0;           ///< the peak's z-score
    std::size_t count = 0;  ///< matches in the burst's buckets
    double share = 0;       ///< their share of the archive in those buckets
    double baseline = 0;    ///< the peak bucket's baseline share
    std::vector<Hit> hits;  ///< the best paragraphs of the period
};

struct PARLEY_API Bursts {
    Interval interval = Interval::Month;
    std::vector<Burst> bursts;  ///< by series, then date
    std::vector<std::string> notes;
};

/// A paragraph with the paragraphs around it in its article.
struct PARLEY_API ParagraphContext {
    std::string article_id;
    std::string title;
    std::string date;
    std::size_t paragraph = 0;                 ///< the paragraph asked about, 1-based
    std::vector<ArticleParagraph> paragraphs;  ///< in order; the asked one included
};

/// How export_hits() orders hits.
struct PARLEY_API ExportRequest {
    /// Query, filters, selections and sort (relevance, newest or oldest first); offset,
    /// limit, facets and duplicates folding are not read: every matching paragraph is
    /// given, copies included, so the count equals SearchResult::total_paragraphs.
    SearchRequest search;
    bool snippets = false;  ///< a highlighted snippet in each hit (slower)
    /// A page of the export, for a client that pages with a cursor (GET /analyze/export):
    /// the hits from rank start + 1, at most `count` of them (0: all). The order is total
    /// (ties go to the article id, then the paragraph), so pages of one index version
    /// neither skip nor repeat a hit. Default: everything.
    std::size_t start = 0;
    std::size_t count = 0;
};

class PARLEY_API ArchiveViews {
  public:
    /// Views of what `searcher` searches (it must outlive this object). Every call catches
    /// up with the index's last commit like Searcher::search(), and throws what it throws.
    /// Not thread-safe, like the Searcher it uses: one per thread (the archive-wide tables
    /// they build are shared by the process all the same).
    explicit ArchiveViews(Searcher& searcher);

    /// Matching paragraphs per bucket beside the archive's. Throws UsageError for a
    /// range that cannot be read or is longer than max_buckets.
    Timeline timeline(const TimelineRequest& request);
    /// Values over-represented in the matches. Throws UsageError for an unknown field.
    StandsOut stands_out(const StandsOutRequest& request);
    /// The values sharing paragraphs (articles) with the matches. Throws UsageError for
    /// an unknown field or a matrix of more than 50 values.
    Cooccurrence cooccurrence(const CooccurrenceRequest& request);
    Bursts bursts(const BurstRequest& request);

    /// Paragraph `paragraph` of an article with `before` and `after` paragraphs around it;
    /// nullopt if the article or paragraph does not exist.
    std::optional<ParagraphContext> context(const std::string& article_id, std::size_t paragraph,
                                            std::size_t before = 2, std::size_t after = 2);
    /// Paragraphs like one paragraph (its distinctive words, Bo1-weighted as in
    /// pseudo-relevance feedback, searched together), itself, its article's other
    /// paragraphs and the article's republished copies left out; nullopt if there is no such
    /// paragraph. `request` supplies filters, selections, offset, limit, snippets and
    /// whether copies among the hits fold into one (collapse_duplicates, as search() folds
    /// them); its query is ignored.
    std::optional<SearchResult> more_like_this(const std::string& article_id, std::size_t paragraph,
                                               const SearchRequest& request);
    /// Calls `each` with every matching paragraph in the request's order (ranks from 1),
    /// or the page of them the request asks for, until it returns false; returns how many
    /// hits were given. No cap on the count. `total`, if given, receives the number of
    /// matches.
    std::size_t export_hits(const ExportRequest& request,
                            const std::function<bool(const Hit&)>& each,
                            std::size_t* total = nullptr);

  private:
    Searcher& searcher_;
};

}  // namespace parley
