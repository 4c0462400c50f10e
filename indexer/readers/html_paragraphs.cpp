#include "readers/html_paragraphs.hpp"

#include <algorithm>
#include <cctype>

#include "readers/html_noise.hpp"
#include "readers/reader_common.hpp"

namespace parley::readers::html {
namespace {

constexpr char kBreak = '\x01';  // a <br> in a run of text

struct LinkText {
    std::size_t links = 0;      ///< <a> elements
    std::size_t link_size = 0;  ///< characters of text inside them
    std::size_t size = 0;       ///< characters of text in all
    std::size_t nodes = 0;      ///< nodes visited
    std::size_t url_links = 0;  ///< links whose text is a web address
};

bool starts_like_url(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    return text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.");
}

// A list of other stories is a few dozen headlines: measuring stops past these, so that a
// page of nested wrappers is not measured again at every level.
constexpr std::size_t kLinkListMaxSize = 5000;
constexpr std::size_t kLinkListMaxNodes = 1000;

void measure_links(const GumboNode* n, bool in_link, LinkText& out) {
    if (++out.nodes > kLinkListMaxNodes || out.size > kLinkListMaxSize) return;
    if (is_text(n)) {
        const std::size_t size = collapse_spaces(n->v.text.text).size();
        out.size += size;
        if (in_link) out.link_size += size;
        return;
    }
    if (!is_element(n) || is_noise(n, Scope::Body)) return;
    const bool link = tag_of(n) == GUMBO_TAG_A;
    if (link && !in_link) {
        ++out.links;
        if (starts_like_url(text_of(n))) ++out.url_links;
    }
    for_each_child(n, [&](const GumboNode* child) { measure_links(child, in_link || link, out); });
}

// A block that is mostly links to other pages: "More news from Sci-Tech", "Latest news",
// "You may also like", a row of tags; also an infobox or a list of bugs fixed. Not a list
// of web addresses, which is the article's sources: other stories are listed by headline.
// `t` is the block's measure (measure_links); past the caps it says too little to tell.
bool is_link_list(const LinkText& t) {
    if (t.nodes > kLinkListMaxNodes || t.size > kLinkListMaxSize) return false;
    return t.links >= 3 && t.link_size * 10 >= t.size * 7 && t.url_links * 2 < t.links;
}

// A paragraph that is one link to another page, as a list of other stories is written
// where each headline stands in a <p> of its own.
bool is_link_paragraph(const LinkText& t) {
    if (t.nodes > kLinkListMaxNodes || t.size > kLinkListMaxSize) return false;
    return t.links == 1 && t.url_links == 0 && t.size > 0 && t.link_size * 10 >= t.size * 9;
}

// The element after `n` among its parent's children, text between them aside.
const GumboNode* next_element(const GumboNode* n) {
    const GumboNode* parent = n->parent;
    if (!parent || !is_element(parent)) return nullptr;
    const GumboVector& children = parent->v.element.children;
    for (unsigned i = n->index_within_parent + 1; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (is_element(child)) return child;
    }
    return nullptr;
}

// A heading made of a styled <span> or <div>: role="heading", or a class that says so
// ("headline2 head", "section-heading", "subhead"), followed by the paragraph or list it
// heads. Its short text is a sub-heading, not a label. A headline that is a link is a
// teaser for another page; one over a video or a photo is its caption.
bool is_styled_heading(const GumboNode* n) {
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_A || !(is_inline(tag) || tag == GUMBO_TAG_DIV)) return false;
    // What follows first: it costs no allocation, and most elements fail it.
    const GumboNode* next = next_element(n);
    if (!next) return false;
    switch (tag_of(next)) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
            break;
        default:
            return false;
    }
    bool heading = iequals(attr(n, "role"), "heading");
    for (std::string word : words_of(attr(n, "class"))) {
        while (!word.empty() && std::isdigit(static_cast<unsigned char>(word.back())))
            word.pop_back();
        heading = heading || word == "headline" || word == "heading" || word == "subhead" ||
                  word == "subheading";
    }
    if (!heading) return false;
    LinkText t;
    measure_links(n, false, t);
    return t.nodes <= kLinkListMaxNodes && t.links == 0 && t.size > 0 && t.size <= 200;
}

class ParagraphCollector {
  public:
    ParagraphCollector(Mode mode, const GumboNode* byline) : mode_(mode), byline_(byline) {}

    std::vector<std::string> collect(const std::vector<const GumboNode*>& nodes) {
        for (const GumboNode* n : nodes) {
            top_ = n;
            visit(n);
        }
        flush();
        drop_trailing_link_lists();
        return std::move(out_);
    }

