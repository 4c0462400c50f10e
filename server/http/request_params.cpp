#include "http/request_params.hpp"

#include <algorithm>
#include <charconv>

#include "http/api_error.hpp"
#include "util/utf8.hpp"

namespace parley::server {
namespace {

std::string list(std::initializer_list<std::string_view> names) {
    std::string out;
    for (const auto name : names) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

// Echoed values are cut short: an error message should not repeat a 2,000-character query.
std::string shown(const std::string& value) {
    constexpr std::size_t kMaxShown = 60;
    if (util::count_chars(value) <= kMaxShown) return "'" + value + "'";
    return "'" + value.substr(0, util::advance_chars(value, 0, kMaxShown)) + "…'";
}

}  // namespace

QueryParams::QueryParams(const httplib::Request& request,
                         std::initializer_list<std::string_view> allowed)
    : request_(request) {
    for (const auto& [name, value] : request.params) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            const std::string known = allowed.size() == 0 ? "this endpoint takes no parameters"
                                                          : "known parameters: " + list(allowed);
            throw ApiError(400, "unknown parameter '" + name + "' (" + known + ")");
        }
        if (util::first_invalid_utf8(value)) {
            throw ApiError(400, "parameter '" + name + "' is not valid UTF-8 (percent-encode " +
                                    "the UTF-8 bytes of the text)");
        }
    }
}

std::optional<std::string> QueryParams::single(const std::string& name) const {
    const auto count = request_.get_param_value_count(name.c_str());
    if (count == 0) return std::nullopt;
    if (count > 1) throw ApiError(400, "parameter '" + name + "' is given more than once");
    return request_.get_param_value(name.c_str());
}

std::vector<std::string> QueryParams::all(const std::string& name) const {
    std::vector<std::string> out;
    const auto range = request_.params.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
    return out;
}

std::string QueryParams::text(const std::string& name, std::size_t max_chars,
                              const std::string& fallback) const {
    auto value = single(name);
    if (!value) return fallback;
    const std::size_t chars = util::count_chars(*value);
    if (chars > max_chars) {
        throw ApiError(400, "parameter '" + name + "' is " + std::to_string(chars) +
                                " characters long; the limit is " + std::to_string(max_chars));
    }
    return *value;
}

std::size_t QueryParams::number(const std::string& name, std::size_t fallback, std::size_t min,
                                std::size_t max) const {
    const auto value = single(name);
    if (!value) return fallback;
    std::size_t n = 0;
    const char* end = value->data() + value->size();
    const auto [at, ec] = std::from_chars(value->data(), end, n);
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    if (value->empty() || ec == std::errc::invalid_argument || at != end) {
        throw ApiError(400, "parameter '" + name + "' must be a whole number from " + range +
                                ", not " + shown(*value));
    }
    if (ec == std::errc::result_out_of_range || n < min || n > max) {
        throw ApiError(400, "parameter '" + name + "' must be from " + range + ", not " + *value);
    }
    return n;
}

std::string QueryParams::choice(const std::string& name, const std::string& fallback,
                                std::initializer_list<std::string_view> choices) const {
    auto value = single(name);
    if (!value) return fallback;
    if (std::find(choices.begin(), choices.end(), *value) == choices.end()) {
        throw ApiError(400, "parameter '" + name + "' must be one of " + list(choices) + ", not " +
                                shown(*value));
    }
    return *value;
}

bool QueryParams::boolean(const std::string& name, bool fallback) const {
    const auto value = single(name);
    if (!value) return fallback;
    if (*value == "true" || *value == "1" || *value == "yes") return true;
    if (*value == "false" || *value == "0" || *value == "no") return false;
    throw ApiError(400, "parameter '" + name + "' must be true or false, not " + shown(*value));
}

}  // namespace parley::server
