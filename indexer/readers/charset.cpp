#include "readers/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>

#include "util/utf8.hpp"

namespace parley::readers {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
    if (s.size() - std::min(at, s.size()) < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (lower(s[at + i]) != prefix[i]) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (is_space(s.front()) || s.front() == '"' || s.front() == '\''))
        s.remove_prefix(1);
    while (!s.empty() && (is_space(s.back()) || s.back() == '"' || s.back() == '\''))
        s.remove_suffix(1);
    return s;
}

// --- HTML prescan (HTML standard, "prescan a byte stream to determine its encoding") ---

struct Attribute {
    std::string name;
    std::string value;
};

// The standard's "get an attribute": reads one attribute at `i`, nullopt at the tag's end.
std::optional<Attribute> next_attribute(std::string_view b, std::size_t& i) {
    while (i < b.size() && (is_space(b[i]) || b[i] == '/')) ++i;
    if (i >= b.size() || b[i] == '>') return std::nullopt;
    Attribute attr;
    while (i < b.size() &&
           !(is_space(b[i]) || b[i] == '/' || b[i] == '>' || (b[i] == '=' && !attr.name.empty()))) {
        attr.name += lower(b[i++]);
    }
    while (i < b.size() && is_space(b[i])) ++i;
    if (i >= b.size() || b[i] != '=') return attr;
    ++i;
    while (i < b.size() && is_space(b[i])) ++i;
    if (i < b.size() && (b[i] == '"' || b[i] == '\'')) {
        const char quote = b[i++];
        while (i < b.size() && b[i] != quote) attr.value += lower(b[i++]);
        if (i < b.size()) ++i;
    } else {
        while (i < b.size() && !is_space(b[i]) && b[i] != '>') attr.value += lower(b[i++]);
    }
    return attr;
}

// The standard's "extract a character encoding from a meta element" (content="...").
std::string charset_from_content(std::string_view content) {
    for (std::size_t at = content.find("charset"); at != std::string_view::npos;
         at = content.find("charset", at)) {
        std::size_t i = at + 7;
        while (i < content.size() && is_space(content[i])) ++i;
        if (i >= content.size() || content[i] != '=') {
            at = i;
            continue;
        }
        ++i;
        while (i < content.size() && is_space(content[i])) ++i;
        if (i >= content.size()) return {};
        if (content[i] == '"' || content[i] == '\'') {
            const std::size_t end = content.find(content[i], i + 1);
            return end == std::string_view::npos ? std::string()
                                                 : std::string(content.substr(i + 1, end - i - 1));
        }
        std::size_t end = i;
        while (end < content.size() && !is_space(content[end]) && content[end] != ';') ++end;
        return std::string(content.substr(i, end - i));
    }
    return {};
}

// --- Conversion ---

using Converter = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

Converter open_converter(const std::string& name) {
    if (name.empty()) return {nullptr, &ucnv_close};  // "" would open ICU's default
    UErrorCode err = U_ZERO_ERROR;
    Converter cnv(ucnv_open(name.c_str(), &err), &ucnv_close);
    if (U_FAILURE(err)) cnv.reset();
    return cnv;
}

struct BadBytes {
    const char* begin;
    std::optional<std::size_t> first;
};

// Notes where the first undecodable bytes were, then substitutes U+FFFD as usual.
void note_and_substitute(const void* context, UConverterToUnicodeArgs* args, const char* code_units,
                         int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
    if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
        auto* bad = static_cast<BadBytes*>(const_cast<void*>(context));
        if (!bad->first) bad->first = static_cast<std::size_t>(args->source - bad->begin) - length;
    }
    UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, err);
}

struct Conversion {
    std::string utf8;
    std::optional<std::size_t> first_bad;  // offset of the first byte invalid in the charset
};

// nullopt when ICU does not know the charset.
std::optional<Conversion> convert(std::string_view bytes, const std::string& charset) {
    Converter cnv = open_converter(charset);
    if (!cnv) return std::nullopt;
    BadBytes bad{bytes.data(), std::nullopt};
    UErrorCode err = U_ZERO_ERROR;
    ucnv_setToUCallBack(cnv.get(), note_and_substitute, &bad, nullptr, nullptr, &err);
    std::u16string units(bytes.size() + 16, u'\0');
    UChar* target = units.data();
    const char* src = bytes.data();
    for (;;) {
        err = U_ZERO_ERROR;
        ucnv_toUnicode(cnv.get(), &target, units.data() + units.size(), &src,
                       bytes.data() + bytes.size(), nullptr, true, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR) break;
        const auto used = target - units.data();
        units.resize(units.size() * 2);
        target = units.data() + used;
    }
    if (U_FAILURE(err)) return std::nullopt;
    const auto length = static_cast<int32_t>(target - units.data());
    Conversion out;
    out.first_bad = bad.first;
    int32_t needed = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8WithSub(nullptr, 0, &needed, units.data(), length, 0xFFFD, nullptr, &err);
    out.utf8.resize(static_cast<std::size_t>(needed));
    err = U_ZERO_ERROR;
    u_strToUTF8WithSub(out.utf8.data(), needed, &needed, units.data(), length, 0xFFFD, nullptr,
                       &err);
    if (U_FAILURE(err)) return std::nullopt;
    return out;
}

