#include "util/dates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <vector>

namespace parley::util {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Where date_problem() wants to hear why checked() refused a date: set only while it
// parses, on its own thread.
thread_local std::string* why_refused = nullptr;

constexpr std::array<const char*, 12> kMonthNames{"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};

std::optional<PartialDate> refused(std::string why) {
    if (why_refused) *why_refused = std::move(why);
    return std::nullopt;
}

std::optional<PartialDate> checked(int y, int m, int d) {
    if (y < 1000 || y > 2999)
        return refused("the year " + std::to_string(y) + " is not from 1000 to 2999");
    if (m < 0 || m > 12) return refused("there is no month " + std::to_string(m));
    if (m == 0 && d != 0) return std::nullopt;
    if (d < 0 || (m > 0 && d > days_in_month(y, m))) {
        return refused(std::string(kMonthNames[static_cast<std::size_t>(m - 1)]) + " " +
                       std::to_string(y) + " has " + std::to_string(days_in_month(y, m)) +
                       " days, not " + std::to_string(d));
    }
    return PartialDate{y, m, d};
}

// Lower case for ASCII and for the capitals of Latin-1 (UTF-8 C3 80 to C3 9E: "DÉCEMBRE",
// "MÄRZ"), the letters of the month and day names read here.
std::string lower_ascii(std::string_view w) {
    std::string lower;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const auto c = static_cast<unsigned char>(w[i]);
        if (c == 0xC3 && i + 1 < w.size()) {
            const auto next = static_cast<unsigned char>(w[i + 1]);
            lower += w[i];
            lower += static_cast<char>(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20
                                                                                    : next);
            ++i;
            continue;
        }
        lower += static_cast<char>(std::tolower(c));
    }
    return lower;
}

// English months by any prefix of three letters or more ("Dec", "Sept", "December");
// French, German and Spanish ones by their full names, as op-eds in those languages date
// themselves, by the abbreviations their pages write ("déc.", "févr.", "Dez.", "Okt.",
// "dic.", "ene.") and by the spellings without accents ("decembre", "fevrier", "aout",
// "Maerz", "Marz").
int month_from_word(std::string_view w) {
    static constexpr std::array<std::string_view, 12> kEnglish{
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    static constexpr std::array<std::array<std::string_view, 3>, 12> kOther{{
        {"janvier", "januar", "enero"},
        {"février", "februar", "febrero"},
        {"mars", "märz", "marzo"},
        {"avril", "april", "abril"},
        {"mai", "mai", "mayo"},
        {"juin", "juni", "junio"},
        {"juillet", "juli", "julio"},
        {"août", "august", "agosto"},
        {"septembre", "september", "septiembre"},
        {"octobre", "oktober", "octubre"},
        {"novembre", "november", "noviembre"},
        {"décembre", "dezember", "diciembre"},
    }};
    // Abbreviations and spellings that are no prefix of an English name.
    static constexpr std::array<std::array<std::string_view, 4>, 12> kShort{{
        {"janv", "ene", "", ""},
        {"févr", "fév", "fevr", "fevrier"},
        {"mär", "mrz", "maerz", "marz"},
        {"avr", "abr", "", ""},
        {"", "", "", ""},
        {"", "", "", ""},
        {"juil", "", "", ""},
        {"ago", "aout", "", ""},
        {"set", "setiembre", "", ""},
        {"okt", "", "", ""},
        {"", "", "", ""},
        {"déc", "dez", "dic", "decembre"},
    }};
    const std::string lower = lower_ascii(w);
    for (std::size_t i = 0; i < 12; ++i) {
        if (lower.size() >= 3 && kEnglish[i].substr(0, lower.size()) == lower)
            return static_cast<int>(i) + 1;
        for (const std::string_view name : kOther[i]) {
            if (lower == name) return static_cast<int>(i) + 1;
        }
        for (const std::string_view name : kShort[i]) {
            if (!name.empty() && lower == name) return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// A day of the week, abbreviated ("Tue") or whole ("Tuesday"), in English; whole in French,
// German and Spanish ("mercredi", "Mittwoch", "miércoles").
bool is_weekday(std::string_view w) {
    static constexpr std::array<std::string_view, 7> kWeekdays{"mon", "tue", "wed", "thu",
                                                               "fri", "sat", "sun"};
    static constexpr std::array<std::string_view, 22> kOther{
        "lundi",     "mardi",     "mercredi", "jeudi",    "vendredi",   "samedi",
        "dimanche",  "montag",    "dienstag", "mittwoch", "donnerstag", "freitag",
        "samstag",   "sonnabend", "sonntag",  "lunes",    "martes",     "miércoles",
        "miercoles", "jueves",    "viernes",  "domingo"};
    const std::string lower = lower_ascii(w);
    for (const std::string_view d : kOther) {
        if (lower == d) return true;
    }
    if (lower == "sábado" || lower == "sabado") return true;
    if (lower.size() < 3 || lower.size() > 9) return false;
    for (const std::string_view d : kWeekdays) {
        if (lower.compare(0, 3, d) == 0 &&
            (lower.size() == 3 || lower.find("day") != std::string::npos))
            return true;
    }
    return false;
}

bool all_digits(std::string_view s);

// A time of day as news pages write it beside a date: "10:00", "10:00:00", "9.30" (the
// Guardian's "14.30 GMT"), "10h00", "9h" (French), with "am"/"pm" run on ("9:30am").
bool is_time_word(std::string_view w) {
    std::string lower = lower_ascii(w);
    if (lower.size() > 2 && (lower.ends_with("am") || lower.ends_with("pm"))) {
        lower.resize(lower.size() - 2);
        if (lower.size() <= 2 && all_digits(lower)) return true;  // 9am, 10pm
    }
    if (w.find(':') != std::string_view::npos) return true;  // 10:00:00, GMT+01:00
    const auto mark = lower.find_first_of(".h");
    if (mark == std::string::npos || mark == 0 || mark > 2) return false;
    const std::string_view hours = std::string_view(lower).substr(0, mark),
                           minutes = std::string_view(lower).substr(mark + 1);
    if (!all_digits(hours)) return false;
    if (lower[mark] == 'h' && minutes.empty()) return true;  // 9h
    return minutes.size() == 2 && all_digits(minutes);
}

// A day written as an ordinal: "4th", "21st", "2nd", "3rd", French "1er".
bool is_ordinal_day(std::string_view w) {
    if (w.size() < 3 || w.size() > 4 || !all_digits(w.substr(0, w.size() - 2))) return false;
    const std::string suffix = lower_ascii(w.substr(w.size() - 2));
    return suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" || suffix == "er";
}

// A time zone's abbreviation written after the time, as feeds and pages name zones beyond
// RFC 822's few: "CET", "CEST", "BST", "IST", "AEDT", "MSK", "ET", also with an offset
// ("UTC+1", "GMT-05"). In capitals, so that no word of a sentence passes for one.
bool is_zone_word(std::string_view w) {
    std::size_t letters = 0;
    while (letters < w.size() && w[letters] >= 'A' && w[letters] <= 'Z') ++letters;
    if (letters == 0 || letters > 5) return false;
    const std::string_view offset = w.substr(letters);
    if (offset.empty()) return true;
    return (offset[0] == '+' || offset[0] == '-') && offset.size() >= 2 && offset.size() <= 5 &&
           all_digits(offset.substr(1));
}

// Words a written date carries besides day, month and year: the day of the week (RFC 822
// "Tue,"), the time and its zone, and the joining words of "4 de diciembre de 2024".
bool is_ignorable_word(std::string_view w) {
    static constexpr std::array<std::string_view, 14> kOther{"gmt", "ut",  "utc", "z",   "est",
                                                             "edt", "cst", "cdt", "mst", "mdt",
                                                             "pst", "pdt", "am",  "pm"};
    const std::string lower = lower_ascii(w);
    if ((w[0] == '+' || w[0] == '-') && w.size() == 5) return true;  // +0100
    if (lower == "de" || lower == "del" || lower == "le") return true;
    // What joins a date to its time: "March 5, 2024 at 10:00", Drupal's "2024 - 10:00".
    if (lower == "at" || lower == "-" || lower == "|" || lower == "@" || lower == "\u2013")
        return true;
    // ... and in French, German and Spanish: "5 mars 2024 à 10h00", "5. März 2024 um 10:00
    // Uhr", "5 de marzo de 2024 a las 10:00".
    if (lower == "\u00e0" || lower == "um" || lower == "uhr" || lower == "a" || lower == "las")
        return true;
    if (is_time_word(w)) return true;
    for (const std::string_view z : kOther) {
        if (lower == z) return true;
    }
    return is_weekday(w);
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

// RFC 822 years of two digits, as RFC 2822 reads them: 00-49 are 2000-2049.
int four_digit_year(int yy) { return yy < 50 ? 2000 + yy : 1900 + yy; }

std::optional<PartialDate> parse_iso(std::string_view s) {
    // ISO 8601's basic form, YYYYMMDD, optionally followed by 'T' and a time (20240305T1000Z).
    if (s.size() >= 8 && all_digits(s.substr(0, 8)) && (s.size() == 8 || s[8] == 'T'))
        return checked(to_int(s.substr(0, 4)), to_int(s.substr(4, 2)), to_int(s.substr(6, 2)));
    // YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by 'T' or ' ' and a time.
    if (const auto t = s.find_first_of("T ,;\t"); t != std::string_view::npos && t >= 10)
        s = s.substr(0, t);
    if (s.size() == 4 && all_digits(s)) return checked(to_int(s), 0, 0);
    if (s.size() == 7 && s[4] == '-' && all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 2)))
        return checked(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), 0);
    if (s.size() == 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4)) &&
        all_digits(s.substr(5, 2)) && all_digits(s.substr(8, 2)))
        return checked(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2)));
    return std::nullopt;
}

