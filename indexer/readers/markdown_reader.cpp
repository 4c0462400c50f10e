#include "readers/markdown_reader.hpp"

#include <cmark.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <memory>
#include <set>
#include <string>

#include "json/bounded_json.hpp"
#include "readers/reader_common.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

using json_forms::first_too_deep;

struct FrontMatter {
    std::string_view yaml;
    std::string_view body;
    std::size_t body_first_line = 1;  // line number of body[0]
    bool present = false;
    bool unclosed = false;  // opened by "---" on line 1, never closed
};

FrontMatter split_front_matter(std::string_view content) {
    FrontMatter fm;
    fm.body = content;
    if (content.rfind("---\n", 0) != 0 && content.rfind("---\r\n", 0) != 0) return fm;
    const std::size_t yaml_start = content.find('\n') + 1;
    std::size_t pos = yaml_start;
    std::size_t line = 2;
    while (pos < content.size()) {
        std::size_t end = content.find('\n', pos);
        if (end == std::string_view::npos) end = content.size();
        std::string_view l = content.substr(pos, end - pos);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l == "---" || l == "...") {
            fm.present = true;
            fm.yaml = content.substr(yaml_start, pos - yaml_start);
            fm.body = end < content.size() ? content.substr(end + 1) : std::string_view{};
            fm.body_first_line = line + 1;
            return fm;
        }
        ++line;
        pos = end + 1;
    }
    fm.unclosed = true;  // no closing line: everything is body
    return fm;
}

// What a YAML node is, for messages.
std::string shape_of(const YAML::Node& node) {
    if (node.IsSequence())
        return node.size() == 1 ? "a list of one value"
                                : "a list of " + std::to_string(node.size()) + " values";
    return node.IsMap() ? "a mapping" : "a value of another kind";
}

// A scalar's text. yaml-cpp writes YAML's escapes \N (next line, U+0085) and \_ (no-break
// space, U+00A0) as the single bytes 0x85 and 0xA0, which are no UTF-8: the article was
// then refused as 'invalid UTF-8' under its id alone. The file itself is valid UTF-8 by
// now, so such a byte is one of these code points, written here as UTF-8.
std::string text_of(const YAML::Node& node) {
    std::string text = node.as<std::string>();
    std::size_t from = 0;
    while (const auto bad = util::first_invalid_utf8(std::string_view(text).substr(from))) {
        const std::size_t at = from + *bad;
        const auto byte = static_cast<unsigned char>(text[at]);
        const char utf8[] = {static_cast<char>(0xC0 | (byte >> 6)),
                             static_cast<char>(0x80 | (byte & 0x3F))};
        text.replace(at, 1, utf8, 2);
        from = at + 2;
    }
    return text;
}

// A front matter field of one line of text, as the JSON form reads one: a scalar; null or
// absent is empty; a list of one scalar is that scalar, said. Another shape is left out,
// said too (it was dropped silently: "title: [A, B]" gave an untitled article).
// `refused` is set for a shape that cannot be read.
std::string scalar_field(const YAML::Node& doc, const char* key, const Origin& origin,
                         IngestReport& report, bool* refused = nullptr) {
    const YAML::Node node = doc[key];
    if (!node || node.IsNull()) return {};
    if (node.IsScalar()) return text_of(node);
    const std::size_t line = origin.line + static_cast<std::size_t>(node.Mark().line);
    if (node.IsSequence() && node.size() == 1 && node[0].IsScalar()) {
        report.warn(origin.source, line, "field converted",
                    std::string("field '") + key + "' is a list of one value: read as that value");
        return text_of(node[0]);
    }
    if (refused) {
        *refused = true;
        report.skip(origin.source, line, "bad field",
                    std::string("field '") + key + "' is " + shape_of(node) +
                        ", not a string: the article is skipped");
        return {};
    }
    report.warn(origin.source, line, "field not read",
                std::string("field '") + key + "' is " + shape_of(node) + ", not text: left out");
    return {};
}

// Reads the fields Parley knows; a field of the wrong shape is a warning, not a skip, but
// for the id (an article under another id would be another article): false then. Notes in
// `article_origin` the lines of the date and language fields.
bool apply_front_matter(const YAML::Node& doc, Article& a, const Origin& origin,
                        Origin& article_origin, IngestReport& report) {
    if (!doc.IsMap()) {
        report.warn(origin.source, 2, "malformed front matter",
                    "front matter is not a mapping; ignored");
        return true;
    }
    const auto field = [&](const char* key) { return scalar_field(doc, key, origin, report); };
    a.title = field("title");
    a.date = field("date");
    a.source = field("source");
    if (a.source.empty()) a.source = field("outlet");
    a.url = field("url");
    bool bad_id = false;
    a.id = scalar_field(doc, "id", origin, report, &bad_id);
    if (bad_id) return false;
    a.language = field("lang");
    const char* language_key = "lang";
    if (a.language.empty()) {
        a.language = field("language");
        language_key = "language";
    }
    const auto line_of = [&](const char* key) -> std::size_t {
        const YAML::Node node = doc[key];
        return node ? origin.line + static_cast<std::size_t>(node.Mark().line) : 0;
    };
    if (!a.date.empty()) article_origin.date_line = line_of("date");
    if (!a.language.empty()) article_origin.language_line = line_of(language_key);
    for (const char* key : {"authors", "author"}) {
        const YAML::Node node = doc[key];
        if (!node || node.IsNull()) continue;
        const std::size_t line = origin.line + static_cast<std::size_t>(node.Mark().line);
        if (node.IsSequence()) {
            for (const auto& item : node) {
                if (item.IsScalar()) {
                    a.authors.push_back(text_of(item));
                } else if (item.IsMap() && item["name"] && item["name"].IsScalar()) {
                    a.authors.push_back(text_of(item["name"]));  // "- name: Ann Lee"
                } else if (!item.IsNull()) {
                    report.warn(origin.source,
                                origin.line + static_cast<std::size_t>(item.Mark().line),
                                "field not read",
                                std::string("an item of '") + key + "' is " + shape_of(item) +
                                    ", not a name: left out");
                }
            }
        } else if (node.IsScalar()) {
            for (auto& name : split_authors(text_of(node))) a.authors.push_back(std::move(name));
        } else {
            report.warn(origin.source, line, "malformed front matter",
                        std::string("'") + key + "' should be a name or a list of names");
        }
    }
    return true;
}

