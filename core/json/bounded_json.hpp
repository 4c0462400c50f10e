#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::json_forms {

/// Why a JSON text was refused, and where (a 0-based byte offset into it).
struct JsonRefusal {
    std::string reason;  ///< "malformed JSON", "number out of range" or "too deep"
    std::string detail;
    std::size_t byte = 0;
};

/// The byte of the quote that closes the string whose opening quote is at `open`, escapes
/// (\" and \\) passed over; text.size() when it is never closed. The scans below that find
/// places in a JSON text without parsing it step over strings with it.
std::size_t json_string_end(std::string_view text, std::size_t open);

/// The byte of the first '[' or '{' nested deeper than `max_depth` (outside double-quoted
/// strings), found by a linear scan: nlohmann's parser has no depth setting, and code that
/// walks or prints a value recurses over it. Also used for YAML's flow collections.
std::optional<std::size_t> first_too_deep(std::string_view text, std::size_t max_depth);

/// Parses `text` as one JSON value no deeper than `max_depth` arrays and objects: deeper
/// input is refused before anything is built, so code that later recurses over the value
/// (printing it, walking it) is safe. A number too large for a double is a refusal too.
/// Returns false and fills `refusal` instead of throwing. An object that names a key twice
/// keeps the last value (as every JSON parser does); with `duplicate_keys`, the path of
/// each such key is added to it ("body", "[2].title", "meta.tags"), so that a reader can
/// say which value it dropped.
///
/// A `\uD83D` escape without its other half (a lone UTF-16 surrogate, as a tool that cut
/// an emoji in two writes it) is read as U+FFFD, as a browser shows it, rather
/// than refusing the whole text; with `lone_surrogates`, the byte of each such escape is
/// added to it, so that a reader can say where.
template <typename Json>
bool parse_bounded_json(std::string_view text, std::size_t max_depth, Json& out,
                        JsonRefusal& refusal, std::vector<std::string>* duplicate_keys = nullptr,
                        std::vector<std::size_t>* lone_surrogates = nullptr);

extern template bool parse_bounded_json(std::string_view, std::size_t, nlohmann::json&,
                                        JsonRefusal&, std::vector<std::string>*,
                                        std::vector<std::size_t>*);
extern template bool parse_bounded_json(std::string_view, std::size_t, nlohmann::ordered_json&,
                                        JsonRefusal&, std::vector<std::string>*,
                                        std::vector<std::size_t>*);

/// The bytes of the `\uXXXX` escapes of `text`'s strings that are UTF-16 surrogates
/// without their other half.
std::vector<std::size_t> lone_surrogate_escapes(std::string_view text);

}  // namespace parley::json_forms
