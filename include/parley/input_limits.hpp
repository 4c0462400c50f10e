#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// Bounds on what one input may ask of the indexer, checked before the work is done so that
/// memory and time depend on these settings, not on the input. Anything past a limit is a
/// problem for that file or record (its reason names the limit) and the run goes on.
/// The defaults are far above real op-ed pages and archives.
struct PARLEY_API InputLimits {
    /// Bytes of a file read whole (text, Markdown, HTML, feeds) and of standard input read
    /// whole. JSON Lines files and stdin stream instead: see stream_bytes.
    std::size_t file_bytes = 64u << 20;
    /// Bytes of one JSON Lines record (one line) and of one request body's article.
    std::size_t record_bytes = 16u << 20;
    /// Bytes read from one JSON Lines stream (a file or standard input), counted as they are
    /// read: an endless pipe or device stops here. The records wholly before the limit are
    /// indexed; reading stops at the one it cuts. About five times the largest archive
    /// measured (832 MB), far above one outlet's op-eds, yet an endless stream stops after
    /// about half an hour of indexing and some 8 GiB of index instead of filling the disk.
    std::size_t stream_bytes = std::size_t{4} << 30;
    /// Bytes of one paragraph's text.
    std::size_t paragraph_bytes = 256u << 10;
    /// Paragraphs of one article.
    std::size_t paragraphs = 10000;
    /// Bytes of the text of one article, all paragraphs together.
    std::size_t article_bytes = 16u << 20;
    /// Bytes of one of an article's short fields: id, title, an author, date, source, URL,
    /// language.
    std::size_t field_bytes = 8u << 10;
    /// Authors of one article.
    std::size_t authors = 1000;
    /// Nesting depth of HTML elements, XML elements, JSON arrays and objects, YAML
    /// collections. Parsers never recurse deeper than this.
    std::size_t depth = 512;
};

/// One limit by its command-line name ("file-bytes", "depth", ...), for `--limit NAME=N`.
struct PARLEY_API InputLimitInfo {
    std::string_view name;
    std::size_t InputLimits::*field;
    std::string_view what;
};

/// Every limit, in the order docs/indexing.md's table lists them.
PARLEY_API const std::vector<InputLimitInfo>& input_limit_infos();

/// Applies "NAME=N" (N a positive integer, optionally with a K, M or G suffix: 1024-based).
/// Throws UsageError naming the valid names or the bad number.
PARLEY_API void set_input_limit(InputLimits& limits, std::string_view assignment);

}  // namespace parley
