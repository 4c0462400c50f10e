#include "tagger/actor_tagger.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <span>

#include "analysis/russian_declension.hpp"
#include "tagger/common_words.hpp"
#include "tagger/word_case.hpp"

namespace parley {
namespace {

using word_case::all_caps;
using word_case::inflects_name;
using word_case::possessive;
using word_case::starts_upper;
using word_case::without_possessive;

using Kind = GazetteerEntry::Kind;
using Words = std::span<const std::string_view>;

// The words of a folded name, split at its spaces ("de gaulle": "de", "gaulle").
std::vector<std::string> name_words(const std::string& name) {
    std::vector<std::string> words;
    for (std::size_t from = 0; from < name.size();) {
        const auto space = std::min(name.find(' ', from), name.size());
        words.push_back(name.substr(from, space - from));
        from = space + 1;
    }
    return words;
}

bool among(std::string_view word, Words list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}
bool among(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

// Words that make a capitalised run an institution's name rather than a place.
constexpr std::string_view kInstitutionWords[] = {
    "University", "College", "Institute",  "Institution", "Academy", "School",      "Museum",
    "Hospital",   "Library", "Foundation", "Centre",      "Center",  "Polytechnic", "Conservatory"};
// Lower-case words allowed inside a proper name ("University of Dhaka").
constexpr std::string_view kNameConnectors[] = {"of", "for", "and", "the", "on", "de"};
constexpr std::string_view kAnd[] = {"and", "or", "&", "et", "ou",  "und", "oder",
                                     "y",   "o",  "e", "и",  "или", "和",  "与"};

// --- capitals: place or actor --------------------------------------------------------------
// Words after which a capital is a place, per language (folded forms).
constexpr std::string_view kPlacePrepositionsEn[] = {
    "in",      "at",      "to",    "from",   "near",    "via",      "across",     "outside",
    "around",  "between", "into",  "inside", "within",  "through",  "throughout", "toward",
    "towards", "beyond",  "along", "visit",  "visited", "visiting", "visits",     "over"};
constexpr std::string_view kPlacePrepositionsFr[] = {"a",    "au",     "aux",   "en",   "dans",
                                                     "vers", "depuis", "pres",  "chez", "jusqu",
                                                     "via",  "entre",  "visite"};
constexpr std::string_view kPlacePrepositionsDe[] = {"in",    "im",       "nach", "aus",   "bei",
                                                     "beim",  "zu",       "zum",  "nahe",  "uber",
                                                     "durch", "zwischen", "via",  "wegen", "um"};
constexpr std::string_view kPlacePrepositionsEs[] = {"en",    "a",     "al",    "hacia", "desde",
                                                     "hasta", "entre", "cerca", "via"};
constexpr std::string_view kPlacePrepositionsRu[] = {
    "в", "во", "на", "из", "к", "ко", "до", "около", "через", "под", "у", "между", "возле"};
constexpr std::string_view kPlacePrepositionsZh[] = {"在", "到",   "去",   "从",  "于",
                                                     "赴", "访问", "抵达", "前往"};

// Determiners before a noun in languages that capitalise every noun: "der Kohl" (cabbage),
// "unter jeder Palme" (palm tree). A leader's one-word name after one is the noun.
constexpr std::string_view kNounDeterminersDe[] = {
    "der",     "die",    "das",     "den",    "dem",    "des",    "ein",     "eine",   "einen",
    "einem",   "einer",  "eines",   "jeder",  "jede",   "jedes",  "jeden",   "jedem",  "kein",
    "keine",   "keinen", "keinem",  "keiner", "keines", "dieser", "diese",   "dieses", "diesen",
    "diesem",  "mein",   "meine",   "sein",   "seine",  "ihr",    "ihre",    "unser",  "unsere",
    "welcher", "welche", "welches", "jener",  "jene",   "manche", "mancher", "viele",  "alle",
    "beim",    "im",     "am",      "vom",    "zum",    "zur",    "ins"};

// The definite articles a German speaker puts before a person's surname ("die Merkel", "der
// Scholz"): after them a leader the article names is the leader, not a noun.
constexpr std::string_view kColloquialArticlesDe[] = {"der", "die", "den", "dem"};

Words noun_determiners(std::string_view language) {
    if (language == "de") return kNounDeterminersDe;
    return {};
}

Words place_prepositions(std::string_view language) {
    if (language == "fr") return kPlacePrepositionsFr;
    if (language == "de") return kPlacePrepositionsDe;
    if (language == "es") return kPlacePrepositionsEs;
    if (language == "ru") return kPlacePrepositionsRu;
    if (language == "zh") return kPlacePrepositionsZh;
    return kPlacePrepositionsEn;
}

// A following noun that makes the capital a place or an event's name ("the Washington
// summit", "Moscow residents").
constexpr std::string_view kPlaceNouns[] = {
    "summit",      "summits",      "talks",       "meeting",    "meetings", "conference",
    "conferences", "negotiations", "agreement",   "agreements", "accord",   "accords",
    "treaty",      "treaties",     "declaration", "protocol",   "process",  "round",
    "communique",  "visit",        "trip",        "airport",    "embassy",  "metro",
    "subway",      "suburbs",      "suburb",      "street",     "streets",  "residents",
    "resident",    "marathon",     "area",        "region",     "bureau",   "correspondent",
    "station",     "mayor",        "city",        "zoo",        "hotel",    "university",
    "consensus",   "insiders",     "politics"};
// Nouns that make "NOUN of <capital>" a place ("the brave city of Berlin").
constexpr std::string_view kPlaceOfNouns[] = {"capital", "people",  "citizens",   "heart",
                                              "centre",  "center",  "outskirts",  "siege",
                                              "streets", "suburbs", "population", "ruins"};
// A following noun for the state's government ("the Beijing regime").
constexpr std::string_view kGovernmentNouns[] = {
    "government",   "regime",        "leadership", "administration", "authorities", "officials",
    "policymakers", "establishment", "elite",      "elites",         "leaders"};
// Relations that make the capital a party ("sanctions against Moscow").
constexpr std::string_view kPartyPrepositions[] = {"by", "with", "against"};
// Verbs whose object is a party, not a place: "warned Moscow", "accused Tokyo of", "gave
// Moscow time". Verbs of movement and force ("visited", "reached", "hit") are left out:
// their object is the city; so is "make", whose object may be a thing ("made Paris
// possible": the agreement). Matched by English stem, so every inflection counts;
// irregular past forms are listed.
constexpr std::string_view kPartyObjectVerbs[] = {
    "warn",      "urge",      "press",     "pressure",     "accuse",      "criticise", "criticize",
    "condemn",   "tell",      "told",      "ask",          "persuade",    "convince",  "reassure",
    "anger",     "alarm",     "push",      "force",        "let",         "help",      "back",
    "support",   "oppose",    "punish",    "sanction",     "reward",      "blame",     "court",
    "lobby",     "snub",      "rebuke",    "defy",         "challenge",   "threaten",  "deter",
    "engage",    "trust",     "distrust",  "isolate",      "confront",    "embolden",  "placate",
    "appease",   "woo",       "provoke",   "antagonise",   "antagonize",  "irritate",  "infuriate",
    "embarrass", "humiliate", "surprise",  "worry",        "remind",      "assure",    "inform",
    "brief",     "invite",    "recognise", "recognize",    "give",        "gave",      "keep",
    "kept",      "caught",    "drew",      "outmanoeuvre", "outmaneuver", "outflank",  "rattle",
    "spook"};
// Verb forms no suffix reveals.
constexpr std::string_view kVerbs[] = {
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "shall", "may", "might", "must", "did", "does", "do", "cannot", "cant", "wont", "isnt", "wasnt",
    "hasnt", "doesnt", "didnt", "said", "made", "took", "sent", "told", "gave", "won", "lost",
    "saw", "kept", "left", "held", "met", "sought", "knew", "thought", "began", "brought", "built",
    "chose", "drew", "fell", "felt", "fought", "found", "got", "grew", "hit", "led", "let", "meant",
    "paid", "put", "ran", "rose", "set", "sold", "spent", "spoke", "stood", "struck", "threw",
    "understood", "went", "wrote", "became", "came", "seems", "says", "wants", "needs",
    // base forms, after a list ("Washington and Tokyo hold the pen")
    "hold", "want", "need", "say", "see", "fear", "agree", "insist", "oppose", "support", "worry",
    "share", "know", "believe", "remain", "seem", "expect", "hope", "face", "argue", "accept",
    "reject", "refuse", "prefer", "understand", "view", "regard", "continue", "demand", "warn",
    "doubt", "dispute"};
// Adverbs that may stand between subject and verb ("Beijing quickly responded").
// Verbs of saying in the past, and "says", "tells": after a month's name ("May said") they
// make it a person, as a month says nothing. Present forms in -s are left out: they are
// plural nouns too.
constexpr std::string_view kSayingVerbs[] = {
    "said",      "says",      "told",         "tells", "insisted", "argued", "warned",
    "added",     "claimed",   "replied",      "asked", "admitted", "wrote",  "announced",
    "declared",  "conceded",  "promised",     "vowed", "stated",   "noted",  "responded",
    "explained", "suggested", "acknowledged", "urged", "pledged",  "insists"};

constexpr std::string_view kAdverbs[] = {"also",    "now",   "still", "again", "never",
                                         "already", "often", "just",  "even",  "soon",
                                         "then",    "once",  "too",   "all"};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A lower-case word that reads as a finite verb: a listed form, a past in -ed or a third
// person in -s ("warned", "insists").
bool verb_like(std::string_view norm) {
    if (among(norm, kVerbs)) return true;
    if (norm.size() >= 4 && ends_with(norm, "ed")) return true;
    return norm.size() >= 4 && ends_with(norm, "s") && !ends_with(norm, "ss") &&
           !ends_with(norm, "us") && !ends_with(norm, "is") && !ends_with(norm, "ics");
}

// --- titles ---------------------------------------------------------------------------------
struct Title {
    std::string_view words;   // folded, separated by single spaces
    std::string_view office;  // the singular, as offices begin ("prime minister")
    bool plural;
};
// Longest first among titles sharing a first word.
const std::array<Title, 82> kTitles{{
    {"secretaries of state", "secretary of state", true},
    {"secretary of state", "secretary of state", false},
    {"secretaries general", "secretary general", true},
    {"secretary general", "secretary general", false},
    {"vice presidents", "vice president", true},
    {"vice president", "vice president", false},
    {"prime ministers", "prime minister", true},
    {"prime minister", "prime minister", false},
    {"foreign ministers", "foreign minister", true},
    {"foreign minister", "foreign minister", false},
    {"foreign secretary", "foreign secretary", false},
    {"defence minister", "defence minister", false},
    {"defense minister", "defense minister", false},
    {"defence secretary", "defence secretary", false},
    {"defense secretary", "secretary of defense", false},
    {"supreme leader", "supreme leader", false},
    {"general secretaries", "general secretary", true},
    {"general secretary", "general secretary", false},
    {"crown prince", "crown prince", false},
    {"field marshal", "field marshal", false},
    {"presidents", "president", true},
    {"president", "president", false},
    {"premiers", "premier", true},
    {"premier", "premier", false},
    {"chancellors", "chancellor", true},
    {"chancellor", "chancellor", false},
    {"secretaries", "secretary", true},
    {"secretary", "secretary", false},
    {"generals", "general", true},
    {"general", "general", false},
    {"chairmen", "chairman", true},
    {"chairman", "chairman", false},
    {"chairwoman", "chairwoman", false},
    {"kings", "king", true},
    {"king", "king", false},
    {"queen", "queen", false},
    {"prince", "prince", false},
    {"ayatollahs", "ayatollah", true},
    {"ayatollah", "ayatollah", false},
    {"marshals", "marshal", true},
    {"marshal", "marshal", false},
    {"emperor", "emperor", false},
    {"sheikh", "sheikh", false},
    {"emir", "emir", false},
    {"sultan", "sultan", false},
    {"mr", "", false},
    {"mrs", "", false},
    {"ms", "", false},
    // French, German and Spanish titles, folded ("président" is "president" above): a
    // surname after them is matched in those languages' paragraphs too.
    {"premier ministre", "prime minister", false},
    {"chancelier", "chancellor", false},
    {"chanceliere", "chancellor", false},
    {"ministre", "minister", false},
    {"secretaire general", "secretary general", false},
    {"marechal", "marshal", false},
    {"roi", "king", false},
    {"reine", "queen", false},
    {"presidente", "president", false},
    {"presidenta", "president", false},
    {"presidentes", "president", true},
    {"primer ministro", "prime minister", false},
    {"primera ministra", "prime minister", false},
    {"canciller", "chancellor", false},
    {"ministro", "minister", false},
    {"ministra", "minister", false},
    {"secretario general", "secretary general", false},
    {"secretario de estado", "secretary of state", false},
    {"rey", "king", false},
    {"prasident", "president", false},
    {"prasidentin", "president", false},
    {"bundesprasident", "president", false},
    {"kanzler", "chancellor", false},
    {"kanzlerin", "chancellor", false},
    {"bundeskanzler", "chancellor", false},
    {"bundeskanzlerin", "chancellor", false},
    {"aussenminister", "foreign minister", false},
    {"aussenministerin", "foreign minister", false},
    {"ministerprasident", "prime minister", false},
    {"premierminister", "prime minister", false},
    {"premierministerin", "prime minister", false},
    {"generalsekretar", "secretary general", false},
    {"konig", "king", false},
    {"konigin", "queen", false},
}};

// --- dates ----------------------------------------------------------------------------------
struct DateParts {
    int year = 0, month = 0, day = 0;
};

std::optional<DateParts> parse_parts(std::string_view d) {
    auto number = [&](std::size_t at, std::size_t len) {
        int n = 0;
        for (std::size_t k = at; k < at + len; ++k) {
            if (d[k] < '0' || d[k] > '9') return -1;
            n = n * 10 + (d[k] - '0');
        }
        return n;
    };
    DateParts p;
    if (d.size() < 4 || (p.year = number(0, 4)) < 0) return std::nullopt;
    if (d.size() >= 7 && d[4] == '-' && (p.month = number(5, 2)) < 0) return std::nullopt;
    if (d.size() >= 10 && d[7] == '-' && (p.day = number(8, 2)) < 0) return std::nullopt;
    return p;
}

// Day numbers that keep the order of dates (31 days a month, 12 months a year).
std::int64_t day_number(int year, int month, int day) {
    return static_cast<std::int64_t>(year) * 372 + (month - 1) * 31 + (day - 1);
}
std::int64_t first_day(const DateParts& p) {
    return day_number(p.year, p.month ? p.month : 1, p.day ? p.day : 1);
}
std::int64_t last_day(const DateParts& p) {
    return day_number(p.year, p.month ? p.month : 12, p.day ? p.day : 31);
}

std::size_t two_bytes(std::string_view word) {
    return static_cast<unsigned char>(word[0]) << 8 | static_cast<unsigned char>(word[1]);
}

// Leaders tagged in the paragraph being tagged by a form only they bear (resolve()).
thread_local std::vector<std::uint32_t> t_named_alone;

constexpr std::int64_t kNoDate = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kNoEnd = std::numeric_limits<std::int64_t>::max();
// 20 years in day numbers (372 a year): how long before a first term "Title Surname" is read
// as that leader.
constexpr std::int64_t kSurnameLead = 20 * 372;

// --- words ----------------------------------------------------------------------------------
bool only_spaces(std::string_view gap) {
    return std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// The title's office ("president") is the office of the leader or one it held ("President of
// the United States", "Prime Minister (President 2004-2008)"), as whole words: "vice
// president" holds "president" too, as a namesake's tie-break may allow.
bool office_words_in(std::string_view office_key, std::string_view office) {
    for (std::size_t at = office_key.find(office); at != std::string_view::npos;
         at = office_key.find(office, at + 1)) {
        const std::size_t end = at + office.size();
        const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)); };
        if ((at == 0 || !letter(office_key[at - 1])) &&
            (end == office_key.size() || !letter(office_key[end])))
            return true;
    }
    return false;
}

}  // namespace

