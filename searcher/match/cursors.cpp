#include "match/cursors.hpp"

#include <algorithm>
#include <cstdint>
#include <queue>

#include "match/proximity.hpp"
#include "match/walking_cursors.hpp"
#include "schema/schema.hpp"
#include "schema/token_stream.hpp"

namespace parley::match {
namespace {

using detail::CommonPairCursor;
using detail::TermCursor;
using detail::WindowedOrCursor;

// Xapian's estimate of how many documents an OR of terms matches, which it weighs a
// synonym by: the two rarest combined first, assuming independence, rounded at each step
// (OrContext::postlist and OrPostList::get_termfreq_est_using_stats in Xapian 1.4). Done
// the same way so that scores do not change with the matcher.
double synonym_termfreq(std::vector<double> freqs, double collection_size) {
    std::priority_queue<double, std::vector<double>, std::greater<>> heap(freqs.begin(),
                                                                          freqs.end());
    while (heap.size() > 1) {
        const double r = heap.top();
        heap.pop();
        const double l = heap.top();
        heap.pop();
        const double est = l + r - (l * r / collection_size);
        heap.push(static_cast<double>(static_cast<Xapian::doccount>(est + 0.5)));
    }
    return heap.empty() ? 0 : heap.top();
}

// Any of several terms, weighted as one word whose count is the sum of theirs.
class SynonymCursor final : public Cursor {
  public:
    SynonymCursor(const MatchContext& c, const Plan& plan, Role role)
        : table_(c.table), weight_(c.weight) {
        std::vector<double> freqs;
        for (const Plan& child : plan.children) {
            terms_.push_back(std::make_unique<TermCursor>(c, child.term, Role::Boolean));
            freqs.push_back(terms_.back()->estimate());
            estimate_ += terms_.back()->estimate();
        }
        word_ =
            c.weight.word(synonym_termfreq(freqs, static_cast<double>(c.db.get_doccount())), role);
        max_score_ = weight_.max_score(word_);
    }

    void next() override {
        const Xapian::docid current = doc_;
        Xapian::docid least = kEnd;
        for (auto& t : terms_) {
            if (t->doc() == current) t->next();
            least = std::min(least, t->doc());
        }
        doc_ = least;
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        Xapian::docid least = kEnd;
        for (auto& t : terms_) {
            t->seek(target);
            least = std::min(least, t->doc());
        }
        doc_ = least;
    }
    double score() override {
        if (word_.role == Role::Boolean) return 0;
        Xapian::termcount wdf = 0;
        for (auto& t : terms_) {
            if (t->doc() == doc_) wdf += t->wdf();
        }
        return weight_.score(word_, wdf, table_.length(doc_));
    }
    Xapian::doccount estimate() const override { return estimate_; }

  private:
    std::vector<std::unique_ptr<TermCursor>> terms_;
    const DocTable& table_;
    const rank::CoordinateWeight& weight_;
    rank::CoordinateWeight::Word word_;
    Xapian::doccount estimate_ = 0;
};

// Paragraphs listed in advance: every paragraph of the articles an article-level term (or
// several, as one synonym) stands for. The weight of a title word does not depend on the
// paragraph, so the list is all it needs.
class ArticleSetCursor final : public Cursor {
  public:
    ArticleSetCursor(const MatchContext& c, const std::vector<std::string>& terms, Role role)
        : role_(role) {
        std::vector<double> freqs;
        for (const auto& t : terms) {
            std::vector<Xapian::docid> docs = c.table.expand(t, c.db);
            freqs.push_back(static_cast<double>(docs.size()));
            if (docs_.empty()) {
                docs_ = std::move(docs);
            } else {
                std::vector<Xapian::docid> both;
                std::set_union(docs_.begin(), docs_.end(), docs.begin(), docs.end(),
                               std::back_inserter(both));
                docs_ = std::move(both);
            }
        }
        // A title word weighs with the idf of the same word in paragraph text (BM25F: the
        // title is another field of the one document, not a collection of its own, where a
        // common word like "general" is rare). Other article-level terms are weighed as if
        // each paragraph held them.
        if (role == Role::Title) {
            freqs.clear();
            for (const auto& t : terms) {
                std::string body(schema::kWordPrefix);
                body.append(t, schema::kTitlePrefix.size());
                freqs.push_back(static_cast<double>(c.db.get_termfreq(body)));
            }
        }
        const double freq =
            freqs.size() == 1 ? freqs.front() : synonym_termfreq(freqs, c.db.get_doccount());
        score_ = c.weight.score(c.weight.word(freq, role), 0, 0);
        max_score_ = role == Role::Boolean ? 0 : score_;
    }

