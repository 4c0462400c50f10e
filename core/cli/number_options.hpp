#pragma once

#include <boost/program_options.hpp>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace parley::cli {

namespace po = boost::program_options;

/// Reads `text` as a plain decimal number: digits, an optional leading '+', nothing else
/// (no '-', spaces, "10x", "1e3", "0x10"); nullopt if it is not one or past 2^64 - 1.
std::optional<unsigned long long> read_count(const std::string& text);

/// As read_count(), with an optional fraction ("0.5"); never NaN or infinite.
std::optional<double> read_decimal(const std::string& text);

/// The error for a value out of [min, max] or unreadable, naming the option (filled in by
/// Boost as %canonical_option%), the value as typed and the accepted range:
/// "the argument ('-5') for option '--shard-timeout' is invalid: give a whole number of
/// milliseconds from 1 to 600000".
[[noreturn]] void throw_out_of_range(const std::string& text, bool whole, const std::string& min,
                                     const std::string& max, const std::string& unit);

std::string format_limit(double value);

/// A numeric option that accepts only [min, max]: what falls outside, or is no plain
/// number, is refused when read (command line or config file), with the range in the
/// message, before any command runs.
template <class T>
class RangedNumber : public po::typed_value<T> {
    // Counts are unsigned: a '-' is refused, never wrapped round to a huge count.
    static_assert(std::is_floating_point_v<T> || std::is_unsigned_v<T>);

  public:
    RangedNumber(T* target, T min, T max, std::string unit)
        : po::typed_value<T>(target), min_(min), max_(max), unit_(std::move(unit)) {}

    void xparse(boost::any& store, const std::vector<std::string>& tokens) const override {
        po::validators::check_first_occurrence(store);
        const std::string& text = po::validators::get_single_string(tokens);
        if constexpr (std::is_integral_v<T>) {
            const auto value = read_count(text);
            if (!value || *value < static_cast<unsigned long long>(min_) ||
                *value > static_cast<unsigned long long>(max_))
                throw_out_of_range(text, true, std::to_string(min_), std::to_string(max_), unit_);
            store = static_cast<T>(*value);
        } else {
            const auto value = read_decimal(text);
            if (!value || *value < min_ || *value > max_)
                throw_out_of_range(text, false, format_limit(min_), format_limit(max_), unit_);
            store = static_cast<T>(*value);
        }
    }

  private:
    T min_;
    T max_;
    std::string unit_;
};

/// po::value<T>(target) that accepts only min..max (`unit`, e.g. "seconds", goes in the
/// message). Chain ->default_value() on it as on po::value.
template <class T>
po::typed_value<T>* number(T* target, T min = 0, T max = std::numeric_limits<T>::max(),
                           std::string unit = "") {
    return new RangedNumber<T>(target, min, max, std::move(unit));
}

}  // namespace parley::cli