// The words of one paragraph (hyphenated compounds as their parts) and their context.
class ActorTagger::Paragraph {
  public:
    explicit Paragraph(const ActorTagInput& in) : in_(in) {
        thread_local std::vector<std::uint32_t> scratch;
        words_ = &scratch;
        words_->clear();
        const auto& tokens = *in.tokens;
        for (std::uint32_t t = 0; t < tokens.size(); ++t) {
            if (tokens[t].kind != Token::Kind::Compound) words_->push_back(t);
        }
        english_ = in.english_stems && in.english_stems->size() == tokens.size();
        if (auto parts = parse_parts(in.date)) {
            const std::int64_t a = first_day(*parts), b = last_day(*parts);
            date_ = a + (b - a) / 2;  // "1989" is read as mid-1989
        }
    }
    std::size_t size() const { return words_->size(); }
    const Token& token(std::size_t i) const { return (*in_.tokens)[(*words_)[i]]; }
    std::string_view original(std::size_t i) const {
        const Token& t = token(i);
        return in_.text.substr(t.begin, t.end - t.begin);
    }
    std::string_view norm(std::size_t i) const { return token(i).norm; }
    std::string_view stem(std::size_t i, bool english) const {
        return english && english_ ? (*in_.english_stems)[(*words_)[i]]
                                   : std::string_view(token(i).term);
    }
    // Text between word i-1 and word i (from the paragraph start for word 0).
    std::string_view gap_before(std::size_t i) const {
        const std::uint32_t from = i == 0 ? 0 : token(i - 1).end;
        return in_.text.substr(from, token(i).begin - from);
    }
    bool joined(std::size_t i) const {  // word i and word i+1 are parts of one name
        return i + 1 < size() && only_spaces(gap_before(i + 1));
    }
    bool sentence_start(std::size_t i) const {
        if (i == 0) return true;
        const auto gap = gap_before(i);
        return gap.find_first_of(".!?;:\n\"") != std::string_view::npos ||
               gap.find("\u201c") != std::string_view::npos ||
               ends_with(original(i - 1), ".");  // "U.S." aside, a dot ends a sentence
    }
    bool comma_before(std::size_t i) const {
        return gap_before(i).find(',') != std::string_view::npos;
    }
    bool capitalised(std::size_t i) const { return starts_upper(original(i)); }
    std::int64_t date() const { return date_; }
    std::string_view language() const { return in_.language; }
    const std::vector<std::string>* article_leaders() const { return in_.article_leaders; }
    const std::vector<std::string>* article_common_words() const {
        return in_.article_common_words;
    }