// Browsers read these labels as windows-1252, and pages labelled so are full of its
// 0x80–0x9F punctuation (curly quotes, dashes, the euro sign).
bool means_windows_1252(const std::string& label) {
    static constexpr std::array<std::string_view, 13> kLabels{
        "iso-8859-1", "iso8859-1", "iso_8859-1", "iso-ir-100", "latin1",      "latin-1",       "l1",
        "cp819",      "ibm819",    "us-ascii",   "ascii",      "csisolatin1", "x-user-defined"};
    return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

std::string canonical_label(std::string_view declared) {
    std::string label = lowered(trim(declared));
    if (means_windows_1252(label)) return "windows-1252";
    if (label == "utf8") return "utf-8";
    // A page whose declaration could be read as ASCII is not UTF-16, whatever it says.
    if (label.rfind("utf-16", 0) == 0 || label.rfind("utf16", 0) == 0) return "utf-8";
    return label;
}

bool is_utf8(const std::string& label) {
    Converter cnv = open_converter(label);
    if (!cnv) return false;
    UErrorCode err = U_ZERO_ERROR;
    return std::string_view(ucnv_getName(cnv.get(), &err)) == "UTF-8";
}

bool has_non_ascii(std::string_view bytes) {
    return std::any_of(bytes.begin(), bytes.end(),
                       [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// ICU's best guess among the charsets the bytes can be: not UTF-8 (we only ask when they
// are not), not UTF-16/32 (no NUL bytes reach here) and not EBCDIC (the markup is ASCII).
std::string detect(std::string_view bytes) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err),
                                                                   &ucsdet_close);
    if (U_FAILURE(err)) return "windows-1252";
    ucsdet_enableInputFilter(det.get(), true);  // look at text, not at tags
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &err);
    int32_t found = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &found, &err);
    if (U_FAILURE(err)) return "windows-1252";
    for (int32_t i = 0; i < found; ++i) {
        const std::string name = lowered(ucsdet_getName(matches[i], &err));
        if (U_FAILURE(err)) break;
        if (name.rfind("utf", 0) == 0 || name.rfind("ibm", 0) == 0) continue;
        return means_windows_1252(name) ? "windows-1252" : name;
    }
    return "windows-1252";
}

DecodedText from_bom(std::string_view bytes) {
    DecodedText out;
    std::string charset;
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) {
        out.bom = 3;
        charset = "utf-8";
    } else if (bytes.rfind("\xFF\xFE", 0) == 0) {
        out.bom = 2;
        charset = "utf-16le";
    } else if (bytes.rfind("\xFE\xFF", 0) == 0) {
        out.bom = 2;
        charset = "utf-16be";
    } else {
        return out;
    }
    out.charset = charset;
    out.utf16_bom = charset != "utf-8";
    const std::string_view body = bytes.substr(out.bom);
    if (!out.utf16_bom && !util::first_invalid_utf8(body)) {
        out.text = std::string(body);
        return out;
    }
    Conversion c = *convert(body, charset);
    out.text = std::move(c.utf8);
    out.converted = true;
    if (c.first_bad) {
        out.problem = "mislabelled charset";
        out.problem_byte = out.bom + *c.first_bad;
        out.problem_detail = "byte order mark says " + charset + " but byte " +
                             std::to_string(*out.problem_byte) +
                             " is not; invalid bytes replaced with U+FFFD";
    }
    return out;
}

// True when the bytes hold more well-formed multi-byte UTF-8 sequences than malformed
// ones: a UTF-8 page with a few stray bytes, which a legacy charset would turn into
// mojibake throughout.
bool mostly_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto length = static_cast<int32_t>(bytes.size());
    std::size_t good = 0, bad = 0;
    for (int32_t i = 0; i < length;) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, length, c);
        ++(c < 0 ? bad : good);
    }
    return good > bad;
}

// Decodes as `charset` (ICU knows the names given here; windows-1252 if not).
void decode_as(std::string_view bytes, const std::string& charset, DecodedText& out) {
    out.charset = charset;
    if (charset == "utf-8" && !util::first_invalid_utf8(bytes)) {
        out.text = std::string(bytes);
        return;
    }
    std::optional<Conversion> converted = convert(bytes, charset);
    if (!converted) {
        out.charset = "windows-1252";
        converted = convert(bytes, out.charset);
    }
    Conversion c = std::move(*converted);
    out.text = std::move(c.utf8);
    out.converted = true;
    if (c.first_bad && out.problem.empty()) {
        out.problem = "mislabelled charset";
        out.problem_byte = *c.first_bad;
        out.problem_detail = "byte " + std::to_string(*c.first_bad) + " is not valid " + charset +
                             "; invalid bytes replaced with U+FFFD";
    }
}

}  // namespace

