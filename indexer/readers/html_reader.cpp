#include "readers/html_reader.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "readers/bounded_json.hpp"
#include "readers/charset.hpp"
#include "readers/html_depth.hpp"
#include "readers/reader_common.hpp"
#include "util/dates.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

using nlohmann::json;

// --- Gumbo's tree ---

struct OutputDeleter {
    void operator()(GumboOutput* output) const {
        gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
};
using Document = std::unique_ptr<GumboOutput, OutputDeleter>;

Document parse(std::string_view utf8) {
    return Document(gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size()));
}

bool is_element(const GumboNode* n) {
    return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

bool is_text(const GumboNode* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
           n->type == GUMBO_NODE_CDATA;
}

GumboTag tag_of(const GumboNode* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_LAST; }

template <class F>
void for_each_child(const GumboNode* n, F&& f) {
    if (!is_element(n)) return;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) f(static_cast<const GumboNode*>(kids.data[i]));
}

std::string_view attr(const GumboNode* n, const char* name) {
    if (!is_element(n)) return {};
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? std::string_view(a->value) : std::string_view();
}

bool contains(const GumboNode* ancestor, const GumboNode* n) {
    for (; n; n = n->parent) {
        if (n == ancestor) return true;
    }
    return false;
}

bool is_heading(GumboTag tag) {
    return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
           tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements that flow within a line of text; every other element ends a paragraph run.
bool is_inline(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_A:
        case GUMBO_TAG_ABBR:
        case GUMBO_TAG_ACRONYM:
        case GUMBO_TAG_B:
        case GUMBO_TAG_BDI:
        case GUMBO_TAG_BDO:
        case GUMBO_TAG_BIG:
        case GUMBO_TAG_CITE:
        case GUMBO_TAG_CODE:
        case GUMBO_TAG_DATA:
        case GUMBO_TAG_DEL:
        case GUMBO_TAG_DFN:
        case GUMBO_TAG_EM:
        case GUMBO_TAG_FONT:
        case GUMBO_TAG_I:
        case GUMBO_TAG_IMG:
        case GUMBO_TAG_INS:
        case GUMBO_TAG_KBD:
        case GUMBO_TAG_LABEL:
        case GUMBO_TAG_MARK:
        case GUMBO_TAG_NOBR:
        case GUMBO_TAG_Q:
        case GUMBO_TAG_RUBY:
        case GUMBO_TAG_RB:
        case GUMBO_TAG_RP:
        case GUMBO_TAG_RT:
        case GUMBO_TAG_S:
        case GUMBO_TAG_SAMP:
        case GUMBO_TAG_SMALL:
        case GUMBO_TAG_SPAN:
        case GUMBO_TAG_STRIKE:
        case GUMBO_TAG_STRONG:
        case GUMBO_TAG_SUB:
        case GUMBO_TAG_SUP:
        case GUMBO_TAG_TIME:
        case GUMBO_TAG_TT:
        case GUMBO_TAG_U:
        case GUMBO_TAG_VAR:
        case GUMBO_TAG_WBR:
            return true;
        default:
            return false;
    }
}

// Text of a subtree with scripts and styles left out; blocks and <br> separate words.
void append_text(const GumboNode* n, std::string& out, bool skip_times = false) {
    if (is_text(n)) {
        out += n->v.text.text;
        return;
    }
    if (!is_element(n) || n->type == GUMBO_NODE_TEMPLATE) return;
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
        (skip_times && tag == GUMBO_TAG_TIME))
        return;
    if (tag == GUMBO_TAG_BR) {
        out += ' ';
        return;
    }
    for_each_child(n, [&](const GumboNode* child) { append_text(child, out, skip_times); });
    if (!is_inline(tag)) out += ' ';
}

std::string text_of(const GumboNode* n, bool skip_times = false) {
    std::string text;
    append_text(n, text, skip_times);
    return collapse_spaces(text);
}

