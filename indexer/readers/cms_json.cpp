#include "readers/cms_json.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <optional>

#include "fetch/url.hpp"
#include "readers/html_reader.hpp"
#include "readers/reader_common.hpp"

namespace parley::readers {
namespace {

using nlohmann::json;

// Parley's own names for the text.
constexpr const char* kOwnText[] = {"paragraphs", "body", "text"};

bool holds_text(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return false;
    if (it->is_string()) return !it->get_ref<const std::string&>().empty();
    return !(it->is_array() && it->empty());
}

// A {"rendered": "..."} object (WordPress REST API) gives its rendered string.
const std::string* rendered(const json& value) {
    if (!value.is_object()) return nullptr;
    const auto it = value.find("rendered");
    return it != value.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

// An author id (a number, or a list of them): WordPress's "author": 5.
bool is_author_id(const json& value) {
    if (value.is_number()) return true;
    return value.is_array() && !value.empty() &&
           std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_number(); });
}

// The names of a list of people ({"name": ...} objects or strings): JSON Feed's authors,
// WordPress's _embedded.author (where an author the API may not show has no name).
json names_of(const json& people) {
    json names = json::array();
    const auto add = [&](const json& person) {
        if (person.is_string()) names.push_back(person);
        if (person.is_object() && person.contains("name") && person["name"].is_string())
            names.push_back(person["name"]);
    };
    if (people.is_array()) {
        for (const json& person : people) add(person);
    } else {
        add(people);
    }
    return names;
}

// Paragraphs of HTML as the web page reader finds them.
json html_paragraphs(const std::string& html, std::size_t max_depth) {
    json out = json::array();
    for (auto& p : html_fragment_paragraphs(html, max_depth)) out.push_back(std::move(p));
    return out;
}

}  // namespace

bool holds_html_markup(std::string_view text) {
    static constexpr std::array<std::string_view, 38> kTags = {
        "p",     "br",     "div",     "span",       "a",      "em",         "strong", "b",
        "i",     "u",      "h1",      "h2",         "h3",     "h4",         "h5",     "h6",
        "ul",    "ol",     "li",      "blockquote", "figure", "figcaption", "img",    "table",
        "tr",    "td",     "section", "article",    "pre",    "code",       "hr",     "script",
        "style", "iframe", "sup",     "sub",        "small",  "cite"};
    for (std::size_t lt = text.find('<'); lt != std::string_view::npos;
         lt = text.find('<', lt + 1)) {
        std::size_t i = lt + 1;
        if (i < text.size() && text[i] == '/') ++i;
        std::size_t end = i;
        while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
        if (end == i || end >= text.size()) continue;
        const char after = text[end];
        if (after != '>' && after != '/' && after != ' ' && after != '\t' && after != '\n' &&
            after != '\r')
            continue;
        std::string name(text.substr(i, end - i));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (std::find(kTags.begin(), kTags.end(), name) != kTags.end()) return true;
    }
    return false;
}

