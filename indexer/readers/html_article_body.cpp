#include "readers/html_article_body.hpp"

#include <algorithm>
#include <array>

#include "readers/html_noise.hpp"
#include "readers/reader_common.hpp"

namespace parley::readers::html {
namespace {

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
    if (has_itemprop(n, "articlebody")) out.article_bodies.push_back(n);
    if (has_body_class(n)) out.body_classes.push_back(n);
    if (const std::size_t score = paragraph_score(n); score > out.densest_score) {
        out.densest = n;
        out.densest_score = score;
    }
    for_each_child(n, [&](const GumboNode* child) { gather_candidates(child, out); });
}

bool holds_headline(const GumboNode* n) {
    return find_first(n, Scope::Meta, [](const GumboNode* e) {
               return tag_of(e) == GUMBO_TAG_H1 || has_itemprop(e, "headline");
           }) != nullptr;
}

const GumboNode* most_text(const std::vector<const GumboNode*>& nodes) {
    // The <article> that holds the page's headline is the article; the others beside it are
    // teasers of other posts, however long ("related posts" with their full text).
    std::vector<const GumboNode*> headed;
    for (const GumboNode* n : nodes)
        if (holds_headline(n)) headed.push_back(n);
    const auto& pool = headed.empty() || headed.size() == nodes.size() ? nodes : headed;
    const GumboNode* best = nullptr;
    std::size_t best_size = 0;
    for (const GumboNode* n : pool) {
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
std::size_t size_of(const GumboNode* n) {
    return total_size(collect_paragraphs({n}, Mode::Strict));
}

// The block itself while it is the only one of its parent's children with any paragraph
// text, then the parent: the text split into <section>s, each wrapped in a few <div>s,
// is read at the level where the sections are siblings.
const GumboNode* outermost_wrapper(const GumboNode* top) {
    for (;;) {
        const GumboNode* parent = top->parent;
        if (!parent || !is_element(parent) || tag_of(parent) == GUMBO_TAG_BODY ||
            is_noise(parent, Scope::Body))
            return top;
        bool alone = true;
        for_each_child(parent, [&](const GumboNode* sibling) {
            if (alone && sibling != top && is_element(sibling) && size_of(sibling) > 0)
                alone = false;
        });
        if (!alone) return top;
        top = parent;
    }
}

// The block's ancestors while each holds half as much paragraph text again: a document
// whose text is spread over nested <div class="section">s, none of which is the densest
// by far, is read from the section that holds them all. Comments, teasers and the like
// are noise and add nothing; a stray paragraph or two beside the article does not climb.
const GumboNode* holder_of_most_text(const GumboNode* top) {
    std::size_t size = size_of(top);
    for (const GumboNode* parent = top->parent;
         parent && is_element(parent) && tag_of(parent) != GUMBO_TAG_BODY &&
         !is_noise(parent, Scope::Body);
         parent = parent->parent) {
        const std::size_t parent_size = size_of(parent);
        if (parent_size * 2 < size * 3) break;
        top = parent;
        size = parent_size;
    }
    return top;
}

std::vector<const GumboNode*> with_siblings(const GumboNode* top) {
    const GumboNode* parent = top->parent;
    if (!parent || !is_element(parent)) return {top};
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

}  // namespace

Body find_body(const GumboNode* body_element) {
    Candidates c;
    gather_candidates(body_element, c);
    std::vector<const GumboNode*> densest_parts;
    std::size_t densest_size = 0;
    if (c.densest) {
        densest_parts = with_siblings(holder_of_most_text(outermost_wrapper(c.densest)));
        densest_size = total_size(collect_paragraphs(densest_parts, Mode::Strict));
    }
    // Marked-up candidates first, the most specific mark first: the page saying which block
    // is the article body is believed; a teaser <article> or a featured box with a body
    // class is not, when another block holds twice its text (four times, for an <article>
    // holding the headline: the posts printed in full beside a short one are not it).
    if (const GumboNode* best = most_text(c.article_bodies))
        return {best, children_of(best), Mode::Strict};
    for (const auto* group : {&c.articles, &c.body_classes}) {
        const GumboNode* best = most_text(*group);
        if (!best) continue;
        const std::size_t size = total_size(paragraphs_of(best, Mode::Strict));
        const std::size_t share = group == &c.articles && holds_headline(best) ? 4 : 2;
        if (contains(best, c.densest) || size * share >= densest_size)
            return {best, children_of(best), Mode::Strict};
    }
    if (densest_size > 0) return {c.densest, std::move(densest_parts), Mode::Strict};
    return {body_element, children_of(body_element), Mode::Loose};  // no paragraph markup
}

const GumboNode* article_scope_of(const GumboNode* container) {
    for (const GumboNode* n = container; n && is_element(n); n = n->parent) {
        if (tag_of(n) == GUMBO_TAG_ARTICLE) return n;
    }
    return container->parent && is_element(container->parent) ? container->parent : container;
}

}  // namespace parley::readers::html
