// The pieces that keep hostile input bounded: the HTML depth scan, bounded JSON, the limit
// settings and printable messages.
#include "parley/input_limits.hpp"

#include <gtest/gtest.h>

#include "json/bounded_json.hpp"
#include "parley/error.hpp"
#include "readers/html_depth.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

using json_forms::JsonRefusal;
using json_forms::parse_bounded_json;

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

TEST(HtmlDepth, CountsNestingAsAParserBuildsIt) {
    const std::string deep = "<html><body>" + repeat("<div>", 10) + "x";
    ASSERT_TRUE(first_html_too_deep(deep, 9).has_value());
    EXPECT_EQ(*first_html_too_deep(deep, 9), deep.rfind("<div>"));
    EXPECT_FALSE(first_html_too_deep(deep, 10));
    // Closed elements do not add up, whatever their number.
    EXPECT_FALSE(first_html_too_deep(repeat("<div><span>x</span></div>", 5000), 3));
    // An end tag closes what is open inside its element too.
    EXPECT_FALSE(first_html_too_deep(repeat("<section><div><b>x</section>", 5000), 3));
    // Elements a parser never nests, void elements and unclosed <p> are not depth.
    EXPECT_FALSE(first_html_too_deep(
        repeat("<p>para", 5000) + repeat("<li>x", 5000) + repeat("<br><img src=x>", 5000), 2));
    // "/>" closes only inside SVG and MathML: <div/> opens a div in HTML.
    EXPECT_TRUE(first_html_too_deep(repeat("<div/>", 10), 5));
    EXPECT_FALSE(first_html_too_deep("<svg>" + repeat("<path/>", 10) + "</svg>", 2));
    // Markup inside scripts, styles, comments and attributes is text.
    EXPECT_FALSE(first_html_too_deep("<script>" + repeat("<div>", 100) + "</script>", 2));
    EXPECT_FALSE(first_html_too_deep("<!--" + repeat("<div>", 100) + "-->", 2));
    EXPECT_FALSE(first_html_too_deep("<a title=\"" + repeat("<div>", 100) + "\">x</a>", 2));
}

TEST(BoundedJson, RefusesDepthAndHugeNumbersWithoutThrowing) {
    nlohmann::json out;
    JsonRefusal refusal;
    EXPECT_TRUE(parse_bounded_json(R"({"a": [[1, 2], {"b": "[[[["}]})", 3, out, refusal));
    EXPECT_EQ(out["a"][1]["b"], "[[[[");
    EXPECT_FALSE(parse_bounded_json(R"({"a": [[[1]]]})", 3, out, refusal));
    EXPECT_EQ(refusal.reason, "too deep");
    EXPECT_EQ(refusal.byte, 8u);  // the fourth opening bracket
    EXPECT_FALSE(parse_bounded_json("[1" + std::string(400, '0') + "]", 3, out, refusal));
    EXPECT_EQ(refusal.reason, "number out of range");
    EXPECT_FALSE(parse_bounded_json(R"({"a": tru})", 3, out, refusal));
    EXPECT_EQ(refusal.reason, "malformed JSON");
    EXPECT_GT(refusal.byte, 0u);
}

TEST(InputLimitSettings, ParseNamesNumbersAndSuffixes) {
    InputLimits limits;
    set_input_limit(limits, "file-bytes=2M");
    EXPECT_EQ(limits.file_bytes, 2u << 20);
    set_input_limit(limits, "depth=64");
    EXPECT_EQ(limits.depth, 64u);
    set_input_limit(limits, "authors=3k");
    EXPECT_EQ(limits.authors, 3u << 10);
    EXPECT_EQ(limits.stream_bytes, std::size_t{4} << 30);
    set_input_limit(limits, "stream-bytes=1G");
    EXPECT_EQ(limits.stream_bytes, std::size_t{1} << 30);
    EXPECT_THROW(set_input_limit(limits, "depth=0"), UsageError);
    EXPECT_THROW(set_input_limit(limits, "depth=-1"), UsageError);
    EXPECT_THROW(set_input_limit(limits, "depth=12q"), UsageError);
    EXPECT_THROW(set_input_limit(limits, "depth"), UsageError);
    try {
        set_input_limit(limits, "dpth=3");
        ADD_FAILURE() << "no error";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("record-bytes"), std::string::npos) << e.what();
    }
}

TEST(Printable, EscapesControlsAndCutsLongText) {
    EXPECT_EQ(util::printable("plain café"), "plain café");
    EXPECT_EQ(util::printable("a\x1b[2Jb\n"), "a\\x1b[2Jb\\x0a");
    EXPECT_EQ(util::printable("\xC2\x9B"
                              "c"),
              "\\u{9b}c");  // C1 control (CSI)
    EXPECT_EQ(util::printable("bad \xFF byte"), "bad \\xff byte");
    // Bidirectional overrides and isolates would reorder the line a terminal shows.
    EXPECT_EQ(util::printable("a \u202Edesrever\u202C b \u2067x\u2069 \u05D0"),
              "a \\u{202e}desrever\\u{202c} b \\u{2067}x\\u{2069} \u05D0");
    EXPECT_EQ(util::printable(std::string(1000, 'x'), 10), "xxxxxxxxxx… (990 more bytes)");
    // A run of stray continuation bytes is escaped byte by byte, in linear time.
    EXPECT_EQ(util::printable(std::string(200000, '\x80'), 8).rfind("\\x80\\x80", 0), 0u);
}

}  // namespace
}  // namespace parley::readers