std::optional<json> cms_to_article_form(const json& record, std::size_t max_depth,
                                        std::vector<json_forms::ArticleFieldNote>& notes,
                                        CmsNotes& once) {
    if (!record.is_object()) return std::nullopt;
    // Most records are in the article form already: not copied (a JSON Lines import reads
    // millions).
    const auto holds_html = [](const json& v) {
        if (v.is_string()) return holds_html_markup(v.get_ref<const std::string&>());
        return v.is_array() && std::any_of(v.begin(), v.end(), [](const json& p) {
                   return p.is_string() && holds_html_markup(p.get_ref<const std::string&>());
               });
    };
    const bool own_text_as_is =
        (holds_text(record, "paragraphs") || holds_text(record, "body") ||
         holds_text(record, "text")) &&
        std::none_of(record.begin(), record.end(), [](const json& v) { return rendered(v); });
    if (own_text_as_is && !(record.contains("author") && is_author_id(record["author"])) &&
        std::none_of(std::begin(kOwnText), std::end(kOwnText), [&](const char* key) {
            return record.contains(key) && holds_html(record[key]);
        }))
        return std::nullopt;
    json out = record;
    // {"rendered": ...} objects: the HTML a WordPress site shows; a title as plain text.
    bool wordpress = false;
    std::vector<std::string> html_keys{"content_html", "body_html", "html"};
    for (auto& [key, value] : out.items()) {
        const std::string* html = rendered(value);
        if (!html) continue;
        wordpress = true;
        if (key == "title") {
            value = html_fragment_text(*html, max_depth);
        } else {
            html_keys.push_back(key);
            value = *html;
        }
    }
    const bool own_text =
        holds_text(out, "paragraphs") || holds_text(out, "body") || holds_text(out, "text");
    if (own_text) {
        // HTML in Parley's own text fields, as a CMS's body often is, or a scraper's list of
        // paragraphs ("<p>...</p>" each).
        for (const char* key : kOwnText) {
            const auto it = out.find(key);
            if (it == out.end()) continue;
            if (it->is_string() && holds_html_markup(it->get<std::string>())) {
                *it = html_paragraphs(it->get<std::string>(), max_depth);
            } else if (it->is_array() && std::any_of(it->begin(), it->end(), [](const json& p) {
                           return p.is_string() && holds_html_markup(p.get<std::string>());
                       })) {
                json paragraphs = json::array();
                for (const json& p : *it) {
                    if (!p.is_string() || !holds_html_markup(p.get<std::string>())) {
                        paragraphs.push_back(p);  // other items read (or said) as before
                        continue;
                    }
                    for (auto& q : html_paragraphs(p.get<std::string>(), max_depth))
                        paragraphs.push_back(std::move(q));
                }
                *it = std::move(paragraphs);
            }
        }
    } else {
        // A CMS's names for the text, first the ones that say they are HTML: JSON Feed's,
        // Ghost's "html", WordPress's "content" and (WP-CLI) "post_content", CSV's names;
        // else a teaser.
        for (const char* key :
             {"content_html", "body_html", "html", "content", "post_content", "article",
              "content_text", "plaintext", "excerpt", "post_excerpt", "summary"}) {
            const auto it = out.find(key);
            if (it == out.end() || !holds_text(out, key)) continue;
            if (it->is_string()) {
                const std::string& text = it->get_ref<const std::string&>();
                const bool html =
                    std::find(html_keys.begin(), html_keys.end(), key) != html_keys.end() ||
                    holds_html_markup(text);
                if (html)
                    out["paragraphs"] = html_paragraphs(text, max_depth);
                else
                    out["text"] = text;
            } else if (it->is_array()) {
                out["paragraphs"] = *it;  // a list of paragraphs; its items checked as any
            } else {
                // A rich-text tree (Contentful, Strapi) or a number: said as any field of
                // the wrong shape is, not as a record with no text field.
                const char* what = it->is_object()    ? "an object"
                                   : it->is_boolean() ? "a boolean"
                                                      : "a number";
                throw json_forms::ArticleFieldError{
                    std::string("field '") + key + "' is " + what +
                    ", not text, a list of paragraphs or {\"rendered\": \"...\"}: the record "
                    "is skipped"};
            }
            break;
        }
        // The CMS names of other fields (CSV's, Ghost's, WP-CLI's), where Parley's are
        // missing: the first of them that holds a string.
        const auto alias = [&](std::initializer_list<const char*> names, const char* own) {
            if (holds_text(out, own)) return;
            for (const char* cms : names) {
                const auto it = out.find(cms);
                if (it == out.end() || !holds_text(out, cms) || !it->is_string()) continue;
                std::string value = it->get<std::string>();
                // A date in UTC written without its zone (WordPress's date_gmt).
                const std::string_view name(cms);
                if (name.size() > 4 && name.substr(name.size() - 4) == "_gmt" &&
                    value.find_first_of("T ") != std::string::npos && value.back() != 'Z')
                    value += 'Z';
                out[own] = std::move(value);
                return;
            }
        };
        alias({"headline", "post_title"}, "title");
        alias({"link", "permalink"}, "url");
        alias({"outlet", "site"}, "source");
        alias({"published", "published_at", "publishedAt", "date_published", "datePublished",
               "pubDate", "post_date", "date_gmt", "post_date_gmt"},
              "date");
        if (!holds_text(out, "authors") && !holds_text(out, "author")) alias({"byline"}, "author");
        if (!out.contains("id") && out.contains("ID") && out["ID"].is_number_integer()) {
            out["id"] = out["ID"];  // WP-CLI's post id
            wordpress = out.contains("post_content");
        }
    }
    // WordPress's author is a user id: the names come with ?_embed.
    if (const auto it = out.find("author"); it != out.end() && is_author_id(*it)) {
        json names;
        if (const auto embedded = out.find("_embedded");
            embedded != out.end() && embedded->is_object() && embedded->contains("author"))
            names = names_of((*embedded)["author"]);
        if (names.is_array() && !names.empty()) {
            *it = names;
        } else {
            if (!once.author_id_said) {
                notes.push_back(
                    {"field not read",
                     "field 'author' is " + it->dump() +
                         (it->is_array() ? ": user ids, not names" : ": a user id, not a name") +
                         ": authors left out (a WordPress API gives names with ?_embed); said "
                         "once for the file"});
                once.author_id_said = true;
            }
            out.erase(it);
        }
    }
    // Post 12 of two WordPress sites is two articles: the guid (or link) names the post.
    if (wordpress) {
        const auto id = out.find("id");
        if (id != out.end() && id->is_number()) {
            const auto guid = out.find("guid");
            if (guid != out.end() && guid->is_string() &&
                guid->get_ref<const std::string&>().find("://") != std::string::npos)
                *id = *guid;
            else if (const auto link = out.find("link"); link != out.end() && link->is_string())
                *id = *link;
        }
    }
    return out;
}

