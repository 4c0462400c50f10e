#include "readers/feed_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <vector>

#include "fetch/url.hpp"
#include "readers/charset.hpp"
#include "readers/html_page_meta.hpp"
#include "readers/html_reader.hpp"
#include "readers/reader_common.hpp"
#include "util/fingerprint.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

// Line and column of byte offsets; a feed may hold thousands of items.
class LineIndex {
  public:
    explicit LineIndex(std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') newlines_.push_back(i);
        }
    }
    std::size_t line(std::size_t offset) const {
        return 1 + static_cast<std::size_t>(
                       std::lower_bound(newlines_.begin(), newlines_.end(), offset) -
                       newlines_.begin());
    }
    std::size_t column(std::size_t offset) const {
        const std::size_t l = line(offset);
        return offset - (l > 1 ? newlines_[l - 2] + 1 : 0) + 1;
    }

  private:
    std::vector<std::size_t> newlines_;
};

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view local_name(const pugi::xml_node& n) {
    const std::string_view name = n.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// A namespaced child (content:encoded, dc:creator) whatever prefix the feed bound.
pugi::xml_node prefixed_child(const pugi::xml_node& n, std::string_view local) {
    for (const pugi::xml_node& child : n.children()) {
        if (child.type() == pugi::node_element &&
            std::string_view(child.name()).find(':') != std::string_view::npos &&
            local_name(child) == local)
            return child;
    }
    return {};
}

// Character data of an element, CDATA sections included.
std::string text_of(const pugi::xml_node& n) {
    std::string out;
    for (const pugi::xml_node& child : n.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata)
            out += child.value();
    }
    return out;
}

// Titles are plain text by the RSS spec, but are often sent entity-escaped or with markup.
std::string plain_text(const std::string& text, std::size_t max_depth) {
    return text.find_first_of("<&") == std::string::npos ? collapse_spaces(text)
                                                         : html_fragment_text(text, max_depth);
}

// The base a link inside `node` is read against: the document's address, refined by every
// xml:base from the root down (each itself relative to the one outside it).
std::optional<fetch::Url> base_of(const pugi::xml_node& node,
                                  const std::optional<fetch::Url>& document) {
    std::vector<std::string_view> bases;  // innermost first
    for (pugi::xml_node n = node; n; n = n.parent()) {
        if (const pugi::xml_attribute a = n.attribute("xml:base")) bases.push_back(a.value());
    }
    std::optional<fetch::Url> base = document;
    for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
        if (auto next = base ? fetch::resolve_url(*base, *it) : fetch::parse_url(*it))
            base = std::move(next);
    }
    return base;
}

// `href` made absolute against the base in force at `node`; as written when it is no
// http(s) link. A relative link with no base at all is not taken, as a saved page's is not:
// "/story/1" of two sites' saved feeds was one article.
std::string absolute_link(const std::string& href, const pugi::xml_node& node,
                          const std::optional<fetch::Url>& document) {
    if (href.empty()) return href;
    const auto base = base_of(node, document);
    if (!base) return href.find("://") != std::string::npos ? href : std::string();
    const auto link = fetch::resolve_url(*base, href);
    return link ? link->str() : href;
}

// An item with neither an id nor a link is known by its title, date and text: items that
// share a title (a daily column) stay distinct articles.
void identify_by_content(Article& a) {
    if (!a.id.empty() || !a.url.empty()) return;
    std::string key = a.title + "\n" + a.date;
    for (const auto& p : a.paragraphs) key += "\n" + p;
    a.id = "item:" + util::hex64(util::fnv1a64(key));
}

// The deepest element nesting in an XML document, walked without recursion; stops
// counting past `limit`.
std::size_t xml_depth(const pugi::xml_node& root, std::size_t limit) {
    std::size_t depth = 0, deepest = 0;
    pugi::xml_node n = root.first_child();
    if (!n) return 0;
    depth = 1;
    while (n && depth > 0) {
        deepest = std::max(deepest, depth);
        if (deepest > limit) return deepest;
        if (n.first_child()) {
            n = n.first_child();
            ++depth;
            continue;
        }
        while (n && !n.next_sibling() && depth > 0) {
            n = n.parent();
            --depth;
        }
        if (n && depth > 0) n = n.next_sibling();
    }
    return deepest;
}