  private:
    const ActorTagInput& in_;
    std::vector<std::uint32_t>* words_;
    bool english_ = false;
    std::int64_t date_ = kNoDate;
};

ActorTagger::ActorTagger(const Gazetteer& gazetteer) {
    std::unordered_map<std::string, std::uint32_t> actor_index;
    for (const auto& e : gazetteer.entries()) {
        if (e.kind == Kind::Block || e.kind == Kind::Topic) continue;
        Actor a;
        a.name = e.name;
        a.kind = e.kind;
        a.office_key = fold_name(e.office);
        for (const auto& t : e.terms) {
            const auto from = parse_parts(t.from);
            const auto until = t.until.empty() ? std::nullopt : parse_parts(t.until);
            if (!from) continue;
            a.terms.push_back({first_day(*from), until ? last_day(*until)
                                                       : std::numeric_limits<std::int64_t>::max()});
        }
        if (const auto from = parse_parts(e.from)) a.exists.from = first_day(*from);
        a.exists.until = std::numeric_limits<std::int64_t>::max();
        if (const auto until = parse_parts(e.until)) a.exists.until = last_day(*until);
        actor_index.emplace(e.name, static_cast<std::uint32_t>(actors_.size()));
        actors_.push_back(std::move(a));
    }
    for (const auto& e : gazetteer.entries()) {
        if (e.successor.empty() || e.kind == Kind::Block || e.kind == Kind::Topic) continue;
        const auto successor = actor_index.find(e.successor);
        if (successor != actor_index.end()) {
            actors_[successor->second].predecessors.push_back(actor_index.at(e.name));
            actors_[actor_index.at(e.name)].successor =
                static_cast<std::int32_t>(successor->second);
        }
    }
    std::unordered_map<std::string, Analyzer> analyzers;
    auto analyzer = [&](const std::string& language) -> Analyzer& {
        auto it = analyzers.find(language);
        if (it == analyzers.end()) it = analyzers.emplace(language, Analyzer(language)).first;
        return it->second;
    };
    std::unordered_map<std::string, std::uint32_t> seen;  // set + stems + role → pattern
    std::unordered_map<std::string, std::uint32_t> surname_by_key;
    for (const auto& e : gazetteer.entries()) {
        if (e.kind == Kind::Topic) continue;
        const bool block = e.kind == Kind::Block;
        const Role role = block ? Role::Block : Role::Name;
        const std::uint32_t target = block ? 0 : actor_index.at(e.name);
        const bool is_state = e.kind == Kind::State;
        PatternSet& english = sets_["en"];
        add(english, analyzer("en"), e.name, target, role, is_state, seen);
        for (const auto& alias : e.aliases)
            add(english, analyzer("en"), alias, target, role, is_state, seen);
        for (const auto& [language, names] : e.names_by_language) {
            if (Analyzer::canonical_language(language) != language) continue;  // not analysed
            for (const auto& n : names)
                add(sets_[language], analyzer(language), n, target, role, is_state, seen);
        }
        for (const auto& [language, capitals] : e.capitals_by_language) {
            if (Analyzer::canonical_language(language) != language) continue;
            for (const auto& c : capitals)
                add(sets_[language], analyzer(language), c, target, Role::Capital, is_state, seen);
        }
        for (const auto& [language, forms] : e.not_names_by_language) {
            for (const auto& form : forms) {
                std::string key;
                for (const Token& t : analyzer("en").analyze(form)) {
                    if (t.kind == Token::Kind::Compound) continue;
                    if (!key.empty()) key += ' ';
                    key += t.term;
                }
                if (!key.empty()) not_names_[language].push_back({target, std::move(key)});
            }
        }
        if (e.kind != Kind::Leader) continue;
        Actor& leader = actors_[target];
        if (const auto of = actor_index.find(e.of); of != actor_index.end())
            leader.of = static_cast<std::int32_t>(of->second);
        // The surname of "Title Surname": given, else the name's last word with the
        // lower-case particles before it ("Charles de Gaulle" → "de Gaulle").
        const std::string_view written = leader_surname(e);
        std::string surname = fold_name(written);
        if (surname.empty()) continue;
        written_surnames_.emplace(e.name, written);
        auto [it, fresh] =
            surname_by_key.emplace(surname, static_cast<std::uint32_t>(surnames_.size()));
        if (fresh) {
            Surname s;
            s.words = name_words(surname);
            surname_index_[s.words.front()].push_back(it->second);
            surnames_.push_back(std::move(s));
        }
        surnames_[it->second].leaders.push_back(target);
        // The surname in each language that names the leader in full ("Владимир Путин":
        // "Путин"), where it differs from the English one. It stands where the English one
        // stands: first for "Xi Jinping" (Си Цзиньпин), last otherwise. Not Chinese: its
        // texts repeat full names, and a bare family name (李, 王) is far too ambiguous.
        const bool surname_first = e.name.size() > written.size() && e.name.starts_with(written) &&
                                   e.name[written.size()] == ' ';
        for (const auto& [language, names] : e.names_by_language) {
            if (language == "zh" || Analyzer::canonical_language(language) != language) continue;
            for (const std::string& n : names) {
                // A one-word name is a name; a longer one than the English name that is not
                // surname-first is in an order whose surname the English one does not place.
                const std::string_view name = n, local = local_surname(e, name);
                if (local.empty()) continue;
                if (!surname_first)
                    given_names_[language].insert(fold_name(name.substr(0, name.find(' '))));
                std::string folded = fold_name(local);
                if (folded.empty() || folded == surname) continue;
                auto [at, added] = surname_by_key.emplace(
                    language + "\n" + folded, static_cast<std::uint32_t>(surnames_.size()));
                if (added) {
                    Surname s;
                    s.words = name_words(folded);
                    local_surname_index_[language][s.words.front()].push_back(at->second);
                    surnames_.push_back(std::move(s));
                }
                auto& leaders = surnames_[at->second].leaders;
                if (std::find(leaders.begin(), leaders.end(), target) == leaders.end())
                    leaders.push_back(target);
                auto& forms = local_written_surnames_[e.name];
                if (std::find(forms.begin(), forms.end(), local) == forms.end())
                    forms.emplace_back(local);
            }
        }
    }
    english_set_ = &sets_["en"];
    for (const std::string_view verb : kPartyObjectVerbs)
        party_object_verbs_.push_back(analyzer("en").stem(verb));
    std::sort(party_object_verbs_.begin(), party_object_verbs_.end());
    for (std::uint32_t id = 0; id < kTitles.size(); ++id) {
        std::vector<std::string> words;
        for (std::string_view rest = kTitles[id].words; !rest.empty();) {
            const auto space = std::min(rest.find(' '), rest.size());
            words.emplace_back(rest.substr(0, space));
            rest.remove_prefix(std::min(space + 1, rest.size()));
        }
        title_index_[words.front()].push_back(id);
        title_prefixes_.set(two_bytes(words.front()));
        title_words_.push_back(std::move(words));
    }
}