// Three numbers joined by one separator, optionally followed by a time: 2024/12/04,
// 2024.12.04, 04.12.2024, 04-12-2024, 12/04/2024.
std::optional<PartialDate> parse_numeric(std::string_view s) {
    // A time or any other text may follow the whole date, as after an ISO date
    // ("3/5/2024 10:00 AM", "04.12.2024, updated 05.12.2024").
    if (const auto end = s.find_first_of(" ,;\t"); end != std::string_view::npos) {
        s = s.substr(0, end);
    }
    const auto first = s.find_first_of("/.-");
    if (first == std::string_view::npos) return std::nullopt;
    const char sep = s[first];
    const auto second = s.find(sep, first + 1);
    if (second == std::string_view::npos || s.find(sep, second + 1) != std::string_view::npos)
        return std::nullopt;
    const std::string_view a = s.substr(0, first), b = s.substr(first + 1, second - first - 1),
                           c = s.substr(second + 1);
    if (!all_digits(a) || !all_digits(b) || !all_digits(c) || b.size() > 2) return std::nullopt;
    if (a.size() == 4 && c.size() <= 2) return checked(to_int(a), to_int(b), to_int(c));
    if (c.size() != 4 || a.size() > 2) return std::nullopt;
    const int x = to_int(a), y = to_int(b);
    // Dots and hyphens: day first, as Europe writes them. Slashes: month first, as the US
    // writes them, unless the first number cannot be a month (25/12/2024).
    if (sep != '/' || x > 12) return checked(to_int(c), y, x);
    return checked(to_int(c), x, y);
}

