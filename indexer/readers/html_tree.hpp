#pragma once

// Helpers over gumbo's parse tree, shared by the modules of the HTML reader.

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace parley::readers::html {

struct OutputDeleter {
    void operator()(GumboOutput* output) const;
};
/// A parsed page; owns gumbo's tree.
using Document = std::unique_ptr<GumboOutput, OutputDeleter>;

/// Parses UTF-8 HTML. Gumbo recurses once per level of nesting: check the depth first
/// (first_html_too_deep).
Document parse(std::string_view utf8);

/// An element, or a <template>.
bool is_element(const GumboNode* n);
/// Text, white space or CDATA.
bool is_text(const GumboNode* n);
/// The element's tag; GUMBO_TAG_LAST for anything else.
GumboTag tag_of(const GumboNode* n);

/// Calls `f` with each child of an element, in document order; nothing for other nodes.
template <class F>
void for_each_child(const GumboNode* n, F&& f) {
    if (!is_element(n)) return;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) f(static_cast<const GumboNode*>(kids.data[i]));
}

/// The children of an element, in document order.
std::vector<const GumboNode*> children_of(const GumboNode* n);

/// The value of attribute `name`, empty when absent or when `n` is no element.
std::string_view attr(const GumboNode* n, const char* name);

/// Whether `n` is `ancestor` or lies under it.
bool contains(const GumboNode* ancestor, const GumboNode* n);

/// <h1> to <h6>.
bool is_heading(GumboTag tag);

/// Elements that flow within a line of text; every other element ends a paragraph run.
bool is_inline(GumboTag tag);

/// Appends the text of a subtree with scripts and styles (and <time> elements when
/// `skip_times`) left out; blocks and <br> separate words with a space.
void append_text(const GumboNode* n, std::string& out, bool skip_times = false);

/// The text of a subtree as append_text() gives it, spaces collapsed.
std::string text_of(const GumboNode* n, bool skip_times = false);

/// ASCII lower case, as HTML compares tag names, attribute values and keywords.
std::string lowered(std::string_view s);
/// Equal up to ASCII case.
bool iequals(std::string_view a, std::string_view b);
/// `s` begins with `prefix`, up to ASCII case.
bool starts_with_ci(std::string_view s, std::string_view prefix);
/// `text` holds `needle` up to ASCII case; `needle` must be lower case.
bool contains_ci(std::string_view text, std::string_view needle);

}  // namespace parley::readers::html