// --- What is not article text ---

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// An attribute value's words, lower case: tokens split at hyphens, underscores and camelCase
// humps, so "header-ad adSlot" gives header, ad, ad, slot — and "read" or "shadow" stay
// whole. Taxonomy classes ("category-social-affairs", "tag-ads") name the article's topics,
// not the element's role, and are passed over when `skip_taxonomy`.
std::vector<std::string> words_of(std::string_view value, bool skip_taxonomy = false) {
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

bool is_noise_word(std::string_view w) {
    static constexpr std::array<std::string_view, 14> kWords{
        "ad",     "related", "share",     "sharing",      "social", "comment", "newsletter",
        "cookie", "sidebar", "subscribe", "subscription", "disqus", "popup",   "outbrain"};
    for (const std::string_view noise : kWords) {
        if (w == noise) return true;
        if (w.size() == noise.size() + 1 && w.back() == 's' && w.substr(0, noise.size()) == noise)
            return true;  // ads, comments, cookies
    }
    return w.rfind("advert", 0) == 0 || w.rfind("promo", 0) == 0;
}

bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> any) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        return std::find(any.begin(), any.end(), w) != any.end();
    });
}

// Bylines, headlines and dates live in <header>; article text does not.
enum class Scope { Body, Meta };

bool is_noise(const GumboNode* n, Scope scope) {
    if (n->type == GUMBO_NODE_TEMPLATE) return true;
    switch (tag_of(n)) {
        case GUMBO_TAG_HTML:
        case GUMBO_TAG_BODY:
        case GUMBO_TAG_MAIN:
            return false;  // site-wide classes such as "has-sidebar comments-open"
        case GUMBO_TAG_HEADER:
            return scope == Scope::Body;
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
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
    if (gumbo_get_attribute(&n->v.element.attributes, "hidden")) return true;
    const std::string role = lowered(attr(n, "role"));
    if (role == "navigation" || role == "complementary" || role == "contentinfo" ||
        role == "search" || (role == "banner" && scope == Scope::Body))
        return true;
    for (const char* name : {"class", "id"}) {
        const auto words = words_of(attr(n, name), true);
        if (std::any_of(words.begin(), words.end(), is_noise_word)) return true;
    }
    return false;
}

// --- Paragraphs ---

constexpr char kBreak = '\x01';  // a <br> in a run of text

enum class Mode {
    Strict,  // <p> text, and runs of text broken by <br><br> (old pages)
    Loose,   // also any other run of text between blocks, split at blank lines
};

class ParagraphCollector {
  public:
    ParagraphCollector(Mode mode, const GumboNode* byline) : mode_(mode), byline_(byline) {}

    std::vector<std::string> collect(const std::vector<const GumboNode*>& nodes) {
        for (const GumboNode* n : nodes) visit(n);
        flush();
        return std::move(out_);
    }

  private:
    void visit(const GumboNode* n) {
        if (is_text(n)) {
            run_ += n->v.text.text;
            return;
        }
        if (!is_element(n) || n == byline_ || is_noise(n, Scope::Body)) return;
        const GumboTag tag = tag_of(n);
        if (tag == GUMBO_TAG_BR) {
            run_ += kBreak;
            return;
        }
        if (is_inline(tag)) {
            for_each_child(n, [&](const GumboNode* child) { visit(child); });
            return;
        }
        flush();
        if (is_heading(tag)) return;  // headlines and sub-headings are not paragraphs
        if (tag == GUMBO_TAG_P) {
            if (is_byline_paragraph(n)) return;
            ++in_paragraph_;
        }
        for_each_child(n, [&](const GumboNode* child) { visit(child); });
        flush();
        if (tag == GUMBO_TAG_P) --in_paragraph_;
    }

    // A <p> holding the byline element and little else.
    bool is_byline_paragraph(const GumboNode* p) const {
        return byline_ && contains(p, byline_) && text_of(p).size() <= text_of(byline_).size() + 40;
    }

    void flush() {
        if (run_.empty()) return;
        std::vector<std::string> pieces = split_at_double_breaks(run_);
        run_.clear();
        const bool keep = in_paragraph_ > 0 || mode_ == Mode::Loose || pieces.size() > 1;
        if (!keep) return;
        for (auto& piece : pieces) {
            if (mode_ == Mode::Loose && in_paragraph_ == 0) {
                std::replace(piece.begin(), piece.end(), kBreak, '\n');
                for (const auto& p : split_paragraphs(piece)) add(p);
            } else {
                std::replace(piece.begin(), piece.end(), kBreak, ' ');
                add(piece);
            }
        }
    }

    void add(std::string_view text) {
        std::string p = collapse_spaces(text);
        if (!p.empty()) out_.push_back(std::move(p));
    }

    static std::vector<std::string> split_at_double_breaks(const std::string& run) {
        std::vector<std::string> pieces;
        std::size_t start = 0;
        for (std::size_t at = run.find(kBreak); at != std::string::npos;) {
            std::size_t next = at + 1;
            while (next < run.size() && std::isspace(static_cast<unsigned char>(run[next]))) ++next;
            if (next < run.size() && run[next] == kBreak) {
                pieces.push_back(run.substr(start, at - start));
                while (next < run.size() &&
                       (run[next] == kBreak || std::isspace(static_cast<unsigned char>(run[next]))))
                    ++next;
                start = next;
            }
            at = run.find(kBreak, next);
        }
        pieces.push_back(run.substr(start));
        return pieces;
    }

    Mode mode_;
    const GumboNode* byline_;
    int in_paragraph_ = 0;
    std::string run_;
    std::vector<std::string> out_;
};

std::vector<const GumboNode*> children_of(const GumboNode* n) {
    std::vector<const GumboNode*> out;
    for_each_child(n, [&](const GumboNode* child) { out.push_back(child); });
    return out;
}

std::vector<std::string> paragraphs_of(const GumboNode* container, Mode mode,
                                       const GumboNode* byline = nullptr) {
    return ParagraphCollector(mode, byline).collect(children_of(container));
}

std::size_t total_size(const std::vector<std::string>& paragraphs) {
    std::size_t n = 0;
    for (const auto& p : paragraphs) n += p.size();
    return n;
}

// --- Finding the article ---

struct Candidates {
    std::vector<const GumboNode*> articles;
    std::vector<const GumboNode*> article_bodies;  // itemprop="articleBody"
    std::vector<const GumboNode*> body_classes;    // class="entry-content" and the like
    const GumboNode* densest = nullptr;            // most text in direct <p> children
    std::size_t densest_score = 0;
};

bool has_body_class(const GumboNode* n) {
    static constexpr std::array<std::string_view, 6> kClasses{"entry-content", "post-body",
                                                              "article-body",  "story-body",
                                                              "post-content",  "article-content"};
    for (const char* name : {"class", "id"}) {
        const std::string value = lowered(attr(n, name));
        for (const std::string_view c : kClasses) {
            if (value.find(c) != std::string::npos) return true;
        }
    }
    return false;
}

// Text held by a node's direct paragraphs; its grandchildren's count half, so that a
// body whose every <p> sits in its own <div> still wins over a sidebar.
std::size_t paragraph_score(const GumboNode* n, int depth = 0) {
    std::size_t score = 0;
    bool breaks = false;
    for_each_child(n, [&](const GumboNode* child) { breaks |= tag_of(child) == GUMBO_TAG_BR; });
    for_each_child(n, [&](const GumboNode* child) {
        if (is_element(child) && is_noise(child, Scope::Body)) return;
        const GumboTag tag = tag_of(child);
        if (tag == GUMBO_TAG_P) {
            score += text_of(child).size();
        } else if (breaks && (is_text(child) || (is_inline(tag) && tag != GUMBO_TAG_A))) {
            score += collapse_spaces(is_text(child) ? child->v.text.text : text_of(child)).size();
        } else if (depth == 0 && is_element(child) && !is_inline(tag)) {
            score += paragraph_score(child, 1) / 2;
        }
    });
    return score;
}

void gather_candidates(const GumboNode* n, Candidates& out) {
    if (!is_element(n) || is_noise(n, Scope::Body)) return;
    if (tag_of(n) == GUMBO_TAG_ARTICLE) out.articles.push_back(n);
    if (has_word(words_of(attr(n, "itemprop")), {"articlebody"})) out.article_bodies.push_back(n);
    if (has_body_class(n)) out.body_classes.push_back(n);
    if (const std::size_t score = paragraph_score(n); score > out.densest_score) {
        out.densest = n;
        out.densest_score = score;
    }
    for_each_child(n, [&](const GumboNode* child) { gather_candidates(child, out); });
}

struct Body {
    const GumboNode* container = nullptr;
    std::vector<const GumboNode*> parts;  // the nodes holding the text: children or siblings
    Mode mode = Mode::Strict;
};

const GumboNode* most_text(const std::vector<const GumboNode*>& nodes) {
    const GumboNode* best = nullptr;
    std::size_t best_size = 0;
    for (const GumboNode* n : nodes) {
        if (const std::size_t size = total_size(paragraphs_of(n, Mode::Strict)); size > best_size) {
            best = n;
            best_size = size;
        }
    }
    return best;
}

void append_link_text(const GumboNode* n, std::string& out) {
    if (tag_of(n) == GUMBO_TAG_A) {
        append_text(n, out);
        return;
    }
    for_each_child(n, [&](const GumboNode* child) { append_link_text(child, out); });
}

// A sibling <p> that reads as prose rather than a caption or a row of links.
bool is_prose_paragraph(const GumboNode* p) {
    const std::string text = text_of(p);
    std::string links;
    append_link_text(p, links);
    const std::size_t link_size = collapse_spaces(links).size();
    if (text.size() > 80) return link_size * 4 < text.size();
    return link_size == 0 && !text.empty() && text.back() == '.';
}

// The densest block and those of its siblings with a fair share of paragraph text
// (readability's rule): a body split into "<div><p>…</p></div><div><p>…</p></div>", or
// <p> elements beside a <font> block of <br>-separated text, is read whole, while a
// sibling holding a caption or a link list is not.
std::vector<const GumboNode*> with_siblings(const GumboNode* top) {
    const GumboNode* parent = top->parent;
    if (!parent || !is_element(parent)) return {top};
    auto size_of = [](const GumboNode* n) {
        return total_size(ParagraphCollector(Mode::Strict, nullptr).collect({n}));
    };
    const std::size_t threshold = std::max<std::size_t>(10, size_of(top) / 5);
    std::vector<const GumboNode*> parts;
    for_each_child(parent, [&](const GumboNode* sibling) {
        if (sibling == top ||
            (tag_of(sibling) == GUMBO_TAG_P ? is_prose_paragraph(sibling)
                                            : is_element(sibling) && size_of(sibling) >= threshold))
            parts.push_back(sibling);
    });
    return parts;
}

Body find_body(const GumboNode* body_element) {
    Candidates c;
    gather_candidates(body_element, c);
    for (const auto* group : {&c.articles, &c.article_bodies, &c.body_classes}) {
        if (const GumboNode* best = most_text(*group))
            return {best, children_of(best), Mode::Strict};
    }
    if (c.densest) {
        std::vector<const GumboNode*> parts = with_siblings(c.densest);
        if (!ParagraphCollector(Mode::Strict, nullptr).collect(parts).empty())
            return {c.densest, std::move(parts), Mode::Strict};
    }
    return {body_element, children_of(body_element), Mode::Loose};  // no paragraph markup
}

// First element under `scope`, in document order and outside noise, that `pred` accepts.
template <class Pred>
const GumboNode* find_first(const GumboNode* scope, Scope s, const Pred& pred) {
    if (!scope || !is_element(scope) || is_noise(scope, s)) return nullptr;
    if (pred(scope)) return scope;
    const GumboNode* found = nullptr;
    for_each_child(scope, [&](const GumboNode* child) {
        if (!found) found = find_first(child, s, pred);
    });
    return found;
}

const GumboNode* find_tag(const GumboNode* root, GumboTag tag) {
    return find_first(root, Scope::Meta, [tag](const GumboNode* n) { return tag_of(n) == tag; });
}

// --- Metadata ---

struct PageInfo {
    std::string title;  // <title>
    std::vector<std::string> canonical;
    std::map<std::string, std::vector<std::string>> meta;  // name/property/itemprop → content
    std::vector<std::string> json_ld;
};

void collect_page_info(const GumboNode* n, PageInfo& info) {
    if (!is_element(n)) return;
    switch (tag_of(n)) {
        case GUMBO_TAG_TITLE:
            if (info.title.empty()) info.title = text_of(n);
            return;
        case GUMBO_TAG_META:
            for (const char* key : {"property", "name", "itemprop"}) {
                const std::string name = lowered(attr(n, key));
                const std::string content = collapse_spaces(attr(n, "content"));
                if (!name.empty() && !content.empty()) info.meta[name].push_back(content);
            }
            return;
        case GUMBO_TAG_LINK:
            if (has_word(words_of(attr(n, "rel")), {"canonical"}) && !attr(n, "href").empty())
                info.canonical.emplace_back(attr(n, "href"));
            return;
        case GUMBO_TAG_SCRIPT:
            if (lowered(attr(n, "type")).find("ld+json") != std::string::npos) {
                std::string text;
                for_each_child(n, [&](const GumboNode* c) {
                    if (is_text(c)) text += c->v.text.text;
                });
                info.json_ld.push_back(std::move(text));
            }
            return;
        default:
            for_each_child(n, [&](const GumboNode* child) { collect_page_info(child, info); });
    }
}

std::vector<std::string> meta_values(const PageInfo& info,
                                     std::initializer_list<const char*> keys) {
    std::vector<std::string> out;
    for (const char* key : keys) {
        if (auto it = info.meta.find(key); it != info.meta.end())
            out.insert(out.end(), it->second.begin(), it->second.end());
    }
    return out;
}

std::string first_meta(const PageInfo& info, std::initializer_list<const char*> keys) {
    const auto values = meta_values(info, keys);
    return values.empty() ? std::string() : values.front();
}

// JSON-LD strings are sometimes HTML-escaped ("Trump&#8217;s"). A value of deeply nested
// markup is no headline or name: dropped (the default depth limit; the page's own markup
// was checked against the configured one).
std::string decoded(const std::string& s) {
    if (s.find('&') == std::string::npos) return s;
    try {
        return html_fragment_text(s, InputLimits{}.depth);
    } catch (const LimitPassed&) {
        return {};
    }
}

struct LinkedData {
    std::string headline, date, url, publisher;
    std::vector<std::string> authors;
};

bool is_article_type(const json& type) {
    if (type.is_array()) return std::any_of(type.begin(), type.end(), is_article_type);
    if (!type.is_string()) return false;
    std::string name = type.get<std::string>();
    if (const auto cut = name.find_last_of("/:"); cut != std::string::npos) name.erase(0, cut + 1);
    static constexpr std::array<std::string_view, 7> kTypes{"NewsArticle",
                                                            "Article",
                                                            "ReportageNewsArticle",
                                                            "OpinionNewsArticle",
                                                            "AnalysisNewsArticle",
                                                            "BlogPosting",
                                                            "Report"};
    return std::find(kTypes.begin(), kTypes.end(), name) != kTypes.end();
}

using IdMap = std::map<std::string, const json*>;

void gather_ld(const json& j, std::vector<const json*>& articles, IdMap& ids) {
    if (j.is_array()) {
        for (const auto& item : j) gather_ld(item, articles, ids);
        return;
    }
    if (!j.is_object()) return;
    if (auto id = j.find("@id"); id != j.end() && id->is_string() && j.size() > 1)
        ids.emplace(id->get<std::string>(), &j);
    if (auto type = j.find("@type"); type != j.end() && is_article_type(*type))
        articles.push_back(&j);
    for (const auto& [key, value] : j.items()) {
        if (value.is_structured()) gather_ld(value, articles, ids);
    }
}

// Names from a string, an object with a name, a reference to one by @id, or a list.
void ld_names(const json& v, const IdMap& ids, std::vector<std::string>& out, int depth = 0) {
    if (v.is_string()) {
        out.push_back(decoded(v.get<std::string>()));
    } else if (v.is_array()) {
        for (const auto& item : v) ld_names(item, ids, out, depth);
    } else if (v.is_object()) {
        if (auto name = v.find("name"); name != v.end() && !name->is_object()) {
            ld_names(*name, ids, out, depth);
        } else if (auto id = v.find("@id"); id != v.end() && id->is_string() && depth < 2) {
            if (auto it = ids.find(id->get<std::string>()); it != ids.end())
                ld_names(*it->second, ids, out, depth + 1);
        }
    }
}

std::string ld_string(const json& article, const char* key) {
    auto it = article.find(key);
    if (it == article.end()) return {};
    if (it->is_string()) return decoded(it->get<std::string>());
    if (it->is_object()) {  // mainEntityOfPage: {"@type": "WebPage", "@id": url}
        for (const char* inner : {"@id", "url"}) {
            if (auto v = it->find(inner); v != it->end() && v->is_string())
                return v->get<std::string>();
        }
    }
    return {};
}

LinkedData linked_data(const PageInfo& info, std::size_t max_depth) {
    LinkedData out;
    for (const auto& text : info.json_ld) {
        json doc;
        JsonRefusal refusal;
        // Broken (or too deep: gather_ld recurses) JSON-LD: the page still has its meta tags.
        if (!parse_bounded_json(text, max_depth, doc, refusal)) continue;
        std::vector<const json*> articles;
        IdMap ids;
        gather_ld(doc, articles, ids);
        if (articles.empty()) continue;
        const json& a = *articles.front();
        out.headline = ld_string(a, "headline");
        out.date = ld_string(a, "datePublished");
        out.url = ld_string(a, "url");
        if (out.url.empty()) out.url = ld_string(a, "mainEntityOfPage");
        if (auto author = a.find("author"); author != a.end()) {
            std::vector<std::string> names;
            ld_names(*author, ids, names);
            for (const auto& name : names) {
                for (auto& n : split_authors(name)) out.authors.push_back(std::move(n));
            }
        }
        if (auto publisher = a.find("publisher"); publisher != a.end()) {
            std::vector<std::string> names;
            ld_names(*publisher, ids, names);
            if (!names.empty()) out.publisher = names.front();
        }
        return out;
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && lowered(a) == lowered(b);
}

// "Headline | Outlet" → "Headline", when the outlet is the page's own.
std::string strip_outlet(std::string title, const std::string& outlet) {
    if (outlet.empty()) return title;
    for (const std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: "}) {
        const std::string suffix = std::string(sep) + outlet;
        if (title.size() > suffix.size() &&
            iequals(std::string_view(title).substr(title.size() - suffix.size()), suffix))
            return title.substr(0, title.size() - suffix.size());
        const std::string prefix = outlet + std::string(sep);
        if (title.size() > prefix.size() &&
            iequals(std::string_view(title).substr(0, prefix.size()), prefix))
            return title.substr(prefix.size());
    }
    return title;
}

std::vector<std::string> title_segments(const std::string& title) {
    std::vector<std::string> segments{title};
    for (const std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00b7 ", " :: "}) {
        std::vector<std::string> split;
        for (const auto& segment : segments) {
            std::size_t start = 0;
            for (std::size_t at = segment.find(sep); at != std::string::npos;
                 at = segment.find(sep, start)) {
                split.push_back(segment.substr(start, at - start));
                start = at + sep.size();
            }
            split.push_back(segment.substr(start));
        }
        segments = std::move(split);
    }
    return segments;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// "Outlet - Section - Headline" or "Headline | Outlet": when one end of the <title> begins
// a headline found elsewhere on the page, the other end is the outlet's name.
struct TitleMatch {
    std::string headline;  // the candidate the title matched
    std::string outlet;
};

TitleMatch match_title(const std::string& title, const std::vector<std::string>& headlines) {
    const std::vector<std::string> segments = title_segments(title);
    if (segments.size() < 2) return {};
    for (const auto& headline : headlines) {
        for (const bool front : {true, false}) {
            const std::string& end = front ? segments.front() : segments.back();
            if (end.size() >= 8 && starts_with_ci(headline, end))
                return {headline, front ? segments.back() : segments.front()};
        }
    }
    return {};
}

bool is_byline_element(const GumboNode* n, bool strong) {
    const auto classes = words_of(attr(n, "class"));
    if (strong) return has_word(classes, {"byline", "bylines"});
    return has_word(classes, {"author", "authors"}) ||
           has_word(words_of(attr(n, "rel")), {"author"}) ||
           has_word(words_of(attr(n, "itemprop")), {"author"});
}

// The element naming the authors: class "byline" first, then class/rel/itemprop "author";
// in the article before the rest of the page, and short (an author box with a biography
// is not a byline).
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

bool plausible_name(const std::string& name) {
    if (name.size() > 60) return false;
    if (std::any_of(name.begin(), name.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return false;
    return std::count(name.begin(), name.end(), ' ') < 6;
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
        names = split_authors(text);
    }
    std::vector<std::string> out;
    for (auto& name : names) {
        for (auto& n : split_authors(name)) {
            if (plausible_name(n)) out.push_back(std::move(n));
        }
    }
    return out;
}

// The first value that is a date, else the first value (deliver() warns about it).
std::string pick_date(const std::vector<std::string>& values) {
    for (const auto& v : values) {
        if (util::parse_date(v)) return v;
    }
    for (const auto& v : values) {
        if (!v.empty()) return v;
    }
    return {};
}

// The first absolute URL, else the first URL.
std::string pick_url(const std::vector<std::string>& values) {
    for (const auto& v : values) {
        if (v.find("://") != std::string::npos) return v;
    }
    for (const auto& v : values) {
        if (!v.empty()) return v;
    }
    return {};
}

std::string primary_language(std::string_view tag) {
    std::string lang = lowered(tag.substr(0, tag.find_first_of("-_")));
    const bool letters =
        std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return letters && lang.size() >= 2 && lang.size() <= 3 ? lang : std::string();
}

const GumboNode* article_scope_of(const GumboNode* container) {
    for (const GumboNode* n = container; n && is_element(n); n = n->parent) {
        if (tag_of(n) == GUMBO_TAG_ARTICLE) return n;
    }
    return container->parent && is_element(container->parent) ? container->parent : container;
}

std::string time_value(const GumboNode* time) {
    const std::string datetime = collapse_spaces(attr(time, "datetime"));
    return datetime.empty() ? text_of(time) : datetime;
}

// A "By Jane Doe" line written as an ordinary paragraph at the top.
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

bool contains_ci(std::string_view text, std::string_view needle) {
    const auto it = std::search(
        text.begin(), text.end(), needle.begin(), needle.end(),
        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != text.end();
}

const GumboNode* body_of(const GumboOutput& doc) {
    const GumboNode* body = find_tag(doc.root, GUMBO_TAG_BODY);
    return body ? body : doc.root;
}

Article article_from(const GumboOutput& doc, std::size_t max_depth) {
    PageInfo info;
    collect_page_info(doc.root, info);
    const LinkedData ld = linked_data(info, max_depth);
    const GumboNode* body_element = body_of(doc);
    const Body body = find_body(body_element);
    const GumboNode* scope = article_scope_of(body.container);

    Article a;
    std::vector<std::string> headings;
    for (const GumboTag tag : {GUMBO_TAG_H1, GUMBO_TAG_H2}) {
        if (const GumboNode* h = find_tag(scope, tag)) headings.push_back(text_of(h));
    }
    const std::string og_title = first_meta(info, {"og:title"});
    const TitleMatch title_match = match_title(info.title, headings);

    a.source = first_meta(info, {"og:site_name"});
    if (a.source.empty()) a.source = ld.publisher;
    if (a.source.empty()) a.source = title_match.outlet;

    a.title = ld.headline;
    if (a.title.empty()) a.title = strip_outlet(og_title, a.source);
    if (a.title.empty()) {
        if (const GumboNode* h1 = find_tag(scope, GUMBO_TAG_H1)) a.title = text_of(h1);
    }
    if (a.title.empty()) a.title = title_match.headline;  // an <h2> the <title> names
    if (a.title.empty()) a.title = strip_outlet(info.title, a.source);

    const GumboNode* byline = find_byline(scope, body_element);
    a.authors = ld.authors;
    if (a.authors.empty()) {
        for (const auto& v : meta_values(info, {"article:author"})) {
            if (v.find("://") == std::string::npos) {  // often a profile URL, not a name
                for (auto& n : split_authors(v)) a.authors.push_back(std::move(n));
            }
        }
    }
    if (a.authors.empty()) {
        for (const auto& v : meta_values(info, {"author", "dc.creator", "byl"})) {
            if (iequals(v, a.source)) continue;  // the outlet signing as author
            for (auto& n : split_authors(v)) a.authors.push_back(std::move(n));
        }
    }
    if (a.authors.empty() && byline) a.authors = byline_names(byline);

    std::vector<std::string> dates{ld.date};
    for (const auto& v : meta_values(info, {"article:published_time"})) dates.push_back(v);
    auto is_time = [](const GumboNode* n) { return tag_of(n) == GUMBO_TAG_TIME; };
    if (const GumboNode* t = find_first(scope, Scope::Meta, is_time))
        dates.push_back(time_value(t));
    if (const GumboNode* t = find_first(body_element, Scope::Body, is_time))
        dates.push_back(time_value(t));
    for (const auto& v : meta_values(info, {"date", "dc.date", "dcterms.date", "dc.date.issued",
                                            "datepublished", "pubdate", "publish-date"}))
        dates.push_back(v);
    a.date = pick_date(dates);

    std::vector<std::string> urls = info.canonical;
    for (const auto& v : meta_values(info, {"og:url"})) urls.push_back(v);
    urls.push_back(ld.url);
    a.url = pick_url(urls);

    a.language = primary_language(attr(doc.root, "lang"));
    if (a.language.empty()) a.language = primary_language(first_meta(info, {"og:locale"}));

    a.paragraphs = ParagraphCollector(body.mode, byline).collect(body.parts);
    // Old pages repeat the headline in bold and write the byline as a paragraph.
    std::erase_if(a.paragraphs, [&](const std::string& p) { return iequals(p, a.title); });
    if (a.authors.empty() && !a.paragraphs.empty())
        a.authors = names_in_byline_text(a.paragraphs.front());
    for (std::size_t i = 0; i < 3 && i < a.paragraphs.size(); ++i) {
        if (is_byline_text(a.paragraphs[i], a.authors)) {
            a.paragraphs.erase(a.paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    return a;
}

}  // namespace

namespace {

// Gumbo and the tree walkers recurse once per level: refuse deeper markup before parsing.
void check_depth(std::string_view html, std::size_t max_depth) {
    if (const auto at = first_html_too_deep(html, max_depth))
        throw LimitPassed{
            "elements nested deeper than " + std::to_string(max_depth) + " levels (limit 'depth')",
            *at};
}

}  // namespace

void read_html(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits) {
    const bool utf16 = bytes.rfind("\xFF\xFE", 0) == 0 || bytes.rfind("\xFE\xFF", 0) == 0;
    if (const auto nul = bytes.find('\0'); !utf16 && nul != std::string_view::npos) {
        report.skip(source, 0, "binary file",
                    "contains a NUL byte at byte " + std::to_string(nul) + "; not text", nul);
        return;
    }
    const DecodedText text = decode_to_utf8(bytes, utf16 ? "" : prescan_html_charset(bytes));
    if (!text.problem.empty()) {
        const std::size_t line = text.problem_byte ? util::line_of(bytes, *text.problem_byte) : 0;
        report.warn(source, line, text.problem, text.problem_detail, text.problem_byte.value_or(0));
    }
    if (text.text.find('\0') != std::string::npos) {
        report.skip(source, 0, "binary file", "contains a NUL character; not text");
        return;
    }

    try {
        check_depth(text.text, limits.depth);
    } catch (const LimitPassed& e) {
        report.skip(source, util::line_of(text.text, e.byte), "too deep", e.detail,
                    text.converted ? 0 : text.bom + e.byte);
        return;
    }
    const Document doc = parse(text.text);
    Article article = article_from(*doc, limits.depth);
    if (article.paragraphs.empty()) {
        report.skip(source, 0, "no article body",
                    "found no paragraphs of article text" +
                        (article.title.empty() ? std::string() : " in '" + article.title + "'"));
        return;
    }
    // Gumbo closes whatever is open at the end of the input without complaint, so a cut-off
    // download shows only in the missing end tags.
    const std::string_view tail = std::string_view(text.text).substr(
        text.text.size() - std::min<std::size_t>(text.text.size(), 65536));
    if ((contains_ci(text.text, "<html") || contains_ci(text.text, "<body")) &&
        !contains_ci(tail, "</html") && !contains_ci(tail, "</body")) {
        report.warn(source, util::line_of(text.text, text.text.size()), "truncated HTML",
                    "no closing </body> or </html>: the page is cut short; indexed the text "
                    "before the cut");
    }
    deliver(std::move(article), {source, 1}, sink, report, limits);
}

std::vector<std::string> html_fragment_paragraphs(std::string_view html, std::size_t max_depth) {
    check_depth(html, max_depth);
    const Document doc = parse(html);
    return paragraphs_of(body_of(*doc), Mode::Loose);
}

std::string html_fragment_text(std::string_view html, std::size_t max_depth) {
    check_depth(html, max_depth);
    const Document doc = parse(html);
    return text_of(body_of(*doc));
}

}  // namespace parley::readers
