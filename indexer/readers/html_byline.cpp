#include "readers/html_byline.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "readers/html_linked_data.hpp"
#include "readers/html_noise.hpp"
#include "readers/html_tree.hpp"
#include "readers/reader_common.hpp"
#include "util/dates.hpp"
#include "util/text_split.hpp"

namespace parley::readers::html {
namespace {

bool is_byline_element(const GumboNode* n, bool strong) {
    const auto classes = words_of(attr(n, "class"));
    if (strong) return has_word(classes, {"byline", "bylines"});
    return has_word(classes, {"author", "authors"}) ||
           has_word(words_of(attr(n, "rel")), {"author"}) ||
           has_word(words_of(attr(n, "itemprop")), {"author"});
}

bool plausible_name(const std::string& name) {
    if (name.size() > 60) return false;
    if (std::any_of(name.begin(), name.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return false;
    return std::count(name.begin(), name.end(), ' ') < 6;
}

// A byline element's text around the name: "Dan Goodin -" (the dash before a date styled
// apart), "Ben Silverman Games Editor" (the job title run on). The role nouns and the
// modifiers a title puts before them are a closed list, so a name ending in a word such as
// "Writer" is cut only when a first and last name remain.
std::string bare_name(std::string name) {
    constexpr std::string_view kTrailing = " -:,;|/\u2013\u2014";
    while (!name.empty() && kTrailing.find(name.back()) != std::string_view::npos) {
        // Strip whole UTF-8 dashes (3 bytes), not their last byte.
        if (static_cast<unsigned char>(name.back()) >= 0x80) {
            if (name.size() < 3 || (name.compare(name.size() - 3, 3, "\u2013") != 0 &&
                                    name.compare(name.size() - 3, 3, "\u2014") != 0))
                break;
            name.resize(name.size() - 3);
        } else {
            name.pop_back();
        }
    }
    static const std::set<std::string, std::less<>> kRoles{
        "editor",      "reporter", "correspondent", "writer",       "columnist",
        "contributor", "producer", "journalist",    "photographer", "critic"};
    static const std::set<std::string, std::less<>> kModifiers{
        "senior",    "chief",     "staff",   "deputy",   "associate", "contributing", "managing",
        "executive", "political", "foreign", "games",    "sports",    "science",      "technology",
        "tech",      "business",  "health",  "security", "news",      "opinion",      "features",
        "culture",   "music",     "film",    "arts",     "travel",    "food",         "world"};
    std::vector<std::string> words;
    for (std::size_t i = 0; i < name.size();) {
        const std::size_t end = std::min(name.find(' ', i), name.size());
        if (end > i) words.push_back(name.substr(i, end - i));
        i = end + 1;
    }
    // "Senior Staff Writer" after a comma is a job title, not a second author.
    if (!words.empty() && kRoles.contains(lowered(words.back())) &&
        std::all_of(words.begin(), words.end() - 1,
                    [&](const std::string& w) { return kModifiers.contains(lowered(w)); }))
        return {};
    if (words.size() < 3 || !kRoles.contains(lowered(words.back()))) return name;
    words.pop_back();
    while (words.size() > 2 && kModifiers.contains(lowered(words.back()))) words.pop_back();
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// The plausible names in `text` ("Jane Doe and John Roe"), each cut to the bare name, added
// to `out` unless already there.
void add_names(const std::string& text, std::vector<std::string>& out) {
    for (auto& n : split_authors(text)) {
        n = bare_name(std::move(n));
        if (!n.empty() && plausible_name(n) && std::find(out.begin(), out.end(), n) == out.end())
            out.push_back(std::move(n));
    }
}

// `text` without the spaces and the `marks` it ends with.
void drop_trailing(std::string& text, std::string_view marks) {
    while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) ||
                             marks.find(text.back()) != std::string_view::npos))
        text.pop_back();
}

// A byline element's text that runs on into the date ("By Nathan Willis March 25, 2015",
// "by Lucas Nolan22 Dec 2016", "Jane Doe, Updated 3 hours ago"): what comes before it. A
// name has no digits, so the date begins at the first digit, with a month's name or a
// word such as "Updated" before it.
std::string before_date(std::string text) {
    // No-break spaces as spaces, so that they are trimmed like them.
    text = util::replace_all(text, "\u00a0", " ");
    const auto digit = std::find_if(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
    if (digit == text.end()) return text;
    text.erase(digit, text.end());
    // Words that lead into a date ("Last Updated:", "Posted on").
    static const std::set<std::string, std::less<>> kDateLeads{
        "updated", "published", "posted", "on", "at", "last", "modified", "date", "time"};
    // Trailing date words, separators and spaces ("Last Updated: January", "March", "-").
    for (;;) {
        drop_trailing(text, ",.:;|-/(");
        const std::size_t space = text.find_last_of(" \t\n");
        const std::size_t start = space == std::string::npos ? 0 : space + 1;
        const std::string last = lowered(std::string_view(text).substr(start));
        if (last.empty() || !(kDateLeads.contains(last) || util::is_date_word(last))) return text;
        text.resize(start);
    }
}

// A credit line with roles ("Written by Rob Ewaschuk Edited by Betsy Beyer", "Words by
// Ana Ruiz, photos by Li Wei"): the names credited with the writing, without the role
// words; the text unchanged when it names no role.
std::string written_by(const std::string& text) {
    static const std::set<std::string, std::less<>> kWriting{"written", "words",     "story",
                                                             "text",    "reporting", "reported"};
    static const std::set<std::string, std::less<>> kOther{
        "edited",       "photos",   "photographs", "photography", "illustrations",
        "illustration", "graphics", "design",      "video",       "translated",
        "produced",     "images",   "pictures",    "data",        "interactive"};
    struct Credit {
        std::size_t role, names;  // where the role word and the names begin
        bool writing;
    };
    std::vector<Credit> credits;
    std::size_t previous = std::string::npos;  // the word before
    for (std::size_t i = 0; i < text.size();) {
        while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
        if (end == i) break;
        if (previous != std::string::npos &&
            (text.compare(i, end - i, "by") == 0 || text.compare(i, end - i, "By") == 0)) {
            std::string role = lowered(std::string_view(text).substr(previous, i - previous));
            drop_trailing(role, ",");
            if (kWriting.contains(role) || kOther.contains(role))
                credits.push_back({previous, end, kWriting.contains(role)});
        }
        previous = i;
        i = end;
    }
    if (credits.empty()) return text;
    std::string out;
    for (std::size_t k = 0; k < credits.size(); ++k) {
        if (!credits[k].writing) continue;
        const std::size_t stop = k + 1 < credits.size() ? credits[k + 1].role : text.size();
        std::string names = text.substr(credits[k].names, stop - credits[k].names);
        drop_trailing(names, ",;");
        out += (out.empty() ? "" : ", ") + names;
    }
    // Before the first role, a name credited without one ("Jane Doe, photos by ...").
    std::string before = text.substr(0, credits.front().role);
    drop_trailing(before, ",;");
    if (!before.empty()) out = before + (out.empty() ? "" : ", ") + out;
    return out;
}

}  // namespace

const GumboNode* find_byline(const GumboNode* article_scope, const GumboNode* root) {
    for (const bool strong : {true, false}) {
        for (const GumboNode* scope : {article_scope, root}) {
            const GumboNode* found = find_first(scope, Scope::Meta, [strong](const GumboNode* n) {
                if (!is_byline_element(n, strong)) return false;
                const std::size_t size = text_of(n, true).size();
                return size >= 3 && size <= 150;
            });
            if (found) return found;
        }
    }
    return nullptr;
}

std::vector<std::string> byline_names(const GumboNode* byline) {
    // Linked names are exact: <a rel="author">, itemprop="author" or "name".
    std::vector<std::string> names;
    auto linked = [&](const GumboNode* n, auto& self) -> void {
        if (!is_element(n)) return;
        if (has_word(words_of(attr(n, "rel")), {"author"}) ||
            has_word(words_of(attr(n, "itemprop")), {"author", "name"})) {
            if (std::string name = text_of(n, true); !name.empty()) names.push_back(name);
            return;
        }
        for_each_child(n, [&](const GumboNode* child) { self(child, self); });
    };
    linked(byline, linked);
    if (names.empty()) {
        std::string text = text_of(byline, true);
        for (const std::string_view sep : {"|", "\u00b7", "\u2022", " \u2014 "}) {
            if (const auto cut = text.find(sep); cut != std::string::npos) text.resize(cut);
        }
        names = split_authors(written_by(before_date(std::move(text))));
    }
    std::vector<std::string> out;
    for (const auto& name : names) add_names(name, out);
    return out;
}

namespace {

// The itemprop="author" elements of every Article item (or kin) under `n`; `item_type` is
// the itemtype of the item `n`'s own properties belong to. Scripts and templates are not
// the page.
void gather_microdata_authors(const GumboNode* n, std::string_view item_type,
                              std::vector<const GumboNode*>& out) {
    if (!is_element(n) || n->type == GUMBO_NODE_TEMPLATE) return;
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE) return;
    if (is_article_type_name(item_type) &&
        has_word(words_of(attr(n, "itemprop")), {"author", "creator"})) {
        out.push_back(n);
        return;
    }
    // An itemscope starts an item of its own for what is inside.
    const bool scope = gumbo_get_attribute(&n->v.element.attributes, "itemscope") != nullptr;
    const std::string_view inner = scope ? attr(n, "itemtype") : item_type;
    for_each_child(n, [&](const GumboNode* child) { gather_microdata_authors(child, inner, out); });
}

}  // namespace

std::vector<std::string> microdata_authors(const GumboNode* root) {
    std::vector<const GumboNode*> elements;
    gather_microdata_authors(root, {}, elements);
    std::vector<std::string> out;
    for (const GumboNode* e : elements) {
        // A Person item names itself in itemprop="name"; a plain element is the name.
        const GumboNode* name = find_first(e, Scope::Meta, [e](const GumboNode* c) {
            return c != e && has_word(words_of(attr(c, "itemprop")), {"name"});
        });
        add_names(text_of(name ? name : e, true), out);
    }
    return out;
}

bool is_byline_text(const std::string& p, const std::vector<std::string>& authors) {
    if (p.size() > 120 || (p.rfind("By ", 0) != 0 && p.rfind("by ", 0) != 0)) return false;
    return std::any_of(authors.begin(), authors.end(),
                       [&](const std::string& a) { return p.find(a) != std::string::npos; });
}

// The names in a "By Jane Doe and John Roe" paragraph, when nothing else names the authors;
// "By the time talks began, ..." is a sentence, not a byline.
std::vector<std::string> names_in_byline_text(const std::string& p) {
    if (p.size() > 100 || p.rfind("By ", 0) != 0) return {};
    std::vector<std::string> names = split_authors(p);
    const bool all_names = std::all_of(names.begin(), names.end(), [](const std::string& n) {
        return plausible_name(n) && std::isupper(static_cast<unsigned char>(n.front())) &&
               std::count(n.begin(), n.end(), ' ') < 4 && n.back() != '.';
    });
    return all_names ? names : std::vector<std::string>{};
}

}  // namespace parley::readers::html