void ActorTagger::add(PatternSet& set, Analyzer& analyzer, std::string_view form,
                      std::uint32_t target, Role role, bool is_state,
                      std::unordered_map<std::string, std::uint32_t>& seen) {
    Pattern p;
    p.role = role;
    p.is_state = is_state;
    std::string key = analyzer.language() + "\n" + std::to_string(static_cast<int>(role));
    for (const Token& t : analyzer.analyze(form)) {
        if (t.kind == Token::Kind::Compound) continue;  // patterns match word by word
        const std::string_view original = form.substr(t.begin, t.end - t.begin);
        // Blocks match in any case: "Doha round" is the "Doha Round".
        const CaseRule rule = role == Role::Block      ? CaseRule::Any
                              : all_caps(original)     ? CaseRule::AllCaps
                              : starts_upper(original) ? CaseRule::Capitalised
                                                       : CaseRule::Any;
        p.stems.push_back(t.term);
        p.norms.push_back(t.norm);
        p.cases.push_back(rule);
        key += "\n" + t.term + static_cast<char>('0' + static_cast<int>(rule)) + t.norm;
    }
    if (p.stems.empty()) return;
    // The same form under several leaders (namesakes) is one pattern with several targets.
    if (const auto it = seen.find(key); it != seen.end()) {
        auto& targets = set.patterns[it->second].targets;
        if (role != Role::Block &&
            std::find(targets.begin(), targets.end(), target) == targets.end())
            targets.push_back(target);
        return;
    }
    const auto id = static_cast<std::uint32_t>(set.patterns.size());
    seen.emplace(std::move(key), id);
    if (role != Role::Block) p.targets.push_back(target);
    set.index[p.stems.front()].push_back(id);
    if (analyzer.language() == "ru") {
        set.case_endings = true;
        const std::string_view base = russian::declension_base(p.norms.front());
        if (!base.empty()) set.by_norm[std::string(base)].push_back(id);
    }
    set.patterns.push_back(std::move(p));
}

void ActorTagger::tag(const ActorTagInput& input, std::vector<std::string>& out,
                      std::vector<std::string>* leaders_named) const {
    thread_local std::vector<std::uint32_t> hits;
    hits.clear();
    t_named_alone.clear();
    Paragraph p(input);
    const bool english_text = input.language.empty() || input.language == "en";
    if (english_set_) match_set(p, *english_set_, true, hits);
    if (!english_text) {
        if (const auto it = sets_.find(input.language); it != sets_.end())
            match_set(p, it->second, false, hits);
    }
    if (input.article_leaders && !input.article_leaders->empty())
        second_mentions(p, *input.article_leaders, hits);
    read_in_its_time(p.date(), hits);
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    for (std::uint32_t h : hits) out.push_back(actors_[h].name);
    if (!leaders_named) return;
    for (std::uint32_t h : t_named_alone) {
        if (actors_[h].kind == Kind::Leader) leaders_named->push_back(actors_[h].name);
    }
}

// A capital speaks for whoever holds the seat at the date: after its state ended, for the
// successor ("Bonn" in 1995 is Germany, not West Germany). Names of the state itself stay
// as written: "the Soviet Union" in 2020 is still the Soviet Union.
std::uint32_t ActorTagger::seat_holder_at(std::uint32_t state, std::int64_t date) const {
    if (date == kNoDate) return state;
    for (int step = 0; step < 8; ++step) {  // successor chains are short; a cycle stops here
        const Actor& a = actors_[state];
        if (a.successor < 0 || a.exists.until == kNoEnd || date <= a.exists.until) break;
        state = static_cast<std::uint32_t>(a.successor);
    }
    return state;
}

// A name read in its time: before a state's predecessor ended, "Russia", "Moscow" or
// "Russian" in an article of 1967 mean the Soviet Union. Only when exactly one predecessor
// existed at the article date: "Germany" in 1962 (East and West) and "Vietnam" in 1966
// (North and South) stay as written.
void ActorTagger::read_in_its_time(std::int64_t date, std::vector<std::uint32_t>& hits) const {
    if (date == kNoDate) return;
    for (std::uint32_t& h : hits) {
        const Actor& actor = actors_[h];
        if (actor.predecessors.empty()) continue;
        // It existed then itself (`from` given and passed): "the G7" in March 2014 is the G7.
        if (actor.exists.from > 0 && actor.exists.from <= date) continue;
        std::uint32_t alive = 0;
        int count = 0;
        for (std::uint32_t pred : actor.predecessors) {
            // A predecessor with no `until` has not ended: nothing to read back to.
            const Term& e = actors_[pred].exists;
            if (e.until != kNoEnd && e.from <= date && date <= e.until) {
                alive = pred;
                ++count;
            }
        }
        if (count == 1) h = alive;
    }
}

const ActorTagger::Pattern* ActorTagger::longest_at(const Paragraph& p, const PatternSet& set,
                                                    std::size_t i) const {
    const bool english_set = &set == english_set_;
    const bool foreign = english_set && !(p.language().empty() || p.language() == "en");
    const auto candidates = set.index.find(p.stem(i, english_set));
    if (candidates == set.index.end() && !set.case_endings) return nullptr;
    // English names in another language's text are proper names: written with a capital.
    if (foreign && !starts_upper(p.original(i))) return nullptr;
    const Pattern* best = nullptr;
    auto consider = [&](const std::vector<std::uint32_t>& ids) {
        for (std::uint32_t id : ids) {
            const Pattern& pattern = set.patterns[id];
            if (best && pattern.stems.size() <= best->stems.size()) continue;
            if (i + pattern.stems.size() > p.size()) continue;
            bool ok = true;
            for (std::size_t k = 0; ok && k < pattern.stems.size(); ++k) {
                const std::string_view word = p.original(i + k);
                switch (pattern.cases[k]) {
                    case CaseRule::Any:
                        break;
                    case CaseRule::Capitalised:
                        ok = starts_upper(word);
                        break;
                    case CaseRule::AllCaps:
                        ok = all_caps(word);
                        break;
                }
                ok = ok &&
                     (p.stem(i + k, english_set) == pattern.stems[k] ||
                      (set.case_endings && russian::declined(p.norm(i + k), pattern.norms[k])));
                // An English proper name takes a plural or a possessive, not the other endings
                // stemming takes off: "Hollande" is not "Holland", though both stem "holland".
                if (ok && english_set && pattern.cases[k] != CaseRule::Any)
                    ok = inflects_name(p.norm(i + k), pattern.norms[k]);
            }
            if (ok) best = &pattern;
        }
    };
    if (candidates != set.index.end()) consider(candidates->second);
    if (set.case_endings) {
        // The stemmer may cut a name's own ending ("Байден", "Байдена" stem "байд"; "Байдену",
        // "Байденом" stem "байден"): the name as written plus a case ending matches too.
        const std::string_view norm = p.norm(i);
        auto strip = [&](Words endings) {
            for (const std::string_view ending : endings) {
                if (norm.size() <= ending.size() || !norm.ends_with(ending)) continue;
                const auto bare = set.by_norm.find(norm.substr(0, norm.size() - ending.size()));
                if (bare != set.by_norm.end()) consider(bare->second);
            }
        };
        strip(russian::hard_endings());
        strip(russian::soft_endings());
    }
    return best;
}

