#include "readers/reader_common.hpp"

#include <algorithm>
#include <filesystem>

#include "util/dates.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

bool is_blank(std::string_view line) { return trim(line).empty(); }

}  // namespace

std::vector<std::string> split_authors(std::string_view byline) {
    std::string text(trim(byline));
    // "By", and its French, Spanish and Portuguese forms.
    for (const std::string_view by : {"By ", "by ", "BY ", "Par ", "par ", "Por ", "por "}) {
        if (text.rfind(by, 0) == 0) {
            text.erase(0, by.size());
            break;
        }
    }
    // Turn every separator into ';' then split.
    for (const std::string_view sep : {" and ", " & ", ",", " et ", " und ", " y "}) {
        for (std::size_t at = text.find(sep); at != std::string::npos; at = text.find(sep, at)) {
            text.replace(at, sep.size(), ";");
        }
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

bool check_text(std::string_view content, const Origin& origin, IngestReport& report,
                std::size_t base_byte) {
    if (const auto nul = content.find('\0'); nul != std::string_view::npos) {
        report.skip(
            origin.source, origin.line ? origin.line : 0, "binary file",
            "contains a NUL byte at byte " + std::to_string(base_byte + nul) + "; not text");
        return false;
    }
    if (const auto bad = util::first_invalid_utf8(content)) {
        const std::size_t line = (origin.line ? origin.line : 1) + util::line_of(content, *bad) - 1;
        report.skip(origin.source, line, "invalid UTF-8",
                    "malformed UTF-8 sequence at byte " + std::to_string(base_byte + *bad) +
                        " (convert the file to UTF-8)",
                    base_byte + *bad);
        return false;
    }
    return true;
}

std::string normalise_line_ends(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r') {
            out += text[i];
        } else {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        }
    }
    return out;
}

std::string_view strip_bom(std::string_view content) {
    if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.remove_prefix(3);
    return content;
}

namespace {

// The first of `limits` the article is past, as "what ... (limit 'name')", or "".
std::string first_limit_passed(const Article& a, const InputLimits& limits) {
    const auto over = [](const std::string& what, std::size_t n, std::size_t limit,
                         const char* unit, const char* name) {
        return what + " has " + std::to_string(n) + unit + ", over the limit of " +
               std::to_string(limit) + " (limit '" + name + "')";
    };
    const std::pair<const char*, const std::string*> fields[] = {
        {"id", &a.id},         {"title", &a.title}, {"date", &a.date},
        {"source", &a.source}, {"url", &a.url},     {"language", &a.language}};
    for (const auto& [name, value] : fields) {
        if (value->size() > limits.field_bytes)
            return over(std::string("field '") + name + "'", value->size(), limits.field_bytes,
                        " bytes", "field-bytes");
    }
    if (a.authors.size() > limits.authors)
        return over("the author list", a.authors.size(), limits.authors, " names", "authors");
    for (std::size_t i = 0; i < a.authors.size(); ++i) {
        if (a.authors[i].size() > limits.field_bytes)
            return over("author " + std::to_string(i + 1), a.authors[i].size(), limits.field_bytes,
                        " bytes", "field-bytes");
    }
    if (a.paragraphs.size() > limits.paragraphs)
        return over("the article", a.paragraphs.size(), limits.paragraphs, " paragraphs",
                    "paragraphs");
    std::size_t total = 0;
    for (std::size_t i = 0; i < a.paragraphs.size(); ++i) {
        const std::size_t n = a.paragraphs[i].size();
        if (n > limits.paragraph_bytes)
            return over("paragraph " + std::to_string(i + 1), n, limits.paragraph_bytes, " bytes",
                        "paragraph-bytes");
        total += n;
    }
    if (total > limits.article_bytes)
        return over("the article's text", total, limits.article_bytes, " bytes", "article-bytes");
    return {};
}

}  // namespace

void deliver(Article&& article, const Origin& origin, const ArticleSink& sink, IngestReport& report,
             const InputLimits& limits) {
    // Before any copying: a hostile article costs no more than reading it did.
    if (std::string why = first_limit_passed(article, limits); !why.empty()) {
        report.skip(origin.source, origin.line, "over a limit", std::move(why));
        return;
    }
    article.title = collapse_spaces(article.title);
    article.source = collapse_spaces(article.source);
    article.url = std::string(trim(article.url));
    article.id = std::string(trim(article.id));
    for (auto& author : article.authors) author = collapse_spaces(author);
    std::erase_if(article.authors, [](const std::string& a) { return a.empty(); });
    for (auto& p : article.paragraphs) p = std::string(trim(p));
    std::erase_if(article.paragraphs, [](const std::string& p) { return p.empty(); });

    if (article.paragraphs.empty()) {
        report.skip(origin.source, origin.line, "empty article",
                    article.title.empty() ? "no text" : "'" + article.title + "' has no text");
        return;
    }
    if (!article.date.empty()) {
        if (auto date = util::parse_date(article.date)) {
            article.date = date->iso();
        } else {
            report.warn(
                origin.source, origin.line, "unreadable date",
                "'" + article.date + "' is not a date (use YYYY-MM-DD); indexed without one");
            article.date.clear();
        }
    }
    if (article.title.empty()) {
        report.warn(origin.source, origin.line, "no title", "indexed as untitled");
    }
    if (article.origin.empty() && origin.source != "<stdin>") {
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(origin.source, ec);
        article.origin = ec ? origin.source : absolute.lexically_normal().string();
    }
    ++report.articles_read;
    sink(std::move(article));
}

}  // namespace parley::readers
