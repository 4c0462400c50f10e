#include "fetch/robots.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "fetch/url.hpp"
#include "util/ascii.hpp"

namespace parley::fetch {
namespace {

// Whether `pattern` ('*' any run, a final '$' the end) matches the start of `path`. The
// two-pointer glob match: no recursion, at most pattern x path steps whatever the stars.
bool matches(std::string_view pattern, std::string_view path) {
    const bool anchored = !pattern.empty() && pattern.back() == '$';
    if (anchored) pattern.remove_suffix(1);
    std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    while (t < path.size()) {
        if (p == pattern.size() && !anchored) return true;  // a prefix is enough
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (p < pattern.size() && pattern[p] == path[t]) {
            ++p;
            ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

}  // namespace

RobotsRules RobotsRules::parse(std::string_view text, std::string_view agent) {
    // The product token: "Parley/0.1 (...)" -> "parley".
    const std::string token = util::ascii_lower(agent.substr(0, agent.find_first_of("/ ")));
    struct Group {
        std::vector<std::string> agents;
        std::vector<Rule> rules;
        double delay = 0;
    };
    std::vector<Group> groups;
    bool in_agents = false;  // consecutive user-agent lines open one group
    // A UTF-8 byte order mark would become part of the first key and lose every rule.
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        line = util::trim_space(line.substr(0, line.find('#')));
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string key = util::ascii_lower(util::trim_space(line.substr(0, colon)));
        const std::string_view value = util::trim_space(line.substr(colon + 1));
        if (key == "user-agent") {
            if (!in_agents) groups.emplace_back();
            groups.back().agents.push_back(util::ascii_lower(value));
            in_agents = true;
            continue;
        }
        in_agents = false;
        if (groups.empty()) continue;  // rules before any user-agent line
        if (key == "allow" || key == "disallow") {
            // "Disallow:" with nothing allows everything: no rule.
            // Compared with paths in the form Url keeps them (RFC 9309, 2.2.2).
            if (!value.empty())
                groups.back().rules.push_back({normalize_percent_encoding(value), key == "allow"});
        } else if (key == "crawl-delay") {
            groups.back().delay = std::max(0.0, std::atof(std::string(value).c_str()));
        }
    }
    // The groups naming our token apply, else the "*" groups: a group of ours with no rules
    // (an empty Disallow) still replaces "*" (RFC 9309, 2.2.1).
    RobotsRules out;
    for (const bool exact : {true, false}) {
        bool matched = false;
        for (const Group& g : groups) {
            const bool ours = std::any_of(g.agents.begin(), g.agents.end(), [&](const auto& a) {
                return exact ? (!token.empty() && a == token) : a == "*";
            });
            if (!ours) continue;
            matched = true;
            out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
            out.crawl_delay_ = std::max(out.crawl_delay_, g.delay);
        }
        if (matched) break;
    }
    return out;
}

bool RobotsRules::allows(std::string_view path) const {
    std::size_t best = 0;
    bool allowed = true;
    for (const Rule& r : rules_) {
        if (!matches(r.pattern, path)) continue;
        const std::size_t length = r.pattern.size();
        if (length > best || (length == best && r.allow)) {
            best = length;
            allowed = r.allow;
        }
    }
    return allowed;
}

}  // namespace parley::fetch
