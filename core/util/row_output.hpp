#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "parley/search_result.hpp"

namespace parley::util {

using Row = nlohmann::ordered_json;  ///< one flat object: column name -> value

/// How parley-analyze and GET /analyze/export print rows.
enum class Format { Table, Csv, Ndjson };

/// Prints rows one at a time, so that an export of a million hits is never held whole.
/// The columns are the first row's keys. Table: aligned on the widths in `widths` (or the
/// first rows' when buffered with print_all), long text cut with "…", numbers rounded; CSV:
/// RFC 4180, a header line, lists joined with "; ", numbers in full; NDJSON: one JSON object
/// per line.
///
/// A CSV is opened in spreadsheets, which run a cell starting with =, +, -, @, a tab or a
/// carriage return as a formula (=HYPERLINK(...) in a paragraph or a title would be a live
/// link): such a text cell is written with a leading ' unless set_escape_formulas(false).
/// Numbers (a negative PMI) are never changed.
///
/// A CSV's text never holds a control character other than tab, line feed and carriage
/// return (which RFC 4180 quotes): NUL stops C parsers and Python's csv module, and the rest
/// (U+0001-U+001F, DEL, U+0080-U+009F) are nothing a spreadsheet shows. Each is replaced by
/// U+FFFD, so that the cell still shows something was there; always, escape or not.
class RowWriter {
  public:
    RowWriter(std::ostream& out, Format format) : out_(out), format_(format) {}
    /// CSV: whether a text cell that a spreadsheet would read as a formula gets a leading '.
    /// Default: true.
    void set_escape_formulas(bool escape) { escape_formulas_ = escape; }
    /// Streams one row (for tables, with fixed widths: set_widths first).
    void write(const Row& row);
    /// Prints a whole table, columns as wide as their widest cell (up to a cap). With no
    /// rows, a CSV still gets its header line from `columns`.
    void write_all(const std::vector<Row>& rows, const std::vector<std::string>& columns = {});
    /// After streaming rows with write(): a CSV that got none still gets its header line.
    void finish(const std::vector<std::string>& columns);
    void set_widths(std::vector<std::size_t> widths) { widths_ = std::move(widths); }

    /// A cell as text: lists joined with "; ", numbers as written by people (4 significant
    /// digits), or when `exact` in full (the shortest form that reads back the same).
    static std::string cell_text(const nlohmann::ordered_json& value, bool exact = false);
    /// `text` quoted for CSV when it must be.
    static std::string csv_field(const std::string& text);
    /// `text` with every control character but tab, line feed and carriage return (C0, DEL,
    /// C1) replaced by U+FFFD.
    static std::string without_controls(const std::string& text);
    /// `text` with a leading ' when a spreadsheet would read it as a formula: when it starts
    /// with =, +, -, @, a tab or a carriage return (a line feed too, which some trim first).
    static std::string formula_safe(const std::string& text);

  private:
    void header(const Row& row);
    std::ostream& out_;
    Format format_;
    std::vector<std::size_t> widths_;
    bool started_ = false;
    bool escape_formulas_ = true;
};

/// A hit as an export row: the columns of kHitColumns.
Row hit_row(const Hit& hit);
extern const std::vector<std::string> kHitColumns;

}  // namespace parley::util
