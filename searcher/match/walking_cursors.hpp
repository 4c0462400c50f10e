#pragma once

// Cursors the matcher's loop is instantiated for (matcher.cpp): with their definitions in
// sight and the classes final, the loop's calls to next(), bound() and score() are direct
// and inlined, which for an OR of words with tens of thousands of matches is a good part
// of the time. The other cursors stay private to cursors.cpp.

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <span>
#include <string>
#include <vector>

#include "match/cursors.hpp"
#include "schema/schema.hpp"
#include "schema/token_stream.hpp"

namespace parley::match::detail {

// One term's postings: a dense word's decoded from the PostingsCache, others through Xapian.
class TermCursor final : public Cursor {
  public:
    TermCursor(const MatchContext& c, const std::string& term, Role role, double boost = 1)
        : freq_(c.db.get_termfreq(term)),
          table_(c.table),
          weight_(c.weight),
          word_(c.weight.word(freq_, role)) {
        word_.factor = boost;
        max_score_ = weight_.max_score(word_);
        if (c.postings && !term.empty() && c.postings->worth(freq_, c.db.get_doccount()))
            decoded_ = c.postings->get(term, c.db, freq_);
        if (decoded_) {
            docs_ = decoded_->docs.data();
            wdfs_ = decoded_->wdfs.data();
            size_ = decoded_->docs.size();
        } else {
            it_ = c.db.postlist_begin(term);
        }
    }

    void next() override {
        if (doc_ == kEnd) return;
        if (docs_) {
            if (doc_ != 0) ++at_;
            doc_ = docs_[at_];  // the list ends with kEnd
            return;
        }
        if (doc_ != 0) ++it_;
        doc_ = it_ == end_ ? kEnd : *it_;
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        if (docs_) {
            // Galloping from the current place: a near target costs a few steps, a far one
            // a binary search.
            std::size_t low = at_, step = 1;
            while (low + step - 1 < size_ && docs_[low + step - 1] < target) {
                low += step;
                step *= 2;
            }
            at_ = static_cast<std::size_t>(
                std::lower_bound(docs_ + low, docs_ + std::min(size_, low + step), target) - docs_);
            doc_ = docs_[at_];
            return;
        }
        if (it_ != end_) it_.skip_to(target);
        doc_ = it_ == end_ ? kEnd : *it_;
    }
    double score() override {
        if (word_.role == Role::Boolean) return 0;
        return weight_.score(word_, wdf(), table_.length(doc_));
    }
    Xapian::doccount estimate() const override { return freq_; }

    Xapian::termcount wdf() const { return docs_ ? wdfs_[at_] : it_.get_wdf(); }
    /// The decoded postings it reads, or null (Xapian's).
    const DecodedPostings* decoded() const { return decoded_.get(); }
    const rank::CoordinateWeight::Word& word() const { return word_; }
    /// What the word adds to `doc` holding it `wdf` times (score() without the postings).
    double score_of(Xapian::termcount wdf, Xapian::docid doc) const {
        if (word_.role == Role::Boolean) return 0;
        return weight_.score(word_, wdf, table_.length(doc));
    }
    /// `visit(doc, wdf)` for each posting from the current one up to `end` (excluded),
    /// leaving the cursor on the first at or after `end`: the loop WindowedOrCursor fills a
    /// window with, without a call per posting.
    template <class Visit>
    void visit_below(Xapian::docid end, Visit&& visit) {
        if (docs_) {
            std::size_t at = at_;
            for (Xapian::docid d = doc_; d < end; d = docs_[++at]) visit(d, wdfs_[at]);
            at_ = at;
            doc_ = docs_[at];
            return;
        }
        for (Xapian::docid d = doc_; d < end; d = doc_) {
            visit(d, it_.get_wdf());
            next();
        }
    }

  private:
    Xapian::doccount freq_;
    const DocTable& table_;
    const rank::CoordinateWeight& weight_;
    rank::CoordinateWeight::Word word_;
    // Decoded postings (docs_ set), or Xapian's.
    std::shared_ptr<const DecodedPostings> decoded_;
    const Xapian::docid* docs_ = nullptr;
    const DecodedPostings::Wdf* wdfs_ = nullptr;
    std::size_t size_ = 0, at_ = 0;
    Xapian::PostingIterator it_;
    const Xapian::PostingIterator end_;
};

// An OR walked from first to last document only (the plan's root, under the matcher), in
// windows of docids: each child in turn marks its matches in the window's slots, then the
// window is read in order. Stepping every child at every document costs unpredictable
// branches; a tight loop per child does not. A word's matches keep their wdf and are scored
// only when the bound (the maxima of the words present) can reach the best so far, as
// OrCursor scores them; other children are scored as they are read. Sums run in child
// order, as OrCursor's do, so both give the same values.
class WindowedOrCursor final : public Cursor {
  public:
    /// At most kMaxChildren children (one bit each).
    static constexpr std::size_t kMaxChildren = 32;

