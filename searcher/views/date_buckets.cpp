#include "views/date_buckets.hpp"

#include <chrono>
#include <cstdio>

#include "match/doc_table.hpp"

namespace parley::views {
namespace {

using namespace std::chrono;

year_month_day ymd_of(std::uint32_t date) {
    unsigned month = date / 100 % 100, day = date % 100;
    if (month == 0) month = 1;
    if (day == 0) day = 1;
    return year_month_day{year{static_cast<int>(date / 10000)}, std::chrono::month{month},
                          std::chrono::day{day}};
}

std::uint32_t key_of(const year_month_day& d) {
    return static_cast<std::uint32_t>(static_cast<int>(d.year())) * 10000 +
           static_cast<unsigned>(d.month()) * 100 + static_cast<unsigned>(d.day());
}

}  // namespace

std::uint32_t DateBuckets::start_of(std::uint32_t date) const {
    const year_month_day d = ymd_of(date);
    switch (interval) {
        case Interval::Year:
            return static_cast<std::uint32_t>(static_cast<int>(d.year())) * 10000 + 101;
        case Interval::Month:
            return key_of(d.year() / d.month() / std::chrono::day{1});
        case Interval::Week: {
            const sys_days days{d};
            const unsigned since_monday = (weekday{days} - Monday).count();
            return key_of(year_month_day{days - std::chrono::days{since_monday}});
        }
        case Interval::Day:
            break;
    }
    return key_of(d);
}

std::uint32_t DateBuckets::next(std::uint32_t start) const {
    const year_month_day d = ymd_of(start);
    switch (interval) {
        case Interval::Year:
            return key_of((d.year() + years{1}) / January / 1);
        case Interval::Month:
            return key_of(year_month_day{d.year() / d.month() / 1} + months{1});
        case Interval::Week:
            return key_of(year_month_day{sys_days{d} + std::chrono::days{7}});
        case Interval::Day:
            break;
    }
    return key_of(year_month_day{sys_days{d} + std::chrono::days{1}});
}

std::uint32_t DateBuckets::last_day(std::uint32_t start) const {
    return key_of(year_month_day{sys_days{ymd_of(next(start))} - std::chrono::days{1}});
}

std::string DateBuckets::label(std::uint32_t start) const {
    const std::string iso = iso_date(start);
    switch (interval) {
        case Interval::Year:
            return iso.substr(0, 4);
        case Interval::Month:
            return iso.substr(0, 7);
        case Interval::Week: {
            // The ISO week-numbering year is that of the week's Thursday.
            const sys_days monday{ymd_of(start)};
            const year_month_day thursday{monday + std::chrono::days{3}};
            const sys_days first_thursday_year{thursday.year() / January / 1};
            const auto week = (sys_days{thursday} - first_thursday_year).count() / 7 + 1;
            char buffer[32];  // room for any int, so no truncation warning
            std::snprintf(buffer, sizeof buffer, "%04d-W%02d", static_cast<int>(thursday.year()),
                          static_cast<int>(week));
            return buffer;
        }
        case Interval::Day:
            break;
    }
    return iso;
}

std::string iso_date(std::uint32_t date) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04u-%02u-%02u", date / 10000, date / 100 % 100,
                  date % 100);
    return buffer;
}

std::uint32_t first_day_of(std::string_view text) {
    if (text.size() != 4 && text.size() != 7 && text.size() != 10) return 0;
    const std::uint32_t key = match::DocTable::date_key(text);
    if (key == 0) return 0;
    const unsigned month = key / 100 % 100, day = key % 100;
    if (text.size() >= 7 && (month < 1 || month > 12)) return 0;
    if (text.size() == 10 && !ymd_of(key).ok()) return 0;
    if (text.size() == 10 && day == 0) return 0;
    return key_of(ymd_of(key));
}

std::uint32_t last_day_of(std::string_view text) {
    const std::uint32_t first = first_day_of(text);
    if (first == 0) return 0;
    const Interval width = text.size() == 4   ? Interval::Year
                           : text.size() == 7 ? Interval::Month
                                              : Interval::Day;
    return DateBuckets{width}.last_day(first);
}

}  // namespace parley::views