// WordPress ends feed content with "The post <title> appeared first on <outlet>."
void drop_feed_footer(std::vector<std::string>& paragraphs) {
    if (!paragraphs.empty() && paragraphs.back().rfind("The post ", 0) == 0 &&
        paragraphs.back().find(" appeared first on ") != std::string::npos)
        paragraphs.pop_back();
}

std::vector<std::string> plain_paragraphs(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& p : split_paragraphs(text)) out.push_back(collapse_spaces(p));
    return out;
}

// --- RSS ---

struct Channel {
    std::optional<fetch::Url> base;  ///< where the feed came from
    std::string title;
    std::string language;
};

// "jane@example.com (Jane Doe)" → Jane Doe; a bare address names nobody.
std::vector<std::string> rss_author(const std::string& text) {
    const auto open = text.find('(');
    const auto close = text.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open)
        return split_authors(text.substr(open + 1, close - open - 1));
    if (text.find('@') != std::string::npos && text.find(' ') == std::string::npos) return {};
    return split_authors(text);
}

Article rss_item(const pugi::xml_node& item, const Channel& channel, std::size_t max_depth) {
    Article a;
    a.title = plain_text(text_of(item.child("title")), max_depth);
    const pugi::xml_node link = item.child("link");
    a.url = absolute_link(collapse_spaces(text_of(link)), link, channel.base);
    const pugi::xml_node guid_node = item.child("guid");
    const std::string guid = collapse_spaces(text_of(guid_node));
    a.id = guid.empty() ? a.url : guid;
    // A guid is the item's permalink unless isPermaLink="false" (RSS 2.0): the address of an
    // item without a <link>.
    if (a.url.empty() &&
        std::string_view(guid_node.attribute("isPermaLink").as_string("true")) != "false") {
        if (const std::string link = absolute_link(guid, guid_node, channel.base);
            fetch::parse_url(link))
            a.url = link;
    }
    // RFC 822's pubDate, else dc:date (ISO 8601): the first that is a date, as a page's dates
    // are picked; deliver() warns about an unreadable one.
    a.date = html::pick_date({collapse_spaces(text_of(item.child("pubDate"))),
                              collapse_spaces(text_of(prefixed_child(item, "date")))});
    for (auto& name : rss_author(collapse_spaces(text_of(item.child("author")))))
        a.authors.push_back(std::move(name));
    for (const pugi::xml_node& child : item.children()) {
        if (std::string_view(child.name()).find(':') != std::string_view::npos &&
            local_name(child) == "creator") {
            for (auto& name : split_authors(collapse_spaces(text_of(child))))
                a.authors.push_back(std::move(name));
        }
    }
    // An aggregator's item names the outlet it came from (<source url="...">Outlet</source>)
    // and may name its own language (dc:language): they outrank the channel's.
    a.source = collapse_spaces(text_of(item.child("source")));
    if (a.source.empty()) a.source = channel.title;
    a.language = primary_language(collapse_spaces(text_of(prefixed_child(item, "language"))));
    if (a.language.empty()) a.language = channel.language;
    // The description is often a teaser of the full text in content:encoded.
    a.paragraphs = html_fragment_paragraphs(text_of(prefixed_child(item, "encoded")), max_depth);
    if (a.paragraphs.empty())
        a.paragraphs = html_fragment_paragraphs(text_of(item.child("description")), max_depth);
    drop_feed_footer(a.paragraphs);
    identify_by_content(a);
    return a;
}

// --- Atom ---

// Atom elements under the root's own prefix ("atom:entry" in a prefixed feed).
class AtomNames {
  public:
    explicit AtomNames(const pugi::xml_node& root) {
        const std::string_view name = root.name();
        if (const auto colon = name.find(':'); colon != std::string_view::npos)
            prefix_ = std::string(name.substr(0, colon + 1));
    }
    pugi::xml_node child(const pugi::xml_node& n, const char* name) const {
        return n.child((prefix_ + name).c_str());
    }
    std::string text(const pugi::xml_node& n, const char* name) const {
        return collapse_spaces(text_of(child(n, name)));
    }
    template <class F>
    void for_each(const pugi::xml_node& n, const char* name, F&& f) const {
        // The iterators keep a pointer to the name: it must outlive the loop.
        const std::string full = prefix_ + name;
        for (const pugi::xml_node& c : n.children(full.c_str())) f(c);
    }