std::optional<PartialDate> parse_words(std::string_view s) {
    // "February 4, 2022", "4 February 2022", "Feb 2022", "Tue, 5 Mar 2024 10:00:00 GMT",
    // "4. Dezember 2024", "4 de diciembre de 2024".
    std::vector<std::string_view> words;
    const auto digit_at = [&](std::size_t k) {
        return k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]));
    };
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '\t')) ++i;
        if (i < s.size() && s[i] == '(') {  // an RFC 822 comment: "+0100 (CET)"
            i = std::min(s.find(')', i), s.size());
            ++i;
            continue;
        }
        // "9:30 a.m.", "p.m.": AP style's am and pm.
        if (i + 2 < s.size() && (s[i] == 'a' || s[i] == 'p') && s[i + 1] == '.' &&
            s[i + 2] == 'm' &&
            (i + 3 == s.size() || s[i + 3] == '.' || s[i + 3] == ' ' || s[i + 3] == ',')) {
            words.push_back(s[i] == 'a' ? "am" : "pm");
            i += 3;
            continue;
        }
        const std::size_t start = i;
        // A dot between digits is inside a time ("14.30"), not between words.
        while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != '\t' && s[i] != '(' &&
               (s[i] != '.' || (i > start && digit_at(i - 1) && digit_at(i + 1))))
            ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    int y = 0, m = 0, d = 0;
    int small_before = -1, small_after = -1;  // one- or two-digit numbers around the month
    bool after_time = false;                  // a time has been read: a zone may follow
    bool year_after_month = false;            // "December 2024": no form puts the day after these
    // Once day, month and a four-digit year are read, what follows is text beside the date
    // ("December 4, 2024, updated December 5"), as after an ISO date: reading stops there.
    const auto whole = [&] { return y && m && (d || small_before >= 0 || small_after >= 0); };
    for (auto w : words) {
        bool fits = true;
        if (all_digits(w) && w.size() == 4) {
            fits = !y;
            if (fits) y = to_int(w);
            year_after_month = fits && m;
        } else if (all_digits(w) && w.size() <= 2) {
            int& slot = m ? small_after : small_before;
            fits = slot < 0 && !whole() && !year_after_month;
            if (fits) slot = to_int(w);
        } else if (int month = month_from_word(w)) {
            fits = !m;
            if (fits) m = month;
        } else if (is_ordinal_day(w)) {
            fits = !d && !whole();
            if (fits) d = to_int(w.substr(0, w.size() - 2));  // "4th", "21st", "1er"
        } else if (is_ignorable_word(w)) {
            after_time = after_time || is_time_word(w);
        } else {
            fits = after_time && is_zone_word(w);
        }
        if (!fits) {
            if (whole()) break;
            return std::nullopt;
        }
    }
    if (m == 0) return std::nullopt;
    if (y == 0) {
        // RFC 822's "5 Mar 24": day before the month, two-digit year after it.
        if (small_before < 0 || small_after < 0 || d) return std::nullopt;
        return checked(four_digit_year(small_after), m, small_before);
    }
    if (small_before >= 0 && small_after >= 0) return std::nullopt;
    if (small_before >= 0 || small_after >= 0) {
        if (d) return std::nullopt;
        d = small_before >= 0 ? small_before : small_after;
        if (d == 0) return std::nullopt;
    }
    return checked(y, m, d);
}

}  // namespace