  private:
    void visit(const GumboNode* n) {
        if (is_text(n)) {
            run_ += n->v.text.text;
            return;
        }
        if (!is_element(n) || n == byline_) return;
        const GumboTag tag = tag_of(n);
        // A formula in a sentence is part of the sentence, its MathML read as text; a
        // displayed formula is a paragraph of its own.
        if (tag == GUMBO_TAG_MATH) {
            const bool displayed = iequals(attr(n, "display"), "block");
            if (displayed) {
                flush();
                ++in_paragraph_;
            }
            run_ += ' ';
            append_math(n);
            run_ += ' ';
            if (displayed) {
                flush();
                --in_paragraph_;
            }
            return;
        }
        // Inside a paragraph an inline element's class ("popup" on a glossed word) does not
        // take its words out of the sentence.
        if (is_noise(n, Scope::Body, !(in_paragraph_ > 0 && is_inline(tag)))) return;
        if (tag == GUMBO_TAG_BR) {
            run_ += kBreak;
            return;
        }
        // A sub-heading made of a styled <span> or <div> is a paragraph of its own.
        if (in_paragraph_ == 0 && is_styled_heading(n)) {
            flush();
            ++in_paragraph_;
            for_each_child(n, [&](const GumboNode* child) { visit(child); });
            flush();
            --in_paragraph_;
            return;
        }
        // A custom element (<mjx-container>, <x-word>) is inline until styled otherwise, as
        // browsers show it: it does not cut the sentence it stands in; the blocks inside a
        // custom layout element still cut their own paragraphs.
        if (is_inline(tag) || tag == GUMBO_TAG_UNKNOWN) {
            for_each_child(n, [&](const GumboNode* child) { visit(child); });
            return;
        }
        flush();
        if (tag == GUMBO_TAG_H1) return;  // the headline, read as the title
        const bool block = holds_text(tag) && !(holds_blocks(n) && may_frame_blocks(tag));
        if (block && tag == GUMBO_TAG_P && is_byline_paragraph(n)) return;
        // One measure of its links answers both questions (the part being read is no list).
        const bool paragraph = block && tag == GUMBO_TAG_P;
        LinkText links;
        const bool measured = in_paragraph_ == 0 && in_link_list_ == 0 && (n != top_ || paragraph);
        if (measured) measure_links(n, false, links);
        const bool link_list = measured && n != top_ && is_link_list(links);
        const bool link_paragraph = measured && !link_list && paragraph && is_link_paragraph(links);
        in_link_list_ += link_list;
        in_link_paragraph_ += link_paragraph;
        if (block) ++in_paragraph_;
        for_each_child(n, [&](const GumboNode* child) { visit(child); });
        flush();
        if (block) --in_paragraph_;
        in_link_list_ -= link_list;
        in_link_paragraph_ -= link_paragraph;
    }

    // Link lists after the article's last paragraph of prose are the site's lists of other
    // stories, which readers skip and careful extractors leave out; a list amid the prose
    // (an infobox, the bugs a release fixed) is the article's, and so is a page of links.
    void drop_trailing_link_lists() {
        std::size_t last_prose = 0;  // one past it
        for (std::size_t i = 0; i < out_.size(); ++i) {
            if (!from_link_list_[i] && out_[i].size() >= kProseSize) last_prose = i + 1;
        }
        if (last_prose == 0) return;  // no prose: the links are what the page holds
        // Paragraphs of one link each are such a list when there are several: one alone
        // is a source or a "read more".
        const auto linked = static_cast<std::size_t>(
            std::count(link_paragraph_.begin() + static_cast<std::ptrdiff_t>(last_prose),
                       link_paragraph_.end(), true));
        const bool drop_linked = linked >= kLinkParagraphsInList;
        std::size_t kept = last_prose;
        for (std::size_t i = last_prose; i < out_.size(); ++i) {
            if (from_link_list_[i] || (drop_linked && link_paragraph_[i])) continue;
            if (kept != i) out_[kept] = std::move(out_[i]);
            ++kept;
        }
        out_.resize(kept);
    }

    // The tokens of a MathML formula, spaced: "a ≠ 0". Annotations (the TeX source a
    // formula keeps beside itself) are not what the reader sees.
    void append_math(const GumboNode* n) {
        for_each_child(n, [&](const GumboNode* child) {
            if (is_text(child)) {
                run_ += ' ';
                run_ += child->v.text.text;
            } else if (is_element(child) && tag_of(child) != GUMBO_TAG_ANNOTATION_XML &&
                       !is_annotation(child)) {
                append_math(child);
            }
        });
    }

    static bool is_annotation(const GumboNode* n) {
        if (tag_of(n) != GUMBO_TAG_UNKNOWN) return false;
        GumboStringPiece name = n->v.element.original_tag;
        gumbo_tag_from_original_text(&name);
        return std::string_view(name.data, name.length) == "annotation";
    }

