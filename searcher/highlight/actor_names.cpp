#include "highlight/actor_names.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace parley::highlight {
namespace {

struct LetterCase {
    std::size_t letters = 0;
    bool lower_first = false, any_lower = false;
};

LetterCase letter_case(std::string_view text) {
    LetterCase c;
    const auto size = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < size;) {
        UChar32 ch;
        U8_NEXT(text.data(), i, size, ch);
        if (ch < 0 || !u_isalpha(ch)) continue;
        const bool lower = u_islower(ch);
        if (c.letters++ == 0) c.lower_first = lower;
        c.any_lower = c.any_lower || lower;
    }
    return c;
}

}  // namespace

NameCase name_case(std::string_view name) {
    const LetterCase c = letter_case(name);
    if (c.letters >= 2 && !c.any_lower) return NameCase::Capitals;
    return c.lower_first ? NameCase::Any : NameCase::CapitalFirst;
}

bool written_as_name(std::string_view text, NameCase how) {
    const LetterCase c = letter_case(text);
    switch (how) {
        case NameCase::Capitals:
            return !c.any_lower;
        case NameCase::CapitalFirst:
            return !c.lower_first;
        case NameCase::Any:
            break;
    }
    return true;
}

namespace {

// The names a paragraph in `language` writes `entry`'s actor with, as the tagger reads them.
std::vector<std::string> names_of(const GazetteerEntry& entry, const std::string& language) {
    const auto in = [](const auto& by_language, const std::string& code) {
        const auto it = by_language.find(code);
        return it == by_language.end() ? std::vector<std::string>{} : it->second;
    };
    const std::vector<std::string> not_here = in(entry.not_names_by_language, language);
    std::vector<std::string> out;
    const auto add = [&](const std::string& name) {
        if (std::find(not_here.begin(), not_here.end(), name) == not_here.end())
            out.push_back(name);
    };
    add(entry.name);
    for (const auto& alias : entry.aliases) add(alias);
    for (const auto& name : in(entry.names_by_language, language)) add(name);
    for (const auto& capital : in(entry.capitals_by_language, "en")) add(capital);
    if (language != "en") {
        for (const auto& capital : in(entry.capitals_by_language, language)) add(capital);
    }
    // A leader named in full once is tagged where the surname stands alone ("Morrison
    // insists…"), in the paragraph's language too ("Путина"); not in Chinese, as the tagger.
    if (const std::string_view surname = leader_surname(entry); !surname.empty()) {
        add(std::string(surname));
        if (language != "zh") {
            for (const auto& name : in(entry.names_by_language, language)) {
                const std::string_view local = local_surname(entry, name);
                if (!local.empty()) add(std::string(local));
            }
        }
    }
    return out;
}

}  // namespace

void add_actor_names(HighlightQuery& query, const Gazetteer& gazetteer,
                     const std::vector<std::string>& tagged, const std::string& language) {
    for (std::size_t i = 0; i < tagged.size(); ++i) {
        const std::string& actor = tagged[i];
        const auto found = query.actors.find(actor);
        const bool filtered = query.filter_actors.count(actor) > 0;
        if (found == query.actors.end() && !filtered) continue;
        const GazetteerEntry* entry = gazetteer.entry(actor);
        if (!entry) continue;
        for (const auto& name : names_of(*entry, language)) {
            if (found != query.actors.end()) query.actor_names.emplace_back(name, found->second);
            if (filtered) query.filter_names.emplace_back(name, static_cast<int>(i));
        }
    }
}

}  // namespace parley::highlight
