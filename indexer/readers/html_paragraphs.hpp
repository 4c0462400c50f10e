#pragma once

// The paragraphs of a block of a web page: <p> text, runs of text broken by <br><br>, and
// (loosely) any other run of text between blocks.

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <vector>

namespace parley::readers::html {

enum class Mode {
    Strict,  ///< <p> text, and runs of text broken by <br><br> (old pages)
    Loose,   ///< also any other run of text between blocks, split at blank lines
};

/// The paragraphs of `nodes` and what they hold, in document order: inline markup
/// flattened, spaces collapsed; noise (html_noise.hpp), headings, the `byline` element and a
/// <p> holding little but the byline left out.
std::vector<std::string> collect_paragraphs(const std::vector<const GumboNode*>& nodes, Mode mode,
                                            const GumboNode* byline = nullptr);

/// collect_paragraphs() of the children of `container`.
std::vector<std::string> paragraphs_of(const GumboNode* container, Mode mode,
                                       const GumboNode* byline = nullptr);

/// Bytes of text of all `paragraphs` together.
std::size_t total_size(const std::vector<std::string>& paragraphs);

}  // namespace parley::readers::html
