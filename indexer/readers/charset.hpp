#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parley::readers {

/// Bytes decoded to UTF-8, and how it was done.
struct DecodedText {
    std::string text;     ///< UTF-8, without a byte order mark
    std::string charset;  ///< what the bytes were read as, lower case: "utf-8", "windows-1252"
    /// False when `text` is the input minus its byte order mark, so that offsets in `text`
    /// are offsets in the input less `bom`.
    bool converted = false;
    std::size_t bom = 0;  ///< length of the byte order mark removed
    bool utf16_bom = false;

    /// When the declared charset was wrong or unknown: the warning to record
    /// ("mislabelled charset" or "unknown charset"), its detail, and the input byte it
    /// concerns if there is one. Empty `problem` when there is nothing to say.
    std::string problem;
    std::string problem_detail;
    std::optional<std::size_t> problem_byte;
};

/// The charset label an HTML page declares in its first 4 KB — `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` — found with the HTML
/// standard's prescan (comments and other tags' attribute values are stepped over).
/// Empty when none.
std::string prescan_html_charset(std::string_view bytes);

/// The `encoding` of an XML declaration at the start of `bytes`. Empty when none.
std::string xml_declared_charset(std::string_view bytes);

/// Decodes `bytes` to UTF-8 with ICU. A byte order mark wins; then the `declared` label
/// (may be empty); then UTF-8 if the bytes are valid UTF-8; else ICU's charset detector.
/// Labels are read as browsers read them: iso-8859-1, latin1 and us-ascii mean
/// windows-1252; a utf-16 label without a byte order mark means utf-8. A declaration the
/// bytes contradict (declared UTF-8 but not; declared a legacy charset but valid UTF-8), or
/// one ICU does not know, is overridden and described in `problem`. Text that is UTF-8 but
/// for a few stray bytes stays UTF-8. Bytes invalid in the chosen charset become U+FFFD.
DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared);

}  // namespace parley::readers
