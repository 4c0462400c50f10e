#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parley::util {

/// Byte offset of the first malformed UTF-8 sequence in `text`, or nullopt if valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// Byte offset reached by moving `chars` code points forward from `from` (clamped).
std::size_t advance_chars(std::string_view text, std::size_t from, std::size_t chars);

/// Number of code points in `text`.
std::size_t count_chars(std::string_view text);

/// `text` safe to print on a terminal or in a log line: control characters (C0, DEL, C1)
/// as "\xNN" or "\u{NN}", bidirectional overrides and isolates as "\u{202e}" (they would
/// reorder the line), bytes that are not UTF-8 as "\xNN", and, past `max_bytes`,
/// cut at a character boundary with "…" and how many bytes were left out.
std::string printable(std::string_view text, std::size_t max_bytes = std::string::npos);

/// 1-based line number of byte `offset` in `text`, whose lines end in LF, CRLF or a lone CR.
std::size_t line_of(std::string_view text, std::size_t offset);

}  // namespace parley::util
