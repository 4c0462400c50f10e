#include "parley/searcher.hpp"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <thread>
#include <unordered_set>

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

std::vector<std::string> values_of_facet(const std::string& encoded, int facet) {
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

    template <class F>
    auto with_retries(F&& body) {
        for (int attempt = 1;; ++attempt) {
            try {
                refresh(attempt > 1);
                return body();
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
    std::optional<ArticleView> article(const std::string& id);
    Suggestions suggest(const std::string& text, std::size_t limit);
    std::vector<FacetValue> facet_values(const std::string& facet, const std::string& prefix,
                                         std::size_t limit);

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
    /// Every match of a query, as docids of `db`, from an unranked pass.
    std::vector<Xapian::docid> collect_matches(const Xapian::Query& query);
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
    auto check_length = [](const std::string& text, const char* what) {
        if (text.size() > SearchRequest::kMaxQueryBytes) {
            throw QueryError(std::string(what) + " is " + std::to_string(text.size()) +
                             " bytes long; the limit is " +
                             std::to_string(SearchRequest::kMaxQueryBytes));
        }
    };
    check_length(request.query, "the query");
    for (const auto& f : request.filters) check_length(f, "a filter");
    for (const auto& s : request.selections) check_length(s, "a selection");
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
    result.selections = request.selections;

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
    // Selections: one OR per facet, ANDed with the query and with each other.
    std::map<int, query::QueryNode> selected;
    for (const auto& selection : request.selections) {
        const auto colon = selection.find(':');
        const int facet = colon == std::string::npos
                              ? -1
                              : facets::FacetTable::facet_id(selection.substr(0, colon));
        if (facet < 0) {
            throw QueryError("selection '" + selection +
                             "' is not facet:value (facets: actor, topic, year, author, source)");
        }
        query::QueryNode value;
        value.type = query::QueryNode::Type::Field;
        value.field = selection.substr(0, colon);
        value.value = selection.substr(colon + 1);
        value.text = selection;
        auto [it, fresh] = selected.try_emplace(facet);
        it->second.type = query::QueryNode::Type::Or;
        it->second.children.push_back(std::move(value));
    }
    // The query with the selections of every facet but `except` (-1: all of them).
    auto with_selections = [&](const query::QueryNode& base, int except) {
        if (selected.empty()) return base;
        query::QueryNode all;
        all.type = query::QueryNode::Type::And;
        all.children.push_back(base);
        for (const auto& [facet, node] : selected) {
            if (facet != except) all.children.push_back(node);
        }
        return all;
    };
    const query::QueryNode unselected = parsed.root;
    parsed.root = with_selections(unselected, -1);
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
        // Copies of republished op-eds are folded below, with the duplicate index: Xapian's
        // collapse would read a value for every match (5x slower top-10 on 100k
        // paragraphs), though few matches ever have copies.
        if (grouped) enquire.set_collapse_key(schema::kArticleSlot);

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
        if (!shards.empty()) matches = collect_matches(q);

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
        // The page. With copies among the matches, the ranking from the top, keeping the
        // best-ranked copy of each paragraph (or article, when grouped), then the page of it.
        Xapian::MSet window = mset;
        std::vector<Xapian::MSetIterator> shown;
        if (result.duplicates_hidden > 0) {
            window =
                enquire.get_mset(0, static_cast<Xapian::doccount>(request.offset + request.limit +
                                                                  result.duplicates_hidden));
            const search::DuplicateIndex& copies = duplicate_index();
            std::unordered_set<std::uint32_t> seen;
            std::size_t kept = 0;
            for (auto it = window.begin(); it != window.end() && shown.size() < request.limit;
                 ++it) {
                const auto key = grouped ? copies.group_of(*it) : copies.key_of(*it);
                if (key && !seen.insert(*key).second) continue;
                if (kept++ >= request.offset) shown.push_back(it);
            }
        } else {
            for (auto it = mset.begin(); it != mset.end(); ++it) shown.push_back(it);
        }
        for (std::size_t i = 0; i < shown.size(); ++i) {
            const Xapian::MSetIterator& it = shown[i];
            Hit hit = make_hit(it, request, builder.highlights(), ranked, bonus);
            hit.rank = request.offset + i + 1;
            if (collapse) hit.republished = republications(it.get_document(), hit.article_id);
            if (grouped) {
                const auto a = table.article_of(*it);
                hit.matched_paragraphs = a != facets::FacetTable::kNoArticle ? per_article[a] : 1;
            }
            result.hits.push_back(std::move(hit));
        }
        // A selected facet is counted over the matches of everything but its own selection.
        for (auto& facet : result.facets) {
            const int id = facets::FacetTable::facet_id(facet.name);
            if (!selected.count(id)) continue;
            query::QueryBuilder others_builder(db, *gazetteer, others, false);
            std::vector<std::string> ignored_notes;
            const Xapian::Query without =
                others_builder.build(with_selections(unselected, id), ignored_notes);
            const std::vector<Xapian::docid> wider = collect_matches(without);
            facet =
                std::move(facets::count_facets(table_for(wider), wider, {id}, request.facet_limit,
                                               request.facet_article_counts)
                              .front());
        }
    }
    return result;
}

std::vector<Xapian::docid> Searcher::Impl::collect_matches(const Xapian::Query& query) {
    std::vector<Xapian::docid> matches;
    const std::vector<Xapian::Database> each =
        shards.empty() ? std::vector<Xapian::Database>{db} : shards;
    for (std::size_t i = 0; i < each.size(); ++i) {
        Xapian::Enquire enquire(each[i]);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        MatchCollector collector(matches, static_cast<Xapian::docid>(i),
                                 static_cast<Xapian::docid>(each.size()));
        enquire.add_matchspy(&collector);
        enquire.get_mset(0, 0, each[i].get_doccount());
    }
    return matches;
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
    hit.actors = values_of_facet(facets, schema::facet_number("actor"));
    hit.topics = values_of_facet(facets, schema::facet_number("topic"));
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
    return impl_->with_retries([&] { return impl_->search(request); });
}

std::optional<ArticleView> Searcher::article(const std::string& id) {
    return impl_->with_retries([&] { return impl_->article(id); });
}

Suggestions Searcher::suggest(const std::string& text, std::size_t limit) {
    return impl_->with_retries([&] { return impl_->suggest(text, limit); });
}

std::vector<FacetValue> Searcher::facet_values(const std::string& facet, const std::string& prefix,
                                               std::size_t limit) {
    return impl_->with_retries([&] { return impl_->facet_values(facet, prefix, limit); });
}

std::size_t Searcher::paragraph_count() {
    return impl_->with_retries([&] { return std::size_t{impl_->db.get_doccount()}; });
}

std::optional<ArticleView> Searcher::Impl::article(const std::string& id) {
    const std::string term = schema::article_term(id);
    std::optional<ArticleView> out;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::Document doc = db.get_document(*p);
        schema::ParagraphRecord record = schema::ParagraphRecord::decode(doc.get_data());
        if (record.article_id != id) continue;  // a long id cut to the term limit
        if (!out) {
            out.emplace();
            out->article_id = record.article_id;
            out->title = record.title;
            out->authors = record.authors;
            out->date = record.date;
            out->source = record.source;
            out->url = record.url;
            out->language = record.language;
            out->republished = republications(doc, id);
        }
        const std::string facets = doc.get_value(schema::kFacetsSlot);
        out->paragraphs.push_back({record.paragraph, std::move(record.text),
                                   values_of_facet(facets, schema::facet_number("actor")),
                                   values_of_facet(facets, schema::facet_number("topic"))});
    }
    if (out) {
        std::sort(out->paragraphs.begin(), out->paragraphs.end(),
                  [](const auto& a, const auto& b) { return a.number < b.number; });
    }
    return out;
}

Suggestions Searcher::Impl::suggest(const std::string& text, std::size_t limit) {
    Suggestions out;
    Analyzer& a = analyzer(manifest.default_language);
    std::vector<Token> tokens;
    // Completion: the last word as typed, folded like the index's words.
    const auto cut = text.find_last_of(" \t\"(+-");
    const std::string head = cut == std::string::npos ? "" : text.substr(0, cut + 1);
    const std::string last = cut == std::string::npos ? text : text.substr(cut + 1);
    a.analyze(last, tokens);
    if (tokens.size() == 1 && last.find(':') == std::string::npos) {
        const std::string& prefix = tokens.front().norm;
        std::vector<std::pair<Xapian::doccount, std::string>> words;
        auto it = db.spellings_begin();
        std::size_t scanned = 0;
        for (it.skip_to(prefix); it != db.spellings_end() && scanned < 20000; ++it, ++scanned) {
            const std::string word = *it;
            if (word.compare(0, prefix.size(), prefix) != 0) break;
            if (word != prefix) words.emplace_back(it.get_termfreq(), word);
        }
        std::sort(words.begin(), words.end(), [](const auto& x, const auto& y) {
            return x.first != y.first ? x.first > y.first : x.second < y.second;
        });
        for (std::size_t i = 0; i < words.size() && i < limit; ++i)
            out.completions.push_back(head + words[i].second);
    }
    // Correction: each word the index does not hold, replaced by its closest spelling; not
    // the last word while it is still being typed (it completes to something).
    std::string corrected;
    bool changed = false;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto start = text.find_first_not_of(' ', at);
        if (start == std::string::npos) break;
        corrected.append(text, at, start - at);
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        tokens.clear();
        a.analyze(word, tokens);
        std::string replacement = word;
        const bool typing = end == text.size() && !out.completions.empty();
        if (!typing && tokens.size() == 1 && word.find_first_of(":\"*") == std::string::npos &&
            word != "AND" && word != "OR" && word != "NOT" &&
            !db.term_exists(schema::term(schema::kWordPrefix, tokens.front().term))) {
            const std::string suggestion = db.get_spelling_suggestion(tokens.front().norm);
            if (!suggestion.empty()) {
                replacement = suggestion;
                changed = true;
            }
        }
        corrected += replacement;
        at = end;
    }
    if (changed) out.did_you_mean = corrected;
    return out;
}

std::vector<FacetValue> Searcher::Impl::facet_values(const std::string& facet,
                                                     const std::string& prefix, std::size_t limit) {
    const int id = facets::FacetTable::facet_id(facet);
    if (id < 0) {
        throw UsageError("unknown facet '" + facet + "' (use actor, topic, year, author, source)");
    }
    const std::string wanted = fold_name(prefix);
    const std::string term_prefix(schema::kFacetPrefixes[id]);
    std::vector<FacetValue> out;
    for (auto t = db.allterms_begin(term_prefix); t != db.allterms_end(term_prefix); ++t) {
        const std::string value = (*t).substr(term_prefix.size());
        const std::string folded = fold_name(value);
        // A match at the start of any word: "jin" finds "Xi Jinping".
        bool match = wanted.empty();
        for (std::size_t at = 0; !match && at != std::string::npos;
             at = folded.find(' ', at), at = at == std::string::npos ? at : at + 1) {
            match = folded.compare(at, wanted.size(), wanted) == 0;
        }
        if (match) out.push_back({value, t.get_termfreq(), 0});
    }
    std::sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (limit && out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace parley