    /// The paragraphs `docs` (ascending), each scoring `score`.
    ArticleSetCursor(std::vector<Xapian::docid> docs, double score, Role role)
        : docs_(std::move(docs)), role_(role), score_(score) {
        max_score_ = role == Role::Boolean ? 0 : score_;
    }

    void next() override {
        if (doc_ == kEnd) return;
        if (doc_ != 0) ++at_;
        doc_ = at_ < docs_.size() ? docs_[at_] : kEnd;
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        at_ = static_cast<std::size_t>(
            std::lower_bound(docs_.begin() + static_cast<std::ptrdiff_t>(at_), docs_.end(),
                             target) -
            docs_.begin());
        doc_ = at_ < docs_.size() ? docs_[at_] : kEnd;
    }
    double score() override { return role_ == Role::Boolean ? 0 : score_; }
    Xapian::doccount estimate() const override {
        return static_cast<Xapian::doccount>(docs_.size());
    }

  private:
    std::vector<Xapian::docid> docs_;
    std::size_t at_ = 0;
    Role role_;
    double score_ = 0;
};

// Every paragraph of the articles whose title holds the phrase: the first paragraphs
// holding all its title words (S terms, leapfrogged on Xapian's postings), confirmed by
// the title's token stream, or for an article written before titles had streams by the
// title itself. Scored as its words would be as title words.
std::unique_ptr<Cursor> title_phrase_cursor(const MatchContext& c, const Plan& plan) {
    double score = 0;
    std::vector<std::string> terms;
    for (const auto& w : plan.words) {
        terms.push_back(schema::term(schema::kTitlePrefix, w));
        const auto freq = c.db.get_termfreq(schema::term(schema::kWordPrefix, w));
        score += c.weight.score(c.weight.word(static_cast<double>(freq), plan.role), 0, 0);
    }
    std::vector<Xapian::docid> firsts;
    const bool one_word = plan.words.size() < 2;
    const schema::PhraseCheck check(plan.words);
    const auto holds = [&](Xapian::docid first) {
        if (one_word) return true;
        if (c.table.loaded(DocTable::kTitles)) {
            const auto answer = check.check(c.table.title_stream(first));
            if (answer != schema::PhraseCheck::Result::Unknown)
                return answer == schema::PhraseCheck::Result::Match;
        }
        return c.phrase_in_title && c.phrase_in_title(first, plan.words);
    };
    // The rarest title word leads; the others seek where it stands.
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    std::sort(terms.begin(), terms.end(), [&](const std::string& a, const std::string& b) {
        return c.db.get_termfreq(a) < c.db.get_termfreq(b);
    });
    std::vector<Xapian::PostingIterator> at, end;
    for (const auto& t : terms) {
        at.push_back(c.db.postlist_begin(t));
        end.push_back(c.db.postlist_end(t));
    }
    while (at[0] != end[0]) {
        const Xapian::docid target = *at[0];
        std::size_t i = 1;
        for (; i < at.size(); ++i) {
            at[i].skip_to(target);
            if (at[i] == end[i] || *at[i] != target) break;
        }
        if (i < at.size()) {
            if (at[i] == end[i]) break;
            at[0].skip_to(*at[i]);  // past the docids that word lacks
            continue;
        }
        if (holds(target)) firsts.push_back(target);
        ++at[0];
    }
    return std::make_unique<ArticleSetCursor>(c.table.expand(firsts), score, plan.role);
}

// Every child (the rarest leads); the score is the sum of the first `scored` children's.
class AndCursor final : public Cursor {
  public:
    AndCursor(std::vector<std::unique_ptr<Cursor>> children, std::size_t scored)
        : children_(std::move(children)), scored_(scored) {
        for (auto& c : children_) order_.push_back(c.get());
        std::stable_sort(order_.begin(), order_.end(), [](const Cursor* a, const Cursor* b) {
            return a->estimate() < b->estimate();
        });
        for (std::size_t i = 0; i < scored_; ++i) max_score_ += children_[i]->max_score();
    }

