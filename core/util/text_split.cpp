#include "util/text_split.hpp"

#include <algorithm>

#include "util/ascii.hpp"

namespace parley::util {
namespace {

std::string_view trim(std::string_view s) { return trim_space(s); }

bool is_blank(std::string_view line) { return trim(line).empty(); }

// The length of the connector opening a clause of co-authors ("with ", "avec ", ...) at the
// start of `rest`; 0 if none does.
std::size_t coauthor_connector(std::string_view rest) {
    for (const std::string_view with : {"with ", "With ", "avec ", "mit ", "con ", "com "})
        if (rest.starts_with(with)) return with.size();
    return 0;
}

}  // namespace

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
    if (from.empty()) return std::string(text);
    std::string out;
    out.reserve(text.size());
    std::size_t done = 0;
    for (std::size_t at = text.find(from); at != std::string_view::npos;
         at = text.find(from, done)) {
        out.append(text.substr(done, at - done)).append(to);
        done = at + from.size();
    }
    out.append(text.substr(done));
    return out;
}

std::vector<std::string> split_authors(std::string_view byline) {
    std::string text(trim(byline));
    // "By", and its French, Spanish and Portuguese forms.
    for (const std::string_view by : {"By ", "by ", "BY ", "Par ", "par ", "Por ", "por "}) {
        if (text.rfind(by, 0) == 0) {
            text.erase(0, by.size());
            break;
        }
    }
    // Co-authors in parentheses, "Martin Untersinger (avec Damien Leloup et Morgane Tual)":
    // the clause's names are authors as the first is, not a name with a bracket in it. One
    // pass, whatever the byline holds: its "(with " becomes a separator, its ")" goes.
    if (const std::size_t last_close = text.rfind(')'); last_close != std::string::npos) {
        std::string read;
        read.reserve(text.size());
        bool in_clause = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == ')' && in_clause) {
                in_clause = false;
                continue;
            }
            const std::size_t connector =
                text[i] == '(' && !in_clause && i < last_close
                    ? coauthor_connector(std::string_view(text).substr(i + 1))
                    : 0;
            if (connector > 0) {
                read += ';';
                i += connector;
                in_clause = true;
                continue;
            }
            read += text[i];
        }
        text = std::move(read);
    }
    // Turn every separator into ';' then split.
    for (const std::string_view sep : {" and ", " & ", ",", " et ", " und ", " y "}) {
        text = replace_all(text, sep, ";");
    }
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        std::string name(trim(std::string_view(text).substr(start, end - start)));
        while (!name.empty() && (name.back() == '*' || name.back() == '+')) name.pop_back();
        if (name.size() >= 3 && name.compare(name.size() - 3, 3, "\u2020") == 0)
            name.resize(name.size() - 3);
        // A social handle after the name: "Jane Doe @janedoe".
        if (const auto at = name.find(" @"); at != std::string::npos) name.resize(at);
        // An address after the name, as mail headers and RSS <author> write it: "Jane Doe
        // <jane@example.org>".
        if (const auto open = name.find('<'); open != std::string::npos &&
                                              name.find('@', open) != std::string::npos &&
                                              name.find('>', open) != std::string::npos)
            name.resize(open);
        // A bracket the separators left open, as in "Jo Ruiz (Reuters, AFP)": the name is
        // what stands outside it.
        const auto opened = name.find('('), closed = name.find(')');
        if (opened != std::string::npos && closed == std::string::npos) {
            name.resize(opened);
        } else if (closed != std::string::npos && opened == std::string::npos) {
            name.erase(closed, 1);
        }
        name = std::string(trim(name));
        if (!name.empty() && name.front() != '@' &&
            std::find(out.begin(), out.end(), name) == out.end())
            out.push_back(name);
        start = end + 1;
    }
    return out;
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

std::vector<std::string> split_paragraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        if (is_blank(line)) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            if (!current.empty()) current += ' ';
            current += trim(line);
        }
        if (end == text.size()) break;
        pos = end + 1;
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

std::vector<std::string> split_extracted_text(std::string_view text) {
    if (text.find("\n\n") != std::string_view::npos ||
        text.find("\n\r\n") != std::string_view::npos)
        return split_paragraphs(text);
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (std::string p = collapse_spaces(text.substr(start, end - start)); !p.empty())
            out.push_back(std::move(p));
        start = end + 1;
    }
    return out;
}

}  // namespace parley::util