    WindowedOrCursor(std::vector<std::unique_ptr<Cursor>> children, Xapian::docid window)
        : children_(std::move(children)),
          window_(std::max<Xapian::docid>(1, window)),
          words_(children_.size(), nullptr),
          maxima_(children_.size(), 0),
          wdfs_(children_.size()),
          scores_(children_.size()) {
        for (std::size_t i = 0; i < children_.size(); ++i) {
            estimate_ += children_[i]->estimate();
            maxima_[i] = children_[i]->max_score();
            max_score_ += maxima_[i];
            words_[i] = dynamic_cast<TermCursor*>(children_[i].get());
            if (words_[i])
                wdfs_[i] = std::make_unique_for_overwrite<Xapian::termcount[]>(window_);
            else
                scores_[i] = std::make_unique_for_overwrite<double[]>(window_);
        }
        matched_.assign((window_ + 63) / 64, 0);
        // Slots are written when a fill first reaches them and read only after: no zeroing,
        // which would cost a rare-word query more than its matching.
        present_ = std::make_unique_for_overwrite<std::uint32_t[]>(window_);
        bounds_ = std::make_unique_for_overwrite<double[]>(window_);
    }

    void next() override {
        if (doc_ == kEnd) return;
        if (doc_ == 0) {
            for (auto& c : children_) c->next();
            fill();
            advance(0);
            return;
        }
        advance(doc_ - base_ + 1);
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        if (doc_ == 0 || target - base_ >= window_) {
            std::fill(matched_.begin(), matched_.end(), 0);
            for (auto& c : children_) c->seek(target);
            fill();
        }
        advance(target > base_ ? target - base_ : 0);
    }
    double score() override {
        double sum = 0;
        for (std::uint32_t bits = present_[slot_]; bits; bits &= bits - 1) {
            const auto i = static_cast<std::size_t>(__builtin_ctz(bits));
            sum += words_[i] ? words_[i]->score_of(wdfs_[i][slot_], doc_) : scores_[i][slot_];
        }
        return sum;
    }
    double bound() override { return bounds_[slot_]; }
    Xapian::doccount estimate() const override { return estimate_; }

    /// next(), passing over the matches whose bound is below `bar`: `pass(doc)` sees each
    /// of them (to count it) and returns true, or false to stop there (a match the caller
    /// must see whatever its score). Reads the window's bitset and bounds without stopping
    /// at every match, which is what an exact total of a wide OR mostly does. Its scan is
    /// advance()'s with the bar added; one template for both measured 2% slower.
    template <class Pass>
    void next_reaching(double bar, Pass&& pass) {
        if (doc_ == kEnd) return;
        if (doc_ == 0) return next();
        Xapian::docid from = doc_ - base_ + 1;
        while (base_ != kEnd) {
            for (std::size_t w = from / 64; w < matched_.size(); ++w) {
                std::uint64_t bits = matched_[w];
                if (w == from / 64 && from % 64) bits &= ~std::uint64_t{0} << (from % 64);
                for (; bits; bits &= bits - 1) {
                    const auto slot = static_cast<Xapian::docid>(
                        w * 64 + static_cast<unsigned>(__builtin_ctzll(bits)));
                    if (bounds_[slot] < bar && pass(base_ + slot)) continue;
                    matched_[w] = bits & (bits - 1);
                    slot_ = slot;
                    doc_ = base_ + slot;
                    return;
                }
                matched_[w] = 0;
            }
            std::fill(matched_.begin(), matched_.end(), 0);  // slots a seek passed over
            fill();
            from = 0;
        }
        doc_ = kEnd;
    }

