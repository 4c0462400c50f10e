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

/// The one date parser of every reader (HTML, feeds, JSON Lines, Markdown, text) and of
/// date filters. Reads:
///  - ISO 8601 dates and datetimes: "2024-12-04", "2024-12-04T09:30:00+01:00", "2024-12",
///    "2024";
///  - RFC 822/1123 as in RSS and mail headers: "Wed, 04 Dec 2024 09:30:00 GMT", also with
///    a two-digit year ("4 Dec 24": 00-49 are 2000-2049, 50-99 are 1950-1999);
///  - numbers with one separator, optionally followed by a time: year first with any of
///    "/", "." or "-" ("2024/12/04", "2024.12.04"); year last with "." or "-" day first,
///    as Europe writes them ("04.12.2024" is 4 December), with "/" month first, as the US
///    writes them ("12/04/2024" is 4 December) unless the first number is over 12
///    ("25/12/2024"). The order of day and month in "04/05/2024" cannot be told from the
///    text: it is read the US way, 5 April;
///  - English month names, full or abbreviated ("December 4, 2024", "4 Dec. 2024",
///    "Dec 4th, 2024", "Dec 2024"), and French, German and Spanish month names, full,
///    abbreviated or without accents ("4 décembre 2024", "4 déc. 2024", "4. Dezember 2024",
///    "4. Dez. 2024", "4 de diciembre de 2024", "4 aout 2024"), in any case; a day of the
///    week (English, French, German or Spanish),
///    a time ("9:30", "9:30 a.m.", "10pm", "14.30", "10h00") and a zone may be written beside
///    them: an offset, or after a time a zone's abbreviation in capitals ("CET", "BST",
///    "UTC+1").
/// The date is taken as written, not moved to UTC. A whole date (day, month and a four-digit
/// year) opening the text is read whatever follows it, in every form: what is written after
/// a date takes more forms than are listed here ("2024-12-04 09:30:00 +0000 UTC",
/// "December 4, 2024 at 10:00 EST", "4 December 2024, updated 5 December", "04.12.2024,
/// aktualisiert 05.12.2024"). nullopt if not a plausible date (years 1000-2999, real month
/// lengths), or if other text comes before the date, inside it, or after a month or year
/// alone ("December 2024, updated") or a two-digit year ("4 Dec 24 updated").
std::optional<PartialDate> parse_date(std::string_view text);

/// Why parse_date() cannot read `text`, for a message that quotes it: "February 2023 has 28
/// days, not 29", "there is no month 13", "the year 999 is not from 1000 to 2999", else "not
/// a date Parley reads (use YYYY-MM-DD)"; empty when it can.
std::string date_problem(std::string_view text);

/// A date bound as a user types it (parley-analyze --from/--to, the HTTP API's from and
/// to): "'TEXT' is not a date: WHY", or with the forms to use when it is no date at all;
/// empty when parse_date() reads it.
std::string bound_problem(std::string_view text);

/// What is wrong with a date range typed as NAME VALUE pairs (`--from`, `--to`; `from`,
/// `to`): the first end that is not a date ("--to 'soon' is not a date (use ...)"), else a
/// `to` that ends before `from` begins; `option` names the end at fault. nullopt when the
/// range is good (either end may be empty).
struct RangeProblem {
    std::string option;
    std::string message;
};
std::optional<RangeProblem> range_problem(std::string_view from_name, std::string_view from,
                                          std::string_view to_name, std::string_view to);

/// The date filter ("date:2024-12-01..2024-12-31") of a range whose ends are given as a
/// user types them (parley-search --from/--to, GET /search's from and to); either may be
/// empty (an open end), a partial date covers its whole period ("2024-12" to 31 December).
/// Empty when both are. Check each end with bound_problem() first: one that is not a date
/// is left open here.
std::string date_range_filter(std::string_view from, std::string_view to);

/// An HTTP date ("Wed, 04 Dec 2024 09:30:00 GMT", RFC 9110: always UTC) as seconds since
/// 1970-01-01T00:00:00Z: the date as parse_date() reads it and the time of day written in
/// it (midnight when none is); nullopt if parse_date() cannot read a full date.
std::optional<long long> http_date_seconds(std::string_view text);

/// Whether `word` is a month's name (as parse_date() reads them: English full or from three
/// letters, French, German and Spanish full or abbreviated) or a day of the week (English,
/// French, German, Spanish): for text that runs on into a date, such as a byline.
bool is_date_word(std::string_view word);

}  // namespace parley::util
