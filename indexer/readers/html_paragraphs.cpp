#include "readers/html_paragraphs.hpp"

#include <algorithm>
#include <cctype>

#include "readers/html_noise.hpp"
#include "readers/reader_common.hpp"

namespace parley::readers::html {
namespace {

constexpr char kBreak = '\x01';  // a <br> in a run of text

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
        if (block) {
            if (tag == GUMBO_TAG_P && is_byline_paragraph(n)) return;
            ++in_paragraph_;
        }
        for_each_child(n, [&](const GumboNode* child) { visit(child); });
        flush();
        if (block) --in_paragraph_;
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
        const std::string text = collapse_spaces(run);
        if (text.size() < 8) return false;
        const std::string_view end = ".!?\"\u201d)";
        return end.find(text.back()) != std::string_view::npos ||
               text.rfind("\u201d") == text.size() - 3;
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
