#include "readers/html_noise.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace parley::readers::html {
namespace {

bool is_one_of(std::string_view w, std::initializer_list<std::string_view> words) {
    for (const std::string_view word : words) {
        if (w == word) return true;
        if (w.size() == word.size() + 1 && w.back() == 's' && w.substr(0, word.size()) == word)
            return true;  // ads, comments, cookies
    }
    return false;
}

// Words that mark a block as not the article whatever else its class says.
bool is_noise_word(std::string_view w) {
    // Widget names run words together: "relatedposts", "sharedaddy", "sharethis".
    if (w.rfind("related", 0) == 0 || w.rfind("share", 0) == 0) return true;
    // Lists of other stories: "most-popular", "trending_now", "recommended-for-you"; links
    // to the previous and next ones: "post-navigation", "next-prev". (Not "pagination": an
    // article split over pages has "article-body pagination-first". Nor "bio": a byline
    // block says "hasnt-bio".) The page's footer as a class ("Footer-menu", "site_footer"),
    // as the <footer> tag is: its links and notices.
    return is_one_of(w, {"sharing", "comment", "newsletter", "cookie", "subscribe", "subscription",
                         "disqus", "outbrain", "taboola", "popular", "trending", "recommended",
                         "recommendation", "navigation", "prev", "footer"});
}

// Layout slots: a "two-col-sidebar" or "ad-portal" block may be the page's frame.
bool is_layout_word(std::string_view w) { return is_one_of(w, {"ad", "sidebar"}); }

// Words that mark widgets, which sites also hang on the wrappers of the article
// ("l-sidebar-fixed l-article-body-segment", "ad-portal" around the whole page).
bool is_weak_noise_word(std::string_view w) {
    return is_layout_word(w) || is_one_of(w, {"social", "popup", "gallery"}) ||
           w.rfind("advert", 0) == 0 || w.rfind("promo", 0) == 0;
}

bool is_content_word(std::string_view w) {
    return is_one_of(w, {"article", "body", "content", "main", "entry", "story", "post", "text"});
}

// Hidden by a utility class, or shown to screen readers only.
bool is_hidden_by_class(const GumboNode* n) {
    const std::string value = lowered(attr(n, "class"));
    std::size_t i = 0;
    while (i < value.size()) {
        const std::size_t end = std::min(value.find(' ', i), value.size());
        const std::string_view token = std::string_view(value).substr(i, end - i);
        // "hidden", "is-hidden", "vjs-hidden", "visually-hidden"; not "hidden-xs", which
        // hides only on small screens, nor "field-label-hidden" (Drupal: the field's label is
        // hidden, the field is the article) or "overflow-hidden", which name a part or a
        // property: the word before "-hidden" must be a short state or namespace prefix.
        // A "modal" (Bootstrap's dialogs) stays hidden until a script opens it.
        if (token == "hidden" || token == "visually-hidden" || token == "sr-only" ||
            token == "screen-reader-text" || token == "modal")
            return true;
        if (token.size() > 7 && token.size() <= 7 + 3 &&
            token.substr(token.size() - 7) == "-hidden")
            return true;
        i = end + 1;
    }
    return false;
}

// Shown to no reader: style="display: none" or "visibility: hidden".
bool is_hidden_by_style(const GumboNode* n) {
    const std::string_view style = attr(n, "style");
    if (style.empty()) return false;
    std::string packed;
    for (const char c : lowered(style)) {
        if (c != ' ' && c != '\t' && c != '\n') packed += c;
    }
    return packed.find("display:none") != std::string::npos ||
           packed.find("visibility:hidden") != std::string::npos;
}

void add_paragraph_text(const GumboNode* n, std::size_t& size) {
    if (tag_of(n) == GUMBO_TAG_P) {
        std::string text;
        append_text(n, text);
        size += text.size();
        return;
    }
    for_each_child(n, [&](const GumboNode* child) { add_paragraph_text(child, size); });
}

// An ad slot or a sidebar holds a teaser or two; a "two-col-sidebar" layout block holding
// pages of paragraphs is the article's frame.
bool holds_long_prose(const GumboNode* n) {
    std::size_t size = 0;
    add_paragraph_text(n, size);
    return size >= 2000;
}

bool holds_main_text(const GumboNode* n) {
    if (tag_of(n) == GUMBO_TAG_MAIN || iequals(attr(n, "role"), "main") ||
        has_itemprop(n, "articlebody"))
        return true;
    bool found = false;
    for_each_child(n, [&](const GumboNode* child) { found = found || holds_main_text(child); });
    return found;
}

}  // namespace

