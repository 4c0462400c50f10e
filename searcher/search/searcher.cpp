#include "parley/searcher.hpp"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <optional>

#include "facets/facet_counter.hpp"
#include "facets/facet_table.hpp"
#include "highlight/highlighter.hpp"
#include "parley/error.hpp"
#include "parley/gazetteer.hpp"
#include "query/query_builder.hpp"
#include "query/query_parser.hpp"
#include "schema/manifest.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"
#include "search/coordinate_weight.hpp"
#include "util/xapian_errors.hpp"

namespace parley {
namespace {

constexpr std::size_t kMaxLimit = 10000;
constexpr std::size_t kMaxWordsFirstParts = 5;  // Ranking::Auto: longer queries use BM25
constexpr std::size_t kMaxWindow = 1000000;     // offset + limit

// Collects the docid of every matching paragraph. Xapian calls it for each document the
// match considers; with check_at_least set to the database size that is every match.
class MatchCollector : public Xapian::MatchSpy {
  public:
    explicit MatchCollector(std::vector<Xapian::docid>& out) : out_(out) {}
    void operator()(const Xapian::Document& doc, double) override {
        out_.push_back(doc.get_docid());
    }

  private:
    std::vector<Xapian::docid>& out_;
};

std::vector<std::string> facet_values(const std::string& encoded, int facet) {
    std::vector<std::string> out;
    for (const auto& entry : schema::decode_facets(encoded)) {
        if (entry.facet == facet) out.emplace_back(entry.value);
    }
    return out;
}

}  // namespace

struct Searcher::Impl {
    std::string path;
    Xapian::Database db;
    schema::Manifest manifest;
    std::optional<Gazetteer> gazetteer;
    std::map<std::string, std::unique_ptr<Analyzer>> analyzers;  // by language
    std::unique_ptr<facets::FacetTable> facet_table;             // whole index, built on first need
    std::optional<facets::FacetTable> query_table;               // the last small match set's
    static constexpr std::size_t kSmallMatchShare = 8;           // "small" = under 1/8 of the index
    highlight::Highlighter highlighter;

    explicit Impl(const std::string& index_path) : path(index_path) {
        manifest = schema::open_index(path, db);
        gazetteer = Gazetteer::from_text(manifest.gazetteer_text, "index " + path);
        analyzer(manifest.default_language);
        for (const auto& language : manifest.languages) analyzer(language);
    }

    Analyzer& analyzer(std::string language) {
        if (language.empty()) language = manifest.default_language;
        auto& slot = analyzers[language];
        if (!slot) slot = std::make_unique<Analyzer>(language);
        return *slot;
    }

    // The whole-index facet table once it exists; before that, a query matching a small
    // part of the index reads just its matches' slot-2 values (a one-shot parley-search
    // on a large index should not load every paragraph's facets to count a few hundred).
    const facets::FacetTable& table_for(std::span<const Xapian::docid> matches) {
        if (!facet_table && matches.size() * kSmallMatchShare < db.get_doccount()) {
            query_table = facets::FacetTable::from_values(db, matches);
            return *query_table;
        }
        if (!facet_table)
            facet_table =
                std::make_unique<facets::FacetTable>(facets::FacetTable::from_postings(db));
        return *facet_table;
    }