void ActorTagger::match_set(Paragraph& p, const PatternSet& set, bool english_rules,
                            std::vector<std::uint32_t>& hits) const {
    const bool english_text = p.language().empty() || p.language() == "en";
    auto original = [&](std::size_t i) { return p.original(i); };
    auto capital_or_connector = [&](std::size_t i) {
        return starts_upper(original(i)) || among(original(i), kNameConnectors);
    };
    // True when words [first, last] sit inside a capitalised run naming an institution.
    auto inside_institution = [&](std::size_t first, std::size_t last) {
        bool found = false;
        for (std::size_t i = first; i > 0 && p.joined(i - 1) && capital_or_connector(i - 1); --i)
            found = found || among(original(i - 1), kInstitutionWords);
        for (std::size_t i = last; p.joined(i) && capital_or_connector(i + 1); ++i)
            found = found || among(original(i + 1), kInstitutionWords);
        return found;
    };
    std::size_t previous_capital_end = std::numeric_limits<std::size_t>::max();
    for (std::size_t i = 0; i < p.size();) {
        const Pattern* best = longest_at(p, set, i);
        if (!best) {
            // "North and South Korea": "North" takes the rest of the name after "and".
            if (i + 2 < p.size() && p.norm(i + 1).size() <= 6 && among(p.norm(i + 1), kAnd)) {
                const Pattern* next = longest_at(p, set, i + 2);
                if (next && next->role == Role::Name && next->stems.size() >= 2) {
                    const auto candidates = set.index.find(p.stem(i, &set == english_set_));
                    static const std::vector<std::uint32_t> none;
                    const auto& ids = candidates == set.index.end() ? none : candidates->second;
                    for (std::uint32_t id : ids) {
                        const Pattern& q = set.patterns[id];
                        if (q.role == Role::Name && q.stems.size() == next->stems.size() &&
                            std::equal(q.stems.begin() + 1, q.stems.end(),
                                       next->stems.begin() + 1) &&
                            (q.cases[0] != CaseRule::Capitalised || p.capitalised(i))) {
                            resolve(p, q.targets, hits);
                            break;
                        }
                    }
                }
            }
            // "Nord- und Südkorea": "Nord" takes the rest of the one-word name after "und".
            suspended_hyphen(p, set, i, hits);
            std::size_t next = i + 1;
            // Titles run in every pass, so that a surname after one is the leader and not a
            // name of that language ("le président Hollande" is no Holland).
            next = std::max(next, titled(p, set, i, hits));
            i = next;
            continue;
        }
        const std::size_t last = i + best->stems.size() - 1;
        const bool hidden =
            (best->is_state && best->role != Role::Block && inside_institution(i, last)) ||
            (best->role == Role::Name && noun_not_name(p, *best, i)) ||
            (best->role == Role::Name && best->stems.size() == 1 && !english_rules &&
             std::all_of(best->targets.begin(), best->targets.end(),
                         [&](std::uint32_t t) { return actors_[t].kind == Kind::Leader; }) &&
             common_word_use(p, i, best->norms.front()));
        if (!hidden && best->role == Role::Name) {
            const std::vector<std::uint32_t>& targets = targets_in_language(p, set, *best, i, last);
            if (targets.empty()) {
                i = last + 1;
                continue;
            }
            resolve(p, targets, hits);
            // "Corea del Norte y del Sur": "Corea del" with "Sur" is a name too.
            if (const std::size_t end = shared_head(p, set, *best, last, hits); end > last) {
                i = end + 1;
                continue;
            }
            // "the Russian president said", "Russia's president": the holder of that office
            // at the article date, unless a name follows the title (then the name tells who).
            // Not "an American president" nor "no American president": those are anyone.
            const std::string_view state_word = p.original(last);
            const bool definite = (i > 0 && fold_name(p.original(i - 1)) == "the") ||
                                  state_word.ends_with("'s") || state_word.ends_with("\u2019s");
            std::size_t title_words = 0;
            const std::int32_t title = english_rules && english_text && definite &&
                                               p.joined(last) && best->targets.size() == 1
                                           ? title_at(p, last + 1, title_words)
                                           : -1;
            const std::size_t after = last + 1 + title_words;
            if (title >= 0 && (after >= p.size() || !p.capitalised(after)))
                office_holders(p, best->targets.front(),
                               kTitles[static_cast<std::size_t>(title)].office, hits);
        }
        if (!hidden && best->role == Role::Capital) {
            if (acting(p, set, i, last, english_text, previous_capital_end)) {
                const std::size_t first_hit = hits.size();
                resolve(p, best->targets, hits);
                for (std::size_t h = first_hit; h < hits.size(); ++h)
                    hits[h] = seat_holder_at(hits[h], p.date());
            }
            previous_capital_end = last;
        }
        i = last + 1;
    }
}

// "Nord- und Südkorea", "Ost- und Westdeutschland": word i ends with a hyphen and "und" (or
// another word of kAnd) follows, then a one-word name Y. When word i with the end of Y is a
// name too ("Nord" + "korea"), it is tagged.
void ActorTagger::suspended_hyphen(const Paragraph& p, const PatternSet& set, std::size_t i,
                                   std::vector<std::uint32_t>& hits) const {
    if (i + 2 >= p.size() || !among(p.norm(i + 1), kAnd)) return;
    const std::string_view gap = p.gap_before(i + 1);
    if (gap.empty() || gap.front() != '-') return;
    const Pattern* y = longest_at(p, set, i + 2);
    if (!y || y->role != Role::Name || y->stems.size() != 1) return;
    const std::string_view prefix = p.norm(i);
    const std::string& whole = y->norms.front();
    // The longest shared end first: "sudkorea" → "korea" before "orea".
    for (std::size_t cut = 1; cut + 3 <= whole.size(); ++cut) {
        const std::string_view rest = std::string_view(whole).substr(cut);
        for (const Pattern& q : set.patterns) {
            if (q.role != Role::Name || q.norms.size() != 1) continue;
            const std::string& n = q.norms.front();
            if (n.size() == prefix.size() + rest.size() && n.starts_with(prefix) &&
                n.ends_with(rest)) {
                resolve(p, q.targets, hits);
                return;
            }
        }
    }
}

// "Corea del Norte y del Sur", "Corées du Nord et du Sud", "Alemania Oriental y Occidental":
// after a name of two words or more, "and", the name's last connector again (when it has
// one), and a word W. When the name with W for its last word is a name too, it is tagged.
// Returns the index of W, or `last` when the rule does not apply.
std::size_t ActorTagger::shared_head(const Paragraph& p, const PatternSet& set, const Pattern& name,
                                     std::size_t last, std::vector<std::uint32_t>& hits) const {
    const std::size_t words = name.stems.size();
    if (words < 2 || last + 2 >= p.size() || !among(p.norm(last + 1), kAnd)) return last;
    std::size_t w = last + 2;
    if (words >= 3 && name.cases[words - 2] == CaseRule::Any) {  // a connector: del, du, of
        if (p.norm(w) != name.norms[words - 2] || w + 1 >= p.size()) return last;
        ++w;
    }
    const bool english_set = &set == english_set_;
    const auto candidates = set.index.find(name.stems.front());
    if (candidates == set.index.end()) return last;
    for (const std::uint32_t id : candidates->second) {
        const Pattern& q = set.patterns[id];
        if (&q == &name || q.role != Role::Name || q.stems.size() != words) continue;
        if (!std::equal(q.stems.begin(), q.stems.end() - 1, name.stems.begin())) continue;
        if (q.stems.back() != p.stem(w, english_set)) continue;
        if (q.cases.back() != CaseRule::Any && !p.capitalised(w)) continue;
        resolve(p, q.targets, hits);
        return w;
    }
    return last;
}

// In a language that capitalises every noun, a leader's one-word name after a determiner is
// the noun: "Der Kohl ist teurer" (cabbage), "unter jeder Palme" (palm tree).
bool ActorTagger::noun_not_name(const Paragraph& p, const Pattern& name, std::size_t i) const {
    if (name.stems.size() != 1 || i == 0 || !p.joined(i - 1)) return false;
    const Words determiners = noun_determiners(p.language());
    if (determiners.empty() || !among(p.norm(i - 1), determiners)) return false;
    // The first part of a compound is the name: "die Merkel-Regierung", "der Putin-Vertraute".
    if (i + 1 < p.size()) {
        const std::string_view gap = p.gap_before(i + 1);
        if (gap == "-" || gap == "\u2010" || gap == "\u2011") return false;
    }
    if (!std::all_of(name.targets.begin(), name.targets.end(),
                     [&](std::uint32_t t) { return actors_[t].kind == Kind::Leader; }))
        return false;
    // "Die Merkel hat gezögert": the colloquial article before a leader the article names.
    const auto* named = p.article_leaders();
    if (named && among(p.norm(i - 1), kColloquialArticlesDe) &&
        std::any_of(name.targets.begin(), name.targets.end(), [&](std::uint32_t t) {
            return std::find(named->begin(), named->end(), actors_[t].name) != named->end();
        }))
        return false;
    return true;
}