std::vector<std::string> words_of(std::string_view value, bool skip_taxonomy) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
        std::size_t end = i;
        while (end < value.size() && !std::isspace(static_cast<unsigned char>(value[end]))) ++end;
        const std::string_view token = value.substr(i, end - i);
        i = end;
        if (token.empty()) continue;
        if (skip_taxonomy && (token.rfind("category-", 0) == 0 || token.rfind("tag-", 0) == 0 ||
                              token.rfind("topic-", 0) == 0))
            continue;
        std::string word;
        for (std::size_t k = 0; k < token.size(); ++k) {
            const auto c = static_cast<unsigned char>(token[k]);
            const bool hump =
                std::isupper(c) && k > 0 && std::islower(static_cast<unsigned char>(token[k - 1]));
            if (c == '-' || c == '_' || hump) {
                if (!word.empty()) words.push_back(std::move(word));
                word.clear();
                if (!hump) continue;
            }
            word += static_cast<char>(std::tolower(c));
        }
        if (!word.empty()) words.push_back(std::move(word));
    }
    return words;
}

bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> any) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        return std::find(any.begin(), any.end(), w) != any.end();
    });
}

bool has_itemprop(const GumboNode* n, std::string_view property) {
    const std::string value = lowered(attr(n, "itemprop"));
    std::size_t i = 0;
    while (i < value.size()) {
        const std::size_t end = std::min(value.find(' ', i), value.size());
        if (std::string_view(value).substr(i, end - i) == property) return true;
        i = end + 1;
    }
    return false;
}

bool is_noise(const GumboNode* n, Scope scope, bool by_class) {
    if (n->type == GUMBO_NODE_TEMPLATE) return true;
    switch (tag_of(n)) {
        case GUMBO_TAG_HTML:
        case GUMBO_TAG_BODY:
        case GUMBO_TAG_MAIN:
            return false;  // site-wide classes such as "has-sidebar comments-open"
        case GUMBO_TAG_HEADER:
            return scope == Scope::Body;
        case GUMBO_TAG_FORM:
            // A search box or a comment form; ASP.NET pages wrap the whole page in one.
            return !holds_long_prose(n);
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED:
        case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_MENU:
            return true;
        default:
            break;
    }
    if (gumbo_get_attribute(&n->v.element.attributes, "hidden") || is_hidden_by_style(n) ||
        is_hidden_by_class(n) || iequals(attr(n, "aria-hidden"), "true"))
        return true;
    const std::string role = lowered(attr(n, "role"));
    if (role == "navigation" || role == "complementary" || role == "contentinfo" ||
        role == "dialog" || role == "alertdialog" || role == "search" ||
        (role == "banner" && scope == Scope::Body))
        return true;
    if (!by_class) return false;
    // The page's own word that this is the article outweighs a widget id hung on it
    // ("share-buttons-container" on the articleBody block).
    if (has_itemprop(n, "articlebody")) return false;
    bool weak = false, widget = false, content = false;
    for (const char* name : {"class", "id"}) {
        const auto words = words_of(attr(n, name), true);
        // An id of four words or more is a heading's slug ("sharing-with-a-developer"),
        // which says what the section is about, not what it is.
        if (name[0] == 'i' && words.size() >= 4) continue;
        if (std::any_of(words.begin(), words.end(), is_noise_word)) return true;
        weak = weak || std::any_of(words.begin(), words.end(), is_weak_noise_word);
        widget = widget || std::any_of(words.begin(), words.end(), [](std::string_view w) {
                     return is_weak_noise_word(w) && !is_layout_word(w);
                 });
        content = content || std::any_of(words.begin(), words.end(), is_content_word);
    }
    if (!weak || content || holds_main_text(n)) return false;
    return widget || !holds_long_prose(n);
}

const GumboNode* find_tag(const GumboNode* root, GumboTag tag) {
    return find_first(root, Scope::Meta, [tag](const GumboNode* n) { return tag_of(n) == tag; });
}

}  // namespace parley::readers::html