std::string prescan_html_charset(std::string_view bytes) {
    const std::string_view b = bytes.substr(0, std::min<std::size_t>(bytes.size(), 4096));
    std::size_t i = 0;
    while (i < b.size()) {
        if (b.compare(i, 4, "<!--") == 0) {
            const std::size_t end = b.find("-->", i + 2);
            if (end == std::string_view::npos) return {};
            i = end + 3;
        } else if (starts_with_ci(b, i, "<meta") && i + 5 < b.size() &&
                   (is_space(b[i + 5]) || b[i + 5] == '/')) {
            i += 5;
            std::string charset, content;
            bool content_type = false;
            while (auto attr = next_attribute(b, i)) {
                if (attr->name == "charset" && charset.empty()) charset = attr->value;
                if (attr->name == "http-equiv") content_type = attr->value == "content-type";
                if (attr->name == "content" && content.empty()) content = attr->value;
            }
            if (charset.empty() && content_type) charset = charset_from_content(content);
            if (!std::string(trim(charset)).empty()) return std::string(trim(charset));
        } else if (b[i] == '<' && i + 1 < b.size() &&
                   (std::isalpha(static_cast<unsigned char>(b[i + 1])) ||
                    (b[i + 1] == '/' && i + 2 < b.size() &&
                     std::isalpha(static_cast<unsigned char>(b[i + 2]))))) {
            // Another tag: step over its attributes so that a quoted '>' does not end it.
            while (i < b.size() && !is_space(b[i]) && b[i] != '>') ++i;
            while (next_attribute(b, i)) {
            }
        } else if (b.compare(i, 2, "<!") == 0 || b.compare(i, 2, "</") == 0 ||
                   b.compare(i, 2, "<?") == 0) {
            const std::size_t end = b.find('>', i);
            if (end == std::string_view::npos) return {};
            i = end + 1;
        } else {
            ++i;
        }
    }
    return {};
}

std::string xml_declared_charset(std::string_view bytes) {
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.remove_prefix(3);
    if (bytes.rfind("<?xml", 0) != 0) return {};
    const std::string_view decl = bytes.substr(0, bytes.find("?>"));
    std::size_t i = decl.find("encoding");
    if (i == std::string_view::npos) return {};
    i += 8;
    while (i < decl.size() && is_space(decl[i])) ++i;
    if (i >= decl.size() || decl[i] != '=') return {};
    ++i;
    while (i < decl.size() && is_space(decl[i])) ++i;
    if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
    const std::size_t end = decl.find(decl[i], i + 1);
    if (end == std::string_view::npos) return {};
    return std::string(decl.substr(i + 1, end - i - 1));
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view declared) {
    if (DecodedText bom = from_bom(bytes); bom.bom > 0) return bom;

    DecodedText out;
    const std::string label = canonical_label(declared);
    const auto invalid = util::first_invalid_utf8(bytes);
    if (!label.empty()) {
        if (is_utf8(label)) {
            if (!invalid) {
                decode_as(bytes, "utf-8", out);
                return out;
            }
            const bool stray = mostly_utf8(bytes);
            const std::string guess = stray ? "utf-8" : detect(bytes);
            out.problem = "mislabelled charset";
            out.problem_byte = *invalid;
            out.problem_detail = "declared " + label + " but byte " + std::to_string(*invalid) +
                                 " is not UTF-8; " +
                                 (stray ? "invalid bytes replaced with U+FFFD"
                                        : "decoded as " + guess + " (detected)");
            decode_as(bytes, guess, out);
            return out;
        }
        if (open_converter(label)) {
            // Text declared as a legacy charset that is valid UTF-8 (and not plain ASCII) was
            // converted at some point and the declaration left behind: read it as UTF-8
            // rather than turn every accent into two characters of mojibake.
            if (!invalid && has_non_ascii(bytes)) {
                out.problem = "mislabelled charset";
                out.problem_detail =
                    "declared " + label + " but the text is valid UTF-8; decoded as utf-8";
                decode_as(bytes, "utf-8", out);
                return out;
            }
            decode_as(bytes, label, out);
            return out;
        }
        const std::string guess = invalid ? detect(bytes) : "utf-8";
        out.problem = "unknown charset";
        out.problem_detail = "declared charset '" + std::string(trim(declared)) +
                             "' is unknown; decoded as " + guess +
                             (invalid ? " (detected)" : " (the text is valid UTF-8)");
        decode_as(bytes, guess, out);
        return out;
    }
    if (invalid && mostly_utf8(bytes)) {
        out.problem = "invalid UTF-8";
        out.problem_byte = *invalid;
        out.problem_detail = "byte " + std::to_string(*invalid) +
                             " is not UTF-8 in otherwise UTF-8 text; invalid bytes replaced with "
                             "U+FFFD";
        decode_as(bytes, "utf-8", out);
        return out;
    }
    decode_as(bytes, invalid ? detect(bytes) : "utf-8", out);
    return out;
}

}  // namespace parley::readers