// The targets of an English name matched at [first, last], less the actors it does not name
// in the paragraph's language (`not.es: America`: Spanish "América" is the continent).
const std::vector<std::uint32_t>& ActorTagger::targets_in_language(const Paragraph& p,
                                                                   const PatternSet& set,
                                                                   const Pattern& name,
                                                                   std::size_t first,
                                                                   std::size_t last) const {
    if (&set != english_set_ || p.language().empty() || p.language() == "en") return name.targets;
    const auto excluded = not_names_.find(p.language());
    if (excluded == not_names_.end()) return name.targets;
    thread_local std::string key;
    key.clear();
    for (std::size_t k = first; k <= last; ++k) {
        if (k > first) key += ' ';
        key += p.stem(k, true);
    }
    thread_local std::vector<std::uint32_t> kept;
    kept.clear();
    for (const std::uint32_t t : name.targets) {
        const bool out =
            std::any_of(excluded->second.begin(), excluded->second.end(),
                        [&](const auto& e) { return e.first == t && e.second == key; });
        if (!out) kept.push_back(t);
    }
    return kept;
}

// A capital is its state only when it acts. It is a place when it is part of a longer
// capitalised name ("Berlin Wall"), names a place or an event ("the Washington summit",
// "Moscow residents"), or is governed by a place preposition, directly or through a list
// ("in Paris and Tokyo", "cells in Madrid, London"). Otherwise (English) it acts when it
// holds a possessive ("Washington's"), is followed by a verb (perhaps after an adverb or
// the rest of a list: "Moscow and Beijing signed"), by a word for its government ("the
// Beijing regime"), is joined by "and" to another capital, follows "by", "with" or
// "against", or begins a sentence. In other languages it acts unless it is a place.
bool ActorTagger::acting(const Paragraph& p, const PatternSet& set, std::size_t first,
                         std::size_t last, bool english_rules,
                         std::size_t previous_capital_end) const {
    const bool german = p.language() == "de";
    // Part of a longer capitalised name.
    if (!possessive(p.original(last)) && p.joined(last) && p.capitalised(last + 1)) return false;
    if (!german && first > 0 && p.joined(first - 1) && p.capitalised(first - 1) &&
        !p.sentence_start(first - 1))
        return false;
    // Governed by a place preposition, directly or through a list.
    const Words prepositions = place_prepositions(p.language());
    bool through_comma = false, comma_governed = false, crossed_and = false;
    std::size_t k = first;
    while (k > 0) {
        if (p.sentence_start(k)) break;
        const std::string_view before = p.norm(k - 1);
        if (among(before, {"the", "le", "la", "les", "l", "der", "die", "dem", "den", "el"})) {
            --k;
            continue;
        }
        // "the city of Berlin", "the streets of Moscow", "the mayor of London": a place.
        if (english_rules && before == "of" && k >= 2 &&
            (among(p.norm(k - 2), kPlaceNouns) || among(p.norm(k - 2), kPlaceOfNouns)))
            return false;
        if (among(before, prepositions)) {
            // After a sentence-opening "In X, ..." only a verb makes a capital a party: "In
            // Beijing, Washington warned". Inside a sentence the comma makes a list: "cells in
            // Madrid, London were raided".
            if (!through_comma || !english_rules || !p.sentence_start(k - 1)) return false;
            comma_governed = true;
            break;
        }
        // A list member before us: "Madrid, London", "Paris and Tokyo"; ", and" joins
        // clauses ("open to China, and Tokyo, Seoul and Canberra should say").
        const bool joined_by_and =
            among(before, kAnd) && k >= 2 && p.capitalised(k - 2) && !p.comma_before(k - 1);
        const bool joined_by_comma = p.comma_before(k) && p.capitalised(k - 1);
        if (!joined_by_and && !joined_by_comma) break;
        through_comma = through_comma || (joined_by_comma && !joined_by_and);
        crossed_and = crossed_and || joined_by_and;
        k -= joined_by_and ? 2 : 1;
        while (k > 0 && p.joined(k - 1) && p.capitalised(k - 1) && !p.sentence_start(k - 1)) --k;
    }
    if (!english_rules) return true;
    if (last + 1 < p.size() && !p.capitalised(last + 1) && among(p.norm(last + 1), kPlaceNouns))
        return false;
    if (possessive(p.original(last))) return true;
    // Skip the rest of a list of capitalised names, then an adverb, to the verb.
    std::size_t n = last + 1;
    bool coordinated_with_capital = false;
    while (n + 1 < p.size() && (among(p.norm(n), kAnd) || p.comma_before(n)) &&
           p.capitalised(among(p.norm(n), kAnd) ? n + 1 : n)) {
        if (among(p.norm(n), kAnd)) {
            crossed_and = true;
            const Pattern* other = longest_at(p, set, n + 1);
            coordinated_with_capital =
                coordinated_with_capital || (other && other->role == Role::Capital);
            ++n;
        }
        ++n;
        while (n < p.size() && p.capitalised(n) && p.joined(n - 1)) ++n;
    }
    // A list with "and" is one list, all of it governed: "talks in Baghdad, Muscat and
    // Beijing is ...".
    if (comma_governed && crossed_and) return false;
    if (n < p.size() && !p.capitalised(n)) {
        std::string_view word = p.norm(n);
        if ((ends_with(word, "ly") || among(word, kAdverbs)) && n + 1 < p.size())
            word = p.norm(n + 1);
        if (verb_like(word) && !among(word, kPlaceNouns)) return true;
        if (among(p.norm(n), kGovernmentNouns)) return true;
    }
    if (comma_governed) return false;
    if (coordinated_with_capital) return true;
    if (previous_capital_end != std::numeric_limits<std::size_t>::max() &&
        previous_capital_end + 2 == first && among(p.norm(first - 1), kAnd))
        return true;
    if (first > 0 && among(p.norm(first - 1), kPartyPrepositions)) return true;
    // The object of a verb that takes a party: "told Moscow where", "warned the Kremlin".
    if (std::size_t v = first; v > 0) {
        if (p.norm(v - 1) == "the" && v > 1) --v;
        if (p.joined(v - 1) && std::binary_search(party_object_verbs_.begin(),
                                                  party_object_verbs_.end(), p.stem(v - 1, true)))
            return true;
    }
    // A point of view: "For Tehran, the priority is ...".
    if (first > 0 && p.norm(first - 1) == "for" && p.sentence_start(first - 1) &&
        last + 1 < p.size() && p.comma_before(last + 1))
        return true;
    // Sentence subject: "Beijing, for its part, refused", "The Kremlin, too, ...".
    return p.sentence_start(first) ||
           (first > 0 && p.norm(first - 1) == "the" && p.sentence_start(first - 1));
}

// "President Gorbachev", "Presidents Gorbachev, Mitterrand, Ozal, Mubarak", "the
// Presidents of Russia and China". Returns the word after what it read, or i if no title
// form starts at i.
// The title starting at word i (an index into kTitles, -1 if none) and its number of words.
std::int32_t ActorTagger::title_at(const Paragraph& p, std::size_t i, std::size_t& length) const {
    std::int32_t title = -1;
    length = 0;
    if (i >= p.size()) return -1;
    // Most words cannot start a title: their first two letters say so without hashing.
    const std::string_view norm = p.norm(i);
    if (norm.size() < 2 || !title_prefixes_.test(two_bytes(norm))) return -1;
    const auto starting = title_index_.find(norm);
    if (starting == title_index_.end()) return -1;
    for (std::uint32_t id : starting->second) {
        const auto& words = title_words_[id];
        if (words.size() <= length || i + words.size() > p.size()) continue;
        bool ok = true;
        for (std::size_t w = 1; ok && w < words.size(); ++w) ok = p.norm(i + w) == words[w];
        if (ok) {
            title = static_cast<std::int32_t>(id);
            length = words.size();
        }
    }
    return title;
}

