#include "util/row_output.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "util/utf8.hpp"

namespace parley::util {
namespace {

constexpr std::size_t kMaxTableWidth = 60;

// Columns a terminal gives a code point: two for the wide and fullwidth ones of East Asian
// scripts (李, 한, Ａ), none for combining marks, one for the rest. Counting code points
// instead pushed every column after a Chinese or Korean name out of line.
std::size_t columns_of(UChar32 c) {
    if (c < 0x300) return 1;
    const auto category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK) return 0;
    const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

// Calls `each(start, end, columns)` for every code point of `text` (a byte that is not
// UTF-8 counts as one column); stops when it returns false.
template <class F>
void for_each_code_point(const std::string& text, F&& each) {
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t at = 0; at < length;) {
        const std::int32_t start = at;
        UChar32 c = 0;
        U8_NEXT(text.data(), at, length, c);
        if (!each(static_cast<std::size_t>(start), static_cast<std::size_t>(at),
                  c < 0 ? std::size_t{1} : columns_of(c)))
            return;
    }
}

std::size_t display_width(const std::string& text) {
    std::size_t n = 0;
    for_each_code_point(text, [&](std::size_t, std::size_t, std::size_t columns) {
        n += columns;
        return true;
    });
    return n;
}

// `text` in exactly `width` columns: padded with blanks, or cut with "…".
std::string fit(const std::string& text, std::size_t width) {
    const std::size_t shown = display_width(text);
    if (shown <= width) return text + std::string(width - shown, ' ');
    if (width == 0) return {};
    std::size_t n = 0, end = 0;
    for_each_code_point(text, [&](std::size_t, std::size_t next, std::size_t columns) {
        if (n + columns > width - 1) return false;
        n += columns;
        end = next;
        return true;
    });
    // A wide character that does not fit leaves a column over: a blank keeps the alignment.
    return text.substr(0, end) + "…" + std::string(width - 1 - n, ' ');
}

}  // namespace

std::string RowWriter::cell_text(const nlohmann::ordered_json& value, bool exact) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_array()) {
        std::string out;
        for (const auto& v : value) out += (out.empty() ? "" : "; ") + cell_text(v, exact);
        return out;
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        char buffer[32];
        if (exact) {  // the shortest text that reads back as the same double, as JSON has it
            const auto end = std::to_chars(buffer, buffer + sizeof buffer, d).ptr;
            return std::string(buffer, end);
        }
        std::snprintf(buffer, sizeof buffer, std::fabs(d) >= 100 ? "%.1f" : "%.4g", d);
        return buffer;
    }
    if (value.is_null()) return "";
    return value.dump();
}

std::string RowWriter::csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string RowWriter::without_controls(const std::string& text) {
    const auto control = [&](std::size_t i) -> std::size_t {  // its length in bytes, or 0
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return 1;
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return 2;
        }
        return 0;
    };
    std::string out;
    std::size_t copied = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t n = control(i)) {
            out.append(text, copied, i - copied).append("\uFFFD");
            i += n;
            copied = i;
        } else {
            ++i;
        }
    }
    if (copied == 0) return text;
    return out.append(text, copied, std::string::npos);
}

std::string RowWriter::formula_safe(const std::string& text) {
    if (text.empty() || std::string_view("=+-@\t\r\n").find(text.front()) == std::string::npos)
        return text;
    return "'" + text;
}

void RowWriter::header(const Row& row) {
    started_ = true;
    if (format_ == Format::Ndjson) return;
    std::size_t i = 0;
    for (const auto& [key, value] : row.items()) {
        if (format_ == Format::Csv) {
            out_ << (i ? "," : "") << csv_field(key);
        } else {
            const std::size_t w = i < widths_.size() ? widths_[i] : display_width(key);
            out_ << (i ? "  " : "") << (i + 1 == row.size() ? key : fit(key, w));
        }
        ++i;
    }
    out_ << "\n";
}

void RowWriter::write(const Row& row) {
    if (!started_) header(row);
    if (format_ == Format::Ndjson) {
        out_ << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return;
    }
    std::size_t i = 0;
    for (const auto& [key, value] : row.items()) {
        // A table goes to a terminal: control characters from indexed text are shown
        // escaped, never sent (they could move the cursor or clear the screen).
        // A CSV is data for other programs: its numbers keep every digit (the table rounds).
        const std::string text =
            format_ == Format::Table ? printable(cell_text(value)) : cell_text(value, true);
        if (format_ == Format::Csv) {
            // Only text is escaped: a number (-0.31) is data a spreadsheet must read as one.
            const bool is_text = value.is_string() || value.is_array();
            const std::string clean = is_text ? without_controls(text) : text;
            out_ << (i ? "," : "")
                 << csv_field(escape_formulas_ && is_text ? formula_safe(clean) : clean);
        } else {
            const std::size_t w = i < widths_.size() ? widths_[i] : display_width(text);
            // The last column is not padded: no trailing blanks.
            const bool last = i + 1 == row.size();
            const std::size_t width = last ? std::min(display_width(text), kMaxTableWidth) : w;
            out_ << (i ? "  " : "") << fit(text, width);
        }
        ++i;
    }
    out_ << "\n";
}

void RowWriter::finish(const std::vector<std::string>& columns) {
    if (started_ || format_ != Format::Csv || columns.empty()) return;
    started_ = true;
    for (std::size_t i = 0; i < columns.size(); ++i)
        out_ << (i ? "," : "") << csv_field(columns[i]);
    out_ << "\n";
}

void RowWriter::write_all(const std::vector<Row>& rows, const std::vector<std::string>& columns) {
    if (rows.empty()) {
        finish(columns);
        return;
    }
    if (format_ == Format::Table) {
        std::vector<std::size_t> widths;
        for (const auto& [key, value] : rows.front().items())
            widths.push_back(std::min(display_width(key), kMaxTableWidth));
        for (const Row& row : rows) {
            std::size_t i = 0;
            for (const auto& [key, value] : row.items()) {
                if (i < widths.size())
                    widths[i] = std::max(
                        widths[i],
                        std::min(display_width(printable(cell_text(value))), kMaxTableWidth));
                ++i;
            }
        }
        set_widths(std::move(widths));
    }
    for (const Row& row : rows) write(row);
}

const std::vector<std::string> kHitColumns = {"rank",      "score",  "date",    "article_id",
                                              "paragraph", "title",  "authors", "source",
                                              "url",       "actors", "topics",  "text"};

Row hit_row(const Hit& h) {
    return Row{{"rank", h.rank},
               {"score", h.score},
               {"date", h.date},
               {"article_id", h.article_id},
               {"paragraph", h.paragraph},
               {"title", h.title},
               {"authors", h.authors},
               {"source", h.source},
               {"url", h.url},
               {"actors", h.actors},
               {"topics", h.topics},
               {"text", h.text}};
}

}  // namespace parley::util
