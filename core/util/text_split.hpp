#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::util {

/// Splits a byline into names: "A and B*", "A; B", "A, B & C" → {"A", "B", "C"}; also
/// " et ", " und " and " y ". Footnote markers (*, †), a leading "By " (or "Par ", "Por ")
/// and a social handle after a name ("A @a") are dropped; a name given twice is kept once.
std::vector<std::string> split_authors(std::string_view byline);

/// Splits plain text into paragraphs at blank lines, joining the lines of a paragraph
/// with single spaces.
std::vector<std::string> split_paragraphs(std::string_view text);

/// The paragraphs of text as extraction tools write it: at blank lines if it has any, else
/// one paragraph per line (trafilatura's and newspaper's "text" have no blank lines).
std::vector<std::string> split_extracted_text(std::string_view text);

/// `text` with every occurrence of `from` (not empty), left to right and not overlapping,
/// replaced by `to`. Built by appending: GCC 12 reads std::string::replace in a find loop as
/// an overlapping copy (-Wrestrict, its bug 105329).
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

/// Collapses runs of whitespace (including newlines) to one space and trims.
std::string collapse_spaces(std::string_view text);

}  // namespace parley::util