  private:
    std::string prefix_;
};

// An Atom text construct (title, summary, content) as paragraphs, by its type.
std::vector<std::string> atom_paragraphs(const pugi::xml_node& n, std::size_t max_depth) {
    if (!n || n.attribute("src")) return {};  // content kept elsewhere
    const std::string type = lowered(n.attribute("type").value());
    if (type == "html" || type == "text/html")
        return html_fragment_paragraphs(text_of(n), max_depth);
    if (type == "xhtml" || type == "application/xhtml+xml") {
        std::ostringstream markup;
        for (const pugi::xml_node& child : n.children()) child.print(markup, "", pugi::format_raw);
        return html_fragment_paragraphs(markup.str(), max_depth);
    }
    if (type.empty() || type == "text" || type.rfind("text/", 0) == 0)
        return plain_paragraphs(text_of(n));
    return {};  // base64 images and other media
}

std::string atom_text(const pugi::xml_node& n, std::size_t max_depth) {
    std::string out;
    for (const auto& p : atom_paragraphs(n, max_depth)) out += (out.empty() ? "" : " ") + p;
    return out;
}

std::vector<std::string> atom_authors(const pugi::xml_node& n, const AtomNames& atom) {
    std::vector<std::string> out;
    atom.for_each(n, "author", [&](const pugi::xml_node& author) {
        if (std::string name = atom.text(author, "name"); !name.empty())
            out.push_back(std::move(name));
    });
    return out;
}

// rel="alternate", else the first link without a rel (which means alternate).
std::string atom_link(const pugi::xml_node& entry, const AtomNames& atom,
                      const std::optional<fetch::Url>& document) {
    std::string first;
    std::string alternate;
    atom.for_each(entry, "link", [&](const pugi::xml_node& link) {
        const pugi::xml_attribute rel = link.attribute("rel");
        const std::string href =
            absolute_link(collapse_spaces(link.attribute("href").value()), link, document);
        if (alternate.empty() && rel && std::string_view(rel.value()) == "alternate")
            alternate = href;
        if (first.empty() && !rel) first = href;
    });
    return alternate.empty() ? first : alternate;
}

struct AtomFeed {
    std::optional<fetch::Url> base;  ///< where the feed came from
    std::string title;
    std::string language;
    std::vector<std::string> authors;
};

Article atom_entry(const pugi::xml_node& entry, const AtomFeed& feed, const AtomNames& atom,
                   std::size_t max_depth) {
    Article a;
    a.title = atom_text(atom.child(entry, "title"), max_depth);
    a.id = atom.text(entry, "id");
    a.url = atom_link(entry, atom, feed.base);
    a.date = html::pick_date({atom.text(entry, "published"), atom.text(entry, "updated")});
    a.authors = atom_authors(entry, atom);
    if (a.authors.empty()) a.authors = feed.authors;  // entries inherit the feed's authors
    // An entry copied from another feed names it (atom:source): its title is the outlet.
    a.source = atom_text(atom.child(atom.child(entry, "source"), "title"), max_depth);
    if (a.source.empty()) a.source = feed.title;
    a.language = primary_language(entry.attribute("xml:lang").value());
    if (a.language.empty()) a.language = feed.language;
    a.paragraphs = atom_paragraphs(atom.child(entry, "content"), max_depth);
    if (a.paragraphs.empty())
        a.paragraphs = atom_paragraphs(atom.child(entry, "summary"), max_depth);
    drop_feed_footer(a.paragraphs);
    identify_by_content(a);
    return a;
}

std::size_t offset_of(const pugi::xml_node& n) {
    const std::ptrdiff_t offset = n.offset_debug();
    return offset < 0 ? 0 : static_cast<std::size_t>(offset);
}

}  // namespace

