#include "parley/gazetteer.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "analysis/normalizer.hpp"
#include "analysis/russian_declension.hpp"
#include "parley/analyzer.hpp"
#include "parley/error.hpp"
#include "util/files.hpp"
#include "util/fingerprint.hpp"
#include "util/utf8.hpp"

namespace parley {

std::string_view builtin_gazetteer_text();  // generated from corpora/gazetteer/default.gazetteer

namespace {

using Kind = GazetteerEntry::Kind;

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

std::optional<Kind> parse_kind(std::string_view kind) {
    if (kind == "state") return Kind::State;
    if (kind == "leader") return Kind::Leader;
    if (kind == "organisation" || kind == "organization") return Kind::Organisation;
    if (kind == "alliance") return Kind::Alliance;
    if (kind == "armed group") return Kind::ArmedGroup;
    if (kind == "block") return Kind::Block;
    if (kind == "topic") return Kind::Topic;
    return std::nullopt;
}

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::State:
            return "state";
        case Kind::Leader:
            return "leader";
        case Kind::Organisation:
            return "organisation";
        case Kind::Alliance:
            return "alliance";
        case Kind::ArmedGroup:
            return "armed group";
        case Kind::Block:
            return "block";
        case Kind::Topic:
            return "topic";
    }
    return "?";
}

bool is_actor(Kind kind) { return kind != Kind::Block && kind != Kind::Topic; }

