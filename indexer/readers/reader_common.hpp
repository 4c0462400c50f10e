#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/article.hpp"
#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"
#include "parley/input_limits.hpp"
#include "util/text_split.hpp"

namespace parley::readers {

/// Where a record came from, for messages: a file (or "<stdin>") and the line it starts on.
struct Origin {
    std::string source;
    std::size_t line = 0;
    /// The lines of the date and language fields where they have lines of their own (a text
    /// header, front matter), so that a warning about one names it; 0: `line`.
    std::size_t date_line = 0;
    std::size_t language_line = 0;
    /// An item of a feed, where a headline without text is usual (a feed of headlines): it
    /// is indexed by its title without a warning, which a feed fetched every half hour would
    /// repeat for each such item on every run.
    bool headline_usual = false;
    /// Why the record has no text, where its reader can say more than that (a JSON record's
    /// fields, in case its text is under a name not read): added to the `no text` warning,
    /// or the reason of the `empty article` skip. Empty: nothing more to say.
    std::string no_text_why;
};

/// Thrown by a reader's helpers when one record is past an InputLimits limit; caught where
/// the record is reported, so the rest of the file is read on.
struct LimitPassed {
    std::string detail;    ///< what and which limit, e.g. "... (limit 'depth')"
    std::size_t byte = 0;  ///< where in the text given to the helper
};

// The text splitters are shared with the JSON module (core/util/text_split.hpp).
using util::collapse_spaces;
using util::split_authors;
using util::split_paragraphs;

/// Checks and tidies a parsed article, then hands it to `sink`: trims and drops empty
/// paragraphs, normalises the date (a warning if unreadable), warns about a missing title.
/// An article with a title and no text is indexed with its title as its one paragraph, with
/// a "no text" warning. (A web page is not delivered without text: the HTML reader skips it
/// as "no article body", as a page's <title> is always there.)
/// Records the article as skipped when no text remains ("empty article") or when it is past
/// one of `limits` ("over a limit", naming the limit and the field).
void deliver(Article&& article, const Origin& origin, const ArticleSink& sink, IngestReport& report,
             const InputLimits& limits = {});

/// Reports why `content` cannot be text: a NUL byte ("binary file") or malformed UTF-8
/// (with line and byte). Returns true when the content is usable.
bool check_text(std::string_view content, const Origin& origin, IngestReport& report,
                std::size_t base_byte = 0);

/// The text with Windows ("\r\n") and old Mac ("\r") line ends as "\n": a file of
/// CR-only lines is otherwise one long line, and its paragraphs one.
std::string normalise_line_ends(std::string_view text);

/// Removes a UTF-8 byte order mark.
std::string_view strip_bom(std::string_view content);

/// The language subtag of a language tag ("en-GB" → "en"), or empty if it is not two or three
/// letters (page and feed metadata, where anything may stand).
std::string primary_language(std::string_view tag);

}  // namespace parley::readers
