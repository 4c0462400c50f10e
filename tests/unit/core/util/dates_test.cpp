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

TEST(ParseDate, ReadsRfc822AsFeedsAndMailHeadersWriteIt) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"},
        {"Wed, 2 Oct 2002 08:00:00 EST", "2002-10-02"},
        {"2 Oct 02 08:00 +0200", "2002-10-02"},             // two-digit years: 00-49 are 20xx
        {"Sun, 31 Dec 1989 23:59:59 -0800", "1989-12-31"},  // as written, not moved to UTC
        {"Mon,5 June 2023", "2023-06-05"},
        {"Thursday, 4 December 97", "1997-12-04"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
}

TEST(ParseDate, ReadsNumericDatesWithTheDocumentedDayMonthOrder) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"2024/12/04", "2024-12-04"},  // year first: always year, month, day
        {"2024.12.04", "2024-12-04"},
        {"2024/12/04 09:30", "2024-12-04"},
        {"04.12.2024", "2024-12-04"},  // dots: day first
        {"4.12.2024 18:00", "2024-12-04"},
        {"04-12-2024", "2024-12-04"},  // hyphens: day first
        {"12/04/2024", "2024-12-04"},  // slashes: month first...
        {"04/05/2024", "2024-04-05"},  // ...when both could be either
        {"25/12/2024", "2024-12-25"},  // ...unless the first cannot be a month
        {"2024-12-04T09:30:00+01:00", "2024-12-04"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
}

TEST(ParseDate, ReadsMonthNamesInEnglishFrenchGermanAndSpanish) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"December 4, 2024", "2024-12-04"},
        {"4 December 2024", "2024-12-04"},
        {"Dec. 4th, 2024", "2024-12-04"},
        {"Sept 2024", "2024-09"},
        {"Wednesday, December 4, 2024 at 9:30 am", "2024-12-04"},  // "at" joins the time
        {"Wednesday, December 4, 2024 9:30 am", "2024-12-04"},
        {"4 décembre 2024", "2024-12-04"},
        {"4. Dezember 2024", "2024-12-04"},
        {"4 de diciembre de 2024", "2024-12-04"},
        {"1. März 2024", "2024-03-01"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        if (expected.empty()) {
            EXPECT_FALSE(date) << input;
            continue;
        }
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
}

// As French, German and Spanish pages write dates in <time> and bylines: with the day of the
// week, abbreviated months, in capitals, without accents.
TEST(ParseDate, ReadsFrenchGermanAndSpanishDatesAsTheirPagesWriteThem) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"mercredi 4 d\u00e9cembre 2024", "2024-12-04"},
        {"Mittwoch, 4. Dezember 2024, 09:30 Uhr", "2024-12-04"},
        {"mi\u00e9rcoles, 4 de diciembre de 2024", "2024-12-04"},
        {"S\u00e1bado 1 de marzo de 2025", "2025-03-01"},
        {"4 D\u00c9CEMBRE 2024", "2024-12-04"},
        {"4. M\u00c4RZ 2024", "2024-03-04"},
        {"4 d\u00e9c. 2024", "2024-12-04"},
        {"4 f\u00e9vr. 2024", "2024-02-04"},
        {"4 janv. 2024", "2024-01-04"},
        {"4 juil. 2024", "2024-07-04"},
        {"4. Dez. 2024", "2024-12-04"},
        {"4. Okt. 2024", "2024-10-04"},
        {"4. Mrz. 2024", "2024-03-04"},
        {"4 dic. 2024", "2024-12-04"},
        {"4 ene. 2024", "2024-01-04"},
        {"4 ago. 2024", "2024-08-04"},
        {"4 decembre 2024", "2024-12-04"},
        {"4 aout 2024", "2024-08-04"},
        {"4. Maerz 2024", "2024-03-04"},
        {"4 de setiembre de 2024", "2024-09-04"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
    for (const char* bad : {"jeudi 31 f\u00e9vrier 2024", "Montag", "4 Dezembre 2024"})
        EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(ParseDate, ReadsTheFormsFeedsAndExportsWriteBesideTheStandardOnes) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"Tue, 05 Mar 2024 10:00:00 +0100 (CET)", "2024-03-05"},  // an RFC 822 comment
        {"Tue, 05 Mar 2024 10:00:00 +0100 (Central European Time)", "2024-03-05"},
        {"Tuesday, March 5, 2024 - 10:00", "2024-03-05"},  // Drupal's default
        {"March 5, 2024 at 10:00 am", "2024-03-05"},       // WordPress's
        {"20240305", "2024-03-05"},                        // ISO 8601's basic form
        {"20240305T101500Z", "2024-03-05"},
        {"3/5/2024 10:00 AM", "2024-03-05"},         // a spreadsheet's 12-hour time
        {"5 mars 2024 \u00e0 10h00", "2024-03-05"},  // French, German, Spanish times
        {"5. M\u00e4rz 2024 um 10:00 Uhr", "2024-03-05"},
        {"5 de marzo de 2024 a las 10:00", "2024-03-05"},
        {"05.03.2024 9:30 pm", "2024-03-05"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
    for (const char* bad : {"20241305", "2024030", "202403051", "March 5 (2024)"})
        EXPECT_FALSE(parse_date(bad)) << bad;
}

