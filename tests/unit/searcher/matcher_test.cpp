// Parley's matcher against Xapian's: the same plans, run by match::run over Parley's
// cursors and by Xapian::Enquire over the equivalent Xapian::Query, on a real index built
// from small generated articles, must give the same documents, the same exact totals and
// the same scores.
#include "match/matcher.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "match/cursors.hpp"
#include "match/doc_table.hpp"
#include "match/phrase_memo.hpp"
#include "match/plan.hpp"
#include "match/postings_cache.hpp"
#include "match/walking_cursors.hpp"
#include "parley/analyzer.hpp"
#include "parley/article.hpp"
#include "parley/index_writer.hpp"
#include "rank/coordinate_weight.hpp"
#include "schema/paragraph_record.hpp"
#include "schema/schema.hpp"

namespace parley::match {
namespace {

namespace fs = std::filesystem;
using Op = Plan::Op;
using Docs = std::vector<Xapian::docid>;

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kBonus = rank::CoordinateWeight::kBonus;
// Marks a title-role term in the Xapian query (its wqf): the one weighting scheme of an
// Enquire then knows which terms weigh as title words.
constexpr Xapian::termcount kTitleWqf = 1000;
constexpr double kTitleOccurrences = 1.0;
constexpr double kTitleSaturation = kTitleOccurrences * (kK1 + 1) / (kTitleOccurrences + kK1);

// rank::CoordinateWeight written as a Xapian weighting scheme, from its documented
// formula: BM25 (k1 1.2, b 0.75, idf = ln(1 + (N - n + 0.5) / (n + 0.5)), lengths under half
// the average taken as half the average) plus the bonus for
// every matched word; a title word weighs what one occurrence gives at average length,
// idf × 1 × (k1 + 1) / (1 + k1), whatever the paragraph.
class XapianCoordinateWeight final : public Xapian::Weight {
  public:
    XapianCoordinateWeight() {
        need_stat(COLLECTION_SIZE);
        need_stat(AVERAGE_LENGTH);
        need_stat(TERMFREQ);
        need_stat(WQF);
        need_stat(WDF);
        need_stat(DOC_LENGTH);
    }
    std::string name() const override { return "parley-test-coordinate"; }
    Xapian::Weight* clone() const override { return new XapianCoordinateWeight; }
    void init(double factor) override {
        factor_ = factor;
        const double n = get_termfreq(), size = get_collection_size();
        idf_ = std::log(1.0 + (size - n + 0.5) / (n + 0.5));
        title_ = get_wqf() == kTitleWqf;
        average_length_ = std::max(1.0, double(get_average_length()));
    }
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount length,
                       Xapian::termcount) const override {
        if (title_) return factor_ * idf_ * kTitleSaturation;
        if (wdf == 0) return 0;
        const double tf = wdf;
        // A paragraph under half the average length is normalised as half the average.
        const double norm = kK1 * (1 - kB + kB * std::max(0.5, length / average_length_));
        return factor_ * (kBonus + idf_ * tf * (kK1 + 1) / (tf + norm));
    }
    double get_maxpart() const override {
        return factor_ * (title_ ? idf_ * kTitleSaturation : kBonus + idf_ * (kK1 + 1));
    }
    double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
    double get_maxextra() const override { return 0; }

  private:
    double factor_ = 1, idf_ = 0, average_length_ = 1;
    bool title_ = false;
};

// A fixed list of documents, each with the same weight: the answer of a phrase or an
// article-level term computed by the test, as a Xapian subquery.
class DocListSource final : public Xapian::PostingSource {
  public:
    DocListSource(Docs docs, double weight) : docs_(std::move(docs)), weight_(weight) {}
    Xapian::PostingSource* clone() const override { return new DocListSource(docs_, weight_); }
    void init(const Xapian::Database&) override {
        at_ = 0;
        started_ = false;
        set_maxweight(weight_);
    }
    Xapian::doccount get_termfreq_min() const override { return Xapian::doccount(docs_.size()); }
    Xapian::doccount get_termfreq_est() const override { return Xapian::doccount(docs_.size()); }
    Xapian::doccount get_termfreq_max() const override { return Xapian::doccount(docs_.size()); }
    double get_weight() const override { return weight_; }
    void next(double) override {
        if (started_) ++at_;
        started_ = true;
    }
    void skip_to(Xapian::docid target, double) override {
        started_ = true;
        while (at_ < docs_.size() && docs_[at_] < target) ++at_;
    }
    bool at_end() const override { return started_ && at_ >= docs_.size(); }
    Xapian::docid get_docid() const override { return docs_[at_]; }

  private:
    Docs docs_;
    double weight_;
    std::size_t at_ = 0;
    bool started_ = false;
};

Xapian::Query unweighted(const Xapian::Query& q) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

// ---------------------------------------------------------------------------------------
// The corpus: a few dozen articles from a Zipf-like vocabulary, so that words have very
// different frequencies and paragraphs different lengths.

const char* const kVocabulary[] = {
    "the",          "of",        "and",       "naval",     "drills",    "china",     "russia",
    "trade",        "tariffs",   "election",  "alliance",  "sanctions", "fleet",     "navy",
    "border",       "talks",     "summit",    "minister",  "pacific",   "ocean",     "energy",
    "grain",        "exports",   "ports",     "missile",   "defence",   "treaty",    "ceasefire",
    "parliament",   "budget",    "inflation", "coalition", "protest",   "drought",   "refugees",
    "pipeline",     "satellite", "cyber",     "vote",      "court",     "ruling",    "reform",
    "embassy",      "envoy",     "strait",    "harbour",   "frigate",   "submarine", "china-russia",
    "indo-pacific", "gas",       "oil",       "wheat"};
const char* const kDates[] = {"2019-03-14", "2020-01-01", "2020-07-15", "2021-02-28",
                              "2021-10-04", "2022-06-30", "2022-07-01", "2023-01-01",
                              "2023-11-11", "2024-02-29", "2024-09-15", "2024-12-31"};
const char* const kAuthors[] = {"Hannah Bergström", "Sultana Yesmin", "Tomás Ruiz"};
const char* const kSources[] = {"The Meridian Review", "Harbour Post"};

std::string capitalised(std::string word) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = char(word[0] - 'a' + 'A');
    return word;
}

class Corpus {
  public:
    explicit Corpus(unsigned seed) : rng_(seed) {
        std::vector<double> weights;
        for (std::size_t i = 0; i < std::size(kVocabulary); ++i) weights.push_back(1.0 / (i + 1));
        word_ = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }

    std::string paragraph(std::size_t words) {
        std::string text;
        for (std::size_t i = 0; i < words; ++i) {
            std::string w = kVocabulary[word_(rng_)];
            if (chance(0.06)) w = chance(0.7) ? "bye bye" : "bye";
            if (chance(0.002)) w = "quietly";  // a word in a few paragraphs only
            if (i == 0) w = capitalised(w);
            text += (i ? (chance(0.1) ? ", " : " ") : "") + w;
        }
        return text + ".";
    }

    Article article(std::string id) {
        Article a;
        a.id = std::move(id);
        for (std::size_t i = 0, n = pick(2, 5); i < n; ++i)
            a.title += (i ? " " : "") + capitalised(kVocabulary[word_(rng_)]);
        a.authors = {kAuthors[pick(0, std::size(kAuthors) - 1)]};
        a.source = kSources[pick(0, std::size(kSources) - 1)];
        const double d = std::uniform_real_distribution<double>(0, 1)(rng_);
        if (d < 0.15) {
            a.date = "";
        } else if (d < 0.22) {
            a.date = chance(0.5) ? "2022-06" : "2020-01";  // stored as the first day
        } else if (d < 0.25) {
            a.date = "2023";
        } else {
            a.date = kDates[pick(0, std::size(kDates) - 1)];
        }
        for (std::size_t i = 0, n = pick(1, 6); i < n; ++i)
            a.paragraphs.push_back(paragraph(chance(0.1) ? pick(80, 250) : pick(3, 40)));
        return a;
    }

    std::string id() {
        std::string out;
        for (int i = 0; i < 5; ++i) out += char('a' + pick(0, 25));
        return out;
    }

  private:
    std::size_t pick(std::size_t lo, std::size_t hi) {
        return std::uniform_int_distribution<std::size_t>(lo, hi)(rng_);
    }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

    std::mt19937 rng_;
    std::discrete_distribution<std::size_t> word_;
};

