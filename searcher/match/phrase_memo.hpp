#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parley::match {

/// Which paragraphs hold a phrase, as one search found out, for the next pass of the same
/// search. Pseudo-relevance feedback runs the query twice (a first ranking, then the query
/// with the added words), and the second pass asks the same paragraphs about the same
/// phrases; answering from the first pass's checks, instead of reading each paragraph's
/// token stream again, is where feedback's cost on phrase queries went. Not thread-safe:
/// one search, one memo.
class PhraseMemo {
  public:
    /// The answers kept for one phrase, in docid order.
    class Answers {
      public:
        /// The answer kept for `doc`, if any. `hint` is the caller's place in the answers
        /// (start at 0): a cursor asks in docid order, so the next answer is usually at
        /// or just after the last one found, and no search is needed.
        std::optional<bool> find(Xapian::docid doc, std::size_t& hint) const;
        /// Keeps the answer for `doc`. Only answers past the last one kept are kept (a
        /// cursor checks in docid order; a second cursor of the same phrase, starting
        /// over, finds the first one's answers and checks the rest itself), and at most
        /// kMaxAnswers of them.
        void keep(Xapian::docid doc, bool holds);
        std::size_t size() const { return answers_.size(); }

        /// 8 bytes each: 32 MiB at most per phrase.
        static constexpr std::size_t kMaxAnswers = std::size_t{1} << 22;

      private:
        std::vector<std::uint64_t> answers_;  ///< docid << 1 | holds, ascending
    };

    /// The answers of the phrase made of `words` (its paragraph-word stems, in order).
    Answers& answers(const std::vector<std::string>& words) { return phrases_[words]; }

  private:
    std::map<std::vector<std::string>, Answers> phrases_;
};

}  // namespace parley::match
