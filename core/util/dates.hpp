#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parley::util {

/// A calendar date with optional month and day, as written in article metadata.
struct PartialDate {
    int year = 0;
    int month = 0;  ///< 0 when only the year is known
    int day = 0;    ///< 0 when only year (and month) are known

    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY".
    std::string iso() const;
    /// The first and last full dates the partial date covers ("2021" → 2021-01-01, 2021-12-31).
    std::string first_day() const;
    std::string last_day() const;
};

/// Parses the date forms found in op-ed metadata: ISO 8601 dates and datetimes
/// ("2022-02-04", "2022-02-04T09:30:00Z", "2022-02", "2022"), and English forms
/// ("February 4, 2022", "4 Feb 2022", "Feb 2022"). nullopt if not a plausible date
/// (years 1000–2999, real month lengths).
std::optional<PartialDate> parse_date(std::string_view text);

}  // namespace parley::util