// Tags the leaders of `state` whose office is the title ("president" is the office
// "President" or "President of ...") and whose term holds the article date.
void ActorTagger::office_holders(const Paragraph& p, std::uint32_t state, std::string_view title,
                                 std::vector<std::uint32_t>& hits) const {
    if (p.date() == kNoDate || title.empty()) return;
    std::vector<std::pair<std::uint32_t, const Term*>> holding;
    bool handover = false;  // a term begins on the date: the one ending then is over
    for (std::uint32_t l = 0; l < actors_.size(); ++l) {
        const Actor& leader = actors_[l];
        if (leader.of != static_cast<std::int32_t>(state)) continue;
        const std::string_view office = leader.office_key;
        if (office != title &&
            !(office.substr(0, title.size()) == title && office.substr(title.size(), 4) == " of "))
            continue;
        for (const Term& t : leader.terms) {
            if (t.from <= p.date() && p.date() <= t.until) {
                holding.emplace_back(l, &t);
                handover = handover || t.from == p.date();
            }
        }
    }
    // On an inauguration day both terms hold the date; "the president" is the new one.
    for (const auto& [leader, term] : holding) {
        if (handover && term->until == p.date() && term->from != p.date()) continue;
        hits.push_back(leader);
    }
}

// "President Gorbachev", "Presidents Gorbachev, Mitterrand, Ozal, Mubarak", "the
// Presidents of Russia and China". Returns the word after what it read, or i if no title
// form starts at i.
std::size_t ActorTagger::titled(const Paragraph& p, const PatternSet& set, std::size_t i,
                                std::vector<std::uint32_t>& hits) const {
    std::size_t title_words = 0;
    const std::int32_t id = title_at(p, i, title_words);
    if (id < 0) return i;
    const Title* title = &kTitles[static_cast<std::size_t>(id)];
    std::size_t k = i + title_words;
    if (k >= p.size()) return i;
    if (p.norm(k) == "of") {
        // "the President of France", "the Presidents of Russia and China": whoever held
        // that office of that state at the article date.
        std::size_t n = k + 1;
        if (n < p.size() && p.norm(n) == "the") ++n;
        while (n < p.size()) {
            const Pattern* state = longest_at(p, set, n);
            if (!state || state->role != Role::Name || state->targets.size() != 1) break;
            office_holders(p, state->targets.front(), title->office, hits);
            n += state->stems.size();
            if (!title->plural || n + 1 >= p.size() || !among(p.norm(n), kAnd)) break;
            ++n;
        }
        return i;  // the states themselves are tagged by the main loop
    }
    // The name follows the title ("Mr. Xi"), not after a comma ("the defence minister,
    // Yunus-Bek Yevkurov").
    std::string_view gap = p.gap_before(k);
    if (!gap.empty() && gap.front() == '.') gap.remove_prefix(1);
    if (!only_spaces(gap)) return i;
    std::size_t end = surname_at(p, k, hits, title->office);
    if (end == k) return i;
    // A plural title governs a list: "Presidents Gorbachev, Mitterrand, Ozal and Mubarak".
    while (title->plural && end < p.size()) {
        std::size_t n = end;
        if (among(p.norm(n), kAnd))
            ++n;
        else if (!p.comma_before(n))
            break;
        if (n >= p.size() || !p.capitalised(n)) break;
        std::size_t after = surname_at(p, n, hits, title->office);
        if (after == n) after = n + 1;  // a name the gazetteer does not know
        end = after;
    }
    return end;
}

// A known leader's surname at word k, capitalised: tags the leader (namesakes by date) and
// returns the word after it, or k.
std::size_t ActorTagger::surname_at(const Paragraph& p, std::size_t k,
                                    std::vector<std::uint32_t>& hits,
                                    std::string_view office) const {
    const auto candidates = surname_index_.find(p.norm(k));
    if (candidates == surname_index_.end()) return k;
    const Surname* best = nullptr;
    for (std::uint32_t id : candidates->second) {
        const Surname& s = surnames_[id];
        if (k + s.words.size() > p.size()) continue;
        if (best && s.words.size() <= best->words.size()) continue;
        bool ok = p.capitalised(k + s.words.size() - 1);
        for (std::size_t w = 0; ok && w < s.words.size(); ++w) ok = p.norm(k + w) == s.words[w];
        if (ok) best = &s;
    }
    if (!best) return k;
    // Not the first part of a longer name: "President Ibrahim Boubacar Keïta", "Yunus-Bek".
    const std::size_t end = k + best->words.size();
    if (end < p.size() && p.capitalised(end) && !possessive(p.original(end - 1))) {
        const std::string_view gap = p.gap_before(end);
        if (gap == "-" || only_spaces(gap)) return k;
    }
    std::vector<std::uint32_t> leaders = known_by_then(best->leaders, p.date());
    // Namesakes: the title tells them apart before the date does. "President Johnson" in 2020
    // is Lyndon Johnson (a president), not Boris Johnson (in office then, as prime minister).
    if (!office.empty() && leaders.size() > 1) {
        std::vector<std::uint32_t> holding;
        for (const std::uint32_t id : leaders)
            if (office_words_in(actors_[id].office_key, office)) holding.push_back(id);
        if (!holding.empty()) leaders = std::move(holding);
    }
    resolve(p, leaders, hits);
    return end;
}

// The leaders of a "Title Surname" who could be meant at the date: not those whose first term
// starts more than kSurnameLead later ("General Taylor" in 1846 is not Liberia's Charles
// Taylor, "President Faure" in 1899 not Edgar Faure), though a future leader's title and
// surname ("General Eisenhower" in 1944) are in the news years before. Undated: all.
std::vector<std::uint32_t> ActorTagger::known_by_then(const std::vector<std::uint32_t>& leaders,
                                                      std::int64_t date) const {
    if (date == kNoDate) return leaders;
    std::vector<std::uint32_t> out;
    for (std::uint32_t id : leaders) {
        const auto& terms = actors_[id].terms;
        const bool too_early =
            !terms.empty() && std::all_of(terms.begin(), terms.end(), [&](const Term& t) {
                return t.from > date + kSurnameLead;
            });
        if (!too_early) out.push_back(id);
    }
    return out;
}

bool ActorTagger::names_something_else(const Paragraph& p, std::size_t k) const {
    if (english_set_ && longest_at(p, *english_set_, k)) return true;
    const auto own = sets_.find(p.language());
    return own != sets_.end() && &own->second != english_set_ && longest_at(p, own->second, k);
}

std::string_view ActorTagger::surname_of(std::string_view leader) const {
    const auto it = written_surnames_.find(leader);
    return it == written_surnames_.end() ? std::string_view() : std::string_view(it->second);
}