    void next() override {
        order_.front()->next();
        align();
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        order_.front()->seek(target);
        align();
    }
    double score() override {
        double sum = 0;
        for (std::size_t i = 0; i < scored_; ++i) sum += children_[i]->score();
        return sum;
    }
    double bound() override {
        double sum = 0;
        for (std::size_t i = 0; i < scored_; ++i) sum += children_[i]->bound();
        return sum;
    }
    Xapian::doccount estimate() const override { return order_.front()->estimate(); }

  private:
    // Leapfrogs until every child stands on the lead's document.
    void align() {
        Cursor& lead = *order_.front();
        Xapian::docid target = lead.doc();
        std::size_t i = 1;
        while (target != kEnd && i < order_.size()) {
            Cursor& c = *order_[i];
            if (c.accepts(target)) {
                ++i;
                continue;
            }
            const Xapian::docid ahead = c.doc();
            if (ahead == kEnd) {
                target = kEnd;
                break;
            }
            lead.seek(ahead > target ? ahead : target + 1);
            target = lead.doc();
            i = 1;
        }
        doc_ = target;
    }

    std::vector<std::unique_ptr<Cursor>> children_;
    std::vector<Cursor*> order_;
    std::size_t scored_;
};

// Any child; the score is the sum of the children on the document. Each child's document
// and maximum are mirrored in flat arrays: an OR visits every document of every child (for
// exact totals), and reading the arrays spares a call into each child at every step.
class OrCursor final : public Cursor {
  public:
    explicit OrCursor(std::vector<std::unique_ptr<Cursor>> children)
        : children_(std::move(children)), docs_(children_.size(), 0), maxima_(children_.size(), 0) {
        for (std::size_t i = 0; i < children_.size(); ++i) {
            estimate_ += children_[i]->estimate();
            maxima_[i] = children_[i]->max_score();
            max_score_ += maxima_[i];
        }
    }

    void next() override {
        const Xapian::docid current = doc_;
        Xapian::docid least = kEnd;
        for (std::size_t i = 0; i < docs_.size(); ++i) {
            if (docs_[i] == current) {
                children_[i]->next();
                docs_[i] = children_[i]->doc();
            }
            least = std::min(least, docs_[i]);
        }
        doc_ = least;
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        Xapian::docid least = kEnd;
        for (std::size_t i = 0; i < docs_.size(); ++i) {
            if (docs_[i] < target) {
                children_[i]->seek(target);
                docs_[i] = children_[i]->doc();
            }
            least = std::min(least, docs_[i]);
        }
        doc_ = least;
    }
    double score() override {
        double sum = 0;
        for (std::size_t i = 0; i < docs_.size(); ++i) {
            if (docs_[i] == doc_) sum += children_[i]->score();
        }
        return sum;
    }
    double bound() override {
        // The children's maxima, not their bounds: a bound costs a call per child, and for
        // the words of a query (leaves) the two are the same.
        double sum = 0;
        for (std::size_t i = 0; i < docs_.size(); ++i) {
            if (docs_[i] == doc_) sum += maxima_[i];
        }
        return sum;
    }
    Xapian::doccount estimate() const override { return estimate_; }

  private:
    std::vector<std::unique_ptr<Cursor>> children_;
    std::vector<Xapian::docid> docs_;  ///< children_[i]->doc(), kept in step
    std::vector<double> maxima_;       ///< children_[i]->max_score()
    Xapian::doccount estimate_ = 0;
};

// The first child; the others add their scores where they also match.
class AndMaybeCursor final : public Cursor {
  public:
    AndMaybeCursor(std::unique_ptr<Cursor> required, std::vector<std::unique_ptr<Cursor>> optional)
        : required_(std::move(required)), optional_(std::move(optional)) {
        for (auto& c : optional_) optional_max_ += c->max_score();
        max_score_ = required_->max_score() + optional_max_;
    }

    void next() override {
        required_->next();
        doc_ = required_->doc();
    }
    void seek(Xapian::docid target) override {
        required_->seek(target);
        doc_ = required_->doc();
    }
    double score() override { return with_optional(required_->score()); }
    // Feedback's added words are optional: where the query's own score falls short of the
    // bar by more than they can add, they are not looked up.
    double score_reaching(double bar) override {
        const double required = required_->score();
        return required + optional_max_ < bar ? required : with_optional(required);
    }
    double bound() override { return required_->bound() + optional_max_; }
    Xapian::doccount estimate() const override { return required_->estimate(); }

