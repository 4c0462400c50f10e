#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// A period in office (`term:` lines of a leader). Dates are `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` as written; `until` is empty for "present".
struct PARLEY_API GazetteerTerm {
    std::string from;
    std::string until;
};

/// One entry of a gazetteer file: a head line `kind: Canonical Name | alias; alias; ...`
/// and its indented `key: value` attribute lines (format 2, documented in
/// corpora/gazetteer/default.gazetteer).
struct PARLEY_API GazetteerEntry {
    enum class Kind { State, Leader, Organisation, Alliance, ArmedGroup, Block, Topic };
    Kind kind = Kind::State;
    std::string name;                  ///< canonical name; the facet value
    std::vector<std::string> aliases;  ///< other English forms; the name itself is implied
    /// Names in other languages, by ISO 639-1 code (`ru: ...`, `zh: ...`).
    std::unordered_map<std::string, std::vector<std::string>> names_by_language;
    /// Capitals used as metonyms (`capital:`), tagged only when they act; by language code,
    /// "en" for the English ones.
    std::unordered_map<std::string, std::vector<std::string>> capitals_by_language;
    /// Head-line (English) names that do not name this actor in paragraphs of a language,
    /// by language code (`not.es: America`: Spanish "América" is the continent).
    std::unordered_map<std::string, std::vector<std::string>> not_names_by_language;
    std::string from;       ///< existence start (`from:`), empty if not given
    std::string until;      ///< existence end (`until:`), empty while it exists
    std::string successor;  ///< canonical name of the actor that succeeded it (`successor:`)
    std::string of;         ///< a leader's state or organisation (`of:`)
    std::string office;     ///< a leader's office, for display (`office:`)
    std::string surname;    ///< the name of "Title Surname" forms (`surname:`), empty = last word
    std::vector<GazetteerTerm> terms;  ///< a leader's periods in office (`term:`)
    /// Topic cues: head-line aliases and `strong:` cues are enough alone; a `weak:` cue needs
    /// a second distinct cue.
    std::vector<std::string> strong_cues;
    std::vector<std::string> weak_cues;
    /// Words that never count for the topic though the stemmer joins them to one of its
    /// cues (`not:`): "good" for the cue "goods", "recess" for "recession".
    std::vector<std::string> not_cues;
    std::size_t line = 0;  ///< line of the head line in the source file, for messages
};

/// The actors (states, leaders, organisations, alliances), blocked names and topics the
/// tagger recognises. The file format is documented in corpora/gazetteer/default.gazetteer
/// and docs/analysis-and-tags.md. A gazetteer is immutable once loaded and safe to share across
/// threads; only loading throws.
class PARLEY_API Gazetteer {
  public:
    /// The gazetteer built into Parley (corpora/gazetteer/default.gazetteer), parsed on
    /// first use and alive until the program ends. Thread-safe; throws nothing.
    static const Gazetteer& builtin();
    /// Parses a gazetteer file. Throws InputError naming the file and line of the first
    /// malformed entry, or if the file cannot be read.
    static Gazetteer from_file(const std::string& path);
    /// Parses gazetteer text; `origin` names it in error messages. Throws InputError for
    /// the first malformed or duplicate entry, naming `origin` and the line.
    ///
    /// Text whose first line (comments aside) is `extends: builtin` is merged into the
    /// built-in gazetteer: its entries replace built-in entries of the same kind and name,
    /// `remove: KIND: Name` lines drop built-in entries, other entries are added. The
    /// result's text() is then the merged text (the built-in entries kept, then the user's
    /// lines), a standalone gazetteer that parses to the same entries: it is what the index
    /// stores and fingerprints, so a change to either side changes the fingerprint.
    static Gazetteer from_text(std::string text, std::string origin = "<gazetteer>");

    const std::vector<GazetteerEntry>& entries() const { return entries_; }
    /// The exact text it was parsed from, merged with the built-in text for an
    /// `extends: builtin` file (stored in the index).
    const std::string& text() const { return text_; }
    /// 16 hex digits identifying the text; recorded in the index manifest.
    const std::string& fingerprint() const { return fingerprint_; }
    /// Where it came from: a path, "builtin", or the index it was read from.
    const std::string& origin() const { return origin_; }

    /// Entries that are actors (states, leaders, organisations, alliances).
    std::size_t actor_count() const;
    /// Entries that are topics.
    std::size_t topic_count() const;

    /// Canonical actor for a name or alias, compared after case and diacritic folding
    /// ("us", "U.S.", "United States of America" → "United States"), else an inflected form
    /// of a name in another language, compared after that language's stemming as the
    /// tagger does ("России" → "Russia", "Путина" → "Vladimir Putin"; only when one actor
    /// has names of that stem). nullopt if unknown. Thread-safe.
    std::optional<std::string> canonical_actor(std::string_view name) const;
    /// Canonical topic for a topic name, folded ("Maritime" → "maritime").
    std::optional<std::string> canonical_topic(std::string_view name) const;
    /// The entry of an actor or topic by its exact canonical name; nullptr if none.
    const GazetteerEntry* entry(std::string_view canonical) const;

  private:
    struct StemmedNames;  // built on first use, shared by copies

    std::string text_;
    std::string origin_;
    std::string fingerprint_;
    std::vector<GazetteerEntry> entries_;
    std::unordered_map<std::string, std::string> actor_by_key_;  // fold_name → canonical
    std::unordered_map<std::string, std::string> topic_by_key_;
    // Looked up per tagged paragraph and per hit: string_view keys, no allocation.
    struct NameHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    // canonical → entries_ index
    std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> entry_by_name_;
    std::shared_ptr<StemmedNames> stemmed_names_;
};

/// Case, diacritic and punctuation-insensitive key used to compare names typed by people
/// ("U.S." and "us" both give "us"; "Erdoğan" gives "erdogan"). Thread-safe; throws
/// nothing (std::bad_alloc aside).
PARLEY_API std::string fold_name(std::string_view name);

/// The surname a leader is named by in "Title Surname" forms and, once named in full, alone:
/// its `surname:` line, else the name's last word with the lower-case particles before it
/// ("Charles de Gaulle" → "de Gaulle"). A view into `leader`; empty for no leader.
PARLEY_API std::string_view leader_surname(const GazetteerEntry& leader);

/// The surname within one of a leader's names in another language (`ru: Владимир Путин` →
/// "Путин"), standing where the English surname stands: first ("Си Цзиньпин" for Xi
/// Jinping), else last. Empty for a one-word name, and for a name of more words than the
/// English one that is not surname-first (written in an order the English name does not
/// place: "Ли Сын Ман" for Syngman Rhee). A view into `name`.
PARLEY_API std::string_view local_surname(const GazetteerEntry& leader, std::string_view name);

}  // namespace parley
