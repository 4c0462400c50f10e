#pragma once

// Cursors the matcher's loop is instantiated for (matcher.cpp): with their definitions in
// sight and the classes final, the loop's calls to next(), bound() and score() are direct
// and inlined, which for an OR of words with tens of thousands of matches is a good part
// of the time. The other cursors stay private to cursors.cpp.

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "match/cursors.hpp"

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
    /// of them (to count it). Reads the window's bitset and bounds without stopping at
    /// every match, which is what an exact total of a wide OR mostly does. Its scan is
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
                    if (bounds_[slot] < bar) {
                        pass(base_ + slot);
                        continue;
                    }
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

}  // namespace parley::match::detail
