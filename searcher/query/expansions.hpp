#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "parley/synonyms.hpp"

namespace parley::query {

/// A synonyms file analysed like query words: each member is its stemmed terms (one for a
/// word, several for a phrase), so "Drills" in a query finds the group of "drills".
class SynonymTable {
  public:
    using Member = std::vector<std::string>;  ///< stemmed terms; several: a phrase
    struct Group {
        std::vector<Member> members;
        std::vector<std::string> written;  ///< each member as the file gives it
    };

    SynonymTable() = default;
    /// Analyses every member; a member that is, once analysed, a member of an earlier
    /// group, or a group left with one member, is left out and said in problems().
    SynonymTable(const Synonyms& synonyms, Analyzer& analyzer);

    /// The group holding the member with these terms, or nullptr.
    const Group* group_of(const Member& terms) const;
    bool empty() const { return groups_.empty(); }
    /// Whether a member holds the word with stem `term`: a word of the file, which a
    /// spelling correction leaves as it is, held by the index or not.
    /// Looks through every member: for the few words a correction looks at, not per query.
    bool holds_word(const std::string& term) const;
    /// The most words a member has (1 when every member is one word; 0 when empty): how
    /// many query words in a row can make a member.
    std::size_t longest_member() const { return longest_; }
    /// `ORIGIN:LINE: message` for each member or group analysis left out.
    const std::vector<std::string>& problems() const { return problems_; }

  private:
    std::vector<Group> groups_;
    std::vector<std::string> problems_;
    std::unordered_map<std::string, std::size_t> group_by_key_;  // terms joined by ' '
    std::size_t longest_ = 0;
};

/// The actor a query word or phrase names: a canonical name, an alias or an English
/// capital used as a metonym ("Kremlin", "Beijing", "Pentagon" → Russia, China, United
/// States). Case, accents and punctuation do not matter.
class EntityNames {
  public:
    explicit EntityNames(const Gazetteer& gazetteer);
    std::optional<std::string> actor(std::string_view name) const;

  private:
    const Gazetteer& gazetteer_;
    std::unordered_map<std::string, std::string> actor_by_capital_;  // fold_name → canonical
};

}  // namespace parley::query