std::vector<std::string> split_list(std::string_view list) {
    std::vector<std::string> out;
    while (!list.empty()) {
        const auto semi = list.find(';');
        const std::string_view item = trim(list.substr(0, semi));
        if (!item.empty()) out.emplace_back(item);
        if (semi == std::string_view::npos) break;
        list = list.substr(semi + 1);
    }
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
bool valid_date(std::string_view d) {
    if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
    if (!all_digits(d.substr(0, 4))) return false;
    if (d.size() == 4) return true;
    if (d[4] != '-' || !all_digits(d.substr(5, 2))) return false;
    const int month = std::stoi(std::string(d.substr(5, 2)));
    if (month < 1 || month > 12) return false;
    if (d.size() == 7) return true;
    if (d[7] != '-' || !all_digits(d.substr(8, 2))) return false;
    const int day = std::stoi(std::string(d.substr(8, 2)));
    return day >= 1 && day <= 31;
}

// Where a line of the parsed text came from, for messages: the text itself, or for a
// merged gazetteer the built-in text or the user's file.
struct LineSource {
    std::string origin;
    std::size_t line = 0;
    std::string where() const { return origin + ":" + std::to_string(line); }
};

[[noreturn]] void fail(const LineSource& at, const std::string& what) {
    throw InputError(at.where() + ": " + what);
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        lines.push_back(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text = text.substr(nl + 1);
    }
    return lines;
}

bool indented(std::string_view raw) {
    return !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
}

bool meaningful(std::string_view raw) {
    const auto line = trim(raw);
    return !line.empty() && line.front() != '#';
}

// "kind folded-name" of a head line, to find the built-in entry a user entry replaces;
// empty when the line is no valid head line (the full parse reports it).
std::string head_key(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return {};
    const auto kind = parse_kind(trim(line.substr(0, colon)));
    if (!kind) return {};
    std::string_view name = line.substr(colon + 1);
    name = trim(name.substr(0, name.find('|')));
    return std::string(kind_name(*kind)) + "\n" + fold_name(name);
}

struct Reference {  // an `of:` or `successor:` line, checked once every entry is known
    std::size_t entry;
    std::string key;
    std::string value;
    LineSource at;
};

// Keys of attribute lines, and the kinds they apply to.
bool key_applies(std::string_view key, Kind kind) {
    if (key == "capital") return kind == Kind::State;
    if (key == "from" || key == "until") return is_actor(kind) && kind != Kind::Leader;
    if (key == "successor")
        return kind == Kind::State || kind == Kind::Organisation || kind == Kind::Alliance ||
               kind == Kind::ArmedGroup;
    if (key == "of" || key == "term" || key == "office" || key == "surname")
        return kind == Kind::Leader;
    if (key == "strong" || key == "weak" || key == "not") return kind == Kind::Topic;
    return false;
}

// A language code of an attribute key (`ru`, `capital.ru`): an ISO 639-1 code. Names in a
// language Parley does not analyse are kept but never matched.
bool known_language(std::string_view code) {
    static constexpr std::string_view kIso639_1 =
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu "
        "cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi "
        "ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks "
        "ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl "
        "nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl "
        "sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve "
        "vi vo wa wo xh yi yo za zh zu";
    if (code.size() != 2) return false;
    for (std::size_t at = 0; at < kIso639_1.size(); at += 3) {
        if (kIso639_1.substr(at, 2) == code) return true;
    }
    return false;
}

void parse_attribute(GazetteerEntry& e, std::size_t index, std::string_view line,
                     const LineSource& at, std::vector<Reference>& references) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
        fail(at, "expected an attribute 'key: value', got '" + std::string(line) + "'");
    const std::string key(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (value.empty()) fail(at, "attribute '" + key + "' has no value");
    auto wrong_kind = [&] {
        fail(at, "key '" + key + "' does not apply to '" + kind_name(e.kind) + "' entries");
    };
    auto date = [&](std::string_view d) {
        if (!valid_date(d))
            fail(at, "bad date '" + std::string(d) + "' (expected YYYY, YYYY-MM or YYYY-MM-DD)");
        return std::string(d);
    };
    auto append = [](std::vector<std::string>& to, std::vector<std::string> items) {
        to.insert(to.end(), items.begin(), items.end());
    };

    static const std::unordered_set<std::string_view> known{
        "capital", "from",    "until",  "successor", "of", "term",
        "office",  "surname", "strong", "weak",      "not"};
    if (!known.count(key) && known_language(key)) {  // names in a language, for any entry
        append(e.names_by_language[key], split_list(value));
        return;
    }
    if (key.rfind("capital.", 0) == 0 && known_language(std::string_view(key).substr(8))) {
        if (e.kind != Kind::State) wrong_kind();
        append(e.capitals_by_language[key.substr(8)], split_list(value));
        return;
    }
    // Head-line names that are another word in a language: `not.es: America` (the continent).
    if (key.rfind("not.", 0) == 0 && known_language(std::string_view(key).substr(4))) {
        if (!is_actor(e.kind)) wrong_kind();
        append(e.not_names_by_language[key.substr(4)], split_list(value));
        return;
    }
    if (!known.count(key)) {
        fail(at, "unknown key '" + key +
                     "' (expected a language code, capital, capital.LANG, not.LANG, from, "
                     "until, successor, of, term, office, surname, strong, weak or not)");
    }
    if (!key_applies(key, e.kind)) wrong_kind();
    if (key == "capital") {
        append(e.capitals_by_language["en"], split_list(value));
    } else if (key == "from") {
        e.from = date(value);
    } else if (key == "until") {
        e.until = date(value);
    } else if (key == "successor") {
        e.successor = std::string(value);
        references.push_back({index, key, e.successor, at});
    } else if (key == "of") {
        e.of = std::string(value);
        references.push_back({index, key, e.of, at});
    } else if (key == "office") {
        e.office = std::string(value);
    } else if (key == "surname") {
        e.surname = std::string(value);
    } else if (key == "term") {
        const auto space = value.find_first_of(" \t");
        if (space == std::string_view::npos)
            fail(at, "term needs a start and an end ('1989-01-20 1993-01-20' or '2012 present')");
        GazetteerTerm term;
        term.from = date(trim(value.substr(0, space)));
        const std::string_view until = trim(value.substr(space));
        if (until != "present") term.until = date(until);
        e.terms.push_back(std::move(term));
    } else if (key == "strong") {
        append(e.strong_cues, split_list(value));
    } else if (key == "weak") {
        append(e.weak_cues, split_list(value));
    } else if (key == "not") {
        append(e.not_cues, split_list(value));
    }
}

GazetteerEntry parse_head(std::string_view line, const LineSource& at) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
        fail(at, "expected 'kind: Name | alias; alias', got '" + std::string(line) + "'");
    const std::string_view kind_text = trim(line.substr(0, colon));
    const auto kind = parse_kind(kind_text);
    if (!kind) {
        fail(at, "unknown kind '" + std::string(kind_text) +
                     "' (expected state, leader, organisation, alliance, armed group, block "
                     "or topic)");
    }
    std::string_view rest = line.substr(colon + 1);
    std::string_view aliases;
    if (const auto bar = rest.find('|'); bar != std::string_view::npos) {
        aliases = rest.substr(bar + 1);
        rest = rest.substr(0, bar);
    }
    GazetteerEntry entry;
    entry.kind = *kind;
    entry.name = std::string(trim(rest));
    entry.line = at.line;
    if (entry.name.empty()) fail(at, "entry has no name");
    entry.aliases = split_list(aliases);
    return entry;
}