// Feeds and pages name zones beyond RFC 822's few and write times as news style has them;
// the date is read as written whatever the zone.
TEST(ParseDate, ReadsNamedZonesAndNewsStyleTimesAfterTheDate) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"Wed, 04 Dec 2024 09:30:00 CET", "2024-12-04"},
        {"Wed, 04 Dec 2024 09:30:00 CEST", "2024-12-04"},
        {"Wed, 04 Dec 2024 23:30:00 BST", "2024-12-04"},
        {"Wed, 04 Dec 2024 09:30 UTC+1", "2024-12-04"},
        {"Wed, 04 Dec 2024 09:30 GMT+01:00", "2024-12-04"},
        {"December 4, 2024, 9:30 a.m. ET", "2024-12-04"},  // AP style
        {"Dec. 4th, 2024 10pm", "2024-12-04"},
        {"Thursday 5 December 2024 14.30 GMT", "2024-12-05"},  // the Guardian's
        {"5 mars 2024 \u00e0 10h", "2024-03-05"},
        {"1er mars 2024", "2024-03-01"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
    // A zone's abbreviation is read after a time only, and in capitals: before a whole date,
    // anything else is not a date.
    for (const char* bad : {"Wed, 04 Dec CET 2024", "Dec 4.5 2024", "Dec CET 4 2024"})
        EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(ParseDate, RejectsImpossibleDates) {
    for (const char* bad :
         {"", "yesterday", "2023-02-29", "2022-13-01", "0999", "2022-1-1x", "31 Foo 2020",
          // Long digit runs overflowed an int (UBSan, issue 9).
          "99999999999th March 2020", "March 2020 99999999999999999999th", "March 2020 4294967296",
          // Impossible or incomplete numeric and RFC 822 forms.
          "31 Feb 2024", "31.02.2024", "13/13/2024", "2024/13/01", "04.12", "4 Dec",
          "2024/12/04/05", "Mayor 2024", "Dec 4 5 2024", "0 Dec 2024"}) {
        EXPECT_FALSE(parse_date(bad)) << bad;
    }
}

// A whole date (day, month, four-digit year) opening the text is read whatever follows it, in
// every form, as an ISO date always was: front matter and JSON write "December 4, 2024 at
// 10:00 EST" or "4 December 2024, updated 5 December". A month or a year alone, a date that
// does not open the text, or one run on into a word, is still not a date.
TEST(ParseDate, ReadsAWholeDateWhateverTextFollowsItInEveryForm) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"December 4, 2024 at 10:00 EST", "2024-12-04"},
        {"4 December 2024, updated 5 December", "2024-12-04"},
        {"Dec. 4, 2024 10:00", "2024-12-04"},
        {"December 4, 2024 (updated December 5, 2024)", "2024-12-04"},
        {"Dec 4, 2024 - 10:00 - Updated Dec 5", "2024-12-04"},
        {"4 Dec 2024 09:30 Foo", "2024-12-04"},
        {"Wed, 04 Dec 2024 09:30:00 Eastern", "2024-12-04"},
        {"4 d\u00e9cembre 2024, mis \u00e0 jour le 5 d\u00e9cembre", "2024-12-04"},
        {"4. Dezember 2024, aktualisiert am 5. Dezember", "2024-12-04"},
        {"December 4, 2024 12 comments", "2024-12-04"},
        {"4th December 2024 2nd edition", "2024-12-04"},
        {"2024-12-04, updated 2024-12-05", "2024-12-04"},
        {"2024-12-04; 10:00", "2024-12-04"},
        {"04.12.2024, aktualisiert 05.12.2024", "2024-12-04"},
        {"12/04/2024 noon", "2024-12-04"},
        {"2024/12/04 (updated)", "2024-12-04"},
        {"2024 December 4, 10:00", "2024-12-04"},
    };
    for (const auto& [input, expected] : cases) {
        const auto date = parse_date(input);
        ASSERT_TRUE(date) << input;
        EXPECT_EQ(date->iso(), expected) << input;
    }
    for (const char* bad :
         {"December 2024, updated", "2024-12 updated", "2024 updated", "updated December 4, 2024",
          "December 4 updated 2024", "December 4, 2024updated", "2024-12-04updated",
          "4 Dec 24 updated", "May 10 people 2024", "31 April 2024, updated", "31.04.2024 updated",
          // A number after "December 2024" is no day: no form writes the day there.
          "December 2024 5 things", "Dec 2024 5", "December, 2024 12 comments"})
        EXPECT_FALSE(parse_date(bad)) << bad;
    EXPECT_EQ(date_problem("31 April 2024, updated May 1"), "April 2024 has 30 days, not 31");
}