bool is_date_word(std::string_view word) { return month_from_word(word) != 0 || is_weekday(word); }

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
    if (auto numeric = parse_numeric(text)) return numeric;
    return parse_words(text);
}

std::string date_problem(std::string_view text) {
    std::string why;
    why_refused = &why;
    const bool read = parse_date(text).has_value();
    why_refused = nullptr;
    if (read) return {};
    return why.empty() ? "not a date Parley reads (use YYYY-MM-DD)" : why;
}

std::string bound_problem(std::string_view text) {
    const std::string why = date_problem(text);
    if (why.empty()) return {};
    const std::string quoted = "'" + std::string(text) + "' is not a date";
    if (why.starts_with("not a date"))
        return quoted +
               " (use YYYY, YYYY-MM, YYYY-MM-DD, or as written: 'December 2024', '4 Dec "
               "2024', '12/04/2024')";
    return quoted + ": " + why;
}

std::optional<RangeProblem> range_problem(std::string_view from_name, std::string_view from,
                                          std::string_view to_name, std::string_view to) {
    for (const auto& [name, value] : {std::pair{from_name, from}, std::pair{to_name, to}}) {
        if (!value.empty() && !parse_date(value))
            return RangeProblem{std::string(name), std::string(name) + " " + bound_problem(value)};
    }
    if (from.empty() || to.empty()) return std::nullopt;
    const auto first = parse_date(from), last = parse_date(to);
    if (last->last_day() >= first->first_day()) return std::nullopt;  // ISO dates sort as text
    return RangeProblem{std::string(to_name), std::string(to_name) + " '" + std::string(to) +
                                                  "' ends before " + std::string(from_name) + " '" +
                                                  std::string(from) + "' begins"};
}

std::string date_range_filter(std::string_view from, std::string_view to) {
    const auto first = from.empty() ? std::nullopt : parse_date(from);
    const auto last = to.empty() ? std::nullopt : parse_date(to);
    if (!first && !last) return {};
    return "date:" + (first ? first->first_day() : std::string()) + ".." +
           (last ? last->last_day() : std::string());
}

namespace {

// The first "H:MM" or "HH:MM[:SS]" in `text`, as seconds into the day (0 when there is
// none); nullopt for an impossible time.
std::optional<long long> time_of_day(std::string_view text) {
    const auto digit = [&](std::size_t i) {
        return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
    };
    const auto number = [&](std::size_t i) { return (text[i] - '0') * 10 + (text[i + 1] - '0'); };
    for (std::size_t colon = text.find(':'); colon != std::string_view::npos;
         colon = text.find(':', colon + 1)) {
        if (colon == 0 || !digit(colon - 1) || !digit(colon + 1) || !digit(colon + 2)) continue;
        const int hours =
            digit(colon - 2) && colon >= 2 ? number(colon - 2) : text[colon - 1] - '0';
        const int minutes = number(colon + 1);
        const bool has_seconds = colon + 3 < text.size() && text[colon + 3] == ':' &&
                                 digit(colon + 4) && digit(colon + 5);
        const int seconds = has_seconds ? number(colon + 4) : 0;
        if (hours > 23 || minutes > 59 || seconds > 60) return std::nullopt;
        return hours * 3600LL + minutes * 60LL + seconds;
    }
    return 0;
}

}  // namespace

std::optional<long long> http_date_seconds(std::string_view text) {
    const auto date = parse_date(text);
    if (!date || date->day == 0) return std::nullopt;
    const auto time = time_of_day(text);
    if (!time) return std::nullopt;
    using namespace std::chrono;
    const sys_days day{year{date->year} / month{static_cast<unsigned>(date->month)} /
                       static_cast<unsigned>(date->day)};
    return day.time_since_epoch().count() * 86400LL + *time;
}

}  // namespace parley::util
