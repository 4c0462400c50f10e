#include "parley/synonyms.hpp"

#include <map>
#include <optional>
#include <sstream>

#include "parley/error.hpp"
#include "parley/gazetteer.hpp"
#include "util/files.hpp"
#include "util/utf8.hpp"

namespace parley {
namespace {

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return std::string(s.substr(first, last - first + 1));
}

}  // namespace

Synonyms Synonyms::from_file(const std::string& path) {
    std::string why;
    const std::optional<std::string> text = util::read_file(path, why);
    if (!text) throw InputError(path + ": cannot read the synonyms file: " + why);
    return from_text(*text, path);
}

Synonyms Synonyms::from_text(std::string_view text, const std::string& origin) {
    Synonyms out;
    out.origin_ = origin;
    // UTF-16 (what some editors save as "Unicode") is not read line by line as UTF-8: its
    // NUL bytes would make members of stray letters. Said once, for the whole file.
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") ||
        text.find('\0') != std::string_view::npos) {
        out.problems_.push_back(origin +
                                ": the file is UTF-16 or holds NUL bytes, not UTF-8 text (save "
                                "it as UTF-8); no group is read");
        return out;
    }
    std::map<std::string, std::size_t> line_of;  // folded member → line of its group
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        // A '#' opening the line or after a space or tab starts a comment ("truce # 1953");
        // one inside a word ("C#") does not.
        for (std::size_t hash = raw.find('#'); hash != std::string_view::npos;
             hash = raw.find('#', hash + 1)) {
            if (hash == 0 || raw[hash - 1] == ' ' || raw[hash - 1] == '\t') {
                raw = raw.substr(0, hash);
                break;
            }
        }
        const std::string line = trimmed(raw);
        if (line.empty()) continue;
        const std::string where = origin + ":" + std::to_string(line_number) + ": ";
        if (const auto bad = util::first_invalid_utf8(line)) {  // the file is UTF-8
            out.problems_.push_back(where + "byte " + std::to_string(*bad + 1) +
                                    " of the line is not UTF-8 (save the file as UTF-8)");
            continue;
        }
        std::vector<std::string> members;
        std::size_t from = 0;
        bool bad = false;
        while (from <= line.size()) {
            auto comma = line.find(',', from);
            if (comma == std::string::npos) comma = line.size();
            std::string member = trimmed(std::string_view(line).substr(from, comma - from));
            from = comma + 1;
            if (member.empty()) {
                // Once a line: "," or ",,," is one mistake, not a warning per gap.
                const std::string problem =
                    where + "empty member (two commas, or a comma at an end)";
                if (out.problems_.empty() || out.problems_.back() != problem)
                    out.problems_.push_back(problem);
                bad = true;
                continue;
            }
            if (member.find_first_of("\"():*|=>") != std::string::npos) {
                out.problems_.push_back(where + "'" + member +
                                        "': write plain words (no quotes, fields, wildcards, "
                                        "parentheses or arrows)");
                bad = true;
                continue;
            }
            const std::string key = fold_name(member);
            if (key.empty()) {
                out.problems_.push_back(where + "'" + member + "' holds no words");
                bad = true;
                continue;
            }
            if (auto seen = line_of.find(key); seen != line_of.end()) {
                out.problems_.push_back(where + "'" + member +
                                        "' is already in the group on line " +
                                        std::to_string(seen->second) +
                                        " (a word belongs to one group; merge the lines)");
                bad = true;
                continue;
            }
            members.push_back(std::move(member));
        }
        if (bad) continue;
        if (members.size() > kMaxMembers) {
            // Every member is searched with each of the others: a word list pasted as one
            // line made each search of one of its words take most of a minute.
            out.problems_.push_back(where + "a group of " + std::to_string(members.size()) +
                                    " members; at most " + std::to_string(kMaxMembers) +
                                    " (words that mean the same, not a word list)");
            continue;
        }
        if (members.size() < 2) {
            out.problems_.push_back(where +
                                    "a group needs at least two members separated by "
                                    "commas ('drills, exercises')");
            continue;
        }
        for (const auto& m : members) line_of.emplace(fold_name(m), line_number);
        out.groups_.push_back(std::move(members));
        out.lines_.push_back(line_number);
    }
    return out;
}

std::string Synonyms::where(std::size_t i) const {
    return origin_ + ":" + (i < lines_.size() ? std::to_string(lines_[i]) : "?");
}

}  // namespace parley
