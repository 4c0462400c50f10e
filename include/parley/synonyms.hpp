#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// Words and phrases a search treats as one: a query word in a group also finds the
/// group's other members, weighted as that one word (Searcher::set_synonyms).
///
/// File format (plain UTF-8, one group per line):
///
///     # a comment; blank lines are ignored
///     drills, exercises, manoeuvres, maneuvers
///     ceasefire, truce, armistice   # '#' after a space or tab also starts one
///     UN, United Nations
///
/// Members are separated by commas; a member of several words is a phrase. Case and
/// accents do not matter, and members are analysed like query words (so "drills" also
/// covers "drill"). A group needs two members; a word may belong to one group only.
/// A malformed line (also one of more than kMaxMembers members) is skipped and described
/// in problems() as `FILE:LINE: message`; the other lines are used. A file in UTF-16 or
/// holding NUL bytes gives no group and one problem, `FILE: message`.
class PARLEY_API Synonyms {
  public:
    /// Members of one group at most; a longer line is skipped and said in problems().
    static constexpr std::size_t kMaxMembers = 100;
    Synonyms() = default;
    /// Reads a synonyms file. Throws InputError naming the file if it cannot be read.
    static Synonyms from_file(const std::string& path);
    /// Parses synonyms text; `origin` names it in problems().
    static Synonyms from_text(std::string_view text, const std::string& origin = "<synonyms>");

    /// The groups read, each member as written (trimmed).
    const std::vector<std::vector<std::string>>& groups() const { return groups_; }
    /// One `ORIGIN:LINE: message` per skipped line or member, in file order.
    const std::vector<std::string>& problems() const { return problems_; }
    /// `ORIGIN:LINE` of group `i` of groups().
    std::string where(std::size_t i) const;
    bool empty() const { return groups_.empty(); }

  private:
    std::vector<std::vector<std::string>> groups_;
    std::vector<std::size_t> lines_;  // of each group
    std::string origin_;
    std::vector<std::string> problems_;
};

}  // namespace parley
