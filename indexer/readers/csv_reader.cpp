#include "readers/csv_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <vector>

#include "readers/reader_common.hpp"
#include "util/ascii.hpp"

namespace parley::readers {
namespace {

struct Row {
    std::vector<std::string> fields;
    std::size_t line = 0;  // where the row starts, from 1
    bool unterminated = false;
};

// Whether text[at] ends a line: "\n", or "\r" (of "\r\n", or alone as old Mac Excel
// writes it). Moves `at` past a "\r\n" pair's "\n".
bool ends_line(std::string_view text, std::size_t& at) {
    if (text[at] == '\n') return true;
    if (text[at] != '\r') return false;
    if (at + 1 < text.size() && text[at + 1] == '\n') ++at;
    return true;
}

// Where the line after the one holding `from` starts, or npos at the last line.
std::size_t next_line_start(std::string_view text, std::size_t from) {
    for (std::size_t at = from; at < text.size(); ++at)
        if (ends_line(text, at)) return at + 1;
    return std::string_view::npos;
}

// Reads one row from `at`, moving `at` and `line` past it. A line end in a quoted field is
// kept as "\n".
Row next_row(std::string_view text, std::size_t& at, std::size_t& line, char separator) {
    Row row;
    row.line = line;
    std::string field;
    bool quoted = false, was_quoted = false;
    while (at < text.size()) {
        if (ends_line(text, at)) {
            ++at;
            ++line;
            if (!quoted) break;
            field += '\n';
            continue;
        }
        const char c = text[at++];
        if (quoted) {
            if (c == '"') {
                if (at < text.size() && text[at] == '"') {
                    field += '"';
                    ++at;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        // A quote after spaces opens a quoted field too ('a, "b, c"', as people type CSV):
        // the spaces go, and the separator inside stays text.
        if (c == '"' && !was_quoted && field.find_first_not_of(' ') == std::string::npos) {
            field.clear();
            quoted = was_quoted = true;
        } else if (c == separator) {
            row.fields.push_back(std::move(field));
            field.clear();
            was_quoted = false;
        } else {
            field += c;
        }
    }
    if (quoted) row.unterminated = true;
    row.fields.push_back(std::move(field));
    return row;
}

enum class Column { Title, Text, Authors, Date, Url, Source, Id, Language };
constexpr std::size_t kColumnKinds = 8;

// What a column holds, for messages.
const char* column_meaning(Column c) {
    static const char* const kMeaning[kColumnKinds] = {"the title", "the text",    "the authors",
                                                       "the date",  "the URL",     "the source",
                                                       "the id",    "the language"};
    return kMeaning[static_cast<std::size_t>(c)];
}

const char* separator_name(char c) { return c == ',' ? "comma" : c == ';' ? "semicolon" : "tab"; }

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "'a', 'b' and 'c'"
std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
        out += "'" + names[i] + "'";
    }
    return out;
}

// Says what of the header is not read as written: columns Parley does not know (a typo,
// or an export's extra fields) and several columns for one field (each row's first
// non-empty one is read).
void report_header(const std::vector<std::string>& names,
                   const std::vector<std::optional<Column>>& columns, const std::string& source,
                   IngestReport& report) {
    std::vector<std::string> unknown;
    std::vector<std::vector<std::string>> by_kind(kColumnKinds);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string name(util::trim_space(names[i]));
        if (!columns[i]) {
            if (!name.empty()) unknown.push_back(name);
        } else {
            by_kind[static_cast<std::size_t>(*columns[i])].push_back(name);
        }
    }
    if (!unknown.empty())
        report.warn(source, 1, "columns not read",
                    plural(unknown.size(), "column", "columns") +
                        " of the header not read: " + quoted_list(unknown) +
                        " (read: title/headline, text/body/content/article, author/authors/"
                        "byline, date/published, url/link, source/outlet/site, id, "
                        "lang/language)");
    for (std::size_t k = 0; k < kColumnKinds; ++k) {
        if (by_kind[k].size() < 2) continue;
        report.warn(source, 1, "columns not read",
                    "columns " + quoted_list(by_kind[k]) + " are all " +
                        column_meaning(static_cast<Column>(k)) +
                        ": each row's first non-empty one is read");
    }
}

std::optional<Column> column_named(const std::string& name) {
    static const std::map<std::string, Column> kNames{
        {"title", Column::Title},      {"headline", Column::Title},  {"text", Column::Text},
        {"body", Column::Text},        {"content", Column::Text},    {"article", Column::Text},
        {"author", Column::Authors},   {"authors", Column::Authors}, {"byline", Column::Authors},
        {"date", Column::Date},        {"published", Column::Date},  {"url", Column::Url},
        {"link", Column::Url},         {"source", Column::Source},   {"outlet", Column::Source},
        {"site", Column::Source},      {"id", Column::Id},           {"lang", Column::Language},
        {"language", Column::Language}};
    const auto it = kNames.find(name);
    return it == kNames.end() ? std::nullopt : std::optional(it->second);
}

// Whether `row` is the header again, as in exports joined with `cat` (the second one's byte
// order mark included): read as data it is an article titled "title" whose text is "text".
bool repeats_header(const std::vector<std::string>& row, const std::vector<std::string>& header) {
    if (row.size() != header.size()) return false;
    for (std::size_t i = 0; i < row.size(); ++i) {
        const std::string_view field = i == 0 ? strip_bom(row[i]) : std::string_view(row[i]);
        if (util::trim_space(field) != util::trim_space(header[i])) return false;
    }
    return true;
}

}  // namespace

void read_csv(std::string_view content, const std::string& source, const ArticleSink& sink,
              IngestReport& report, const InputLimits& limits) {
    content = strip_bom(content);
    // Text is checked a row at a time: one bad row loses that row, not the file.
    const std::string_view header_line = content.substr(0, content.find_first_of("\r\n"));
    if (!check_text(header_line, Origin{source, 1}, report)) return;
    // The separator is the header's: the most frequent of comma, semicolon and tab.
    char separator = ',';
    std::size_t most = 0;
    for (const char c : {',', ';', '\t'}) {
        const auto n =
            static_cast<std::size_t>(std::count(header_line.begin(), header_line.end(), c));
        if (n > most) {
            most = n;
            separator = c;
        }
    }
    std::size_t at = 0, line = 1;
    const Row header = next_row(content, at, line, separator);
    std::vector<std::optional<Column>> columns;
    for (const auto& name : header.fields)
        columns.push_back(column_named(std::string(util::trim_space(util::ascii_lower(name)))));
    if (std::none_of(columns.begin(), columns.end(),
                     [](const auto& c) { return c == Column::Text; })) {
        std::vector<std::string> names;
        for (const auto& name : header.fields) names.push_back(std::string(util::trim_space(name)));
        report.skip(source, 1, "bad header",
                    "no text column in the header row, whose " +
                        plural(names.size(), "column is ", "columns are ") + quoted_list(names) +
                        (names.size() > 1
                             ? std::string(" (separated by ") + separator_name(separator) + "s)"
                             : std::string()) +
                        ": name one text, body, content or article");
        return;
    }
    report_header(header.fields, columns, source, report);
    // A quote never closed swallows the rest of the file: the row is skipped and reading
    // goes on at its next line, so the rows after it are not lost. Each such restart reads
    // to the end of the file again, so a few are allowed, not one per line.
    constexpr int kRestarts = 10;
    int restarts = 0;
    std::size_t rows = 0;  // not blank
    while (at < content.size()) {
        const std::size_t row_start = at;
        const Row row = next_row(content, at, line, separator);
        if (row.fields.size() == 1 && row.fields[0].find_first_not_of(" \t\r") == std::string::npos)
            continue;  // a blank line
        ++rows;
        if (row.unterminated) {
            const std::size_t next_line = next_line_start(content, row_start);
            if (++restarts > kRestarts || next_line == std::string_view::npos) {
                report.skip(source, row.line, "bad row",
                            "a quoted field is not closed before the end of the file");
                return;
            }
            report.skip(source, row.line, "bad row",
                        "a quoted field is not closed before the end of the file; read on from "
                        "the next line");
            at = next_line;
            line = row.line + 1;
            continue;
        }
        const std::string_view row_text = content.substr(row_start, at - row_start);
        if (!check_text(row_text, Origin{source, row.line}, report, row_start)) continue;
        if (repeats_header(row.fields, header.fields)) {
            report.warn(source, row.line, "header repeated",
                        "the header row again (exports joined together?): not read as an article");
            continue;
        }
        if (row.fields.size() != columns.size()) {
            const bool more = row.fields.size() > columns.size();
            report.skip(source, row.line, "bad row",
                        "the row has " + plural(row.fields.size(), "field", "fields") +
                            " where the header has " + plural(columns.size(), "column", "columns") +
                            (more ? std::string(" (a field holding a ") +
                                        separator_name(separator) + " must be in double quotes)"
                                  : std::string(" (a row cut short, or a line break in a field "
                                                "not in double quotes)")));
            continue;
        }
        Article a;
        std::vector<bool> taken(kColumnKinds, false);  // by the row's first non-empty column
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (!columns[i]) continue;
            const std::string& v = row.fields[i];
            const auto kind = static_cast<std::size_t>(*columns[i]);
            if (taken[kind] || util::trim_space(v).empty()) continue;
            taken[kind] = true;
            switch (*columns[i]) {
                case Column::Title:
                    a.title = v;
                    break;
                case Column::Text:
                    a.paragraphs = util::split_extracted_text(v);
                    break;
                case Column::Authors:
                    a.authors = split_authors(v);
                    break;
                case Column::Date:
                    a.date = v;
                    break;
                case Column::Url:
                    a.url = v;
                    break;
                case Column::Source:
                    a.source = v;
                    break;
                case Column::Id:
                    a.id = v;
                    break;
                case Column::Language:
                    a.language = v;
                    break;
            }
        }
        deliver(std::move(a), Origin{source, row.line}, sink, report, limits);
    }
    if (rows == 0) report.warn(source, 0, "no rows", "the file has a header row and nothing else");
}

}  // namespace parley::readers
