#include "util/dates.hpp"

#include <gtest/gtest.h>

namespace parley::util {
namespace {

TEST(ParseDate, ReadsTheFormsFoundInArticleMetadata) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"2022-02-04", "2022-02-04"},
        {"2022-02-04T09:30:00Z", "2022-02-04"},
        {"2022-02", "2022-02"},
        {"2022", "2022"},
        {"February 4, 2022", "2022-02-04"},
        {"4 Feb 2022", "2022-02-04"},
        {"Feb 2022", "2022-02"},
        {"  2024-02-29 ", "2024-02-29"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
}

TEST(ParseDate, RejectsImpossibleDates) {
    for (const char* bad :
         {"", "yesterday", "2023-02-29", "2022-13-01", "0999", "2022-1-1x", "31 Foo 2020",
          // Long digit runs overflowed an int (UBSan, issue 9).
          "99999999999th March 2020", "March 2020 99999999999999999999th",
          "March 2020 4294967296"}) {
        EXPECT_FALSE(parse_date(bad)) << bad;
    }
}

TEST(ParseDate, PartialDatesCoverTheirWholePeriod) {
    EXPECT_EQ(parse_date("2021")->first_day(), "2021-01-01");
    EXPECT_EQ(parse_date("2021")->last_day(), "2021-12-31");
    EXPECT_EQ(parse_date("2024-02")->last_day(), "2024-02-29");
}

}  // namespace
}  // namespace parley::util