std::vector<std::string_view> ActorTagger::surnames_of(std::string_view leader) const {
    std::vector<std::string_view> out;
    if (const std::string_view english = surname_of(leader); !english.empty())
        out.push_back(english);
    if (const auto it = local_written_surnames_.find(leader); it != local_written_surnames_.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
    return out;
}

bool ActorTagger::is_given_name(std::string_view language, std::string_view word) const {
    const auto names = given_names_.find(language);
    return names != given_names_.end() && names->second.find(word) != names->second.end();
}

// Surname s at word k, capitalised where it ends; in Russian its last word may be declined
// ("Путина", "Путиным").
bool ActorTagger::surname_fits(const Paragraph& p, std::size_t k, const Surname& s) const {
    const std::size_t end = k + s.words.size();
    if (end > p.size() || !p.capitalised(end - 1)) return false;
    for (std::size_t w = 0; w < s.words.size(); ++w) {
        const std::string_view norm = p.norm(k + w);
        if (norm == s.words[w]) continue;
        if (w + 1 == s.words.size() && p.language() == "ru" && russian::declined(norm, s.words[w]))
            continue;
        return false;
    }
    return true;
}

// A one-word leader's surname that is a common word ("Major", "Brown", "Коль": the built-in
// lists, or a word the article writes in lower case) at a sentence start, with nothing after
// it that makes it a person: a possessive, a comma ("Major, meanwhile,"), a verb ("Major
// said", "Major has", "Major insisted"; "Коль заявил") or a noun of his office ("Brown
// government"). "Major reforms followed", "Коль скоро" are the common words. Used for second
// mentions and for one-word names of other languages than English; an English alias
// ("Bush") is the gazetteer's deliberate choice, and "Bush policies failed" is the leader.
bool ActorTagger::common_word_use(const Paragraph& p, std::size_t k, std::string_view word) const {
    if (!p.sentence_start(k)) return false;
    const auto* article_words = p.article_common_words();
    const bool common = common_words::is_common(word, p.language()) ||
                        (article_words && std::find(article_words->begin(), article_words->end(),
                                                    word) != article_words->end());
    if (!common) return false;
    if (possessive(p.original(k))) return false;
    if (k + 1 >= p.size()) return true;
    // A comma ("Brown, meanwhile,"), or a longer name ("Bush Doctrine").
    if (p.comma_before(k + 1) || p.capitalised(k + 1)) return false;
    std::string_view next = p.norm(k + 1);
    // "Bush and Blair met", "Коль и Миттеран".
    if (among(next, kAnd) && k + 2 < p.size() && p.capitalised(k + 2)) return false;
    if (p.language() == "ru") {
        // A past tense (заявил, сказала, ответили) or a present third person (говорит).
        for (const std::string_view ending : {"л", "ла", "ло", "ли", "ет", "ит", "ют", "ят"})
            if (next.ends_with(ending)) return false;
        return true;
    }
    // "Brown government", "Major years": the leader's, as "the Bush administration" is.
    static constexpr std::string_view kLeadersNouns[] = {
        "administration", "government", "presidency", "premiership", "chancellorship", "era",
        "years",          "doctrine",   "cabinet",    "aides",       "regime"};
    if (among(next, kLeadersNouns)) return false;
    if ((ends_with(next, "ly") || among(next, kAdverbs)) && k + 2 < p.size()) next = p.norm(k + 2);
    static constexpr std::string_view kSpeech[] = {
        "argues", "insists", "writes", "warns", "notes",   "adds", "claims", "believes",
        "thinks", "knows",   "hopes",  "fears", "replies", "told", "asks",   "admits"};
    const bool verb =
        among(next, kVerbs) || among(next, kSpeech) || (next.size() >= 4 && ends_with(next, "ed"));
    return !verb;
}

// "Gamal Abdel Nasser" in one paragraph, "Nasser, meanwhile" in another: journalists name a
// leader in full once, then by surname. The surname alone tags only the leaders in
// `leaders` (named elsewhere in the article), which also tells namesakes apart ("Bush" after
// "George W. Bush"). Not when it is part of another name ("Robert Kennedy", "Kennedy
// Center"), a name of something else ("Washington"), a noun after a German determiner, or
// a month ("in May" after "Theresa May"; "May said" is she).
void ActorTagger::second_mentions(const Paragraph& p, const std::vector<std::string>& leaders,
                                  std::vector<std::uint32_t>& hits) const {
    static constexpr std::string_view kCalendarWords[] = {
        "january",   "february",  "march",   "april",    "may",      "june",   "july",
        "august",    "september", "october", "november", "december", "monday", "tuesday",
        "wednesday", "thursday",  "friday",  "saturday", "sunday"};
    // Words that may stand capitalised before a surname without being part of a name.
    static constexpr std::string_view kLeadIns[] = {
        "the",     "a",    "an",   "and",  "but",  "or",     "as",       "if",     "when",  "while",
        "for",     "in",   "on",   "at",   "by",   "with",   "after",    "before", "under", "so",
        "yet",     "then", "to",   "from", "that", "since",  "until",    "unlike", "like",  "both",
        "neither", "nor",  "even", "only", "not",  "though", "although", "because"};
    const Words determiners = noun_determiners(p.language());
    thread_local std::vector<std::uint32_t> known;
    thread_local std::vector<std::uint32_t> candidates;
    const auto local = local_surname_index_.find(p.language());
    const bool english_text = p.language().empty() || p.language() == "en";
    // Word i (after an adverb: "May also said") is a verb of saying, with no comma before it.
    auto saying_verb_at = [&](std::size_t i) {
        if (!english_text || i >= p.size() || p.comma_before(i)) return false;
        std::string_view next = p.norm(i);
        if ((ends_with(next, "ly") || among(next, kAdverbs)) && i + 1 < p.size())
            next = p.norm(i + 1);
        return among(next, kSayingVerbs);
    };
    for (std::size_t k = 0; k < p.size(); ++k) {
        candidates.clear();
        auto gather = [&](const Index& index, std::string_view key) {
            if (const auto it = index.find(key); it != index.end())
                candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        };
        gather(surname_index_, p.norm(k));
        if (local != local_surname_index_.end()) {
            gather(local->second, p.norm(k));
            // "Путина", "Путину": a one-word surname with a case ending.
            if (p.language() == "ru")
                for (const std::string& name : russian::possible_names(p.norm(k)))
                    gather(local->second, name);
        }
        if (candidates.empty()) continue;
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        for (const std::uint32_t id : candidates) {
            const Surname& s = surnames_[id];
            const std::size_t end = k + s.words.size();
            if (end > p.size()) continue;
            // A month or a day names a leader only as the one who speaks ("May said", "May
            // told MPs"): "in May", "May 2019", "May brought rain" are dates.
            if (among(s.words.back(), kCalendarWords) && !saying_verb_at(end)) continue;
            if (!surname_fits(p, k, s)) continue;
            // A word that is also a name, a capital or a block is read as that ("Washington"
            // after "George Washington" is the city or the government).
            if (names_something_else(p, k)) continue;
            // After a capitalised word the surname is part of another name ("Robert
            // Kennedy"), unless that word opens the sentence and is no first name: an English
            // lead-in ("Under Marcos"); in other languages, whose sentence openers no list
            // here holds ("Позже Си заявил"), any word but a first name of the gazetteer's
            // names in that language, and any word before a declined surname (a first name
            // would be declined too: "Позиция Картера"). After a German determiner a name is
            // a noun ("der Kohl"), but colloquially "die Merkel", "der Scholz" name the leader
            // the article names.
            const bool declined = p.norm(end - 1) != s.words.back();
            const bool opener =
                k > 0 && p.sentence_start(k - 1) &&
                (declined || (!english_text && !is_given_name(p.language(), p.norm(k - 1))));
            if (k > 0 && p.joined(k - 1) &&
                ((p.capitalised(k - 1) && !among(p.norm(k - 1), kLeadIns) &&
                  !among(p.norm(k - 1), determiners) && !opener) ||
                 (among(p.norm(k - 1), determiners) &&
                  !among(p.norm(k - 1), kColloquialArticlesDe))))
                continue;
            if (end < p.size() && p.capitalised(end) && !possessive(p.original(end - 1))) {
                const std::string_view gap = p.gap_before(end);
                if (gap == "-" || only_spaces(gap)) continue;
            }
            if (s.words.size() == 1 && common_word_use(p, k, s.words.front())) continue;
            known.clear();
            for (const std::uint32_t leader : s.leaders) {
                if (std::find(leaders.begin(), leaders.end(), actors_[leader].name) !=
                    leaders.end())
                    known.push_back(leader);
            }
            resolve(p, known, hits);
        }
    }
}

// One target is itself; namesakes go to those the article names elsewhere ("Bush" after
// "George H. W. Bush"), else to the one in office at the date, else the nearest term;
// without a date, to none.
void ActorTagger::resolve(const Paragraph& p, const std::vector<std::uint32_t>& targets,
                          std::vector<std::uint32_t>& hits) const {
    if (targets.size() == 1) {
        hits.push_back(targets.front());
        t_named_alone.push_back(targets.front());
        return;
    }
    if (const auto* named = p.article_leaders(); named && !named->empty()) {
        thread_local std::vector<std::uint32_t> chosen;
        chosen.clear();
        for (const std::uint32_t t : targets) {
            if (std::find(named->begin(), named->end(), actors_[t].name) != named->end())
                chosen.push_back(t);
        }
        if (!chosen.empty() && chosen.size() < targets.size()) {
            if (chosen.size() == 1) {
                hits.push_back(chosen.front());
                return;
            }
            resolve_by_date(chosen, p.date(), hits);
            return;
        }
    }
    resolve_by_date(targets, p.date(), hits);
}

void ActorTagger::resolve_by_date(const std::vector<std::uint32_t>& targets, std::int64_t date,
                                  std::vector<std::uint32_t>& hits) const {
    if (targets.empty() || date == kNoDate) return;
    std::int64_t best_distance = std::numeric_limits<std::int64_t>::max();
    std::uint32_t best = targets.front();
    for (std::uint32_t t : targets) {
        for (const Term& term : actors_[t].terms) {
            const std::int64_t distance = date < term.from    ? term.from - date
                                          : date > term.until ? date - term.until
                                                              : 0;
            if (distance < best_distance) {
                best_distance = distance;
                best = t;
            }
        }
    }
    if (best_distance != std::numeric_limits<std::int64_t>::max()) hits.push_back(best);
}

}  // namespace parley