  private:
    double with_optional(double sum) {
        for (auto& c : optional_) {
            if (c->accepts(doc_)) sum += c->score();
        }
        return sum;
    }

    std::unique_ptr<Cursor> required_;
    std::vector<std::unique_ptr<Cursor>> optional_;
    double optional_max_ = 0;  ///< what the optional parts add at most
};

// The first child where none of the others matches.
class AndNotCursor final : public Cursor {
  public:
    AndNotCursor(std::unique_ptr<Cursor> kept, std::vector<std::unique_ptr<Cursor>> excluded)
        : kept_(std::move(kept)), excluded_(std::move(excluded)) {
        max_score_ = kept_->max_score();
    }

    void next() override {
        kept_->next();
        skip_excluded();
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        kept_->seek(target);
        skip_excluded();
    }
    double score() override { return kept_->score(); }
    double bound() override { return kept_->bound(); }
    Xapian::doccount estimate() const override { return kept_->estimate(); }

  private:
    void skip_excluded() {
        while (kept_->doc() != kEnd && excluded(kept_->doc())) kept_->next();
        doc_ = kept_->doc();
    }
    bool excluded(Xapian::docid d) {
        for (auto& c : excluded_) {
            if (c->accepts(d)) return true;
        }
        return false;
    }

    std::unique_ptr<Cursor> kept_;
    std::vector<std::unique_ptr<Cursor>> excluded_;
};

// Words one after another: documents holding every word, confirmed by the token stream.
class PhraseCursor final : public Cursor {
  public:
    PhraseCursor(const MatchContext& c, const Plan& plan)
        : table_(c.table),
          check_(plan.words),
          words_(plan.words),
          phrase_in_text_(c.phrase_in_text),
          memo_(c.phrases && plan.words.size() > 1 ? &c.phrases->answers(plan.words) : nullptr) {
        for (const auto& w : plan.words) {
            terms_.push_back(
                std::make_unique<TermCursor>(c, schema::term(schema::kWordPrefix, w), plan.role));
            max_score_ += terms_.back()->max_score();
        }
        // The rarest word leads the intersection, and the check looks for its places first
        // ("make" in "make the").
        for (auto& t : terms_) order_.push_back(t.get());
        std::stable_sort(
            order_.begin(), order_.end(),
            [](const TermCursor* a, const TermCursor* b) { return a->estimate() < b->estimate(); });
        const auto rarest = std::find_if(terms_.begin(), terms_.end(),
                                         [&](const auto& t) { return t.get() == order_.front(); });
        check_ = schema::PhraseCheck(plan.words, static_cast<std::size_t>(rarest - terms_.begin()));
    }

    void next() override {
        if (doc_ == kEnd) return;
        order_.front()->next();
        confirm();
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        order_.front()->seek(target);
        confirm();
    }
    double score() override {
        double sum = 0;  // in the phrase's order, as an AND of its words sums
        for (auto& t : terms_) sum += t->score();
        return sum;
    }
    Xapian::doccount estimate() const override { return order_.front()->estimate(); }

  private:
    // The paragraphs holding every word, leapfrogging on the words' own cursors (direct
    // calls: a phrase of common words has hundreds of thousands of candidates), until one
    // holds the phrase.
    void confirm() {
        TermCursor& lead = *order_.front();
        while (true) {
            Xapian::docid target = lead.doc();
            std::size_t i = 1;
            while (target != kEnd && i < order_.size()) {
                TermCursor& t = *order_[i];
                t.seek(target);
                if (t.doc() == target) {
                    ++i;
                    continue;
                }
                lead.seek(t.doc() == kEnd ? kEnd : t.doc());
                target = lead.doc();
                i = 1;
            }
            if (target == kEnd || holds_phrase(target)) {
                doc_ = target;
                return;
            }
            lead.next();
        }
    }
    bool holds_phrase(Xapian::docid d) {
        if (words_.size() < 2) return true;
        if (!memo_) return checks_phrase(d);
        if (const auto known = memo_->find(d, memo_place_)) return *known;
        const bool holds = checks_phrase(d);
        memo_->keep(d, holds);
        return holds;
    }
    bool checks_phrase(Xapian::docid d) {
        // The summaries are read in docid order from one array; a stream is a cache line
        // of its own.
        if (check_.has_common_pairs()) {
            const auto answer = check_.check_pairs(table_.stream_pairs(d));
            if (answer != schema::PhraseCheck::Result::Unknown)
                return answer == schema::PhraseCheck::Result::Match;
        }
        return detail::stream_holds_phrase(check_, table_, d, phrase_in_text_, words_);
    }