  private:
    // The next window: from the smallest document any child stands on.
    void fill() {
        Xapian::docid least = kEnd;
        for (auto& c : children_) least = std::min(least, c->doc());
        base_ = least;
        if (least == kEnd) return;
        const Xapian::docid end = base_ > kEnd - window_ ? kEnd : base_ + window_;
        for (std::size_t i = 0; i < children_.size(); ++i) {
            Cursor& c = *children_[i];
            const std::uint32_t bit = std::uint32_t{1} << i;
            // A slot is started (cleared) by the first child to reach it.
            const auto mark = [&](Xapian::docid slot) {
                std::uint64_t& word = matched_[slot / 64];
                const std::uint64_t mask = std::uint64_t{1} << (slot % 64);
                if (!(word & mask)) {
                    word |= mask;
                    present_[slot] = 0;
                    bounds_[slot] = 0;
                }
                present_[slot] |= bit;
            };
            if (TermCursor* const w = words_[i]) {
                Xapian::termcount* const wdfs = wdfs_[i].get();
                const double maximum = maxima_[i];
                w->visit_below(end, [&](Xapian::docid d, Xapian::termcount wdf) {
                    const Xapian::docid slot = d - base_;
                    mark(slot);
                    wdfs[slot] = wdf;
                    bounds_[slot] += maximum;
                });
                continue;
            }
            for (Xapian::docid d = c.doc(); d < end; d = c.doc()) {
                const Xapian::docid slot = d - base_;
                mark(slot);
                scores_[i][slot] = c.score();
                bounds_[slot] += scores_[i][slot];
                c.next();
            }
        }
    }
    // To the first matched slot at or after `from`, reading further windows as they run out.
    void advance(Xapian::docid from) {
        while (base_ != kEnd) {
            for (std::size_t w = from / 64; w < matched_.size(); ++w) {
                std::uint64_t bits = matched_[w];
                if (w == from / 64 && from % 64) bits &= ~std::uint64_t{0} << (from % 64);
                if (!bits) continue;
                slot_ = static_cast<Xapian::docid>(w * 64 +
                                                   static_cast<unsigned>(__builtin_ctzll(bits)));
                matched_[w] &= ~(std::uint64_t{1} << (slot_ % 64));
                doc_ = base_ + slot_;
                return;
            }
            std::fill(matched_.begin(), matched_.end(), 0);  // slots a seek passed over
            fill();
            from = 0;
        }
        doc_ = kEnd;
    }

    std::vector<std::unique_ptr<Cursor>> children_;
    Xapian::docid window_;            ///< docids per window
    std::vector<TermCursor*> words_;  ///< the children that are single words, else null
    std::vector<double> maxima_;
    std::vector<std::unique_ptr<Xapian::termcount[]>> wdfs_;  ///< per word child, per slot
    std::vector<std::unique_ptr<double[]>> scores_;           ///< per other child, per slot
    Xapian::doccount estimate_ = 0;
    Xapian::docid base_ = 0;
    Xapian::docid slot_ = 0;
    std::vector<std::uint64_t> matched_;        ///< per slot: some child matches it (bitset)
    std::unique_ptr<std::uint32_t[]> present_;  ///< per slot: which children match it
    /// Per slot: the maxima of the words present and the other children's scores, summed in
    /// child order as score() sums, so never below the score.
    std::unique_ptr<double[]> bounds_;
};

// Whether paragraph `d`, which holds every word of a phrase, holds the phrase: its token
// stream tells, or, for the rare stream that cannot, its text (`in_text`).
inline bool stream_holds_phrase(
    const schema::PhraseCheck& check, const DocTable& table, Xapian::docid d,
    const std::function<bool(Xapian::docid, const std::vector<std::string>&)>& in_text,
    const std::vector<std::string>& words) {
    switch (check.check(table.token_stream(d))) {
        case schema::PhraseCheck::Result::Match:
            return true;
        case schema::PhraseCheck::Result::NoMatch:
            return false;
        case schema::PhraseCheck::Result::Unknown:
            break;
    }
    return in_text && in_text(d, words);
}

// A phrase of two words making one common pair ("of the", "in the"), walked from first to
// last document only (the plan's root). Most paragraphs of English hold such a phrase, so
// leapfrogging the two words' postings and scoring every match was nearly all of its cost.
// The paragraphs' pair summaries answer it exactly (token_stream.hpp): the cursor reads
// that one column in docid order and positions the words only to score. Scores are the sum
// of the two words', as PhraseCursor gives. Its bound is the best score in the match's
// block of docids (64; PairBounds), so an exact total passes the other matches without
// scoring them, whole blocks at a time from PairBlocks; and floor() finds the page's bar
// before the walk starts. A paragraph without a summary is checked as PhraseCursor checks it.
class CommonPairCursor final : public Cursor {
  public:
    /// Whether `plan` (a Phrase) can be walked so in `c`: two words making a common pair,
    /// and summaries for nearly every paragraph.
    static bool suits(const Plan& plan, const MatchContext& c) {
        if (plan.op != Plan::Op::Phrase || plan.words.size() != 2) return false;
        if (!c.table.loaded(DocTable::kStreams)) return false;
        if (!schema::PhraseCheck(plan.words).decided_by_pairs()) return false;
        // Not on an index written before summaries: each such paragraph would need its
        // words positioned, which PhraseCursor's leapfrog does better.
        return c.table.unknown_pairs() * 16 <= c.table.stream_pairs_column().size();
    }

