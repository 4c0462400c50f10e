#include "json/bounded_json.hpp"

#include <optional>
#include <set>
#include <vector>

namespace parley::json_forms {
namespace {

// nlohmann's messages start "[json.exception.parse_error.101] parse error at line 1, ...";
// keep what follows "error: " (or the text after the bracketed id).
std::string short_message(const char* what) {
    std::string s = what;
    if (const auto at = s.find("error: "); at != std::string::npos) return s.substr(at + 7);
    if (const auto close = s.find("] "); close != std::string::npos) return s.substr(close + 2);
    return s;
}

// Follows the parser's events to name, by its path, each key an object holds twice.
class DuplicateKeyFinder {
  public:
    explicit DuplicateKeyFinder(std::vector<std::string>& found) : found_(found) {}

    template <typename Json>
    bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, Json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        switch (event) {
            case Event::object_start:
            case Event::array_start:
                open_.push_back({event == Event::object_start,
                                 {},
                                 {},
                                 0,
                                 open_.empty() ? std::string() : child_path(open_.back())});
                break;
            case Event::key: {
                Container& c = open_.back();
                c.key = parsed.template get<std::string>();
                if (!c.keys.insert(c.key).second) found_.push_back(child_path(c));
                break;
            }
            case Event::object_end:
            case Event::array_end:
                open_.pop_back();
                next_element();
                break;
            case Event::value:
                next_element();
                break;
        }
        return true;  // keep every value
    }

  private:
    struct Container {
        bool object = false;
        std::set<std::string> keys;  // an object's keys so far
        std::string key;             // an object's current key
        std::size_t index = 0;       // an array's current element
        std::string path;
    };

    static std::string child_path(const Container& c) {
        if (!c.object) return c.path + "[" + std::to_string(c.index) + "]";
        return c.path.empty() ? c.key : c.path + "." + c.key;
    }
    void next_element() {
        if (!open_.empty() && !open_.back().object) ++open_.back().index;
    }

    std::vector<Container> open_;
    std::vector<std::string>& found_;
};

}  // namespace

std::size_t json_string_end(std::string_view text, std::size_t open) {
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i;
    }
    return text.size();
}

namespace {

// The value of the four hex digits at `at`, or -1.
int hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) return -1;
    int value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        const char c = text[i];
        const int digit = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

}  // namespace

std::vector<std::size_t> lone_surrogate_escapes(std::string_view text) {
    std::vector<std::size_t> lone;
    for (std::size_t i = text.find("\\u"); i != std::string_view::npos && i < text.size();
         i = text.find("\\u", i)) {
        // A backslash after an odd run of them is escaped ("\\\\u00e9" is no escape). Outside
        // strings a backslash is an error the parser reports anyway.
        std::size_t run = 0;
        while (run < i && text[i - 1 - run] == '\\') ++run;
        if (run % 2 == 1) {  // this backslash is itself escaped
            i += 1;
            continue;
        }
        const int unit = hex4(text, i + 2);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int next = text.substr(i + 6, 2) == "\\u" ? hex4(text, i + 8) : -1;
            if (next >= 0xDC00 && next <= 0xDFFF) {
                i += 12;  // a pair
                continue;
            }
            lone.push_back(i);
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            lone.push_back(i);
        }
        i += 6;
    }
    return lone;
}

std::optional<std::size_t> first_too_deep(std::string_view text, std::size_t max_depth) {
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            i = json_string_end(text, i);
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

template <typename Json>
bool parse_bounded_json(std::string_view text, std::size_t max_depth, Json& out,
                        JsonRefusal& refusal, std::vector<std::string>* duplicate_keys,
                        std::vector<std::size_t>* lone_surrogates) {
    // "\ufffd" is as long as the escape it replaces: the bytes of errors stay the text's.
    std::string repaired;
    if (const auto lone = lone_surrogate_escapes(text); !lone.empty()) {
        repaired.assign(text);
        for (const std::size_t at : lone) repaired.replace(at, 6, "\\ufffd");
        text = repaired;
        if (lone_surrogates)
            lone_surrogates->insert(lone_surrogates->end(), lone.begin(), lone.end());
    }
    if (const auto at = first_too_deep(text, max_depth)) {
        refusal = {"too deep",
                   "arrays and objects nested deeper than " + std::to_string(max_depth) +
                       " levels (limit 'depth')",
                   *at};
        return false;
    }
    try {
        if (duplicate_keys) {
            std::vector<std::string> found;
            out = Json::parse(text.begin(), text.end(), DuplicateKeyFinder(found));
            duplicate_keys->insert(duplicate_keys->end(), found.begin(), found.end());
        } else {
            out = Json::parse(text.begin(), text.end());
        }
        return true;
    } catch (const nlohmann::json::parse_error& e) {
        refusal = {"malformed JSON", short_message(e.what()), e.byte > 0 ? e.byte - 1 : 0};
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for a double; nlohmann's message quotes all of it.
        refusal = {"number out of range", "a number too large for a double", 0};
    } catch (const nlohmann::json::exception& e) {
        refusal = {"malformed JSON", short_message(e.what()), 0};
    }
    return false;
}

template bool parse_bounded_json(std::string_view, std::size_t, nlohmann::json&, JsonRefusal&,
                                 std::vector<std::string>*, std::vector<std::size_t>*);
template bool parse_bounded_json(std::string_view, std::size_t, nlohmann::ordered_json&,
                                 JsonRefusal&, std::vector<std::string>*,
                                 std::vector<std::size_t>*);

}  // namespace parley::json_forms
