#include "util/row_output.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "util/utf8.hpp"

namespace parley::util {
namespace {

constexpr std::size_t kMaxTableWidth = 60;

// Width in code points (what a terminal shows, near enough for Latin, Cyrillic, Greek).
std::size_t display_width(const std::string& text) {
    std::size_t n = 0;
    for (const unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

std::string fit(const std::string& text, std::size_t width) {
    if (display_width(text) <= width) return text + std::string(width - display_width(text), ' ');
    std::string out;
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80 && ++n == width) break;
        out += text[i];
    }
    return out + "…";
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
            out_ << (i ? "," : "") << csv_field(text);
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