// yyyymmdd of an article's date as the writer stores it (a partial date: its first day).
std::uint32_t date_key(const std::string& date) {
    if (date.empty()) return 0;
    const std::string month = date.size() >= 7 ? date.substr(5, 2) : "01";
    const std::string day = date.size() >= 10 ? date.substr(8, 2) : "01";
    return static_cast<std::uint32_t>(std::stoul(date.substr(0, 4) + month + day));
}

// ---------------------------------------------------------------------------------------

struct NamedPlan {
    std::string name;
    Plan plan;
};

class MatcherTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ =
            (fs::temp_directory_path() / ("parley-matcher-" + std::to_string(::getpid()))).string();
        fs::remove_all(dir_);
        Corpus corpus(20240611);
        std::vector<Article> articles;
        std::set<std::string> ids;
        while (articles.size() < 48) {
            std::string id = corpus.id();
            if (ids.insert(id).second) articles.push_back(corpus.article(id));
        }
        IndexOptions options;
        options.path = dir_;
        options.threads = 1;
        {
            IndexWriter writer(options);
            for (const auto& a : articles) writer.add(a);
            writer.commit();
        }
        // Then as an index changes: two articles deleted, one replaced (its paragraphs get
        // new docids, after every other article's), so that docids have holes and do not
        // follow article ids.
        {
            IndexWriter writer(options);
            ASSERT_TRUE(writer.remove(articles[3].id));
            ASSERT_TRUE(writer.remove(articles[10].id));
            Article replaced = corpus.article(articles[5].id);
            replaced.date = "2024-09-15";
            articles[5] = replaced;
            replaced_ = replaced.id;
            writer.add(replaced);
            writer.commit();
        }
        for (const std::size_t gone : {10u, 3u})
            articles.erase(articles.begin() + static_cast<std::ptrdiff_t>(gone));
        for (const auto& a : articles) dates_[a.id] = date_key(a.date);
        analyzer_ = std::make_unique<Analyzer>("en");
        for (const auto& a : articles) {
            for (const Token& t : analyzer_->analyze(a.title))
                if (t.kind == Token::Kind::Word) titles_[a.id].push_back(t.term);
        }

        db_ = std::make_unique<Xapian::Database>(dir_);
        for (auto it = db_->postlist_begin(""); it != db_->postlist_end(""); ++it) {
            const auto record = schema::ParagraphRecord::decode(db_->get_document(*it).get_data());
            Paragraph p;
            p.doc = *it;
            p.article = record.article_id;
            for (const Token& t : analyzer_->analyze(record.text)) {
                if (t.kind == Token::Kind::Word) p.words.push_back(t.term);
            }
            paragraphs_.push_back(std::move(p));
        }
        std::set<std::string> article_ids;
        for (const auto& p : paragraphs_) article_ids.insert(p.article);
        std::uint32_t rank = 0;
        for (const auto& id : article_ids) ranks_[id] = rank++;

        table_ = std::make_unique<DocTable>();
        table_->load(DocTable::kLengths | DocTable::kArticles | DocTable::kDates |
                         DocTable::kStreams | DocTable::kTitles,
                     *db_);
        weight_ = std::make_unique<rank::CoordinateWeight>(kBonus, double(db_->get_doccount()),
                                                           db_->get_avlength());
    }
    static void TearDownTestSuite() {
        weight_.reset();
        table_.reset();
        db_.reset();
        paragraphs_.clear();
        dates_.clear();
        titles_.clear();
        ranks_.clear();
        fs::remove_all(dir_);
    }

    void SetUp() override { ASSERT_TRUE(db_) << "the index was not built"; }

    struct Paragraph {
        Xapian::docid doc = 0;
        std::string article;
        std::vector<std::string> words;  // stems of the Word tokens, in order
    };

    // --- building plans from plain words

    static std::string stem(const std::string& word) {
        return analyzer_->analyze(word).front().term;  // a compound's whole term comes first
    }
    static Plan word(const std::string& w, Role role = Role::Body) {
        return Plan::leaf(schema::term(schema::kWordPrefix, stem(w)), role);
    }
    static Plan feedback(const std::string& w, double boost) {
        Plan p = word(w, Role::Feedback);
        p.boost = boost;
        return p;
    }
    static Plan title(const std::string& w, Role role = Role::Title) {
        return Plan::article_leaf(schema::term(schema::kTitlePrefix, stem(w)), role);
    }
    static Plan synonym(const std::vector<std::string>& words, Role role = Role::Body) {
        Plan p = Plan::of(Op::Synonym);
        for (const auto& w : words) p.children.push_back(word(w, role));
        p.role = role;
        return p;
    }
    static Plan phrase(const std::vector<std::string>& stems, Role role = Role::Body) {
        Plan p;
        p.op = Op::Phrase;
        p.words = stems;
        p.role = role;
        return p;
    }
    static Plan phrase_of(const std::string& text) {
        std::vector<std::string> stems;
        for (const Token& t : analyzer_->analyze(text))
            if (t.kind == Token::Kind::Word) stems.push_back(t.term);
        return phrase(stems);
    }
    static Plan dates(std::string from, std::string to) {
        Plan p;
        p.op = Op::DateRange;
        p.from = std::move(from);
        p.to = std::move(to);
        return p;
    }

    static std::vector<NamedPlan> plans();

    // --- Parley's answer

    MatchResult run_plan(const Plan& plan, MatchRequest request, PhraseMemo* memo = nullptr,
                         Xapian::docid window = kWalkingWindow) {
        MatchContext context{*db_, *table_, *weight_,
                             [this](Xapian::docid, const std::vector<std::string>&) {
                                 ++text_checks_;
                                 return false;
                             }};
        context.phrases = memo;
        context.phrase_in_title = [this](Xapian::docid first, const std::vector<std::string>& w) {
            ++title_checks_;
            const auto& title = titles_[paragraph(first).article];
            return std::search(title.begin(), title.end(), w.begin(), w.end()) != title.end();
        };
        return match::run(plan, request, context, window);
    }
    MatchResult run_all(const Plan& plan) {
        MatchRequest request;
        request.keep = 0;
        request.collect = true;
        request.collect_scored = true;
        return run_plan(plan, request);
    }

    // --- the independent answer

    static const Paragraph& paragraph(Xapian::docid doc) {
        return *std::find_if(paragraphs_.begin(), paragraphs_.end(),
                             [&](const Paragraph& p) { return p.doc == doc; });
    }

    // Every paragraph of the articles whose title stems hold `words` one after another.
    static Docs title_phrase_docs(const std::vector<std::string>& words) {
        Docs out;
        for (const auto& p : paragraphs_) {
            const auto& title = titles_[p.article];
            if (std::search(title.begin(), title.end(), words.begin(), words.end()) != title.end())
                out.push_back(p.doc);
        }
        return out;
    }

    // Every paragraph whose stems hold `words` one after another.
    static Docs phrase_docs(const std::vector<std::string>& words) {
        Docs out;
        for (const auto& p : paragraphs_) {
            if (!words.empty() && std::search(p.words.begin(), p.words.end(), words.begin(),
                                              words.end()) != p.words.end())
                out.push_back(p.doc);
        }
        return out;
    }

    struct XapianAnswer {
        std::map<Xapian::docid, double> weights;
        Xapian::doccount total = 0;
    };
    static XapianAnswer enquire(const Xapian::Query& query, const Xapian::Weight& weight) {
        Xapian::Enquire enquire(*db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(weight);
        const Xapian::doccount all = db_->get_doccount();
        const Xapian::MSet mset = enquire.get_mset(0, all, all);
        XapianAnswer out;
        EXPECT_EQ(mset.get_matches_lower_bound(), mset.get_matches_upper_bound());
        out.total = mset.get_matches_estimated();
        for (auto it = mset.begin(); it != mset.end(); ++it) out.weights[*it] = it.get_weight();
        return out;
    }

    // Every paragraph of the articles whose first paragraph `first` matches, found through
    // the articles' XI: terms.
    static Docs article_paragraphs(const Xapian::Query& first) {
        std::vector<Xapian::Query> articles;
        for (const auto& [doc, w] : enquire(first, Xapian::BoolWeight()).weights) {
            auto t = db_->termlist_begin(doc);
            t.skip_to(std::string(schema::kArticlePrefix));
            if (t != db_->termlist_end(doc) &&
                (*t).rfind(std::string(schema::kArticlePrefix), 0) == 0)
                articles.emplace_back(*t);
        }
        Docs out;
        if (articles.empty()) return out;
        const auto all =
            enquire(Xapian::Query(Xapian::Query::OP_OR, articles.begin(), articles.end()),
                    Xapian::BoolWeight());
        for (const auto& [doc, w] : all.weights) out.push_back(doc);
        return out;
    }

    static Xapian::Query listed(Docs docs, double weight = 0) {
        if (docs.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query((new DocListSource(std::move(docs), weight))->release());
    }
    static Xapian::Query leaf(const std::string& term, Role role) {
        switch (role) {
            case Role::Body:
                return Xapian::Query(term);
            case Role::Title:
                return Xapian::Query(term, kTitleWqf);
            case Role::Boolean:
            case Role::Entity:  // no plan here uses these two
            case Role::Feedback:
                break;
        }
        return unweighted(Xapian::Query(term));
    }
    // A title (S) term weighs with the idf of the same word in paragraph text (Z).
    static double title_weight(const std::string& title_term) {
        const double n = db_->get_termfreq("Z" + title_term.substr(1));
        const double size = db_->get_doccount();
        return std::log(1.0 + (size - n + 0.5) / (n + 0.5)) * kTitleSaturation;
    }

    // The plan as a Xapian query. `scorable` turns false where Xapian cannot weigh the
    // plan the way Parley documents it (a title-role synonym, article-level synonyms).
    static Xapian::Query to_xapian(const Plan& p, bool& scorable) {
        using Q = Xapian::Query;
        auto children = [&](std::size_t from = 0) {
            std::vector<Q> out;
            for (std::size_t i = from; i < p.children.size(); ++i)
                out.push_back(to_xapian(p.children[i], scorable));
            return out;
        };
        auto combine = [&](Q::op op) {
            const auto parts = children();
            return Q(op, parts.begin(), parts.end());
        };
        switch (p.op) {
            case Op::Term:
                return leaf(p.term, p.role);
            case Op::ArticleTerm: {
                Docs docs = article_paragraphs(Q(p.term));
                const double w = p.role == Role::Title ? title_weight(p.term) : 0;
                return listed(std::move(docs), w);
            }
            case Op::Synonym: {
                if (p.children.empty()) return Q::MatchNothing;
                if (p.children.front().op == Op::ArticleTerm) {
                    std::vector<Q> terms;
                    for (const auto& c : p.children) terms.emplace_back(c.term);
                    if (p.role == Role::Title) scorable = false;
                    return listed(article_paragraphs(Q(Q::OP_OR, terms.begin(), terms.end())));
                }
                std::vector<Q> terms;
                for (const auto& c : p.children) terms.emplace_back(c.term);
                const Q q(Q::OP_SYNONYM, terms.begin(), terms.end());
                if (p.role == Role::Title) scorable = false;
                return p.role == Role::Boolean ? unweighted(q) : q;
            }
            case Op::Phrase: {
                if (p.words.empty()) return Q::MatchNothing;
                std::vector<Q> terms;
                for (const auto& w : p.words)
                    terms.push_back(leaf(schema::term(schema::kWordPrefix, w), p.role));
                return Q(Q::OP_FILTER, Q(Q::OP_AND, terms.begin(), terms.end()),
                         listed(phrase_docs(p.words)));
            }
            case Op::Near:  // not generated here: proximity_test and the CLI tests check it
                return Q::MatchNothing;
            case Op::TitlePhrase: {
                double w = 0;
                for (const auto& word : p.words)
                    w += p.role == Role::Title
                             ? title_weight(schema::term(schema::kTitlePrefix, word))
                             : 0;
                return listed(title_phrase_docs(p.words), w);
            }
            case Op::And:
                return p.children.empty() ? unweighted(Q::MatchAll) : combine(Q::OP_AND);
            case Op::Filter:
                return p.children.empty() ? unweighted(Q::MatchAll) : combine(Q::OP_FILTER);
            case Op::Or:
                return p.children.empty() ? Q::MatchNothing : combine(Q::OP_OR);
            case Op::AndMaybe:
                return p.children.empty() ? Q::MatchNothing : combine(Q::OP_AND_MAYBE);
            case Op::AndNot:
                return p.children.empty() ? Q::MatchNothing : combine(Q::OP_AND_NOT);
            case Op::DateRange: {
                const unsigned slot = schema::kDateSlot;
                // Xapian reads `value >= ""` as every document, dated or not; every stored
                // date is >= "0".
                const Q range = p.to.empty()
                                    ? Q(Q::OP_VALUE_GE, slot, p.from.empty() ? "0" : p.from)
                                : p.from.empty() ? Q(Q::OP_VALUE_LE, slot, p.to)
                                                 : Q(Q::OP_VALUE_RANGE, slot, p.from, p.to);
                return listed(article_paragraphs(range));
            }
            case Op::All:
                return unweighted(Q::MatchAll);
            case Op::Nothing:
                return Q::MatchNothing;
        }
        return Q::MatchNothing;
    }

    static bool close(double a, double b) {
        return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
    }

    // Runs `plan` both ways and compares documents, totals and (where Xapian can weigh the
    // plan) every score. Returns the number of matches.
    std::size_t expect_same_as_xapian(const std::string& name, const Plan& plan) {
        SCOPED_TRACE(name + ": " + describe(plan));
        const MatchResult parley = run_all(plan);
        bool scorable = true;
        const Xapian::Query query = to_xapian(plan, scorable);

        const XapianAnswer boolean = enquire(query, Xapian::BoolWeight());
        Docs expected;
        for (const auto& [doc, w] : boolean.weights) expected.push_back(doc);
        EXPECT_EQ(parley.docs, expected);
        EXPECT_EQ(parley.total, boolean.total);
        EXPECT_EQ(parley.total, expected.size());
        EXPECT_EQ(parley.scored.size(), parley.docs.size());
        for (std::size_t i = 0; i < parley.scored.size() && i < parley.docs.size(); ++i)
            EXPECT_EQ(parley.scored[i].doc, parley.docs[i]);
        if (!scorable) return parley.total;

        const XapianAnswer weighted = enquire(query, XapianCoordinateWeight());
        EXPECT_EQ(weighted.total, boolean.total);
        int reported = 0;
        for (const Scored& s : parley.scored) {
            const auto it = weighted.weights.find(s.doc);
            if (it == weighted.weights.end()) continue;  // reported above
            // The bonus dwarfs the BM25 part: compare the words counted and the BM25 part
            // on their own too.
            using W = rank::CoordinateWeight;
            const bool same = close(s.score, it->second) &&
                              W::matched_words(s.score) == W::matched_words(it->second) &&
                              close(W::relevance(s.score), W::relevance(it->second));
            if (!same && reported++ < 3) {
                ADD_FAILURE() << std::setprecision(17) << "docid " << s.doc << ": Parley scores "
                              << s.score << ", Xapian " << it->second;
            }
            ++scores_compared_;
        }
        return parley.total;
    }

    static inline std::string dir_;
    static inline std::unique_ptr<Xapian::Database> db_;
    static inline std::unique_ptr<Analyzer> analyzer_;
    static inline std::unique_ptr<DocTable> table_;
    static inline std::unique_ptr<rank::CoordinateWeight> weight_;
    static inline std::vector<Paragraph> paragraphs_;           // in docid order
    static inline std::map<std::string, std::uint32_t> dates_;  // article id → yyyymmdd
    static inline std::map<std::string, std::uint32_t> ranks_;  // article id → rank by id
    static inline std::map<std::string, std::vector<std::string>> titles_;  // id → title stems
    static inline std::string replaced_;  // the article added twice
    std::size_t text_checks_ = 0;         // phrases the token streams could not answer
    std::size_t title_checks_ = 0;        // title phrases the title streams could not answer
    std::size_t scores_compared_ = 0;     // scores checked against Xapian's
};

TEST_F(MatcherTest, TheIndexHasHolesAndWordsOfVeryDifferentFrequencies) {
    EXPECT_GT(db_->get_lastdocid(), db_->get_doccount());  // deleted paragraphs
    EXPECT_GT(db_->get_doccount(), 100u);
    EXPECT_GT(db_->get_termfreq(word("the").term), db_->get_doccount() / 2);
    EXPECT_LT(db_->get_termfreq(word("quietly").term), db_->get_doccount() / 10);
    EXPECT_GT(db_->get_termfreq(word("quietly").term), 0u);
    EXPECT_EQ(table_->article_count(), ranks_.size());
    // Docids follow neither article ids nor, for the replaced article, the first commit.
    EXPECT_EQ(paragraphs_.back().article, replaced_);
    std::vector<std::uint32_t> ranks;
    for (const auto& p : paragraphs_) ranks.push_back(ranks_.at(p.article));
    EXPECT_FALSE(std::is_sorted(ranks.begin(), ranks.end()));
}

// Plans of every kind, alone and nested; eight of them match nothing.
std::vector<NamedPlan> MatcherTest::plans() {
    using B = Role;
    const std::string absent = "Zzyzzyva";
    const auto absent_word = Plan::leaf(absent);
    const auto with = [](Op op, std::vector<Plan> children) {
        return Plan::of(op, std::move(children));
    };
    return {
        {"a frequent word", word("the")},
        {"a word in a few paragraphs", word("quietly")},
        {"a word in no paragraph", absent_word},
        {"a compound, indexed whole", word("china-russia")},
        {"a title-role word", word("naval", B::Title)},
        {"a filter word", word("naval", B::Boolean)},
        {"a language filter on every paragraph", Plan::leaf("XL:en", B::Boolean)},
        {"two words", with(Op::And, {word("naval"), word("drills")})},
        {"three words, the rarest last", with(Op::And, {word("the"), word("of"), word("envoy")})},
        {"a word and a missing word", with(Op::And, {word("the"), absent_word})},
        {"a word with itself", with(Op::And, {word("fleet"), word("fleet")})},
        {"either of two words", with(Op::Or, {word("naval"), word("quietly")})},
        {"either of four words",
         with(Op::Or, {word("the"), word("envoy"), word("strait"), word("wheat")})},
        {"either of a word and a missing word", with(Op::Or, {word("navy"), absent_word})},
        {"either of six words, each in text or title",
         with(Op::Or, {word("the"), title("the"), word("of"), title("of"), word("naval"),
                       title("naval"), word("china"), title("china"), word("envoy"), title("envoy"),
                       word("fleet"), title("fleet")})},
        {"two words, each in text or title",
         with(Op::Or, {word("naval"), title("naval"), word("drills"), title("drills")})},
        {"an OR of ORs",
         with(Op::Or, {with(Op::Or, {word("navy"), word("fleet")}),
                       with(Op::Or, {word("oil"), with(Op::Or, {word("gas"), word("navy")})})})},
        {"a word, maybe another",
         with(Op::AndMaybe, {word("china"), word("russia"), word("envoy")})},
        {"a rare word, maybe a frequent one", with(Op::AndMaybe, {word("envoy"), word("the")})},
        {"a word but not another", with(Op::AndNot, {word("the"), word("of")})},
        {"a word but not two others", with(Op::AndNot, {word("the"), word("of"), word("and")})},
        {"a word but not itself", with(Op::AndNot, {word("naval"), word("naval")})},
        {"a word filtered by another", with(Op::Filter, {word("the"), word("naval")})},
        {"a word filtered by two", with(Op::Filter, {word("the"), word("of"), word("and")})},
        {"a synonym of two words", synonym({"naval", "navy"})},
        {"a synonym of four words", synonym({"fleet", "frigate", "submarine", "harbour"})},
        {"a synonym of five words of all frequencies",
         synonym({"the", "of", "quietly", "envoy", "wheat"})},
        {"a synonym with a missing word", synonym({"strait", "zzyzzyva"})},
        {"a filter synonym", synonym({"naval", "navy"}, B::Boolean)},
        {"a synonym and a word", with(Op::And, {synonym({"naval", "navy"}), word("drills")})},
        {"a synonym or a word", with(Op::Or, {synonym({"oil", "gas"}), word("energy")})},
        {"words-first: AND of ORs",
         with(Op::And, {with(Op::Or, {word("china"), word("russia")}),
                        with(Op::Or, {word("trade"), word("tariffs")})})},
        {"every paragraph", Plan::of(Op::All)},
        {"no paragraph", Plan::of(Op::Nothing)},
        {"an empty OR", Plan::of(Op::Or)},
        {"a word in every paragraph", with(Op::And, {Plan::of(Op::All), word("naval")})},
        {"a word but not every paragraph", with(Op::AndNot, {word("naval"), Plan::of(Op::All)})},
        {"a title word, for whole articles", title("naval")},
        {"a title word as a filter", title("naval", B::Boolean)},
        {"a title word or a body word", with(Op::Or, {title("naval"), word("naval")})},
        {"a title word and a body word", with(Op::And, {title("china"), word("russia")})},
        {"a title synonym",
         [] {
             Plan p = Plan::of(Op::Synonym, {title("naval"), title("navy")});
             p.role = Role::Title;
             return p;
         }()},
        {"an author", Plan::article_leaf("XW:Sultana Yesmin", B::Boolean)},
        {"a source", Plan::article_leaf("XS:Harbour Post", B::Boolean)},
        {"a year", Plan::article_leaf("XY:2021", B::Boolean)},
        {"a year and a word",
         with(Op::Filter, {word("the"), Plan::article_leaf("XY:2024", B::Boolean)})},
        {"a word but not a source",
         with(Op::AndNot, {word("the"), Plan::article_leaf("XS:Harbour Post", B::Boolean)})},
        {"dates in a closed range", dates("2020-01-01", "2021-12-31")},
        {"dates from a day on", dates("2022-07-01", "")},
        {"dates up to a day", dates("", "2020-07-15")},
        {"every dated paragraph", dates("", "")},
        {"one day", dates("2021-10-04", "2021-10-04")},
        {"a leap day to the last day", dates("2024-02-29", "2024-12-31")},
        {"from a year", dates("2023", "")},
        {"up to a month", dates("", "2022-06")},
        {"an empty range", dates("2023-01-01", "2022-01-01")},
        {"before every date", dates("", "2001-01-01")},
        {"a word within dates", with(Op::And, {word("the"), dates("2021-01-01", "2023-06-30")})},
        {"a rare word within dates", with(Op::And, {word("envoy"), dates("2022-01-01", "")})},
        {"a word filtered by dates", with(Op::Filter, {word("naval"), dates("", "2022-06-30")})},
        {"a word but not within dates",
         with(Op::AndNot, {word("the"), dates("2020-01-01", "2021-12-31")})},
        {"a word, maybe within dates",
         with(Op::AndMaybe, {word("fleet"), dates("2022-01-01", "")})},
        {"dates or a word", with(Op::Or, {dates("2024-01-01", ""), word("quietly")})},
        {"two date ranges", with(Op::And, {dates("2020-01-01", ""), dates("", "2022-12-31")})},
        {"a phrase", phrase_of("bye bye")},
        {"a phrase in an AND", with(Op::And, {phrase_of("bye bye"), word("the")})},
        {"a phrase or a word", with(Op::Or, {phrase_of("the naval"), word("quietly")})},
        {"a word but not a phrase", with(Op::AndNot, {word("bye"), phrase_of("bye bye")})},
        {"a title-role phrase", phrase(phrase_of("of the").words, B::Title)},
        {"a phrase of one common pair", phrase_of("of the")},
        {"another common pair", phrase_of("and the")},
        {"everything at once",
         with(Op::AndMaybe,
              {with(Op::AndNot,
                    {with(Op::Filter, {with(Op::Or, {synonym({"naval", "navy"}), word("fleet"),
                                                     title("naval"), phrase_of("the fleet")}),
                                       dates("2020-01-01", "")}),
                     word("quietly")}),
               word("china"), synonym({"oil", "gas"})})},
    };
}

TEST_F(MatcherTest, FindsTheSameParagraphsWithTheSameScoresAsXapian) {
    const std::vector<NamedPlan> cases = plans();
    std::size_t matched = 0, empty = 0;
    for (const auto& c : cases) {
        const std::size_t n = expect_same_as_xapian(c.name, c.plan);
        matched += n;
        empty += n == 0;
    }
    EXPECT_EQ(text_checks_, 0u) << "every paragraph has a token stream that answers";
    EXPECT_GT(matched, 3'000u);
    EXPECT_GT(scores_compared_, 3'000u);
    EXPECT_EQ(empty, 8u) << "only the cases meant to match nothing";
}

// The matcher skips scoring a match whose bound() cannot reach the page (matcher.cpp), so
// a bound below the score loses matches from `best`.
TEST_F(MatcherTest, NoMatchScoresAboveItsCursorsBoundOrMaximum) {
    std::size_t checked = 0;
    for (const auto& c : plans()) {
        SCOPED_TRACE(c.name + ": " + describe(c.plan));
        MatchContext context{*db_, *table_, *weight_, {}};
        const auto cursor = make_cursor(c.plan, context);
        int reported = 0;
        for (cursor->next(); cursor->doc() != kEnd; cursor->next()) {
            const double bound = cursor->bound();
            const double score = cursor->score();
            if ((score > bound * (1 + 1e-12) || score > cursor->max_score() * (1 + 1e-12)) &&
                reported++ < 3) {
                ADD_FAILURE() << std::setprecision(17) << "docid " << cursor->doc() << " scores "
                              << score << ", bound " << bound << ", maximum "
                              << cursor->max_score();
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 3'000u);
}

// The matcher walks its root with make_walking_cursor, which reads an OR of words in
// windows of docids: small windows here, so that matches fall in many windows and at their
// edges. It must give the documents, scores and bounds of the cursor that steps, walked
// through and when sought.
// Walks `passing` (fresh) with next_reaching(bar) beside `stepping` (a fresh stepping
// cursor of the same plan): every match is either passed (its score, and so its bound,
// below the bar) or stopped at (bound at or above it, the same score), in order. Counts
// both into `passed` and `stopped`.
template <class Passing>
void expect_passing_below(Cursor& stepping, Passing& passing, double bar, std::size_t& passed,
                          std::size_t& stopped) {
    stepping.next();
    passing.next();
    while (stepping.doc() != kEnd) {
        ASSERT_EQ(passing.doc(), stepping.doc());
        ++stopped;
        passing.next_reaching(bar, [&](Xapian::docid doc) {
            stepping.next();
            EXPECT_EQ(doc, stepping.doc());
            EXPECT_LT(stepping.score(), bar) << "passed docid " << doc;
            ++passed;
            return true;
        });
        stepping.next();
        if (passing.doc() != kEnd) {
            ASSERT_GE(passing.bound(), bar) << "stopped at docid " << passing.doc();
            ASSERT_EQ(passing.score(), stepping.score());
        }
    }
    EXPECT_EQ(passing.doc(), kEnd);
}

TEST_F(MatcherTest, WalkingCursorsGiveWhatSteppingCursorsGive) {
    std::size_t compared = 0, passed_total = 0, stopped_total = 0;
    std::mt19937 random(7);
    for (const auto& c : plans()) {
        for (const Xapian::docid window : {1u, 5u, 64u, 100u, kWalkingWindow}) {
            SCOPED_TRACE(c.name + ", window " + std::to_string(window) + ": " + describe(c.plan));
            MatchContext context{*db_, *table_, *weight_, {}};
            const auto stepping = make_cursor(c.plan, context);
            const auto walking = make_walking_cursor(c.plan, context, window);
            EXPECT_EQ(walking->max_score(), stepping->max_score());
            stepping->next();
            walking->next();
            for (; stepping->doc() != kEnd; stepping->next(), walking->next()) {
                ASSERT_EQ(walking->doc(), stepping->doc());
                ASSERT_EQ(walking->score(), stepping->score()) << "docid " << walking->doc();
                ASSERT_GE(walking->bound(), walking->score()) << "docid " << walking->doc();
                ++compared;
            }
            EXPECT_EQ(walking->doc(), kEnd);
            // Sought forward by random steps, from a fresh start.
            const auto stepping2 = make_cursor(c.plan, context);
            const auto walking2 = make_walking_cursor(c.plan, context, window);
            std::uniform_int_distribution<Xapian::docid> step(1, 40);
            for (Xapian::docid target = step(random); target <= db_->get_lastdocid() + 1;
                 target += step(random)) {
                stepping2->seek(target);
                walking2->seek(target);
                ASSERT_EQ(walking2->doc(), stepping2->doc()) << "seek " << target;
                if (stepping2->doc() == kEnd) break;
                ASSERT_EQ(walking2->score(), stepping2->score()) << "seek " << target;
                // And on by next() from there, past the end of the window at times.
                for (Xapian::docid k = 0; k < target % 4 * 3 && stepping2->doc() != kEnd; ++k) {
                    stepping2->next();
                    walking2->next();
                    ASSERT_EQ(walking2->doc(), stepping2->doc()) << "next after " << target;
                }
                if (stepping2->doc() == kEnd) break;
                target = std::max(target, stepping2->doc());
            }
            // Passing over the matches below a bar: every match is either passed (its score,
            // and so its bound, below the bar) or stopped at (bound at or above it), in order.
            auto* windowed = dynamic_cast<detail::WindowedOrCursor*>(walking.get());
            if (!windowed) continue;
            const double bar = walking->max_score() * (0.2 + 0.6 * (window % 7) / 6.0);
            const auto stepping3 = make_cursor(c.plan, context);
            const auto walking3 = make_walking_cursor(c.plan, context, window);
            auto& passing = dynamic_cast<detail::WindowedOrCursor&>(*walking3);
            expect_passing_below(*stepping3, passing, bar, passed_total, stopped_total);
        }
    }
    EXPECT_GT(compared, 15'000u);
    EXPECT_GT(passed_total, 500u);
    EXPECT_GT(stopped_total, 500u);
}

// Words read from the PostingsCache (here every word, however rare) must give what the same
// words read through Xapian give: the documents, scores and bounds of every plan, stepped,
// walked in windows and sought, and the same totals and best matches from the matcher.
TEST_F(MatcherTest, DecodedPostingsGiveWhatXapianPostingsGive) {
    PostingsCache every_word(PostingsCache::kDefaultBudget, 0,
                             std::numeric_limits<Xapian::doccount>::max());
    std::size_t compared = 0;
    std::mt19937 random(11);
    for (const auto& c : plans()) {
        SCOPED_TRACE(c.name + ": " + describe(c.plan));
        MatchContext direct{*db_, *table_, *weight_, {}};
        MatchContext decoded{*db_, *table_, *weight_, {}, &every_word};
        for (const Xapian::docid window : {0u, 7u, kWalkingWindow}) {  // 0: stepping
            auto make = [&](MatchContext& context) {
                return window ? make_walking_cursor(c.plan, context, window)
                              : make_cursor(c.plan, context);
            };
            const auto a = make(direct), b = make(decoded);
            EXPECT_EQ(b->max_score(), a->max_score());
            for (a->next(), b->next(); a->doc() != kEnd; a->next(), b->next()) {
                ASSERT_EQ(b->doc(), a->doc());
                ASSERT_EQ(b->score(), a->score()) << "docid " << a->doc();
                // A common pair's bound comes from the decoded words' block maxima: tighter.
                if (dynamic_cast<detail::CommonPairCursor*>(b.get())) {
                    ASSERT_GE(b->bound(), b->score()) << "docid " << a->doc();
                    ASSERT_LE(b->bound(), a->bound()) << "docid " << a->doc();
                } else {
                    ASSERT_EQ(b->bound(), a->bound()) << "docid " << a->doc();
                }
                ++compared;
            }
            EXPECT_EQ(b->doc(), kEnd);
            const auto a2 = make(direct), b2 = make(decoded);
            std::uniform_int_distribution<Xapian::docid> step(1, 60);
            for (Xapian::docid target = step(random); target <= db_->get_lastdocid() + 1;
                 target += step(random)) {
                a2->seek(target);
                b2->seek(target);
                ASSERT_EQ(b2->doc(), a2->doc()) << "seek " << target;
                if (a2->doc() == kEnd) break;
                ASSERT_EQ(b2->score(), a2->score()) << "seek " << target;
                target = std::max(target, a2->doc());
            }
        }
        MatchRequest request;
        request.keep = 10;
        const MatchResult x = match::run(c.plan, request, direct);
        const MatchResult y = match::run(c.plan, request, decoded);
        EXPECT_EQ(y.total, x.total);
        EXPECT_EQ(y.articles, x.articles);
        ASSERT_EQ(y.best.size(), x.best.size());
        for (std::size_t i = 0; i < x.best.size(); ++i) {
            EXPECT_EQ(y.best[i].doc, x.best[i].doc);
            EXPECT_EQ(y.best[i].score, x.best[i].score);
        }
    }
    EXPECT_GT(compared, 10'000u);
    EXPECT_GT(every_word.decoded(), 20u);
}

// A phrase of two words making a common pair ("of the") is read from the pair summaries:
// the same paragraphs and scores as the phrase cursor, bounds from the words' block maxima
// that no score in the block exceeds, and the same totals, articles and best matches.
TEST_F(MatcherTest, ACommonPairIsReadFromThePairSummaries) {
    // Blocks of 4 docids here (128 in use), so that this small index has many.
    PostingsCache every_word(PostingsCache::kDefaultBudget, 0,
                             std::numeric_limits<Xapian::doccount>::max(), 2);
    std::size_t compared = 0, passed_total = 0, stopped_total = 0, tighter = 0;
    std::size_t unscored_total = 0;
    for (const char* text : {"of the", "and the"}) {
        const Plan plan = phrase_of(text);
        SCOPED_TRACE(text);
        MatchContext context{*db_, *table_, *weight_, {}, &every_word};
        const auto stepping = make_cursor(plan, context);
        const auto walking = make_walking_cursor(plan, context);
        ASSERT_NE(dynamic_cast<detail::CommonPairCursor*>(walking.get()), nullptr)
            << "not read from the summaries";
        EXPECT_EQ(walking->max_score(), stepping->max_score());
        double least = walking->max_score();
        std::map<Xapian::docid, std::pair<double, double>> per_block;  // best score, bound
        for (stepping->next(), walking->next(); stepping->doc() != kEnd;
             stepping->next(), walking->next()) {
            ASSERT_EQ(walking->doc(), stepping->doc());
            ASSERT_EQ(walking->score(), stepping->score()) << "docid " << walking->doc();
            ASSERT_GE(walking->bound(), walking->score()) << "docid " << walking->doc();
            tighter += walking->bound() < walking->max_score();
            least = std::min(least, walking->score());
            auto& [best, bound] = per_block[walking->doc() >> 2];
            best = std::max(best, walking->score());
            bound = walking->bound();
            ++compared;
        }
        EXPECT_EQ(walking->doc(), kEnd);
        // Every paragraph here has a summary: a block's bound is its best score, exactly.
        for (const auto& [block, figures] : per_block)
            EXPECT_EQ(figures.second, figures.first) << "block " << block;
        // Passing over the matches whose block cannot reach a bar, at bars between the
        // least score and the maximum (the words-first bonus makes up most of both).
        for (const double share : {0.1, 0.3, 0.5, 0.7, 0.9}) {
            const double bar = least + share * (walking->max_score() - least);
            const auto stepping2 = make_cursor(plan, context);
            detail::CommonPairCursor passing(context, plan);
            expect_passing_below(*stepping2, passing, bar, passed_total, stopped_total);
        }
        // The matcher: the same as the phrase under an AND, which the phrase cursor walks;
        // also with every seventh paragraph set aside (copies), listed or not.
        std::vector<bool> aside(db_->get_lastdocid() + 1, false);
        std::vector<Xapian::docid> aside_docs;
        for (Xapian::docid d = 7; d < aside.size(); d += 7) {
            aside[d] = true;
            aside_docs.push_back(d);
        }
        for (const int variant : {0, 1, 2, 3, 4, 5, 6, 7, 8}) {
            const std::size_t keep = variant % 3 == 0 ? 0 : variant % 3 == 1 ? 1 : 10;
            MatchRequest request;
            request.keep = keep;
            if (variant >= 3) request.set_aside = &aside;
            if (variant >= 6) request.set_aside_docs = aside_docs;
            const MatchResult x =
                match::run(Plan::of(Op::And, {plan, Plan::of(Op::All)}), request, context);
            const MatchResult y = match::run(plan, request, context);
            EXPECT_EQ(y.total, x.total) << "variant " << variant;
            EXPECT_EQ(y.articles, x.articles) << "variant " << variant;
            ASSERT_EQ(y.best.size(), x.best.size());
            for (std::size_t i = 0; i < x.best.size(); ++i) {
                EXPECT_EQ(y.best[i].doc, x.best[i].doc);
                EXPECT_EQ(y.best[i].score, x.best[i].score);
            }
            if (keep > 0 && y.best.size() == keep) {
                detail::CommonPairCursor probe(context, plan);
                const double floor = probe.floor(keep, request.set_aside);
                EXPECT_GT(floor, 0) << "variant " << variant;
                EXPECT_LE(floor, y.best.back().score) << "variant " << variant;
            }
            // The same matches set aside; those left unscored could not reach the page.
            ASSERT_EQ(y.set_aside.size(), x.set_aside.size()) << "variant " << variant;
            for (std::size_t i = 0; i < x.set_aside.size(); ++i) {
                EXPECT_EQ(y.set_aside[i].doc, x.set_aside[i].doc);
                const double a = x.set_aside[i].score, b = y.set_aside[i].score;
                if (a == kBelowThePage || b == kBelowThePage) {
                    ASSERT_EQ(y.best.size(), keep);
                    EXPECT_LT(std::max(a, b), y.best.back().score);
                    unscored_total += b == kBelowThePage;
                } else {
                    EXPECT_EQ(b, a);
                }
            }
        }
    }
    EXPECT_GT(compared, 30u);
    EXPECT_GT(passed_total, 20u);
    EXPECT_GT(stopped_total, 20u);
    EXPECT_GT(tighter, compared / 2);
    EXPECT_GT(unscored_total, 5u);
}

// The cache decodes a word once, keeps it within its budget by dropping the least recently
// used lists, and leaves to Xapian a list that alone would not fit.
TEST_F(MatcherTest, PostingsCacheDecodesOnceAndKeepsWithinItsBudget) {
    std::vector<std::pair<std::string, Xapian::doccount>> words;
    for (auto t = db_->allterms_begin(std::string(schema::kWordPrefix));
         t != db_->allterms_end(std::string(schema::kWordPrefix)); ++t) {
        if (t.get_termfreq() >= 20) words.emplace_back(*t, t.get_termfreq());
    }
    ASSERT_GE(words.size(), 4u);
    std::sort(words.begin(), words.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    const auto& [densest, densest_freq] = words.front();
    const std::size_t one_list = (densest_freq + 1) * DecodedPostings::kBytesPerPosting;

    // Every posting, in order, closed by kEnd.
    PostingsCache roomy(PostingsCache::kDefaultBudget, 0, 1);
    const auto list = roomy.get(densest, *db_, densest_freq);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->docs.size(), densest_freq + 1u);
    EXPECT_EQ(list->docs.back(), kEnd);
    std::size_t i = 0;
    for (auto p = db_->postlist_begin(densest); p != db_->postlist_end(densest); ++p, ++i) {
        ASSERT_EQ(list->docs[i], *p);
        ASSERT_EQ(list->wdfs[i], p.get_wdf());
    }
    EXPECT_EQ(roomy.get(densest, *db_, densest_freq), list) << "decoded once";
    EXPECT_EQ(roomy.decoded(), 1u);

    // Room for about two lists of the densest word: the others come and go, the total
    // never exceeds the budget, and the list most recently used stays.
    PostingsCache tight(one_list * 2 + one_list / 2, 0, 1);
    for (const auto& [term, freq] : words) {
        ASSERT_TRUE(tight.get(term, *db_, freq)) << term;
        ASSERT_LE(tight.bytes(), one_list * 2 + one_list / 2);
    }
    EXPECT_EQ(tight.decoded(), words.size());
    const std::size_t before = tight.decoded();
    tight.get(words.back().first, *db_, words.back().second);
    EXPECT_EQ(tight.decoded(), before) << "the last list used is still held";
    tight.get(densest, *db_, densest_freq);
    EXPECT_EQ(tight.decoded(), before + 1) << "the first one was dropped";

    // A list larger than the whole budget is not decoded; dense words only, by default.
    PostingsCache tiny(one_list / 2, 0, 1);
    EXPECT_EQ(tiny.get(densest, *db_, densest_freq), nullptr);
    const PostingsCache defaults;
    EXPECT_FALSE(defaults.worth(PostingsCache::kMinPostings - 1, PostingsCache::kMinPostings));
    EXPECT_TRUE(defaults.worth(PostingsCache::kMinPostings, PostingsCache::kMinPostings * 64));
    EXPECT_FALSE(defaults.worth(PostingsCache::kMinPostings, PostingsCache::kMinPostings * 65));
}

TEST_F(MatcherTest, FindsPhrasesExactlyWhereTheirWordsFollowEachOther) {
    // Hand-picked phrases first, then phrases taken from the paragraphs (true matches),
    // shuffled, with a word left out, and across paragraph ends.
    std::vector<std::pair<std::string, std::vector<std::string>>> phrases = {
        {"a repeated word", phrase_of("bye bye").words},
        {"a repeated word, thrice", phrase_of("bye bye bye").words},
        {"two frequent words", phrase_of("the of").words},
        {"the parts of a compound", phrase_of("china russia").words},
        {"a compound's parts reversed", phrase_of("russia china").words},
        {"one word", phrase_of("quietly").words},
        {"a missing word", {"zzyzzyva", stem("the")}},
    };
    std::mt19937 rng(42);
    auto pick = [&](std::size_t lo, std::size_t hi) {
        return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
    };
    const auto longest = std::max_element(
        paragraphs_.begin(), paragraphs_.end(),
        [](const Paragraph& a, const Paragraph& b) { return a.words.size() < b.words.size(); });
    phrases.push_back({"the longest paragraph", longest->words});
    for (int i = 0; i < 400; ++i) {
        const Paragraph& p = paragraphs_[pick(0, paragraphs_.size() - 1)];
        if (p.words.size() < 2) continue;
        const std::size_t k = pick(2, std::min<std::size_t>(5, p.words.size()));
        const std::size_t start = pick(0, p.words.size() - k);
        std::vector<std::string> words(p.words.begin() + std::ptrdiff_t(start),
                                       p.words.begin() + std::ptrdiff_t(start + k));
        switch (i % 4) {
            case 0:
                phrases.push_back({"taken", words});
                break;
            case 1:
                std::shuffle(words.begin(), words.end(), rng);
                phrases.push_back({"shuffled", words});
                break;
            case 2:
                if (words.size() > 2) words.erase(words.begin() + 1);
                phrases.push_back({"gapped", words});
                break;
            case 3: {
                // The end of one paragraph and the start of the next.
                const auto next = std::find_if(paragraphs_.begin(), paragraphs_.end(),
                                               [&](const Paragraph& q) { return q.doc > p.doc; });
                if (next == paragraphs_.end() || next->words.empty()) continue;
                phrases.push_back({"across paragraphs", {p.words.back(), next->words.front()}});
                break;
            }
        }
    }
    std::size_t cases = 0, found = 0, absent = 0, scored = 0;
    for (const auto& [kind, words] : phrases) {
        SCOPED_TRACE(kind + ": " + describe(phrase(words)));
        const Docs expected = phrase_docs(words);
        const MatchResult r = run_all(phrase(words));
        EXPECT_EQ(r.docs, expected);
        EXPECT_EQ(r.total, expected.size());
        ++cases;
        found += !expected.empty();
        absent += expected.empty();
        if (cases % 10 == 0) scored += expect_same_as_xapian(kind, phrase(words)) > 0;
    }
    EXPECT_EQ(text_checks_, 0u);
    EXPECT_GT(cases, 350u);
    EXPECT_GT(found, cases / 2);
    EXPECT_GT(absent, cases / 10);
    EXPECT_GT(scored, 10u);
    EXPECT_GT(scores_compared_, 200u);
}

TEST_F(MatcherTest, FindsEveryParagraphOfTheArticlesWhoseTitleHoldsAPhrase) {
    // Spans of the titles, in order and reversed: a reversed span holds the same title
    // words, so only the check of their order tells it apart.
    const auto title_phrase = [](std::vector<std::string> words) {
        Plan p = phrase(std::move(words), Role::Title);
        p.op = Op::TitlePhrase;
        return p;
    };
    std::size_t found = 0, absent = 0;
    for (const auto& [id, title] : titles_) {
        for (std::size_t i = 0; i + 2 <= title.size(); ++i) {
            const std::vector<std::string> span(title.begin() + static_cast<std::ptrdiff_t>(i),
                                                title.begin() + static_cast<std::ptrdiff_t>(i + 2));
            for (const auto& words : {span, std::vector<std::string>(span.rbegin(), span.rend())}) {
                const Docs expected = title_phrase_docs(words);
                found += !expected.empty();
                absent += expected.empty();
                EXPECT_EQ(expect_same_as_xapian(id, title_phrase(words)), expected.size());
                // As the query builder has it: in the text, or in the title.
                expect_same_as_xapian(id, Plan::of(Op::Or, {phrase(words), title_phrase(words)}));
            }
        }
    }
    EXPECT_GT(found, 40u);
    EXPECT_GT(absent, 5u);
    EXPECT_GT(scores_compared_, 200u);
    EXPECT_EQ(title_checks_, 0u);  // the titles' token streams answered every one

    // Without the streams (an index written before them), the titles are checked instead.
    DocTable without;
    without.load(DocTable::kLengths | DocTable::kArticles, *db_);
    for (const auto& [id, title] : titles_) {
        if (title.size() < 2) continue;
        const std::vector<std::string> reversed{title[1], title[0]};
        MatchContext context{*db_, without, *weight_, {}};
        context.phrase_in_title = [&](Xapian::docid first, const std::vector<std::string>& w) {
            ++title_checks_;
            const auto& t = titles_[paragraph(first).article];
            return std::search(t.begin(), t.end(), w.begin(), w.end()) != t.end();
        };
        MatchRequest all;
        all.keep = 0;
        all.collect = true;
        EXPECT_EQ(match::run(title_phrase(reversed), all, context).docs,
                  title_phrase_docs(reversed));
    }
    EXPECT_GT(title_checks_, 40u);
}

// "docid:score" of each, for messages.
std::vector<std::string> listing(const std::vector<Scored>& scored) {
    std::vector<std::string> out;
    for (const Scored& s : scored) {
        std::ostringstream line;
        line << s.doc << ":" << std::setprecision(17) << s.score;
        out.push_back(line.str());
    }
    return out;
}

TEST_F(MatcherTest, ASecondPassAnswersPhrasesFromTheFirstPassesMemo) {
    // As feedback runs a query: the best few first, then the query with a word added
    // where it matches. The second pass, answering from the memo, must give exactly what
    // checking every phrase again gives, and check nothing itself.
    std::mt19937 rng(7);
    std::size_t compared = 0, answered = 0;
    for (int i = 0; i < 200; ++i) {
        const Paragraph& p =
            paragraphs_[std::uniform_int_distribution<std::size_t>(0, paragraphs_.size() - 1)(rng)];
        if (p.words.size() < 4) continue;
        const std::vector<std::string> words(p.words.begin(), p.words.begin() + 2);
        const Plan query =
            i % 2 ? phrase(words) : Plan::of(Op::Or, {phrase(words), word(p.words[3])});
        const Plan expanded = Plan::of(
            Op::AndMaybe,
            {query, Plan::leaf(schema::term(schema::kWordPrefix, p.words.back()), Role::Feedback)});
        SCOPED_TRACE(describe(expanded));
        MatchRequest first;
        first.keep = 5;
        MatchRequest second;
        second.keep = 10;
        second.collect_scored = true;
        PhraseMemo memo;
        const MatchResult best = run_plan(query, first, &memo);
        const std::size_t kept = memo.answers(words).size();
        const MatchResult from_memo = run_plan(expanded, second, &memo);
        const MatchResult checked = run_plan(expanded, second);
        EXPECT_EQ(listing(from_memo.scored), listing(checked.scored));
        EXPECT_EQ(listing(from_memo.best), listing(checked.best));
        EXPECT_EQ(from_memo.total, checked.total);
        // A common pair at the root is read from the pair summaries, not checked: then
        // there is nothing to keep.
        if (kept > 0) {
            EXPECT_EQ(memo.answers(words).size(), kept) << "the second pass checked a phrase";
        }
        ++compared;
        answered += kept > 0;
    }
    EXPECT_GT(compared, 100u);
    EXPECT_GT(answered, compared / 2);
}

TEST(PhraseMemoTest, KeepsAnswersInDocidOrderAndFindsThemFromAnyHint) {
    PhraseMemo memo;
    PhraseMemo::Answers& a = memo.answers({"unit", "state"});
    for (Xapian::docid d = 2; d <= 200; d += 2) a.keep(d, d % 4 == 0);
    a.keep(50, true);    // not past the last one: not kept
    a.keep(200, false);  // the same docid again: not kept
    EXPECT_EQ(a.size(), 100u);
    EXPECT_EQ(&memo.answers({"unit", "state"}), &a);
    EXPECT_NE(&memo.answers({"state", "unit"}), &a);
    std::size_t hint = 0;
    for (Xapian::docid d = 1; d <= 202; ++d) {  // forwards, as a cursor asks
        const auto found = a.find(d, hint);
        if (d % 2 || d > 200) {
            EXPECT_FALSE(found) << d;
        } else {
            ASSERT_TRUE(found) << d;
            EXPECT_EQ(*found, d % 4 == 0) << d;
        }
    }
    for (Xapian::docid d : {180u, 4u, 150u, 6u, 2u}) {  // and from a hint past the docid
        const auto found = a.find(d, hint);
        ASSERT_TRUE(found) << d;
        EXPECT_EQ(*found, d % 4 == 0) << d;
    }
    std::size_t far = 1000;
    EXPECT_EQ(a.find(8, far), std::optional<bool>(true));
}

// The order documented on Ranking, written out independently: by relevance, the score,
// then the article id, then the docid; by date, the date (undated last when newest first,
// first when oldest first), then the article id, then the score, then the docid.
bool comes_first(const Scored& a, const Scored& b, Order order,
                 const std::map<Xapian::docid, std::string>& article_of,
                 const std::map<std::string, std::uint32_t>& dates,
                 const std::map<std::string, std::uint32_t>& ranks) {
    const std::string& ia = article_of.at(a.doc);
    const std::string& ib = article_of.at(b.doc);
    if (order != Order::Relevance) {
        const std::uint32_t da = dates.at(ia), db = dates.at(ib);
        if (da != db) {
            if (order == Order::DateNewest) return da > db;
            if (da == 0 || db == 0) return db == 0;  // undated last, oldest first too
            return da < db;
        }
        if (ia != ib) return ranks.at(ia) < ranks.at(ib);
        if (a.score != b.score) return a.score > b.score;
        return a.doc < b.doc;
    }
    if (a.score != b.score) return a.score > b.score;
    if (ia != ib) return ranks.at(ia) < ranks.at(ib);
    return a.doc < b.doc;
}

TEST_F(MatcherTest, KeepsTheBestMatchesInTheOrderAFullSortGives) {
    std::map<Xapian::docid, std::string> article_of;
    for (const auto& p : paragraphs_) article_of[p.doc] = p.article;
    const struct {
        std::string name;
        Plan plan;
    } plans[] = {
        {"a frequent word", word("the")},
        {"either of three words", Plan::of(Op::Or, {word("naval"), word("fleet"), word("oil")})},
        {"a synonym", synonym({"naval", "navy", "fleet"})},
        {"a synonym or a word",
         Plan::of(Op::Or, {synonym({"oil", "gas"}), word("energy"), word("the")})},
        {"a word, maybe a synonym", Plan::of(Op::AndMaybe, {word("the"), synonym({"oil", "gas"})})},
        {"words, maybe feedback's (a walked OR, then words asked about its matches)",
         Plan::of(Op::AndMaybe,
                  {Plan::of(Op::Or, {word("the"), word("naval"), word("oil")}),
                   Plan::of(Op::Or, {feedback("fleet", 0.15), feedback("china", 0.1)})})},
        {"a common pair, maybe a feedback word",
         Plan::of(Op::AndMaybe, {phrase_of("of the"), feedback("naval", 0.15)})},
        {"a title-role word (equal scores)", word("the", Role::Title)},
        {"a title word, for whole articles", title("naval")},
        {"a filter (all scores 0)", word("the", Role::Boolean)},
        {"every paragraph", Plan::of(Op::All)},
    };
    const struct {
        const char* name;
        Order order;
    } orders[] = {{"relevance", Order::Relevance},
                  {"newest", Order::DateNewest},
                  {"oldest", Order::DateOldest}};
    std::size_t checked = 0;
    for (const auto& p : plans) {
        for (const auto& o : orders) {
            for (const bool ranked : {true, false}) {
                SCOPED_TRACE(p.name + " by " + o.name + (ranked ? "" : ", unranked"));
                MatchRequest all;
                all.keep = 0;
                all.collect_scored = true;
                all.ranked = ranked;
                all.order = o.order;
                std::vector<Scored> sorted = run_plan(p.plan, all).scored;
                ASSERT_GT(sorted.size(), 10u);
                std::sort(sorted.begin(), sorted.end(), [&](const Scored& a, const Scored& b) {
                    return comes_first(a, b, o.order, article_of, dates_, ranks_);
                });
                // Ranking itself sorts the same way.
                std::vector<Scored> by_ranking = sorted;
                std::reverse(by_ranking.begin(), by_ranking.end());
                std::sort(by_ranking.begin(), by_ranking.end(), Ranking(*table_, o.order));
                EXPECT_EQ(listing(by_ranking), listing(sorted)) << "sorted by Ranking";

                for (const std::size_t keep : {1u, 3u, 10u}) {
                    MatchRequest request;
                    request.keep = keep;
                    request.ranked = ranked;
                    request.order = o.order;
                    const std::vector<Scored> expected(sorted.begin(),
                                                       sorted.begin() + std::ptrdiff_t(keep));
                    // Small windows put ORs of words in windows here too (the index is
                    // smaller than one window of the real size).
                    for (const Xapian::docid window : {kWalkingWindow, Xapian::docid{16}}) {
                        const MatchResult r = run_plan(p.plan, request, nullptr, window);
                        EXPECT_EQ(r.total, sorted.size()) << "window " << window;
                        ASSERT_EQ(r.best.size(), keep) << "window " << window;
                        EXPECT_EQ(listing(r.best), listing(expected))
                            << "keep " << keep << ", window " << window;
                    }
                    ++checked;
                }
            }
        }
    }
    EXPECT_EQ(checked, std::size(plans) * 3 * 2 * 3);
}

// A missing date sorts last either way (as search engines sort a missing value): an
// analyst reading the oldest first wants the oldest dated paragraphs, not the undated.
TEST_F(MatcherTest, UndatedParagraphsComeLastNewestFirstAndOldestFirst) {
    MatchRequest request;
    request.keep = db_->get_doccount();
    for (const Order order : {Order::DateNewest, Order::DateOldest}) {
        request.order = order;
        const MatchResult r = run_plan(Plan::of(Op::All), request);
        ASSERT_EQ(r.best.size(), db_->get_doccount());
        std::map<Xapian::docid, std::uint32_t> date_of;
        for (const auto& p : paragraphs_) date_of[p.doc] = dates_.at(p.article);
        std::vector<std::uint32_t> keys;
        for (const Scored& s : r.best) keys.push_back(date_of.at(s.doc));
        ASSERT_GT(std::count(keys.begin(), keys.end(), 0u), 0);
        if (order == Order::DateNewest) {
            EXPECT_TRUE(std::is_sorted(keys.rbegin(), keys.rend()));
            EXPECT_EQ(keys.back(), 0u);
        } else {
            const auto undated = std::find(keys.begin(), keys.end(), 0u);
            EXPECT_TRUE(std::is_sorted(keys.begin(), undated));
            EXPECT_TRUE(std::all_of(undated, keys.end(), [](std::uint32_t d) { return d == 0; }));
            EXPECT_NE(keys.front(), 0u);
        }
    }
}

}  // namespace
}  // namespace parley::match

namespace parley::rank {
namespace {

// A long query weighs each word by idf squared: a rare word gains on a common one in
// proportion to how much rarer it is, so the few words that say what a pasted abstract is
// about are not outvoted by its many ordinary ones.
TEST(CoordinateWeightTest, LongQueriesWeighWordsByIdfSquared) {
    EXPECT_EQ(CoordinateWeight::idf_power_for(CoordinateWeight::kLongQueryWords), 1.0);
    EXPECT_EQ(CoordinateWeight::idf_power_for(CoordinateWeight::kLongQueryWords + 1), 2.0);
    const CoordinateWeight plain(0.0, 10000, 50);
    const CoordinateWeight squared(0.0, 10000, 50, 1.2, 0.75, 2.0);
    const auto rare = match::Role::Body;
    const double rare_idf = plain.word(10, rare).idf;
    const double common_idf = plain.word(2000, rare).idf;
    EXPECT_DOUBLE_EQ(squared.word(10, rare).idf, rare_idf * rare_idf);
    EXPECT_DOUBLE_EQ(squared.word(2000, rare).idf, common_idf * common_idf);
    // One rare word against one common word in a paragraph of average length: the ratio of
    // their scores is the ratio of idfs, squared under the long-query weight.
    const double plain_ratio =
        plain.score(plain.word(10, rare), 1, 50) / plain.score(plain.word(2000, rare), 1, 50);
    const double squared_ratio = squared.score(squared.word(10, rare), 1, 50) /
                                 squared.score(squared.word(2000, rare), 1, 50);
    EXPECT_NEAR(squared_ratio, plain_ratio * plain_ratio, 1e-9);
    // The title weight of a word follows its idf.
    EXPECT_NEAR(squared.word(10, match::Role::Title).title_weight /
                    plain.word(10, match::Role::Title).title_weight,
                rare_idf, 1e-9);
}

// Length normalisation stops at half the average length, as in Xapian's BM25: a one-word
// paragraph (a record that is a title alone) scores what a paragraph of half the average
// length does, not 1.6 times what one of average length does.
TEST(CoordinateWeightTest, ParagraphsUnderHalfTheAverageLengthScoreAsHalfTheAverage) {
    const CoordinateWeight weight(0.0, 10000, 50);
    const auto word = weight.word(100, match::Role::Body);
    const double half = weight.score(word, 1, 25);
    EXPECT_DOUBLE_EQ(weight.score(word, 1, 1), half);
    EXPECT_DOUBLE_EQ(weight.score(word, 1, 10), half);
    EXPECT_GT(weight.score(word, 1, 24), 0.0);
    EXPECT_LT(weight.score(word, 1, 26), half) << "longer paragraphs still normalised";
    EXPECT_GT(half, weight.score(word, 1, 50));
    EXPECT_NEAR(half, word.idf * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 0.5)), 1e-12);
}

}  // namespace
}  // namespace parley::rank
