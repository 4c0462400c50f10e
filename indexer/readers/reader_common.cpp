#include "readers/reader_common.hpp"

#include <algorithm>
#include <filesystem>

#include "parley/analyzer.hpp"
#include "util/ascii.hpp"
#include "util/dates.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

std::string_view trim(std::string_view s) { return util::trim_space(s); }

}  // namespace

bool check_text(std::string_view content, const Origin& origin, IngestReport& report,
                std::size_t base_byte) {
    if (const auto nul = content.find('\0'); nul != std::string_view::npos) {
        // A record of several lines (a CSV row) names the line the NUL is on.
        const std::size_t line = origin.line ? origin.line + util::line_of(content, nul) - 1 : 0;
        report.skip(
            origin.source, line, "binary file",
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

// Whether `url` can be a page's address: an absolute URL, a path, or a host name with a
// dot ("www.example.org/story", as exports write them without a scheme).
bool looks_like_address(std::string_view url) {
    return url.find("://") != std::string_view::npos || url.front() == '/' ||
           (url.find('.') != std::string_view::npos &&
            url.find_first_of(" \t") == std::string_view::npos);
}

// An export's spelling of "no value".
bool is_placeholder(std::string_view value) {
    static constexpr std::string_view kNone[] = {"-",   "n/a", "na",        "none",  "null",
                                                 "nil", "nan", "undefined", "(none)"};
    const std::string lower = util::ascii_lower(value);
    return std::find(std::begin(kNone), std::end(kNone), lower) != std::end(kNone);
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
    // An export's placeholder ("N/A", "-", "none") in every record made them one article
    // (the url is the id when there is none), each replacing the last without a word.
    if (!article.url.empty() && !looks_like_address(article.url)) {
        report.warn(
            origin.source, origin.line, "field not read",
            "url '" + article.url + "' is no web address (no '://', no dot, not a path): left out");
        article.url.clear();
    }
    article.id = std::string(trim(article.id));
    // The same for an id written as a missing value ("None" from Python, "NaN" from pandas,
    // "null", "N/A"): every record so written became one article.
    if (is_placeholder(article.id)) {
        report.warn(origin.source, origin.line, "field not read",
                    "id '" + article.id + "' stands for no value: left out");
        article.id.clear();
    }
    for (auto& author : article.authors) author = collapse_spaces(author);
    // One name given by two fields (RSS <author> and <dc:creator>, JSON "author" and
    // "authors") is one author.
    std::vector<std::string> authors;
    for (auto& author : article.authors) {
        if (!author.empty() && std::find(authors.begin(), authors.end(), author) == authors.end())
            authors.push_back(std::move(author));
    }
    article.authors = std::move(authors);
    for (auto& p : article.paragraphs) p = std::string(trim(p));
    std::erase_if(article.paragraphs, [](const std::string& p) { return p.empty(); });

    // A headline with no body (a feed of headlines, a JSON export's title-only record) is
    // still an article a user looks for by its words: its title is its one paragraph.
    if (article.paragraphs.empty() && !article.title.empty()) {
        if (!origin.headline_usual)
            report.warn(origin.source, origin.line, "no text",
                        "'" + article.title + "' has no text: indexed by its title alone" +
                            (origin.no_text_why.empty() ? "" : "; " + origin.no_text_why));
        article.paragraphs.push_back(article.title);
    }
    if (article.paragraphs.empty()) {
        report.skip(origin.source, origin.line, "empty article",
                    origin.no_text_why.empty() ? "no title and no text" : origin.no_text_why);
        return;
    }
    // Said here, where the file and line are known (the writer would name the article id).
    if (!article.language.empty() && Analyzer::canonical_language(article.language).empty()) {
        report.warn(origin.source, origin.language_line ? origin.language_line : origin.line,
                    "unknown language",
                    "'" + article.language + "'; analysed as the index's default language");
        article.language.clear();
    }
    if (!article.date.empty()) {
        if (auto date = util::parse_date(article.date)) {
            article.date = date->iso();
        } else {
            report.warn(origin.source, origin.date_line ? origin.date_line : origin.line,
                        "unreadable date",
                        "'" + article.date + "': " + util::date_problem(article.date) +
                            "; indexed without one");
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

std::string primary_language(std::string_view tag) {
    std::string lang = util::ascii_lower(tag.substr(0, tag.find_first_of("-_")));
    const bool letters =
        std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return letters && lang.size() >= 2 && lang.size() <= 3 ? lang : std::string();
}

}  // namespace parley::readers
