// The names of timeline intervals and co-occurrence levels (archive_views.hpp), in core so
// that the JSON forms and the views spell them alike.
#include "parley/archive_views.hpp"

namespace parley {

std::optional<Interval> interval_from_name(const std::string& name) {
    if (name == "day") return Interval::Day;
    if (name == "week") return Interval::Week;
    if (name == "month") return Interval::Month;
    if (name == "year") return Interval::Year;
    return std::nullopt;
}

std::string interval_name(Interval interval) {
    switch (interval) {
        case Interval::Day:
            return "day";
        case Interval::Week:
            return "week";
        case Interval::Month:
            return "month";
        case Interval::Year:
            break;
    }
    return "year";
}

std::optional<Level> level_from_name(const std::string& name) {
    if (name == "paragraph") return Level::Paragraph;
    if (name == "article") return Level::Article;
    return std::nullopt;
}

std::string level_name(Level level) { return level == Level::Article ? "article" : "paragraph"; }

}  // namespace parley