    SearchResult search(const SearchRequest& request);
    Hit make_hit(const Xapian::MSetIterator& item, const SearchRequest& request,
                 const highlight::HighlightQuery& highlights, bool ranked, double bonus);
};

SearchResult Searcher::Impl::search(const SearchRequest& request) {
    if (request.limit > kMaxLimit) {
        throw UsageError("limit " + std::to_string(request.limit) + " is over the maximum of " +
                         std::to_string(kMaxLimit));
    }
    if (request.offset > kMaxWindow - request.limit) {
        throw UsageError("offset + limit is over the maximum result window of " +
                         std::to_string(kMaxWindow));
    }
    std::vector<int> facet_ids;
    for (const auto& name : request.facets) {
        const int id = facets::FacetTable::facet_id(name);
        if (id < 0)
            throw UsageError("unknown facet '" + name +
                             "' (use actor, topic, year, author, source)");
        if (std::find(facet_ids.begin(), facet_ids.end(), id) == facet_ids.end())
            facet_ids.push_back(id);
    }

    SearchResult result;
    result.query = request.query;
    result.offset = request.offset;

    Analyzer& main_analyzer = analyzer(manifest.default_language);
    std::vector<Analyzer*> others;
    for (const auto& language : manifest.languages) {
        if (language != manifest.default_language) others.push_back(&analyzer(language));
    }
    query::QueryParser parser(main_analyzer);
    query::ParsedQuery parsed = parser.parse(request.query);
    for (const auto& filter : request.filters) {
        query::ParsedQuery extra = parser.parse(filter);
        for (auto& n : extra.notes) parsed.notes.push_back("filter '" + filter + "': " + n);
        query::QueryNode both;
        both.type = query::QueryNode::Type::And;
        both.children.push_back(std::move(parsed.root));
        both.children.push_back(std::move(extra.root));
        parsed.root = std::move(both);
    }
    result.parsed = query::describe(parsed.root);
    result.notes = std::move(parsed.notes);

    try {
        // Words first suits keyword queries; long natural-language queries rank better by
        // BM25 alone, where a paragraph matching many common words should not beat one
        // matching a few rare ones (scripts/eval measures both).
        const bool words_first = request.ranking == Ranking::WordsFirst ||
                                 (request.ranking == Ranking::Auto &&
                                  query::count_ranked_parts(parsed.root) <= kMaxWordsFirstParts);
        const double bonus = words_first ? search::CoordinateWeight::kBonus : 0.0;
        query::QueryBuilder builder(db, *gazetteer, others, words_first);
        const Xapian::Query q = builder.build(parsed.root, result.notes);
        const bool ranked = builder.ranked();

        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        result.ranking = words_first ? Ranking::WordsFirst : Ranking::Bm25;
        enquire.set_weighting_scheme(search::CoordinateWeight(1.2, 0.75, bonus));
        SortOrder sort = request.sort;
        if (!ranked && sort == SortOrder::Relevance)
            sort = SortOrder::DateNewest;  // nothing to rank by
        result.sort = sort;
        if (sort != SortOrder::Relevance) {
            enquire.set_sort_by_value_then_relevance(schema::kDateSlot,
                                                     sort == SortOrder::DateNewest);
        }
        const bool grouped = request.group_by == GroupBy::Article;
        if (grouped) enquire.set_collapse_key(schema::kArticleSlot);

        std::vector<Xapian::docid> matches;
        MatchCollector collector(matches);
        enquire.add_matchspy(&collector);
        // Exact totals and facets need every match, so the matcher must not stop early.
        const Xapian::doccount all = db.get_doccount();
        const Xapian::MSet mset =
            enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                             static_cast<Xapian::doccount>(request.limit), all);
        enquire.clear_matchspies();

        result.total_paragraphs = matches.size();
        const facets::FacetTable& table = table_for(matches);
        result.total_articles = facets::count_articles(table, matches);
        result.total = grouped ? result.total_articles : result.total_paragraphs;
        if (!facet_ids.empty()) {
            result.facets = facets::count_facets(table, matches, facet_ids, request.facet_limit,
                                                 request.facet_article_counts);
        }
        std::vector<std::size_t> per_article;
        if (grouped) {
            per_article.assign(table.article_count(), 0);
            for (const Xapian::docid d : matches) {
                const auto a = table.article_of(d);
                if (a != facets::FacetTable::kNoArticle) ++per_article[a];
            }
        }
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            Hit hit = make_hit(it, request, builder.highlights(), ranked, bonus);
            if (grouped) {
                const auto a = table.article_of(*it);
                hit.matched_paragraphs = a != facets::FacetTable::kNoArticle ? per_article[a] : 1;
            }
            result.hits.push_back(std::move(hit));
        }
    } catch (const Xapian::Error& e) {
        util::rethrow_xapian(e, "searching index " + path);
    }
    return result;
}

Hit Searcher::Impl::make_hit(const Xapian::MSetIterator& item, const SearchRequest& request,
                             const highlight::HighlightQuery& highlights, bool ranked,
                             double bonus) {
    Xapian::Document doc = item.get_document();
    schema::ParagraphRecord record = schema::ParagraphRecord::decode(doc.get_data());
    Hit hit;
    hit.rank = item.get_rank() + 1;
    if (ranked) {
        hit.score = search::CoordinateWeight::relevance(item.get_weight(), bonus);
        hit.matched_terms = search::CoordinateWeight::matched_words(item.get_weight(), bonus);
    }
    hit.article_id = record.article_id;
    hit.paragraph = record.paragraph;
    hit.paragraph_count = record.paragraph_count;
    hit.title = std::move(record.title);
    hit.authors = std::move(record.authors);
    hit.date = std::move(record.date);
    hit.url = std::move(record.url);
    hit.source = std::move(record.source);
    hit.language = record.language;
    const std::string facets = doc.get_value(schema::kFacetsSlot);
    hit.actors = facet_values(facets, schema::facet_number("actor"));
    hit.topics = facet_values(facets, schema::facet_number("topic"));
    if (request.snippets) {
        hit.snippet = highlighter.snippet(record.text, highlights, analyzer(record.language),
                                          request.snippet_length);
    }
    return hit;
}

Searcher::Searcher(const std::string& index_path) : impl_(std::make_unique<Impl>(index_path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) { return impl_->search(request); }

}  // namespace parley
