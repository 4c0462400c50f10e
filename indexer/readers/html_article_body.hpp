#pragma once

// Where on a web page the article's text is: the block to read paragraphs from.

#include <gumbo.h>

#include <vector>

#include "readers/html_paragraphs.hpp"

namespace parley::readers::html {

struct Body {
    const GumboNode* container = nullptr;
    std::vector<const GumboNode*> parts;  ///< the nodes holding the text: children or siblings
    Mode mode = Mode::Strict;
};

/// The article body under `body_element`: of the <article> elements, else the
/// itemprop=articleBody ones, else those with a known content class (entry-content,
/// story-body, ...), the one with the most paragraph text; else the block with the most text
/// in direct paragraphs, joined by its text-rich siblings; else the whole of `body_element`,
/// read loosely (a page without paragraph markup).
Body find_body(const GumboNode* body_element);

/// The <article> holding `container`, else its parent, for looking up headline, byline and
/// date near the text.
const GumboNode* article_scope_of(const GumboNode* container);

}  // namespace parley::readers::html