    const DocTable& table_;
    schema::PhraseCheck check_;
    std::vector<std::string> words_;
    std::function<bool(Xapian::docid, const std::vector<std::string>&)> phrase_in_text_;
    PhraseMemo::Answers* memo_;                       ///< null: no memo
    std::size_t memo_place_ = 0;                      ///< where memo_->find() last looked
    std::vector<std::unique_ptr<TermCursor>> terms_;  ///< in the phrase's order
    std::vector<TermCursor*> order_;                  ///< rarest first
};

// Words and phrases close together (NEAR, ADJ, "…"~N): the paragraphs holding a form of
// every part (each part an OR of its forms, phrases confirmed as PhraseCursor does), then
// the parts placed from the token stream and measured by the proximity rule. Scored as
// the parts' sum, as a phrase is of its words.
class NearCursor final : public Cursor {
  public:
    NearCursor(MatchContext& c, const Plan& plan)
        : table_(c.table), rule_(plan.proximity), terms_in_text_(c.terms_in_text) {
        std::vector<std::unique_ptr<Cursor>> parts;
        for (const Plan& part : plan.children) {
            parts.push_back(make_cursor(scored_as(part), c));
            forms_.emplace_back();
            for (const Plan& form : part.children) {
                std::vector<std::size_t> at;
                for (const auto& w : form.words) at.push_back(stem_index(w));
                forms_.back().push_back(std::move(at));
            }
        }
        for (const auto& stem : stems_)
            present_.push_back(std::make_unique<TermCursor>(
                c, schema::term(schema::kWordPrefix, stem), Role::Boolean));
        all_ = std::make_unique<AndCursor>(std::move(parts), plan.children.size());
        max_score_ = all_->max_score();
    }

    void next() override {
        if (doc_ == kEnd) return;
        all_->next();
        settle();
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        all_->seek(target);
        settle();
    }
    double score() override { return all_->score(); }
    double bound() override { return all_->bound(); }
    Xapian::doccount estimate() const override { return all_->estimate(); }

