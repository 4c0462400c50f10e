#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "parley/archive_views.hpp"

namespace parley::views {

/// Calendar arithmetic on yyyymmdd keys (DocTable::date). A partial date ("2021-03",
/// kept as 20210300) falls on the first day of its period.
struct DateBuckets {
    Interval interval;

    /// First day of the bucket holding `date`.
    std::uint32_t start_of(std::uint32_t date) const;
    /// First day of the next bucket.
    std::uint32_t next(std::uint32_t start) const;
    /// Last day of the bucket starting on `start`.
    std::uint32_t last_day(std::uint32_t start) const;
    /// "2021", "2021-03", "2021-W09" (ISO week) or "2021-03-04".
    std::string label(std::uint32_t start) const;
};

/// "YYYY-MM-DD" of a yyyymmdd key.
std::string iso_date(std::uint32_t date);
/// The first (or last) day a "YYYY", "YYYY-MM" or "YYYY-MM-DD" text covers; 0 if it is
/// not such a date.
std::uint32_t first_day_of(std::string_view text);
std::uint32_t last_day_of(std::string_view text);

}  // namespace parley::views
