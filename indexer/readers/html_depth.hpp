#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace parley::readers {

/// The byte offset of the first start tag that nests HTML elements deeper than
/// `max_depth`, found by a linear scan of the markup before it is parsed: gumbo has no
/// depth limit, and it and the code that walks its tree recurse once per level.
///
/// Counted as an HTML5 parser would build the tree, closely enough to bound it: end tags
/// close the innermost open element of their name; void elements, "/>" inside SVG and
/// MathML, comments, doctype and the text of script, style, textarea, title and the like
/// open nothing. Elements a parser closes or ignores when they are nested (p, li, dt, dd,
/// a, table parts, option, form, html, head, body) are not counted, so a long page of
/// unclosed <p> is not deep.
std::optional<std::size_t> first_html_too_deep(std::string_view html, std::size_t max_depth);

}  // namespace parley::readers