  private:
    // A part whose forms are single words (a word's stems in several languages, its
    // synonyms) weighs as one word, as the word searched alone does; phrase forms as their
    // words.
    static Plan scored_as(const Plan& part) {
        const bool words = std::all_of(part.children.begin(), part.children.end(),
                                       [](const Plan& f) { return f.words.size() == 1; });
        if (!words || part.children.empty()) return part;
        std::vector<Plan> leaves;
        for (const Plan& f : part.children)
            leaves.push_back(
                Plan::leaf(schema::term(schema::kWordPrefix, f.words.front()), f.role));
        if (leaves.size() == 1) return std::move(leaves.front());
        Plan synonym = Plan::of(Plan::Op::Synonym, std::move(leaves));
        synonym.role = part.children.front().role;
        return synonym;
    }
    std::size_t stem_index(const std::string& stem) {
        const auto it = std::find(stems_.begin(), stems_.end(), stem);
        if (it != stems_.end()) return static_cast<std::size_t>(it - stems_.begin());
        stems_.push_back(stem);
        return stems_.size() - 1;
    }
    void settle() {
        while (all_->doc() != kEnd && !holds(all_->doc())) all_->next();
        doc_ = all_->doc();
    }
    // Whether the paragraph holds the parts as the rule says. Only the stems it holds are
    // placed from its stream: an absent stem's code may be a present one's.
    bool holds(Xapian::docid d) {
        std::vector<std::string> held;
        std::vector<std::size_t> slot(stems_.size(), kAbsent);
        for (std::size_t i = 0; i < stems_.size(); ++i) {
            if (!present_[i]->accepts(d)) continue;
            slot[i] = held.size();
            held.push_back(stems_[i]);
        }
        if (!schema::stream_positions(table_.token_stream(d), held, positions_)) {
            if (!terms_in_text_) return false;
            positions_.assign(held.size(), {});
            const std::vector<std::string> text = terms_in_text_(d);
            for (std::size_t p = 0; p < text.size(); ++p) {
                const auto it = std::find(held.begin(), held.end(), text[p]);
                if (it != held.end())
                    positions_[static_cast<std::size_t>(it - held.begin())].push_back(
                        static_cast<std::uint32_t>(p + 1));
            }
        }
        places_.assign(forms_.size(), {});
        for (std::size_t part = 0; part < forms_.size(); ++part) {
            for (const auto& form : forms_[part]) place(form, slot, places_[part]);
            std::sort(places_[part].begin(), places_[part].end(),
                      [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
        }
        return within(places_, rule_);
    }
    // The places where the stems of `form` follow each other.
    void place(const std::vector<std::size_t>& form, const std::vector<std::size_t>& slot,
               std::vector<Occurrence>& out) const {
        for (const std::size_t s : form) {
            if (slot[s] == kAbsent) return;
        }
        for (const std::uint32_t start : positions_[slot[form.front()]]) {
            bool follows = true;
            for (std::size_t k = 1; follows && k < form.size(); ++k) {
                const auto& at = positions_[slot[form[k]]];
                follows =
                    std::binary_search(at.begin(), at.end(), start + static_cast<std::uint32_t>(k));
            }
            if (follows) out.push_back({start, static_cast<std::uint32_t>(form.size())});
        }
    }

    static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    const DocTable& table_;
    Proximity rule_;
    std::function<std::vector<std::string>(Xapian::docid)> terms_in_text_;
    std::unique_ptr<Cursor> all_;
    std::vector<std::string> stems_;                            ///< every form's stems, once
    std::vector<std::unique_ptr<TermCursor>> present_;          ///< one per stem
    std::vector<std::vector<std::vector<std::size_t>>> forms_;  ///< per part: stems_ indexes
    std::vector<std::vector<std::uint32_t>> positions_;         ///< per held stem
    std::vector<std::vector<Occurrence>> places_;               ///< per part
};

// Paragraphs of articles dated within a range (the table's dates, in memory).
class DateRangeCursor final : public Cursor {
  public:
    DateRangeCursor(const MatchContext& c, const Plan& plan)
        : table_(c.table),
          from_(plan.from.empty() ? 1 : DocTable::date_key(plan.from)),
          to_(plan.to.empty() ? 0xffffffff : DocTable::date_key(plan.to)),
          end_(c.table.end_docid()) {}

    void next() override {
        if (doc_ == kEnd) return;
        settle(doc_ + 1);
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        settle(target);
    }
    bool accepts(Xapian::docid target) override {
        doc_ = target;
        return target < end_ && in_range(target);
    }
    double score() override { return 0; }
    Xapian::doccount estimate() const override { return end_; }

  private:
    bool in_range(Xapian::docid d) {
        const std::uint32_t date = table_.date(d);
        return date != 0 && date >= from_ && date <= to_;
    }
    void settle(Xapian::docid from) {
        Xapian::docid d = from;
        while (d < end_ && !in_range(d)) ++d;
        doc_ = d < end_ ? d : kEnd;
    }

    const DocTable& table_;
    std::uint32_t from_, to_;
    Xapian::docid end_;
};

// Every document: Xapian's postings for the empty term list them all.
std::unique_ptr<Cursor> all_documents(const MatchContext& c) {
    return std::make_unique<TermCursor>(c, std::string(), Role::Boolean);
}

class NothingCursor final : public Cursor {
  public:
    NothingCursor() { doc_ = kEnd; }
    void next() override {}
    void seek(Xapian::docid) override {}
    double score() override { return 0; }
    Xapian::doccount estimate() const override { return 0; }
};

std::vector<std::unique_ptr<Cursor>> children_of(const Plan& plan, MatchContext& c,
                                                 std::size_t from = 0) {
    std::vector<std::unique_ptr<Cursor>> out;
    for (std::size_t i = from; i < plan.children.size(); ++i)
        out.push_back(make_cursor(plan.children[i], c));
    return out;
}

// The children of an OR, with ORs among them flattened: the score is the sum of what
// matches either way, and one level walks the postings with half the calls.
std::vector<std::unique_ptr<Cursor>> or_children(const Plan& plan, MatchContext& c) {
    std::vector<const Plan*> flat;
    std::vector<const Plan*> todo{&plan};
    while (!todo.empty()) {
        const Plan* p = todo.back();
        todo.pop_back();
        for (auto it = p->children.rbegin(); it != p->children.rend(); ++it) {
            if (it->op == Plan::Op::Or && !it->children.empty())
                todo.push_back(&*it);
            else
                flat.push_back(&*it);
        }
    }
    std::vector<std::unique_ptr<Cursor>> children;
    for (const Plan* p : flat) children.push_back(make_cursor(*p, c));
    return children;
}

}  // namespace

std::unique_ptr<Cursor> make_walking_cursor(const Plan& plan, MatchContext& c,
                                            Xapian::docid window) {
    if (CommonPairCursor::suits(plan, c)) return std::make_unique<CommonPairCursor>(c, plan);
    // Only its first child is walked (feedback's second pass: the query, with the added
    // words asked about its matches), so that child walks as the root would.
    if (plan.op == Plan::Op::AndMaybe && !plan.children.empty())
        return std::make_unique<AndMaybeCursor>(
            make_walking_cursor(plan.children.front(), c, window), children_of(plan, c, 1));
    if (plan.op != Plan::Op::Or) return make_cursor(plan, c);
    auto children = or_children(plan, c);
    // Windows pay off for several words with many postings (2-4-word queries: 15% faster).
    // Stepping is faster for one word (its text and title postings), for phrases and other
    // composite children (a window would score all their matches), and for fewer postings
    // than a window holds docids (rare words: 3-5% slower in windows).
    std::size_t words = 0;
    Xapian::doccount postings = 0;
    bool plain = children.size() <= WindowedOrCursor::kMaxChildren;
    for (const auto& child : children) {
        postings += child->estimate();
        if (dynamic_cast<const TermCursor*>(child.get()))
            ++words;
        else if (!dynamic_cast<const ArticleSetCursor*>(child.get()))
            plain = false;
    }
    if (!plain || words < 2 || postings < window)
        return std::make_unique<OrCursor>(std::move(children));
    return std::make_unique<WindowedOrCursor>(std::move(children), window);
}

std::unique_ptr<Cursor> make_cursor(const Plan& plan, MatchContext& c) {
    using Op = Plan::Op;
    switch (plan.op) {
        case Op::Term:
            return std::make_unique<TermCursor>(c, plan.term, plan.role, plan.boost);
        case Op::ArticleTerm:
            return std::make_unique<ArticleSetCursor>(c, std::vector<std::string>{plan.term},
                                                      plan.role);
        case Op::Synonym:
            if (plan.children.empty()) return std::make_unique<NothingCursor>();
            if (plan.children.front().op == Op::ArticleTerm) {
                std::vector<std::string> terms;
                for (const auto& child : plan.children) terms.push_back(child.term);
                return std::make_unique<ArticleSetCursor>(c, terms, plan.role);
            }
            return std::make_unique<SynonymCursor>(c, plan, plan.role);
        case Op::Phrase:
            if (plan.words.empty()) return std::make_unique<NothingCursor>();
            return std::make_unique<PhraseCursor>(c, plan);
        case Op::TitlePhrase:
            if (plan.words.empty()) return std::make_unique<NothingCursor>();
            return title_phrase_cursor(c, plan);
        case Op::Near:
            if (plan.children.empty()) return std::make_unique<NothingCursor>();
            return std::make_unique<NearCursor>(c, plan);
        case Op::And:
        case Op::Filter: {
            if (plan.children.empty()) return all_documents(c);
            auto children = children_of(plan, c);
            const std::size_t scored = plan.op == Op::And ? children.size() : 1;
            return std::make_unique<AndCursor>(std::move(children), scored);
        }
        case Op::Or: {
            if (plan.children.empty()) return std::make_unique<NothingCursor>();
            return std::make_unique<OrCursor>(or_children(plan, c));
        }
        case Op::AndMaybe:
            if (plan.children.empty()) return std::make_unique<NothingCursor>();
            return std::make_unique<AndMaybeCursor>(make_cursor(plan.children.front(), c),
                                                    children_of(plan, c, 1));
        case Op::AndNot:
            if (plan.children.empty()) return std::make_unique<NothingCursor>();
            return std::make_unique<AndNotCursor>(make_cursor(plan.children.front(), c),
                                                  children_of(plan, c, 1));
        case Op::DateRange:
            return std::make_unique<DateRangeCursor>(c, plan);
        case Op::All:
            return all_documents(c);
        case Op::Nothing:
            return std::make_unique<NothingCursor>();
    }
    return std::make_unique<NothingCursor>();
}

}  // namespace parley::match
