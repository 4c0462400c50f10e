#include "query/expansions.hpp"

#include <algorithm>

namespace parley::query {
namespace {

std::string key_of(const SynonymTable::Member& terms) {
    std::string key;
    for (const auto& t : terms) key += (key.empty() ? "" : " ") + t;
    return key;
}

}  // namespace

SynonymTable::SynonymTable(const Synonyms& synonyms, Analyzer& analyzer) {
    // Where each analysed member was first met: its group's line and its spelling there.
    std::unordered_map<std::string, std::pair<std::string, std::string>> first_seen;
    for (std::size_t g = 0; g < synonyms.groups().size(); ++g) {
        const std::string where = synonyms.where(g);
        Group analysed;
        std::string same;  // "'drill' and 'drills'": members of this group that are one word
        for (const auto& text : synonyms.groups()[g]) {
            Member terms;
            for (const Token& t : analyzer.analyze(text)) {
                if (t.kind != Token::Kind::Compound) terms.push_back(t.term);
            }
            if (terms.empty()) {
                problems_.push_back(where + ": '" + text +
                                    "' holds no word a search reads (only punctuation or "
                                    "symbols); left out");
                continue;
            }
            const std::string key = key_of(terms);
            const auto [seen, fresh] = first_seen.emplace(key, std::make_pair(where, text));
            if (!fresh) {
                if (seen->second.first != where) {
                    problems_.push_back(where + ": '" + text + "' is the same word as '" +
                                        seen->second.second + "' of " + seen->second.first +
                                        " once analysed (a word belongs to one group; merge "
                                        "the lines); left out");
                } else if (same.empty()) {  // in its own group: one word twice
                    same = "'" + seen->second.second + "' and '" + text + "' are one word";
                }
                continue;
            }
            group_by_key_.emplace(key, groups_.size());
            analysed.members.push_back(std::move(terms));
            analysed.written.push_back(text);
        }
        if (analysed.members.size() < 2) {
            for (const auto& m : analysed.members) group_by_key_.erase(key_of(m));
            // Say what is left and why: the reason given above, or the words that are one.
            std::string left = analysed.written.empty()
                                   ? "no member is left"
                                   : "only '" + analysed.written.front() + "' is left";
            problems_.push_back(where + ": " + left + " once analysed" +
                                (same.empty() ? "" : " (" + same + ")") +
                                "; the group expands nothing");
            continue;
        }
        for (const auto& m : analysed.members) longest_ = std::max(longest_, m.size());
        groups_.push_back(std::move(analysed));
    }
}

const SynonymTable::Group* SynonymTable::group_of(const Member& terms) const {
    const auto it = group_by_key_.find(key_of(terms));
    return it == group_by_key_.end() ? nullptr : &groups_[it->second];
}

bool SynonymTable::holds_word(const std::string& term) const {
    for (const auto& group : groups_) {
        for (const auto& member : group.members) {
            if (std::find(member.begin(), member.end(), term) != member.end()) return true;
        }
    }
    return false;
}

EntityNames::EntityNames(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
    for (const auto& e : gazetteer.entries()) {
        const auto english = e.capitals_by_language.find("en");
        if (english == e.capitals_by_language.end()) continue;
        for (const auto& capital : english->second)
            actor_by_capital_.emplace(fold_name(capital), e.name);
    }
}

std::optional<std::string> EntityNames::actor(std::string_view name) const {
    if (auto actor = gazetteer_.canonical_actor(name)) return actor;
    const auto it = actor_by_capital_.find(fold_name(name));
    if (it == actor_by_capital_.end()) return std::nullopt;
    return it->second;
}

}  // namespace parley::query