// Checks that names do not clash: an actor's names (canonical name, aliases, names per
// language) and capitals belong to one actor, except aliases shared by leaders who all
// carry terms (namesakes, chosen by date); a capital is never also a name.
void check_names(const std::vector<GazetteerEntry>& entries, const std::vector<LineSource>& at) {
    struct Owner {
        std::size_t entry;
        bool capital;
    };
    std::unordered_map<std::string, Owner> owners;  // language + folded form → owner
    auto add = [&](std::size_t i, const std::string& language, const std::string& form,
                   bool capital) {
        const std::string key = language + "\n" + fold_name(form);
        const auto [it, fresh] = owners.emplace(key, Owner{i, capital});
        if (fresh || (it->second.entry == i && !capital && !it->second.capital)) return;
        const GazetteerEntry& a = entries[it->second.entry];
        const GazetteerEntry& b = entries[i];
        const bool namesakes = !capital && !it->second.capital && a.kind == Kind::Leader &&
                               b.kind == Kind::Leader && !a.terms.empty() && !b.terms.empty();
        if (namesakes) return;
        std::string what = "'" + form + "'";
        if (capital || it->second.capital) {
            what = "capital " + what + " is also " + (it->second.capital ? "a capital" : "a name") +
                   " of '" + a.name + "' (" + at[it->second.entry].where() + ")";
        } else {
            what = "name " + what + " is also a name of '" + a.name + "' (" +
                   at[it->second.entry].where() +
                   "); only leaders with term lines may share a name";
        }
        fail(at[i], what);
    };
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const GazetteerEntry& e = entries[i];
        if (!is_actor(e.kind)) continue;
        add(i, "en", e.name, false);
        for (const auto& alias : e.aliases) add(i, "en", alias, false);
        for (const auto& [language, names] : e.names_by_language) {
            for (const auto& n : names) add(i, language, n, false);
        }
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        for (const auto& [language, capitals] : entries[i].capitals_by_language) {
            for (const auto& c : capitals) add(i, language, c, true);
        }
    }
}

// Parses lines (each with its source, for messages) into validated entries.
std::vector<GazetteerEntry> parse_entries(const std::vector<std::string_view>& lines,
                                          const std::vector<LineSource>& sources) {
    std::vector<GazetteerEntry> entries;
    std::vector<LineSource> entry_at;
    std::vector<Reference> references;
    std::unordered_map<std::string, std::size_t> seen;  // kind + folded name → entry
    for (std::size_t n = 0; n < lines.size(); ++n) {
        const LineSource& at = sources[n];
        const std::string_view line = trim(lines[n]);
        if (line.empty() || line.front() == '#') continue;
        if (indented(lines[n])) {
            if (entries.empty()) fail(at, "attribute line before any entry");
            parse_attribute(entries.back(), entries.size() - 1, line, at, references);
            continue;
        }
        GazetteerEntry entry = parse_head(line, at);
        const std::string key = std::string(kind_name(entry.kind)) + "\n" + fold_name(entry.name);
        if (auto [it, fresh] = seen.emplace(key, entries.size()); !fresh) {
            fail(at, "duplicate entry '" + entry.name + "' (first at " +
                         entry_at[it->second].where() + ")");
        }
        entries.push_back(std::move(entry));
        entry_at.push_back(at);
    }
    std::unordered_map<std::string_view, const GazetteerEntry*> actors;
    for (const auto& e : entries) {
        if (is_actor(e.kind)) actors.emplace(e.name, &e);
    }
    for (const auto& r : references) {
        const auto it = actors.find(r.value);
        if (it == actors.end() || it->second->kind == Kind::Leader)
            fail(r.at, r.key + " '" + r.value + "' names no state, organisation or alliance " +
                           "of this gazetteer (canonical names only)");
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
        for (const auto& t : entries[i].terms) {
            if (!t.until.empty() && t.until < t.from)
                fail(entry_at[i], "a term of '" + entries[i].name + "' ends before it starts");
        }
    }
    check_names(entries, entry_at);
    return entries;
}

// The lines of a text and where each came from.
struct SourcedText {
    std::string text;
    std::vector<LineSource> sources;
};