TEST(DateProblem, SaysWhyADateCannotBe) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"2023-02-29", "February 2023 has 28 days, not 29"},
        {"31 April 2024", "April 2024 has 30 days, not 31"},
        {"2024-13", "there is no month 13"},
        {"13/13/2024", "there is no month 13"},
        {"0999", "the year 999 is not from 1000 to 2999"},
        {"soon", "not a date Parley reads (use YYYY-MM-DD)"},
        {"2024-02-29", ""},
    };
    for (const auto& [input, expected] : cases) EXPECT_EQ(date_problem(input), expected) << input;
}

TEST(ParseDate, PartialDatesCoverTheirWholePeriod) {
    EXPECT_EQ(parse_date("2021")->first_day(), "2021-01-01");
    EXPECT_EQ(parse_date("2021")->last_day(), "2021-12-31");
    EXPECT_EQ(parse_date("2024-02")->last_day(), "2024-02-29");
}

// Retry-After's HTTP dates, as seconds since the epoch (checked against `date -u -d ... +%s`).
TEST(HttpDateSeconds, ReadsTheDateAndTheTimeOfDayInUtc) {
    EXPECT_EQ(http_date_seconds("Wed, 04 Dec 2024 09:30:00 GMT"), 1733304600LL);
    EXPECT_EQ(http_date_seconds("Thu, 01 Jan 1970 00:00:00 GMT"), 0LL);
    EXPECT_EQ(http_date_seconds("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777LL);
    EXPECT_EQ(http_date_seconds("29 Feb 2024"), 1709164800LL);  // no time: midnight
    EXPECT_FALSE(http_date_seconds("Wed, 04 Dec 2024 25:30:00 GMT"));
    EXPECT_FALSE(http_date_seconds("Dec 2024"));  // not a day
    EXPECT_FALSE(http_date_seconds("soon"));
}

TEST(IsDateWord, MonthsAsParseDateReadsThemAndDaysOfTheWeek) {
    for (const char* word : {"March", "dec", "Sept", "décembre", "Dezember", "diciembre", "Monday",
                             "tue", "SUNDAY", "déc", "Dez", "mercredi", "Mittwoch", "miércoles"})
        EXPECT_TRUE(is_date_word(word)) << word;
    for (const char* word : {"Mayor", "Ma", "Nolan", "Monster", "de", "pm", ""})
        EXPECT_FALSE(is_date_word(word)) << word;
}

}  // namespace
}  // namespace parley::util
