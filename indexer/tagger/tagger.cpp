#include "tagger/tagger.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "analysis/normalizer.hpp"

namespace parley {
namespace {

// Words that make a capitalised run an institution's name rather than a place.
constexpr std::array<std::string_view, 14> kInstitutionWords{
    "University", "College", "Institute",  "Institution", "Academy", "School",      "Museum",
    "Hospital",   "Library", "Foundation", "Centre",      "Center",  "Polytechnic", "Conservatory"};

// Lower-case words allowed inside a proper name ("University of Dhaka").
constexpr std::array<std::string_view, 6> kNameConnectors{"of", "for", "and", "the", "on", "de"};

bool starts_upper(std::string_view word) {
    return !word.empty() && word.front() >= 'A' && word.front() <= 'Z';
}

bool starts_upper_any(std::string_view word) {
    if (word.empty()) return false;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// The letters that decide case: dots of "U.S." and a possessive "'s" removed.
std::string case_letters(std::string_view word) {
    for (std::string_view suffix : {"'s", "\u2019s", "'", "\u2019"}) {
        if (word.size() > suffix.size() && word.substr(word.size() - suffix.size()) == suffix) {
            word.remove_suffix(suffix.size());
            break;
        }
    }
    std::string out;
    for (char c : word) {
        if (c != '.') out += c;
    }
    return out;
}

bool is_connector(std::string_view word) {
    return std::find(kNameConnectors.begin(), kNameConnectors.end(), word) != kNameConnectors.end();
}

bool is_institution(std::string_view word) {
    return std::find(kInstitutionWords.begin(), kInstitutionWords.end(), word) !=
           kInstitutionWords.end();
}

bool only_spaces(std::string_view gap) {
    return std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '\t'; });
}

}  // namespace

Tagger::Tagger(const Gazetteer& gazetteer) : gazetteer_(gazetteer), topics_(gazetteer) {
    Analyzer english("en");
    for (const auto& entry : gazetteer.entries()) {
        if (entry.kind == GazetteerEntry::Kind::Topic) continue;  // see TopicTagger
        const bool block = entry.kind == GazetteerEntry::Kind::Block;
        std::int32_t target = -1;
        if (!block) {
            target = static_cast<std::int32_t>(names_.size());
            names_.push_back(entry.name);
        }
        auto& patterns = actor_patterns_;
        auto& index = actor_index_;
        const bool is_state = entry.kind == GazetteerEntry::Kind::State;
        add_pattern(english, entry.name, target, is_state, patterns, index);
        for (const auto& alias : entry.aliases) {
            add_pattern(english, alias, target, is_state, patterns, index);
        }
    }
}

void Tagger::add_pattern(Analyzer& english, std::string_view alias, std::int32_t target,
                         bool is_state, std::vector<Pattern>& patterns, Index& index) {
    Pattern p;
    p.target = target;
    p.is_state = is_state;
    for (const Token& t : english.analyze(alias)) {
        if (t.kind == Token::Kind::Compound) continue;  // patterns match word by word
        const std::string_view original = alias.substr(t.begin, t.end - t.begin);
        p.stems.push_back(t.term);
        p.cases.push_back(analysis::is_all_caps(case_letters(original)) ? CaseRule::AllCaps
                          : starts_upper_any(original)                  ? CaseRule::Capitalised
                                                                        : CaseRule::Any);
    }
    if (p.stems.empty()) return;
    index[p.stems.front()].push_back(static_cast<std::uint32_t>(patterns.size()));
    patterns.push_back(std::move(p));
}

ParagraphTags Tagger::tag(std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<std::string_view>& stems) const {
    std::vector<const Token*> words;
    std::vector<std::string_view> word_stems;
    words.reserve(tokens.size());
    word_stems.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind == Token::Kind::Compound) continue;
        words.push_back(&tokens[i]);
        word_stems.push_back(stems[i]);
    }
    ParagraphTags tags;
    match(text, words, word_stems, actor_patterns_, actor_index_, true, tags.actors);
    std::sort(tags.actors.begin(), tags.actors.end());
    tags.actors.erase(std::unique(tags.actors.begin(), tags.actors.end()), tags.actors.end());
    tags.actor_types = schema::actor_types_of(gazetteer_, tags.actors);
    topics_.tag(text, words, word_stems, tags);
    return tags;
}

void Tagger::match(std::string_view text, const std::vector<const Token*>& words,
                   const std::vector<std::string_view>& stems, const std::vector<Pattern>& patterns,
                   const Index& index, bool apply_institution_rule,
                   std::vector<std::string>& out) const {
    auto original = [&](std::size_t i) {
        return text.substr(words[i]->begin, words[i]->end - words[i]->begin);
    };
    auto case_ok = [&](CaseRule rule, std::size_t i) {
        switch (rule) {
            case CaseRule::Any:
                return true;
            case CaseRule::Capitalised:
                return starts_upper_any(original(i));
            case CaseRule::AllCaps:
                return analysis::is_all_caps(case_letters(original(i)));
        }
        return false;
    };
    // Is word i joined to word i+1 as parts of one name (only spaces between them)?
    auto joined = [&](std::size_t i) {
        return i + 1 < words.size() &&
               only_spaces(text.substr(words[i]->end, words[i + 1]->begin - words[i]->end));
    };
    auto capital_or_connector = [&](std::size_t i) {
        return starts_upper(original(i)) || is_connector(original(i));
    };
    // True when words [first, last] sit inside a capitalised run naming an institution.
    auto inside_institution = [&](std::size_t first, std::size_t last) {
        bool found = false;
        for (std::size_t i = first; i > 0 && joined(i - 1) && capital_or_connector(i - 1); --i) {
            found = found || is_institution(original(i - 1));
        }
        for (std::size_t i = last; joined(i) && capital_or_connector(i + 1); ++i) {
            found = found || is_institution(original(i + 1));
        }
        return found;
    };

    for (std::size_t i = 0; i < words.size();) {
        const auto candidates = index.find(stems[i]);
        const Pattern* best = nullptr;
        if (candidates != index.end()) {
            for (std::uint32_t id : candidates->second) {
                const Pattern& p = patterns[id];
                if (best && p.stems.size() <= best->stems.size()) continue;
                if (i + p.stems.size() > words.size()) continue;
                bool ok = true;
                for (std::size_t k = 0; ok && k < p.stems.size(); ++k) {
                    ok = stems[i + k] == p.stems[k] && case_ok(p.cases[k], i + k);
                }
                if (ok) best = &p;
            }
        }
        if (!best) {
            ++i;
            continue;
        }
        const std::size_t last = i + best->stems.size() - 1;
        const bool hidden = apply_institution_rule && best->is_state && inside_institution(i, last);
        if (best->target >= 0 && !hidden)
            out.push_back(names_[static_cast<std::size_t>(best->target)]);
        i = last + 1;
    }
}

}  // namespace parley
