#include "util/dates.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace parley::util {
namespace {

constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

std::optional<PartialDate> checked(int y, int m, int d) {
    if (y < 1000 || y > 2999) return std::nullopt;
    if (m < 0 || m > 12 || (m == 0 && d != 0)) return std::nullopt;
    if (d < 0 || (m > 0 && d > days_in_month(y, m))) return std::nullopt;
    return PartialDate{y, m, d};
}

int month_from_word(std::string_view w) {
    if (w.size() < 3) return 0;
    std::string lower;
    for (char c : w) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (lower.compare(0, 3, kMonths[i]) == 0) return static_cast<int>(i) + 1;
    }
    return 0;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

// Digits to a number, saturating: no date field needs more than four digits, and a long
// run of digits must not overflow.
int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) {
        if (v > 99999) return v;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<PartialDate> parse_iso(std::string_view s) {
    // YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by 'T' or ' ' and a time.
    if (const auto t = s.find_first_of("T "); t != std::string_view::npos && t >= 10)
        s = s.substr(0, t);
    if (s.size() == 4 && all_digits(s)) return checked(to_int(s), 0, 0);
    if (s.size() == 7 && s[4] == '-' && all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 2)))
        return checked(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), 0);
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) &&
        all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2)))
        return checked(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2)));
    return std::nullopt;
}

std::optional<PartialDate> parse_words(std::string_view s) {
    // "February 4, 2022", "4 February 2022", "Feb 2022".
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '.')) ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != '.') ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    int y = 0, m = 0, d = 0;
    for (auto w : words) {
        if (all_digits(w) && w.size() == 4) {
            y = to_int(w);
        } else if (all_digits(w) && w.size() <= 2) {
            d = to_int(w);
        } else if (int month = month_from_word(w)) {
            m = month;
        } else if (w.size() > 2 && w.size() <= 4 && all_digits(w.substr(0, w.size() - 2))) {
            d = to_int(w.substr(0, w.size() - 2));  // "4th", "21st"
        } else {
            return std::nullopt;
        }
    }
    if (y == 0 || m == 0) return std::nullopt;
    return checked(y, m, d);
}

}  // namespace

std::string PartialDate::iso() const {
    char buf[16];
    if (month == 0) {
        std::snprintf(buf, sizeof buf, "%04d", year);
    } else if (day == 0) {
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    }
    return buf;
}

std::string PartialDate::first_day() const {
    return PartialDate{year, month ? month : 1, day ? day : 1}.iso();
}

std::string PartialDate::last_day() const {
    const int m = month ? month : 12;
    return PartialDate{year, m, day ? day : days_in_month(year, m)}.iso();
}

std::optional<PartialDate> parse_date(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    if (auto iso = parse_iso(text)) return iso;
    return parse_words(text);
}

}  // namespace parley::util