SourcedText plain(std::string_view text, const std::string& origin) {
    SourcedText out;
    out.text = std::string(text);
    const auto lines = lines_of(text);
    for (std::size_t n = 0; n < lines.size(); ++n) out.sources.push_back({origin, n + 1});
    return out;
}

// The first meaningful line, if it is `extends: ...`: its line index.
std::optional<std::size_t> extends_line(const std::vector<std::string_view>& lines) {
    for (std::size_t n = 0; n < lines.size(); ++n) {
        if (!meaningful(lines[n])) continue;
        const auto line = trim(lines[n]);
        if (line.rfind("extends:", 0) == 0) return n;
        return std::nullopt;
    }
    return std::nullopt;
}

// Merges a user file that begins `extends: builtin` into the built-in text: built-in
// entries (head line and the lines below it up to the next head line) that the user
// replaces or removes are dropped, then the user's lines follow. The result stands alone.
SourcedText merge_with_builtin(std::string_view user, const std::string& origin) {
    const auto user_lines = lines_of(user);
    std::unordered_map<std::string, std::size_t> replaced;  // head key → user line index
    std::unordered_map<std::string, std::size_t> removed;
    std::vector<bool> skip_user(user_lines.size(), false);
    bool seen_extends = false;
    for (std::size_t n = 0; n < user_lines.size(); ++n) {
        if (!meaningful(user_lines[n]) || indented(user_lines[n])) continue;
        const auto line = trim(user_lines[n]);
        const LineSource at{origin, n + 1};
        if (line.rfind("extends:", 0) == 0) {
            if (seen_extends) fail(at, "'extends:' may appear once, on the first line");
            if (trim(line.substr(8)) != "builtin") fail(at, "only 'extends: builtin' is supported");
            seen_extends = true;
            skip_user[n] = true;
        } else if (line.rfind("remove:", 0) == 0) {
            const std::string key = head_key(trim(line.substr(7)));
            if (key.empty()) fail(at, "expected 'remove: KIND: Name'");
            removed.emplace(key, n);
            skip_user[n] = true;
        } else if (const std::string key = head_key(line); !key.empty()) {
            replaced.emplace(key, n);
        }
    }
    const std::string_view builtin = builtin_gazetteer_text();
    const auto builtin_lines = lines_of(builtin);
    if (extends_line(builtin_lines))
        throw InputError("builtin: the built-in gazetteer cannot extend itself");
    SourcedText out;
    auto add = [&](std::string_view line, LineSource at) {
        out.text.append(line);
        out.text += '\n';
        out.sources.push_back(std::move(at));
    };
    // The text, not where it was read from, is fingerprinted: the same file by another path
    // is the same gazetteer.
    add("# (format 2) the built-in gazetteer, then a user file that extends it", {origin, 1});
    bool dropping = false;
    std::unordered_set<std::string> dropped;
    for (std::size_t n = 0; n < builtin_lines.size(); ++n) {
        const auto line = builtin_lines[n];
        if (meaningful(line) && !indented(line)) {
            const std::string key = head_key(trim(line));
            dropping = replaced.count(key) || removed.count(key);
            if (dropping) dropped.insert(key);
        }
        if (!dropping) add(line, {"builtin", n + 1});
    }
    for (const auto& [key, n] : removed) {
        if (!dropped.count(key))
            fail({origin, n + 1}, "remove: the built-in gazetteer has no such entry");
    }
    for (std::size_t n = 0; n < user_lines.size(); ++n) {
        if (!skip_user[n]) add(user_lines[n], {origin, n + 1});
    }
    return out;
}

}  // namespace

namespace {

// A name's last word with the lower-case particles before it ("de Gaulle").
std::string_view last_name(std::string_view name) {
    std::size_t start = name.find_last_of(' ');
    if (start == std::string_view::npos) return name;
    ++start;
    while (start > 1) {
        const std::size_t space = name.find_last_of(' ', start - 2);
        const std::size_t word = space == std::string_view::npos ? 0 : space + 1;
        if (word == 0 || !std::islower(static_cast<unsigned char>(name[word]))) break;
        start = word;
    }
    return name.substr(start);
}

}  // namespace

std::string_view leader_surname(const GazetteerEntry& leader) {
    if (leader.kind != GazetteerEntry::Kind::Leader) return {};
    return leader.surname.empty() ? last_name(leader.name) : std::string_view(leader.surname);
}