bool is_json_feed(const json& value) {
    if (!value.is_object()) return false;
    const auto it = value.find("version");
    return it != value.end() && it->is_string() &&
           it->get_ref<const std::string&>().find("jsonfeed.org/version/") != std::string::npos;
}

bool text_is_json_feed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos || text[first] != '{') return false;
    // The address with its escaped slashes too, as some encoders write it.
    return text.find("\"https://jsonfeed.org/version/") != std::string_view::npos ||
           text.find("\"https:\\/\\/jsonfeed.org\\/version\\/") != std::string_view::npos;
}

std::string json_feed_problem(const json& feed) {
    const auto items = feed.find("items");
    if (items == feed.end() || items->is_null())
        return "a JSON Feed with no 'items' (a list of the feed's items is required)";
    if (!items->is_array())
        return std::string("a JSON Feed whose 'items' is ") +
               (items->is_object()   ? "an object"
                : items->is_string() ? "a string"
                                     : "no list") +
               ", not a list of items";
    return {};
}

std::vector<json> json_feed_items(const json& feed) {
    std::vector<json> out;
    const auto items = feed.find("items");
    if (items == feed.end() || !items->is_array()) return out;
    const json feed_authors = feed.contains("authors")  ? names_of(feed["authors"])
                              : feed.contains("author") ? names_of(feed["author"])
                                                        : json::array();
    // Relative item links are read against the site's address (else the feed's); an id that
    // is no address ("2") is qualified by the feed's (else the site's), so item 2 of two
    // feeds is two articles.
    const auto address = [&](const char* key) -> std::optional<fetch::Url> {
        if (!feed.contains(key) || !feed[key].is_string()) return std::nullopt;
        return fetch::parse_url(feed[key].get<std::string>());
    };
    const std::optional<fetch::Url> site = address("home_page_url");
    const std::optional<fetch::Url> own = address("feed_url");
    const std::optional<fetch::Url>& link_base = site ? site : own;
    const std::optional<fetch::Url>& id_base = own ? own : site;
    for (const json& item : *items) {
        if (!item.is_object()) {
            out.push_back(item);
            continue;
        }
        json a = json::object();
        for (const char* key : {"id", "url", "title", "content_html", "content_text", "summary"}) {
            if (item.contains(key)) a[key] = item[key];
        }
        if (!holds_text(a, "url") && item.contains("external_url")) a["url"] = item["external_url"];
        if (link_base && holds_text(a, "url") && a["url"].is_string()) {
            if (const auto link = fetch::resolve_url(*link_base, a["url"].get<std::string>()))
                a["url"] = link->str();
        }
        if (id_base && a.contains("id") && (a["id"].is_number_integer() || a["id"].is_string())) {
            const std::string id =
                a["id"].is_string() ? a["id"].get<std::string>() : a["id"].dump();
            if (!id.empty() && id.find("://") == std::string::npos)
                a["id"] = id_base->str() + "#" + id;
        }
        a["date"] = item.contains("date_published") ? item["date_published"]
                                                    : item.value("date_modified", json());
        json authors = item.contains("authors")  ? names_of(item["authors"])
                       : item.contains("author") ? names_of(item["author"])
                                                 : json::array();
        a["authors"] = authors.empty() ? feed_authors : authors;
        const json lang =
            item.contains("language") ? item["language"] : feed.value("language", json());
        // "en-US" as feeds write it: the language is its first part.
        a["lang"] = lang.is_string() ? json(primary_language(lang.get<std::string>())) : lang;
        a["source"] = feed.value("title", json());
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace parley::readers
