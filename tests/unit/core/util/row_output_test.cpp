#include "util/row_output.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

namespace parley::util {
namespace {

std::string written(Format format, const Row& row) {
    std::ostringstream out;
    RowWriter(out, format).write_all({row});
    return out.str();
}

// A CSV is read by other programs: each number reads back as the double the view computed,
// not the 4 significant digits a table shows a person.
TEST(RowWriter, CsvKeepsEveryDigitOfANumberAndTheTableRoundsIt) {
    const double share = 0.030497382198952879, g2 = 1234.5678901234, tiny = 2.5e-7;
    const Row row = {{"share", share}, {"g2", g2}, {"tiny", tiny}, {"whole", 1.0}, {"count", 7}};

    const std::string csv = written(Format::Csv, row);
    const std::string values = csv.substr(csv.find('\n') + 1);
    std::istringstream cells(values);
    std::vector<std::string> read;
    for (std::string cell; std::getline(cells, cell, ',');) read.push_back(cell);
    ASSERT_EQ(read.size(), 5u) << csv;
    EXPECT_EQ(std::strtod(read[0].c_str(), nullptr), share) << read[0];
    EXPECT_EQ(std::strtod(read[1].c_str(), nullptr), g2) << read[1];
    EXPECT_EQ(std::strtod(read[2].c_str(), nullptr), tiny) << read[2];
    EXPECT_EQ(read[3], "1");
    EXPECT_EQ(read[4], "7\n");

    const std::string table = written(Format::Table, row);
    EXPECT_NE(table.find("0.0305 "), std::string::npos) << table;
    EXPECT_NE(table.find("1234.6"), std::string::npos) << table;
}

// A spreadsheet runs a cell starting with =, +, -, @, a tab or a line break as a formula: a
// text cell so starting gets a leading ' (and is quoted when it must be); numbers, a negative
// one included, and text starting otherwise are written as they are; and the escape can be
// turned off.
TEST(RowWriter, CsvTextThatASpreadsheetWouldRunAsAFormulaGetsALeadingQuote) {
    const Row row = {{"title", "=HYPERLINK(\"http://x.example\",\"click\")"},
                     {"a", "+1"},
                     {"b", "-2+3"},
                     {"c", "@SUM(A1)"},
                     {"d", "\t=1"},
                     {"e", "\r=1"},
                     {"list", {"=A1", "China"}},
                     {"plain", "a = b"},
                     {"empty", ""},
                     {"pmi", -0.25},
                     {"count", -3}};
    const std::string csv = written(Format::Csv, row);
    EXPECT_EQ(csv.substr(csv.find('\n') + 1),
              "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",'+1,'-2+3,'@SUM(A1),'\t=1,"
              "\"'\r=1\",'=A1; China,a = b,,-0.25,-3\n");

    std::ostringstream kept;
    RowWriter writer(kept, Format::Csv);
    writer.set_escape_formulas(false);
    writer.write_all({Row{{"a", "=1+1"}, {"b", "@x"}}});
    EXPECT_EQ(kept.str(), "a,b\n=1+1,@x\n");
    // NDJSON and tables are not for spreadsheets: the text stays as it is.
    EXPECT_EQ(written(Format::Ndjson, Row{{"a", "=1+1"}}), "{\"a\":\"=1+1\"}\n");
}

// A NUL or another control character from indexed text reached a CSV raw (Python's csv module
// stops at a NUL; spreadsheets cut the cell or show nothing): each is U+FFFD, escape or not,
// while tab, line feed and carriage return stay, quoted as RFC 4180 has them.
TEST(RowWriter, CsvTextCarriesNoRawControlCharacter) {
    const std::string nul(1, '\0');
    const Row row = {{"title", "A" + nul +
                                   "B\x01"
                                   "C\x1b[2J\x7f D\u0085E"},
                     {"paragraph", "one\ttwo\nthree\r\nfour"},
                     {"first", nul + "=1"},
                     {"list", {"x" + nul, "\u009fy"}},
                     {"plain", "na\u00efve \u00c2\u00a0"}};
    const std::string cells = [&] {
        const std::string csv = written(Format::Csv, row);
        return csv.substr(csv.find('\n') + 1);
    }();
    const std::string r = "\uFFFD";
    EXPECT_EQ(cells, "A" + r + "B" + r + "C" + r + "[2J" + r + " D" + r + "E," +
                         "\"one\ttwo\nthree\r\nfour\"," + r + "=1," + "x" + r + "; " + r + "y," +
                         "na\u00efve \u00c2\u00a0\n");
    std::ostringstream kept;
    RowWriter writer(kept, Format::Csv);
    writer.set_escape_formulas(false);
    writer.write_all({Row{{"a", nul + "=1"}}});
    EXPECT_EQ(kept.str(), "a\n" + r + "=1\n");
}

// Chinese and Korean characters take two columns of a terminal, combining marks none: the
// columns after such a name stay in line, and a long one is cut to the column's width.
TEST(RowWriter, TableColumnsStayInLineAfterWideAndCombiningCharacters) {
    std::ostringstream out;
    RowWriter(out, Format::Table)
        .write_all({Row{{"author", "李明"}, {"n", 1}}, Row{{"author", "Kenji"}, {"n", 2}},
                    Row{{"author", "Zoe\u0308"}, {"n", 3}}});
    EXPECT_EQ(out.str(),
              "author  n\n"
              "李明    1\n"
              "Kenji   2\n"
              "Zoe\u0308     3\n");

    std::string long_name;
    for (int i = 0; i < 40; ++i) long_name += "한";  // 80 columns: over the 60 of a cell
    std::ostringstream cut;
    RowWriter(cut, Format::Table).write_all({Row{{"name", long_name}, {"n", 1}}});
    const std::string line = cut.str().substr(cut.str().find('\n') + 1);
    // 29 wide characters (58 columns), the ellipsis and a blank: 60 columns, then the next.
    std::string expected;
    for (int i = 0; i < 29; ++i) expected += "한";
    EXPECT_EQ(line, expected + "… " + "  1\n");
}

}  // namespace
}  // namespace parley::util