    CommonPairCursor(MatchContext& c, const Plan& plan)
        : table_(c.table),
          check_(plan.words),
          words_(plan.words),
          phrase_in_text_(c.phrase_in_text),
          pairs_(c.table.stream_pairs_column()),
          mask_(check_.pair_bits()) {
        for (const auto& w : plan.words) {
            terms_.push_back(
                std::make_unique<TermCursor>(c, schema::term(schema::kWordPrefix, w), plan.role));
            max_score_ += terms_.back()->max_score();
        }
        // Per block: how many match, their articles, and their best score (exact: the
        // words' maxima may come from different paragraphs, and for "to the" in 1,000,000
        // paragraphs such a bound let 9,000 matches be scored). Both words decoded, and
        // lengths and articles loaded, or none of it.
        const DecodedPostings* first = terms_[0]->decoded();
        const DecodedPostings* second = terms_[1]->decoded();
        if (c.postings && first && second && c.table.loaded(DocTable::kLengths) &&
            c.table.loaded(DocTable::kArticles)) {
            pair_blocks_ = c.postings->pair_blocks(mask_, c.table);
            bounds_ = c.postings->pair_bounds(
                mask_, {first, second}, {terms_[0]->word(), terms_[1]->word()}, c.table, c.weight);
            shift_ = c.postings->block_shift();
        }
    }

    void next() override {
        if (doc_ == kEnd) return;
        settle(doc_ + 1);
    }
    void seek(Xapian::docid target) override {
        if (doc_ >= target && doc_ != 0) return;
        settle(std::max<Xapian::docid>(target, 1));
    }
    double score() override {
        double sum = 0;  // in the phrase's order, as PhraseCursor sums
        for (auto& t : terms_) {
            t->seek(doc_);
            sum += t->score();
        }
        return sum;
    }
    double bound() override { return bound_of(doc_); }
    Xapian::doccount estimate() const override {
        return std::min(terms_.front()->estimate(), terms_.back()->estimate());
    }

    /// next(), passing over the matches whose block cannot reach `bar`, as
    /// WindowedOrCursor::next_reaching() does; nothing positions the words.
    template <class Pass>
    void next_reaching(double bar, Pass&& pass) {
        if (doc_ == kEnd) return;
        for (Xapian::docid d = next_candidate(doc_ + 1); d != kEnd; d = next_candidate(d + 1)) {
            if (!holds(d)) continue;
            if (bound_of(d) < bar && pass(d)) continue;
            doc_ = d;
            return;
        }
        doc_ = kEnd;
    }

    /// A score that `keep` matches not set aside reach, found by scoring the matches of the
    /// blocks with the highest bounds first (PairBounds::highest) until no other block can
    /// beat the `keep`-th best: the matcher passes everything below it from the start, where
    /// walking in docid order scored every match until good ones had been met (9,000 of 142,000 for
    /// "of the" in 200,000 paragraphs). 0 when not known.
    double floor(std::size_t keep, const std::vector<bool>* set_aside) const {
        if (keep == 0 || !bounds_) return 0;
        std::priority_queue<double, std::vector<double>, std::greater<>> best;  // worst on top
        const std::size_t n = pairs_.size();
        for (const std::uint32_t b : bounds_->highest) {
            if (best.size() == keep && bounds_->bound[b] < best.top()) break;
            const std::size_t first = std::size_t{b} << shift_;
            const std::size_t end = std::min(n, first + (std::size_t{1} << shift_));
            // Each word's postings in the block, walked along with the docids.
            std::array<const Xapian::docid*, 2> at{};
            for (std::size_t t = 0; t < 2; ++t) {
                const auto& docs = terms_[t]->decoded()->docs;
                at[t] = std::lower_bound(docs.data(), docs.data() + docs.size(),
                                         static_cast<Xapian::docid>(first));
            }
            for (std::size_t d = first; d < end; ++d) {
                const std::uint64_t p = pairs_[d];
                // Paragraphs without a summary are left to the walk: a floor from fewer
                // matches is lower, never wrong.
                if (p == schema::kUnknownPairs || (p & mask_) != mask_) continue;
                if (set_aside && d < set_aside->size() && (*set_aside)[d]) continue;
                double score = 0;  // as score() sums
                bool both = true;
                for (std::size_t t = 0; t < 2; ++t) {
                    const DecodedPostings& postings = *terms_[t]->decoded();
                    while (*at[t] < d) ++at[t];  // the lists end with kEnd
                    both = both && *at[t] == d;
                    score += terms_[t]->score_of(postings.wdfs[at[t] - postings.docs.data()],
                                                 static_cast<Xapian::docid>(d));
                }
                if (!both) continue;  // a summary the postings disagree with: not counted on
                if (best.size() < keep) {
                    best.push(score);
                } else if (score > best.top()) {
                    best.pop();
                    best.push(score);
                }
            }
        }
        // The keep-th best of some of the matches: never above the keep-th best of all.
        return best.size() == keep ? best.top() : 0;
    }

