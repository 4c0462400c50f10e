#include "parley/searcher.hpp"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <thread>

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
#include "search/duplicate_index.hpp"
#include "storage/index_layout.hpp"
#include "util/xapian_errors.hpp"

namespace parley {
namespace {

constexpr std::size_t kMaxLimit = 10000;
constexpr std::size_t kMaxWordsFirstParts = 5;  // Ranking::Auto: longer queries use BM25
constexpr std::size_t kMaxWindow = 1000000;     // offset + limit
// A search that meets the index changing under it (a writer committed twice while it
// read, or a compaction removed the files it had open) reopens and runs again.
constexpr int kMaxAttempts = 5;

// Identifies one version of the index's shard list: the stub is replaced by rename.
struct StubVersion {
    ino_t inode = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const StubVersion&) const = default;
};

StubVersion stub_version(const std::string& index_path) {
    struct stat st {};
    if (::stat(storage::IndexLayout::stub_path(index_path).c_str(), &st) != 0) return {};
    return {st.st_ino,
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// Collects the docid of every matching paragraph. Xapian calls it for each document the
// match considers; with check_at_least set to the database size that is every match.
//
// Run on one shard of a sharded index, it maps the shard's docids to the combined
// database's: Xapian 1.4 hands a match spy documents numbered within their own shard.
class MatchCollector : public Xapian::MatchSpy {
  public:
    explicit MatchCollector(std::vector<Xapian::docid>& out, Xapian::docid shard = 0,
                            Xapian::docid shards = 1)
        : out_(out), shard_(shard), shards_(shards) {}
    void operator()(const Xapian::Document& doc, double) override {
        out_.push_back((doc.get_docid() - 1) * shards_ + shard_ + 1);
    }

  private:
    std::vector<Xapian::docid>& out_;
    Xapian::docid shard_, shards_;
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
    StubVersion opened_stub;
    std::vector<Xapian::Database> shards;  // of a sharded index, in db's order; else empty
    std::optional<search::DuplicateIndex> duplicates;  // built on first need, like facet_table

    const search::DuplicateIndex& duplicate_index() {
        if (!duplicates) duplicates = search::DuplicateIndex::build(db);
        return *duplicates;
    }

    explicit Impl(const std::string& index_path) : path(index_path) { open(); }

    void open() {
        opened_stub = stub_version(path);
        manifest = schema::open_index(path, db);
        // A sharded index is opened shard by shard and combined, so that each shard can
        // also be matched on its own (see MatchCollector); the handles share their state.
        shards.clear();
        if (auto layout = storage::IndexLayout::load(path); layout && layout->shards().size() > 1) {
            Xapian::Database combined;
            for (const auto& shard : layout->shards()) {
                shards.emplace_back(layout->path_of(shard));
                combined.add_database(shards.back());
            }
            db = combined;
        }
        gazetteer = Gazetteer::from_text(manifest.gazetteer_text, "index " + path);
        analyzer(manifest.default_language);
        for (const auto& language : manifest.languages) analyzer(language);
        facet_table.reset();
        duplicates.reset();
    }

    // Brings the searcher up to the index's last commit: a new shard list (compaction, a
    // new year shard, a bulk build) means opening afresh; new commits only a reopen().
    void refresh(bool force) {
        if (force || stub_version(path) != opened_stub) {
            open();
            return;
        }
        if (db.reopen()) {
            facet_table.reset();
            duplicates.reset();
            const auto latest = schema::Manifest::read(db);
            if (latest && (latest->languages != manifest.languages ||
                           latest->gazetteer_fingerprint != manifest.gazetteer_fingerprint)) {
                open();  // new languages to expand queries into, or re-tagged
            }
        }
    }

    SearchResult search_with_retries(const SearchRequest& request) {
        for (int attempt = 1;; ++attempt) {
            try {
                refresh(attempt > 1);
                return search(request);
            } catch (const Xapian::DatabaseModifiedError& e) {
                if (attempt == kMaxAttempts) util::rethrow_xapian(e, "searching index " + path);
            } catch (const Xapian::DatabaseOpeningError& e) {  // also DatabaseNotFoundError
                if (attempt == kMaxAttempts) util::rethrow_xapian(e, "searching index " + path);
                std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
            } catch (const Xapian::Error& e) {
                util::rethrow_xapian(e, "searching index " + path);
            }
        }
    }

    std::vector<Republication> republications(const Xapian::Document& doc,
                                              const std::string& article_id);

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

    {
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
        // Ties are broken by article id, then paragraph order, never by docid: docids
        // depend on how the index was built and sharded, the order must not.
        Xapian::MultiValueKeyMaker by_date;
        if (sort != SortOrder::Relevance) {
            by_date.add_value(schema::kDateSlot, sort == SortOrder::DateNewest);
            by_date.add_value(schema::kArticleSlot);
            enquire.set_sort_by_key_then_relevance(&by_date, false);
        } else {
            enquire.set_sort_by_relevance_then_value(schema::kArticleSlot, false);
        }
        const bool grouped = request.group_by == GroupBy::Article;
        const bool collapse = request.collapse_duplicates;
        if (grouped) {
            enquire.set_collapse_key(collapse ? schema::kGroupSlot : schema::kArticleSlot);
        } else if (collapse) {
            enquire.set_collapse_key(schema::kDuplicateKeySlot);
        }

        std::vector<Xapian::docid> matches;
        MatchCollector collector(matches);
        if (shards.empty()) enquire.add_matchspy(&collector);
        // Exact totals and facets need every match, so the matcher must not stop early.
        const Xapian::doccount all = db.get_doccount();
        const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                                   static_cast<Xapian::doccount>(request.limit),
                                                   shards.empty() ? all : 0);
        enquire.clear_matchspies();
        // A sharded index: the page above, the exact match set from an unranked pass per
        // shard (cheaper than ranking, and the only way to learn the docids).
        for (std::size_t i = 0; i < shards.size(); ++i) {
            Xapian::Enquire each(shards[i]);
            each.set_query(q);
            each.set_weighting_scheme(Xapian::BoolWeight());
            each.set_docid_order(Xapian::Enquire::ASCENDING);
            MatchCollector in_shard(matches, static_cast<Xapian::docid>(i),
                                    static_cast<Xapian::docid>(shards.size()));
            each.add_matchspy(&in_shard);
            each.get_mset(0, 0, shards[i].get_doccount());
        }

        result.total_paragraphs = matches.size();
        const facets::FacetTable& table = table_for(matches);
        result.total_articles = facets::count_articles(table, matches);
        if (collapse) {
            result.duplicates_hidden = grouped ? duplicate_index().hidden_articles(matches)
                                               : duplicate_index().hidden_paragraphs(matches);
        }
        result.total =
            (grouped ? result.total_articles : result.total_paragraphs) - result.duplicates_hidden;
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
            if (collapse) hit.republished = republications(it.get_document(), hit.article_id);
            if (grouped) {
                const auto a = table.article_of(*it);
                hit.matched_paragraphs = a != facets::FacetTable::kNoArticle ? per_article[a] : 1;
            }
            result.hits.push_back(std::move(hit));
        }
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

// The other articles of a hit's near-duplicate group, from their first paragraphs.
std::vector<Republication> Searcher::Impl::republications(const Xapian::Document& doc,
                                                          const std::string& article_id) {
    std::vector<Republication> out;
    const std::string label = doc.get_value(schema::kGroupSlot);
    if (label.empty()) return out;
    const std::string term = schema::term(schema::kGroupPrefix, label);
    if (db.get_termfreq(term) < 2) return out;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        const auto record = schema::ParagraphRecord::decode(db.get_document(*it).get_data());
        if (record.article_id == article_id) continue;
        out.push_back({record.article_id, record.title, record.source, record.url, record.date});
        if (out.size() == 20) break;  // enough to show; a syndicated piece may have hundreds
    }
    return out;
}

Searcher::Searcher(const std::string& index_path) : impl_(std::make_unique<Impl>(index_path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
    return impl_->search_with_retries(request);
}

}  // namespace parley
