#include "parley/gazetteer.hpp"

#include <cctype>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "analysis/normalizer.hpp"
#include "parley/error.hpp"
#include "util/fingerprint.hpp"
#include "util/utf8.hpp"

namespace parley {

std::string_view builtin_gazetteer_text();  // generated from corpora/gazetteer/default.gazetteer

namespace {

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

std::optional<GazetteerEntry::Kind> parse_kind(std::string_view kind) {
    using K = GazetteerEntry::Kind;
    if (kind == "state") return K::State;
    if (kind == "leader") return K::Leader;
    if (kind == "organisation" || kind == "organization") return K::Organisation;
    if (kind == "alliance") return K::Alliance;
    if (kind == "armed group") return K::ArmedGroup;
    if (kind == "block") return K::Block;
    if (kind == "topic") return K::Topic;
    return std::nullopt;
}

bool is_actor(GazetteerEntry::Kind kind) {
    return kind != GazetteerEntry::Kind::Block && kind != GazetteerEntry::Kind::Topic;
}

[[noreturn]] void fail(const std::string& origin, std::size_t line, const std::string& what) {
    throw InputError(origin + ":" + std::to_string(line) + ": " + what);
}

}  // namespace

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
        fail(origin, util::line_of(text, *bad), "invalid UTF-8 at byte " + std::to_string(*bad));
    }
    std::unordered_map<std::string, std::size_t> seen;  // kind+folded name → line
    std::istringstream in(text);
    std::string raw;
    std::size_t line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        // Topic cue lines (`  strong: cue; cue`, `  weak: cue; cue`) under a topic entry,
        // `  successor: Name` and `  of: Name` under an actor. A stand-in until the format 2
        // parser reads every attribute line.
        if (raw.front() == ' ' || raw.front() == '\t') {
            const auto colon = line.find(':');
            const std::string_view key =
                trim(line.substr(0, colon == std::string_view::npos ? 0 : colon));
            if ((key == "successor" || key == "of") && !g.entries_.empty() &&
                is_actor(g.entries_.back().kind)) {
                (key == "of" ? g.entries_.back().of : g.entries_.back().successor) =
                    std::string(trim(line.substr(colon + 1)));
                continue;
            }
            if ((key == "strong" || key == "weak") && !g.entries_.empty() &&
                g.entries_.back().kind == GazetteerEntry::Kind::Topic) {
                auto& cues =
                    key == "strong" ? g.entries_.back().strong_cues : g.entries_.back().weak_cues;
                std::string_view list = line.substr(colon + 1);
                while (!list.empty()) {
                    const auto semi = list.find(';');
                    const std::string_view cue = trim(list.substr(0, semi));
                    if (!cue.empty()) cues.emplace_back(cue);
                    if (semi == std::string_view::npos) break;
                    list = list.substr(semi + 1);
                }
                continue;
            }
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            fail(origin, line_no,
                 "expected 'kind: Name | alias; alias', got '" + std::string(line) + "'");
        }
        const std::string_view kind_text = trim(line.substr(0, colon));
        const auto kind = parse_kind(kind_text);
        if (!kind) {
            fail(origin, line_no,
                 "unknown kind '" + std::string(kind_text) +
                     "' (expected state, leader, organisation, alliance, block "
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
        entry.line = line_no;
        if (entry.name.empty()) fail(origin, line_no, "entry has no name");
        while (!aliases.empty()) {
            const auto semi = aliases.find(';');
            const std::string_view alias = trim(aliases.substr(0, semi));
            if (!alias.empty()) entry.aliases.emplace_back(alias);
            if (semi == std::string_view::npos) break;
            aliases = aliases.substr(semi + 1);
        }
        const std::string key = std::string(kind_text.substr(0, 1)) + fold_name(entry.name);
        if (auto [it, fresh] = seen.emplace(key, line_no); !fresh) {
            fail(origin, line_no,
                 "duplicate entry '" + entry.name + "' (first at line " +
                     std::to_string(it->second) + ")");
        }
        g.entries_.push_back(std::move(entry));
    }
    // Canonical names win over aliases: first every name, then aliases not yet taken.
    for (const auto& e : g.entries_) {
        if (is_actor(e.kind)) g.actor_by_key_.emplace(fold_name(e.name), e.name);
        if (e.kind == GazetteerEntry::Kind::Topic)
            g.topic_by_key_.emplace(fold_name(e.name), e.name);
    }
    for (const auto& e : g.entries_) {
        if (!is_actor(e.kind)) continue;
        for (const auto& alias : e.aliases) g.actor_by_key_.emplace(fold_name(alias), e.name);
    }
    for (std::size_t i = 0; i < g.entries_.size(); ++i) {
        if (g.entries_[i].kind != GazetteerEntry::Kind::Block)
            g.entry_by_name_.emplace(g.entries_[i].name, i);
    }
    g.fingerprint_ = util::hex64(util::fnv1a64(text));
    g.text_ = std::move(text);
    g.origin_ = std::move(origin);
    return g;
}

Gazetteer Gazetteer::from_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot read gazetteer file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return from_text(buffer.str(), path);
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
    for (const auto& e : entries_) n += e.kind == GazetteerEntry::Kind::Topic ? 1 : 0;
    return n;
}

std::optional<std::string> Gazetteer::canonical_actor(std::string_view name) const {
    const auto it = actor_by_key_.find(fold_name(name));
    if (it == actor_by_key_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Gazetteer::canonical_topic(std::string_view name) const {
    const auto it = topic_by_key_.find(fold_name(name));
    if (it == topic_by_key_.end()) return std::nullopt;
    return it->second;
}

const GazetteerEntry* Gazetteer::entry(std::string_view canonical) const {
    const auto it = entry_by_name_.find(std::string(canonical));
    return it == entry_by_name_.end() ? nullptr : &entries_[it->second];
}

}  // namespace parley
