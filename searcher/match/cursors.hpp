#pragma once

#include <xapian.h>

#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "match/doc_table.hpp"
#include "match/phrase_memo.hpp"
#include "match/plan.hpp"
#include "match/postings_cache.hpp"
#include "rank/coordinate_weight.hpp"

namespace parley::match {

/// Past the last document: where an exhausted cursor stands.
inline constexpr Xapian::docid kEnd = std::numeric_limits<Xapian::docid>::max();

/// Walks the documents a plan node matches, in docid order, and scores them. Cursors read
/// Xapian's posting lists directly: no Enquire, no Xapian::Weight, so matching and exact
/// counting cost what reading the postings costs.
class Cursor {
  public:
    virtual ~Cursor() = default;
    /// The current document: 0 before the first call to next() or seek(), kEnd at the end.
    Xapian::docid doc() const { return doc_; }
    /// To the next matching document.
    virtual void next() = 0;
    /// To the first matching document at or after `target`; never backwards.
    virtual void seek(Xapian::docid target) = 0;
    /// Whether `target` (at or after doc()) matches; leaves the cursor at or after it.
    /// Cheaper than seek() for cursors that can test a document without searching on.
    virtual bool accepts(Xapian::docid target) {
        seek(target);
        return doc_ == target;
    }
    /// The score of the current document (0 for filters).
    virtual double score() = 0;
    /// score() when it can reach `bar`; otherwise it may return any value below `bar`,
    /// found for less (the matcher drops a match below its bar whatever its score).
    virtual double score_reaching(double bar) {
        (void)bar;
        return score();
    }
    /// A score no document can exceed here (0 for filters).
    double max_score() const { return max_score_; }
    /// A score the current document cannot exceed, cheaper than score(): the matcher
    /// skips scoring a match whose bound cannot reach its best so far. With words-first
    /// ranking the bound counts the query words present, which is what decides.
    virtual double bound() { return max_score_; }
    /// At most this many documents match; orders the parts of an AND.
    virtual Xapian::doccount estimate() const = 0;

  protected:
    Xapian::docid doc_ = 0;
    double max_score_ = 0;
};

/// What building cursors needs from the index being searched.
struct MatchContext {
    const Xapian::Database& db;
    const DocTable& table;
    const rank::CoordinateWeight& weight;
    /// Checks a phrase (its Z terms, without prefix) against a paragraph's text, for the
    /// rare paragraph whose token stream cannot tell (see token_stream.hpp).
    std::function<bool(Xapian::docid, const std::vector<std::string>&)> phrase_in_text;
    /// Decoded postings of dense words, kept between searches; null: read all from Xapian.
    PostingsCache* postings = nullptr;
    /// Phrase checks kept for a later pass of the same search (feedback's second pass);
    /// null: every check reads the paragraph.
    PhraseMemo* phrases = nullptr;
    /// Checks a phrase (stems) against the title of the article whose first paragraph is
    /// the docid. Empty: titles hold no phrase.
    std::function<bool(Xapian::docid, const std::vector<std::string>&)> phrase_in_title;
    /// A paragraph's word terms in position order, analysed again from its text: for the
    /// rare paragraph whose token stream cannot place a proximity query's words. Empty:
    /// such a paragraph does not match.
    std::function<std::vector<std::string>(Xapian::docid)> terms_in_text;
};

/// The cursor tree of a plan. Throws Xapian errors from the index.
std::unique_ptr<Cursor> make_cursor(const Plan& plan, MatchContext& context);

/// The same, for a cursor walked from its first document to its last (the matcher's root;
/// seek() works too, but is not what it is made for): an OR of several words is read in
/// windows of `window` docids, each word's postings in one tight loop.
inline constexpr Xapian::docid kWalkingWindow = 4096;
std::unique_ptr<Cursor> make_walking_cursor(const Plan& plan, MatchContext& context,
                                            Xapian::docid window = kWalkingWindow);

}  // namespace parley::match
