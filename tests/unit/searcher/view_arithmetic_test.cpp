// The calendar and the association measures behind the archive views.
#include <gtest/gtest.h>

#include <cmath>

#include "views/association.hpp"
#include "views/date_buckets.hpp"

namespace parley::views {
namespace {

TEST(DateBuckets, WeeksStartOnMondayAndTakeTheIsoYearOfTheirThursday) {
    const DateBuckets weeks{Interval::Week};
    EXPECT_EQ(weeks.start_of(20210103), 20201228u);  // a Sunday: the week began on Monday
    EXPECT_EQ(weeks.label(20201228), "2020-W53");    // 2020 had 53 ISO weeks
    EXPECT_EQ(weeks.label(weeks.start_of(20210104)), "2021-W01");
    EXPECT_EQ(weeks.label(weeks.start_of(20241231)), "2025-W01");  // Tuesday of 2025's week 1
    EXPECT_EQ(weeks.next(20241230), 20250106u);
    EXPECT_EQ(weeks.last_day(20241230), 20250105u);
}

TEST(DateBuckets, MonthsAndYearsRollOverAndPartialDatesFallOnTheFirstDay) {
    const DateBuckets months{Interval::Month}, years{Interval::Year}, days{Interval::Day};
    EXPECT_EQ(months.start_of(20211231), 20211201u);
    EXPECT_EQ(months.next(20211201), 20220101u);
    EXPECT_EQ(months.last_day(20240201), 20240229u);  // leap year
    EXPECT_EQ(months.label(20240201), "2024-02");
    EXPECT_EQ(months.start_of(20210300), 20210301u);  // "2021-03" as indexed
    EXPECT_EQ(years.start_of(20210000), 20210101u);   // "2021"
    EXPECT_EQ(years.label(20210101), "2021");
    EXPECT_EQ(days.next(20230228), 20230301u);
}

TEST(DateBuckets, RangeBoundsAreReadStrictly) {
    EXPECT_EQ(first_day_of("2021"), 20210101u);
    EXPECT_EQ(last_day_of("2021"), 20211231u);
    EXPECT_EQ(last_day_of("2023-02"), 20230228u);
    EXPECT_EQ(first_day_of("2021-03-04"), 20210304u);
    EXPECT_EQ(first_day_of("2021-13"), 0u);
    EXPECT_EQ(first_day_of("2021-02-30"), 0u);
    EXPECT_EQ(first_day_of("21"), 0u);
    EXPECT_EQ(first_day_of("2021-3"), 0u);
    EXPECT_EQ(iso_date(20210304), "2021-03-04");
}

TEST(Association, LogLikelihoodMatchesAHandComputedTable) {
    // 10 of 100 against 10 of 1000: expected 20*100/1100 and 20*1000/1100.
    const double e1 = 20.0 * 100 / 1100, e2 = 20.0 * 1000 / 1100;
    const double want = 2 * (10 * std::log(10 / e1) + 90 * std::log(90 / (100 - e1)) +
                             10 * std::log(10 / e2) + 990 * std::log(990 / (1000 - e2)));
    EXPECT_NEAR(log_likelihood(10, 100, 10, 1000), want, 1e-9);
    EXPECT_NEAR(log_likelihood(10, 100, 100, 1000), 0.0, 1e-9);  // same rate: no evidence
    EXPECT_EQ(log_likelihood(0, 0, 5, 10), 0.0);
}

TEST(Association, PmiAndNpmiHaveTheirBounds) {
    EXPECT_NEAR(pmi(10, 10, 10, 100), std::log2(10.0), 1e-12);  // always together
    EXPECT_NEAR(npmi(10, 10, 10, 100), 1.0, 1e-12);
    EXPECT_NEAR(npmi(10, 20, 50, 100), 0.0, 1e-12);  // independent: 0.2 * 0.5 = 0.1
    EXPECT_EQ(npmi(0, 10, 10, 100), 0.0);
    EXPECT_LT(npmi(1, 50, 50, 100), 0.0);
}

TEST(Association, BinomialZ) {
    EXPECT_NEAR(binomial_z(30, 100, 0.1), 20 / std::sqrt(9.0), 1e-12);
    EXPECT_GT(binomial_z(3, 10, 0.0), 3.0);  // a baseline of 0 counts as half a paragraph
    EXPECT_EQ(binomial_z(3, 0, 0.1), 0.0);
}

}  // namespace
}  // namespace parley::views
