#include "cli/number_options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace parley::cli {

namespace {

// Index past the optional '+' and the digits from there; `digits` is how many.
std::size_t scan_digits(const std::string& text, std::size_t i, std::size_t& digits) {
    const std::size_t from = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    digits = i - from;
    return i;
}

std::size_t after_plus(const std::string& text) { return !text.empty() && text[0] == '+'; }

}  // namespace

std::optional<unsigned long long> read_count(const std::string& text) {
    const std::size_t from = after_plus(text);
    std::size_t digits = 0;
    if (scan_digits(text, from, digits) != text.size() || digits == 0) return std::nullopt;
    errno = 0;
    const unsigned long long n = std::strtoull(text.c_str() + from, nullptr, 10);
    if (errno == ERANGE) return std::nullopt;
    return n;
}

std::optional<double> read_decimal(const std::string& text) {
    const std::size_t from = after_plus(text);
    std::size_t digits = 0;
    std::size_t i = scan_digits(text, from, digits);
    if (digits == 0) return std::nullopt;
    if (i < text.size() && text[i] == '.') {
        i = scan_digits(text, i + 1, digits);
        if (digits == 0) return std::nullopt;
    }
    if (i != text.size()) return std::nullopt;
    const double value = std::strtod(text.c_str() + from, nullptr);
    if (!std::isfinite(value)) return std::nullopt;
    return value;
}

std::string format_limit(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

void throw_out_of_range(const std::string& text, bool whole, const std::string& min,
                        const std::string& max, const std::string& unit) {
    std::string range = whole ? "a whole number" : "a number";
    if (!unit.empty()) range += " of " + unit;
    range += " from " + min + " to " + max;
    // '%' would start one of Boost's placeholders: the value is quoted without it.
    std::string shown;
    for (char c : text) shown += c == '%' ? '?' : c;
    throw po::error_with_option_name(
        "the argument ('" + shown + "') for option '%canonical_option%' is invalid: give " + range);
}

}  // namespace parley::cli