using IterPtr = std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)>;

// The lower-case element name of a raw HTML tag ("<br/>", "</P>", "<div class=x>"); empty
// for a comment or anything else.
std::string tag_name(std::string_view tag) {
    std::size_t at = tag.rfind("</", 0) == 0 ? 2 : 1;
    std::string name;
    for (; at < tag.size() && std::isalnum(static_cast<unsigned char>(tag[at])); ++at)
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(tag[at])));
    return name;
}

// Whether a raw HTML tag inside a paragraph separates the words on its two sides, as a
// browser shows it: a line break or a block ("First line<br>second"), not inline markup
// such as <em> or <wbr>, which can sit inside a word.
bool separates_words(std::string_view tag) {
    static const std::set<std::string, std::less<>> kBreaking{
        "br",      "p",       "div",   "li",     "ul",     "ol",     "dl",         "dt",
        "dd",      "hr",      "table", "tr",     "td",     "th",     "h1",         "h2",
        "h3",      "h4",      "h5",    "h6",     "pre",    "figure", "figcaption", "blockquote",
        "section", "article", "img",   "header", "footer", "aside",  "nav"};
    return kBreaking.contains(tag_name(tag));
}

// Plain text of an inline subtree: text, code spans and line breaks; markup dropped, raw
// HTML too but for the space a break or block tag stands for.
// cmark's iterator, not recursion: emphasis can nest as deep as the input likes.
void collect_text(cmark_node* node, std::string& out) {
    const IterPtr it(cmark_iter_new(node), &cmark_iter_free);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* n = cmark_iter_get_node(it.get());
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                out += cmark_node_get_literal(n);
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                out += ' ';
                break;
            case CMARK_NODE_HTML_INLINE:
                if (separates_words(cmark_node_get_literal(n))) out += ' ';
                break;
            default:
                break;  // markup: its text children come next
        }
    }
}

using NodePtr = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;

}  // namespace

void read_markdown(std::string_view content, const std::string& source, const ArticleSink& sink,
                   IngestReport& report, const InputLimits& limits) {
    content = strip_bom(content);
    const std::string unix_lines = normalise_line_ends(content);
    content = unix_lines;
    if (!check_text(content, {source, 0}, report)) return;

    Article article;
    Origin article_origin{source, 1};
    const FrontMatter fm = split_front_matter(content);
    if (fm.unclosed) {
        report.warn(source, 1, "malformed front matter",
                    "front matter opened by '---' is never closed by a '---' line; read as text");
    }
    if (fm.present) {
        if (const auto at = first_too_deep(fm.yaml, limits.depth)) {
            report.skip(source, util::line_of(fm.yaml, *at) + 1, "too deep",
                        "front matter nested deeper than " + std::to_string(limits.depth) +
                            " levels (limit 'depth')");
            return;
        }
        try {
            if (!apply_front_matter(YAML::Load(std::string(fm.yaml)), article, {source, 2},
                                    article_origin, report))
                return;
        } catch (const YAML::Exception& e) {
            report.skip(source, static_cast<std::size_t>(e.mark.line) + 2, "malformed front matter",
                        e.msg);
            return;
        }
    }

    NodePtr doc(cmark_parse_document(fm.body.data(), fm.body.size(), CMARK_OPT_DEFAULT),
                &cmark_node_free);
    const IterPtr it(cmark_iter_new(doc.get()), &cmark_iter_free);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(it.get());
        const cmark_node_type type = cmark_node_get_type(node);
        if (ev != CMARK_EVENT_ENTER) continue;
        if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING) continue;
        std::string text;
        collect_text(node, text);
        if (type == CMARK_NODE_PARAGRAPH) {
            article.paragraphs.push_back(collapse_spaces(text));
        } else if (cmark_node_get_heading_level(node) == 1 && article.title.empty()) {
            article.title = collapse_spaces(text);
        }
        // Sub-headings are left out: a three-word "paragraph" would outrank real text for
        // any word of the title (titles are indexed with every paragraph).
        cmark_iter_reset(it.get(), node, CMARK_EVENT_EXIT);  // its inlines are read
    }
    deliver(std::move(article), article_origin, sink, report, limits);
}

}  // namespace parley::readers