    /// The same, counting a whole block whose bound is below `bar` in one step where
    /// `pass_block(count, first_article, last_article, article_changes, first, end,
    /// matches)` agrees (PairBlocks::Block's figures for docids [first, end), and whether a
    /// docid of it matches); where it returns false, the block's matches go to `pass` one by
    /// one.
    template <class Pass, class PassBlock>
    void next_reaching(double bar, Pass&& pass, PassBlock&& pass_block) {
        if (doc_ == kEnd) return;
        if (!bounds_) return next_reaching(bar, pass);
        const std::size_t n = pairs_.size();
        const auto& blocks = pair_blocks_->blocks;
        std::size_t d = std::size_t{doc_} + 1;
        while (d < n) {
            const std::size_t b = d >> shift_;
            const std::size_t end = std::min(n, (b + 1) << shift_);
            const bool below = b < bounds_->bound.size() && bounds_->bound[b] < bar;
            if (below && d == b << shift_ && b < blocks.size() && blocks[b].certain) {
                const PairBlocks::Block& block = blocks[b];
                const auto matches = [&block, d](Xapian::docid doc) {
                    return ((block.holds >> (doc - d)) & 1) != 0;
                };
                if (block.count == 0 ||
                    pass_block(block.count, block.first_article, block.last_article,
                               block.article_changes, static_cast<Xapian::docid>(d),
                               static_cast<Xapian::docid>(end), matches)) {
                    d = end;
                    continue;
                }
            }
            for (; d < end; ++d) {
                if ((pairs_[d] & mask_) != mask_ || !holds(static_cast<Xapian::docid>(d))) continue;
                if (below && pass(static_cast<Xapian::docid>(d))) continue;
                doc_ = static_cast<Xapian::docid>(d);
                return;
            }
        }
        doc_ = kEnd;
    }

  private:
    double bound_of(Xapian::docid d) const {
        const std::size_t block = d >> shift_;
        return bounds_ && block < bounds_->bound.size() ? bounds_->bound[block] : max_score_;
    }
    // The first docid at or after `from` whose summary has the pair's bits (or is unknown).
    Xapian::docid next_candidate(Xapian::docid from) const {
        const std::size_t n = pairs_.size();
        for (std::size_t d = from; d < n; ++d)
            if ((pairs_[d] & mask_) == mask_) return static_cast<Xapian::docid>(d);
        return kEnd;
    }
    bool holds(Xapian::docid d) {
        if (pairs_[d] != schema::kUnknownPairs) return true;
        // No summary: the paragraph must hold both words before its stream can tell.
        for (auto& t : terms_) {
            t->seek(d);
            if (t->doc() != d) return false;
        }
        return stream_holds_phrase(check_, table_, d, phrase_in_text_, words_);
    }
    void settle(Xapian::docid from) {
        for (Xapian::docid d = next_candidate(from); d != kEnd; d = next_candidate(d + 1)) {
            if (holds(d)) {
                doc_ = d;
                return;
            }
        }
        doc_ = kEnd;
    }

    const DocTable& table_;
    schema::PhraseCheck check_;
    std::vector<std::string> words_;
    std::function<bool(Xapian::docid, const std::vector<std::string>&)> phrase_in_text_;
    std::span<const std::uint64_t> pairs_;
    std::uint64_t mask_;
    std::vector<std::unique_ptr<TermCursor>> terms_;  ///< in the phrase's order
    std::shared_ptr<const PairBlocks> pair_blocks_;   ///< null: count match by match
    std::shared_ptr<const PairBounds> bounds_;        ///< null: max_score_ everywhere
    unsigned shift_ = kBlockShift;                    ///< a block is docid >> shift_
};

}  // namespace parley::match::detail