    // A table cell that holds paragraphs or other blocks is a frame (an old page's layout
    // table): its own loose text is a breadcrumb or a label. A list item's text beside a
    // nested list is the item's.
    static bool may_frame_blocks(GumboTag tag) {
        return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
    }

    static bool holds_blocks(const GumboNode* n) {
        bool found = false;
        for_each_child(n, [&](const GumboNode* child) {
            found = found || (is_element(child) && !is_inline(tag_of(child)) &&
                              tag_of(child) != GUMBO_TAG_BR);
        });
        return found;
    }

    // Blocks whose text is a paragraph of the article: besides <p>, the sub-headings, list
    // items, quotes, code and table cells that careful readers keep with the prose.
    static bool holds_text(GumboTag tag) {
        switch (tag) {
            case GUMBO_TAG_P:
            case GUMBO_TAG_LI:
            case GUMBO_TAG_DD:
            case GUMBO_TAG_DT:
            case GUMBO_TAG_BLOCKQUOTE:
            case GUMBO_TAG_PRE:
            case GUMBO_TAG_TD:
            case GUMBO_TAG_TH:
                return true;
            default:
                return is_heading(tag);
        }
    }

    // A <p> holding the byline element and little else.
    bool is_byline_paragraph(const GumboNode* p) const {
        return byline_ && contains(p, byline_) && text_of(p).size() <= text_of(byline_).size() + 40;
    }

    void flush() {
        if (run_.empty()) return;
        std::vector<std::string> pieces = split_at_double_breaks(run_);
        run_.clear();
        const bool keep = in_paragraph_ > 0 || mode_ == Mode::Loose || pieces.size() > 1 ||
                          is_prose(pieces.front());
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

    // Text straight in a <div>, as a page without <p> markup writes its paragraphs (and
    // fiction its lines of dialogue): a sentence, ending like one, not a label, a date or
    // a row of links.
    static bool is_prose(std::string_view run) {
        // A <br> closing the run ends a line, and is no part of the sentence.
        while (!run.empty() &&
               (run.back() == kBreak || std::isspace(static_cast<unsigned char>(run.back()))))
            run.remove_suffix(1);
        const std::string text = collapse_spaces(run);
        if (text.size() < 8) return false;
        std::string_view rest = text;
        // A double quote or a parenthesis closing the line: dialogue, or an aside.
        for (const std::string_view closer : {"\"", "\u201d", ")"}) {
            if (rest.ends_with(closer)) return true;
        }
        // Otherwise a sentence's end (full stop, question, exclamation, the ellipsis that
        // trails off; Latin or CJK), inside any single quotes or brackets that close it.
        bool stripped = true;
        while (stripped) {
            stripped = false;
            for (const std::string_view closer :
                 {"'", "\u2019", "]", "\u00bb", "\u300d", "\u300f"}) {
                if (rest.ends_with(closer)) {
                    rest.remove_suffix(closer.size());
                    stripped = true;
                }
            }
        }
        for (const std::string_view end : {".", "!", "?", "\u2026", "\u3002", "\uff01", "\uff1f"}) {
            if (rest.ends_with(end)) return true;
        }
        return false;
    }

    void add(std::string_view text) {
        std::string p = collapse_spaces(text);
        if (p.empty()) return;
        out_.push_back(std::move(p));
        from_link_list_.push_back(in_link_list_ > 0);
        link_paragraph_.push_back(in_link_paragraph_ > 0);
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
    /// A paragraph this long is prose, not a headline or a label.
    static constexpr std::size_t kProseSize = 100;
    /// This many paragraphs of one link each after the last prose make a list of links.
    static constexpr std::size_t kLinkParagraphsInList = 3;

    const GumboNode* top_ = nullptr;  ///< the part being read, kept whatever its links
    int in_paragraph_ = 0;
    int in_link_list_ = 0;
    int in_link_paragraph_ = 0;
    std::vector<bool> from_link_list_;  ///< per paragraph of out_
    std::vector<bool> link_paragraph_;  ///< per paragraph of out_: one link, nothing else
    std::string run_;
    std::vector<std::string> out_;
};

}  // namespace

std::vector<std::string> collect_paragraphs(const std::vector<const GumboNode*>& nodes, Mode mode,
                                            const GumboNode* byline) {
    return ParagraphCollector(mode, byline).collect(nodes);
}

std::vector<std::string> paragraphs_of(const GumboNode* container, Mode mode,
                                       const GumboNode* byline) {
    return collect_paragraphs(children_of(container), mode, byline);
}

std::size_t total_size(const std::vector<std::string>& paragraphs) {
    std::size_t n = 0;
    for (const auto& p : paragraphs) n += p.size();
    return n;
}

}  // namespace parley::readers::html