std::string_view local_surname(const GazetteerEntry& leader, std::string_view name) {
    const std::string_view english = leader_surname(leader);
    const std::size_t space = name.find(' ');
    if (english.empty() || space == std::string_view::npos) return {};
    const bool surname_first = leader.name.size() > english.size() &&
                               leader.name.starts_with(english) &&
                               leader.name[english.size()] == ' ';
    if (surname_first) return name.substr(0, space);
    if (std::count(name.begin(), name.end(), ' ') >
        std::count(leader.name.begin(), leader.name.end(), ' '))
        return {};
    return last_name(name);
}

std::string fold_name(std::string_view name) {
    const std::string folded = analysis::fold_word(name);
    std::string out;
    out.reserve(folded.size());
    for (char c : folded) {
        const auto u = static_cast<unsigned char>(c);
        const bool separator = u < 0x80 && !std::isalnum(u);
        if (separator) {
            // Hyphens and spaces separate words; dots and apostrophes vanish (U.S. → us).
            if ((c == ' ' || c == '-' || c == '\t' || c == '_') && !out.empty() &&
                out.back() != ' ')
                out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

Gazetteer Gazetteer::from_text(std::string text, std::string origin) {
    Gazetteer g;
    if (auto bad = util::first_invalid_utf8(text)) {
        fail({origin, util::line_of(text, *bad)}, "invalid UTF-8 at byte " + std::to_string(*bad));
    }
    const auto raw_lines = lines_of(text);
    SourcedText source;
    if (extends_line(raw_lines)) {
        source = merge_with_builtin(text, origin);
    } else {
        for (std::size_t n = 0; n < raw_lines.size(); ++n) {
            const auto line = trim(raw_lines[n]);
            if (!indented(raw_lines[n]) && line.rfind("remove:", 0) == 0)
                fail({origin, n + 1}, "'remove:' needs 'extends: builtin' on the first line");
        }
        source = plain(text, origin);
    }
    g.entries_ = parse_entries(lines_of(source.text), source.sources);

    // Canonical names win over aliases: first every name, then aliases not yet taken, then
    // names in other languages and capitals (so `actor:` filters reach them too).
    for (const auto& e : g.entries_) {
        if (is_actor(e.kind)) g.actor_by_key_.emplace(fold_name(e.name), e.name);
        if (e.kind == Kind::Topic) g.topic_by_key_.emplace(fold_name(e.name), e.name);
    }
    for (const auto& e : g.entries_) {
        if (!is_actor(e.kind)) continue;
        for (const auto& alias : e.aliases) g.actor_by_key_.emplace(fold_name(alias), e.name);
    }
    for (const auto& e : g.entries_) {
        if (!is_actor(e.kind)) continue;
        for (const auto& [language, names] : e.names_by_language) {
            for (const auto& n : names) g.actor_by_key_.emplace(fold_name(n), e.name);
        }
        for (const auto& [language, capitals] : e.capitals_by_language) {
            for (const auto& c : capitals) g.actor_by_key_.emplace(fold_name(c), e.name);
        }
    }
    for (std::size_t i = 0; i < g.entries_.size(); ++i) {
        if (g.entries_[i].kind != Kind::Block) g.entry_by_name_.emplace(g.entries_[i].name, i);
    }
    g.stemmed_names_ = std::make_shared<StemmedNames>();
    g.fingerprint_ = util::hex64(util::fnv1a64(source.text));
    g.text_ = std::move(source.text);
    g.origin_ = std::move(origin);
    return g;
}

Gazetteer Gazetteer::from_file(const std::string& path) {
    std::string why;
    std::optional<std::string> read = util::read_file(path, why);
    if (!read) throw InputError(path + ": cannot read gazetteer file: " + why);
    std::string text = std::move(*read);
    // Editors on Windows save UTF-8 with a byte order mark; it is not part of the first key.
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    return from_text(std::move(text), path);
}

const Gazetteer& Gazetteer::builtin() {
    static const Gazetteer instance = from_text(std::string(builtin_gazetteer_text()), "builtin");
    return instance;
}

std::size_t Gazetteer::actor_count() const {
    std::size_t n = 0;
    for (const auto& e : entries_) n += is_actor(e.kind) ? 1 : 0;
    return n;
}

std::size_t Gazetteer::topic_count() const {
    std::size_t n = 0;
    for (const auto& e : entries_) n += e.kind == Kind::Topic ? 1 : 0;
    return n;
}

// Actors' names in other languages by their stems in that language, for inflected forms
// typed in queries ("России"). Built on the first lookup that misses: loading stays cheap.
struct Gazetteer::StemmedNames {
    std::once_flag built;
    /// Language → its stems of a name, joined by spaces → canonical actor ("" when two
    /// actors share the stems: ambiguous). Ordered, so lookups try languages alike each run.
    std::map<std::string, std::unordered_map<std::string, std::string>> by_language;
    /// Russian names as the analyser writes their words (lower case, joined by spaces) →
    /// canonical actor ("" when ambiguous): case forms the stemmer cuts apart ("Китая") are
    /// read back to them by their endings (russian::possible_names()).
    std::unordered_map<std::string, std::string> russian_names;
};

namespace {

std::string stems_of(Analyzer& analyzer, std::string_view text) {
    std::string key;
    for (const Token& t : analyzer.analyze(text)) {
        if (t.kind == Token::Kind::Compound) continue;
        if (!key.empty()) key += ' ';
        key += t.term;
    }
    return key;
}

std::vector<std::string> words_of(Analyzer& analyzer, std::string_view text) {
    std::vector<std::string> words;
    for (const Token& t : analyzer.analyze(text)) {
        if (t.kind != Token::Kind::Compound) words.push_back(t.norm);
    }
    return words;
}

std::string joined(const std::vector<std::string>& words) {
    std::string key;
    for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
    return key;
}

}  // namespace

std::optional<std::string> Gazetteer::canonical_actor(std::string_view name) const {
    const auto it = actor_by_key_.find(fold_name(name));
    if (it != actor_by_key_.end()) return it->second;
    if (!stemmed_names_) return std::nullopt;
    StemmedNames& stemmed = *stemmed_names_;
    std::call_once(stemmed.built, [&] {
        for (const auto& e : entries_) {
            if (!is_actor(e.kind)) continue;
            for (const auto& [language, names] : e.names_by_language) {
                if (language == "en" || Analyzer::canonical_language(language) != language)
                    continue;
                Analyzer analyzer(language);
                auto& table = stemmed.by_language[language];
                for (const auto& n : names) {
                    const std::string key = stems_of(analyzer, n);
                    if (key.empty()) continue;
                    const auto [at, fresh] = table.emplace(key, e.name);
                    if (!fresh && at->second != e.name) at->second.clear();
                    if (language != "ru") continue;
                    const auto [r, new_name] =
                        stemmed.russian_names.emplace(joined(words_of(analyzer, n)), e.name);
                    if (!new_name && r->second != e.name) r->second.clear();
                }
            }
        }
    });
    std::optional<std::string> found;
    for (const auto& [language, table] : stemmed.by_language) {
        Analyzer analyzer(language);
        // Only a form the stemmer shortens is an inflection: a stem typed as a word ("chin",
        // the Spanish stem of "china") is another word.
        const auto tokens = analyzer.analyze(name);
        if (std::all_of(tokens.begin(), tokens.end(),
                        [](const Token& t) { return t.term == t.norm; }))
            continue;
        const auto hit = table.find(stems_of(analyzer, name));
        if (hit == table.end()) continue;
        if (hit->second.empty()) return std::nullopt;             // two actors' names stem alike
        if (found && *found != hit->second) return std::nullopt;  // languages disagree
        found = hit->second;
    }
    if (found || stemmed.russian_names.empty()) return found;
    // "Китая", genitive of "Китай", which the stemmer cuts to another stem: the last word
    // read back to the names it may be a case form of.
    Analyzer russian_analyzer("ru");
    std::vector<std::string> words = words_of(russian_analyzer, name);
    if (words.empty()) return found;
    const std::string last = words.back();
    for (const std::string& candidate : russian::possible_names(last)) {
        words.back() = candidate;
        const auto hit = stemmed.russian_names.find(joined(words));
        if (hit == stemmed.russian_names.end() || hit->second.empty()) continue;
        if (found && *found != hit->second) return std::nullopt;  // two readings disagree
        found = hit->second;
    }
    return found;
}

std::optional<std::string> Gazetteer::canonical_topic(std::string_view name) const {
    const auto it = topic_by_key_.find(fold_name(name));
    if (it == topic_by_key_.end()) return std::nullopt;
    return it->second;
}

const GazetteerEntry* Gazetteer::entry(std::string_view canonical) const {
    const auto it = entry_by_name_.find(canonical);
    return it == entry_by_name_.end() ? nullptr : &entries_[it->second];
}

}  // namespace parley