void read_feed(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits, std::string_view base_url,
               std::string_view transport_charset) {
    const std::optional<fetch::Url> document = fetch::parse_url(base_url);
    const DecodedText text = decode_to_utf8(
        bytes, transport_charset.empty() ? xml_declared_charset(bytes) : transport_charset);
    if (!text.problem.empty()) {
        const std::size_t line = text.problem_byte ? util::line_of(bytes, *text.problem_byte) : 0;
        report.warn(source, line, text.problem, text.problem_detail, text.problem_byte.value_or(0));
    }
    const LineIndex lines(text.text);
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(text.text.data(), text.text.size(),
                                                          pugi::parse_default, pugi::encoding_utf8);
    if (!parsed) {
        // pugixml may place an error one past the end of a document cut short ("<s v").
        const auto offset = std::min(
            static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)), text.text.size());
        const std::size_t line = lines.line(offset);
        // Offsets are in the UTF-8 text; they are file offsets only if nothing was converted.
        report.skip(source, line, "malformed feed",
                    std::string(parsed.description()) + " at line " + std::to_string(line) +
                        ", column " + std::to_string(lines.column(offset)),
                    text.converted ? 0 : text.bom + offset);
        return;
    }

    if (const std::size_t depth = xml_depth(doc, limits.depth); depth > limits.depth) {
        report.skip(source, 0, "too deep",
                    "elements nested deeper than " + std::to_string(limits.depth) +
                        " levels (limit 'depth')");
        return;
    }
    // One item past a limit (HTML in it nested too deep) is skipped, not the feed.
    const auto deliver_item = [&](auto make, const pugi::xml_node& node) {
        const Origin origin{
            .source = source, .line = lines.line(offset_of(node)), .headline_usual = true};
        Article article;
        try {
            article = make();
        } catch (const LimitPassed& e) {
            report.skip(source, origin.line, "too deep", e.detail);
            return;
        }
        deliver(std::move(article), origin, sink, report, limits);
    };
    const std::size_t max_depth = limits.depth;
    const pugi::xml_node root = doc.document_element();
    const std::string_view root_name = local_name(root);
    if (root_name == "rss" || root_name == "RDF") {
        pugi::xml_node channel = root.child("channel");
        Channel ch;
        // A feed read from a file has no address of its own: its items' relative links are
        // read against the site's, which the channel's <link> gives.
        ch.base =
            document ? document : fetch::parse_url(collapse_spaces(text_of(channel.child("link"))));
        try {
            ch.title = plain_text(text_of(channel.child("title")), max_depth);
        } catch (const LimitPassed&) {
            ch.title.clear();  // a title of nested markup is no title
        }
        ch.language = primary_language(collapse_spaces(text_of(channel.child("language"))));
        if (ch.language.empty())
            ch.language =
                primary_language(collapse_spaces(text_of(prefixed_child(channel, "language"))));
        // RSS 2.0 items are in the channel; RSS 1.0 items are its siblings.
        for (const pugi::xml_node& parent : {channel, root}) {
            for (const pugi::xml_node& item : parent.children("item")) {
                deliver_item([&] { return rss_item(item, ch, max_depth); }, item);
            }
        }
        return;
    }
    if (root_name == "feed") {
        const AtomNames atom(root);
        AtomFeed feed;
        feed.base = document;
        if (!feed.base) {  // read from a file: the site's address is the feed's own link
            if (auto site = fetch::parse_url(atom_link(root, atom, std::nullopt))) feed.base = site;
        }
        try {
            feed.title = atom_text(atom.child(root, "title"), max_depth);
        } catch (const LimitPassed&) {
            feed.title.clear();  // a title of nested markup is no title
        }
        feed.language = primary_language(root.attribute("xml:lang").value());
        feed.authors = atom_authors(root, atom);
        atom.for_each(root, "entry", [&](const pugi::xml_node& entry) {
            deliver_item([&] { return atom_entry(entry, feed, atom, max_depth); }, entry);
        });
        return;
    }
    report.skip(
        source, lines.line(offset_of(root)), "not a feed",
        "the root element is <" + std::string(root.name()) + ">, not <rss>, <rdf:RDF> or <feed>");
}

}  // namespace parley::readers
