#include "readers/html_reader.hpp"

#include <algorithm>

#include "readers/charset.hpp"
#include "readers/html_article_body.hpp"
#include "readers/html_byline.hpp"
#include "readers/html_depth.hpp"
#include "readers/html_linked_data.hpp"
#include "readers/html_noise.hpp"
#include "readers/html_page_meta.hpp"
#include "readers/html_paragraphs.hpp"
#include "readers/html_title.hpp"
#include "readers/html_tree.hpp"
#include "readers/reader_common.hpp"
#include "util/dates.hpp"
#include "util/utf8.hpp"

namespace parley::readers {
namespace {

using namespace html;

// Documentation generators end each heading with a link to itself: "Title¶", "Title #".
std::string without_permalink_mark(std::string title) {
    for (const std::string_view mark : {"\u00b6", "\u00a7", "#"}) {
        if (title.size() > mark.size() && title.ends_with(mark)) {
            title.resize(title.size() - mark.size());
            while (!title.empty() && title.back() == ' ') title.pop_back();
            break;
        }
    }
    return title;
}

const GumboNode* body_of(const GumboOutput& doc) {
    const GumboNode* body = find_tag(doc.root, GUMBO_TAG_BODY);
    return body ? body : doc.root;
}

Article article_from(const GumboOutput& doc, std::size_t max_depth, std::string_view page_url) {
    PageInfo info;
    collect_page_info(doc.root, info);
    const LinkedData ld = linked_data(info, max_depth);
    const GumboNode* body_element = body_of(doc);
    const Body body = find_body(body_element);
    const GumboNode* scope = article_scope_of(body.container);

    Article a;
    std::vector<std::string> headings;
    for (const GumboTag tag : {GUMBO_TAG_H1, GUMBO_TAG_H2}) {
        if (const GumboNode* h = find_tag(scope, tag)) headings.push_back(text_of(h));
    }
    const std::string og_title = first_meta(info, {"og:title"});
    const TitleMatch title_match = match_title(info.title, headings);

    a.source = first_meta(info, {"og:site_name"});
    if (a.source.empty()) a.source = ld.publisher;
    if (a.source.empty()) a.source = title_match.outlet;

    // The title the page declares for itself comes first, then the <title> (the headline
    // when it names one of the page's headings), then the first <h1>.
    a.title = ld.headline;
    // Some sites put a description in the headline and the title in the name: believe
    // the one the page's <title> or og:title repeats.
    if (!ld.name.empty() && ld.name != ld.headline) {
        auto repeats = [&](const std::string& s) {
            return !s.empty() &&
                   (contains_ci(info.title, lowered(s)) || contains_ci(og_title, lowered(s)));
        };
        if (a.title.empty() || (repeats(ld.name) && !repeats(ld.headline))) a.title = ld.name;
    }
    if (a.title.empty()) a.title = first_meta(info, {"dc:title", "dcterm:title", "dc.title"});
    if (a.title.empty()) a.title = strip_outlet(og_title, a.source);
    if (a.title.empty())
        a.title = strip_outlet(first_meta(info, {"twitter:title", "parsely-title"}), a.source);
    if (a.title.empty()) a.title = title_match.headline;
    if (a.title.empty()) a.title = page_title(info.title, a.source);
    if (a.title.empty()) {
        if (const GumboNode* h1 = find_tag(scope, GUMBO_TAG_H1)) a.title = text_of(h1);
    }
    if (a.title.empty()) a.title = strip_outlet(info.title, a.source);
    a.title = without_permalink_mark(a.title);

    const GumboNode* byline = find_byline(scope, body_element);
    a.authors = ld.authors;
    if (a.authors.empty()) {
        for (const auto& v : meta_values(info, {"article:author"})) {
            if (v.find("://") == std::string::npos) {  // often a profile URL, not a name
                for (auto& n : split_authors(v)) a.authors.push_back(std::move(n));
            }
        }
    }
    // The first kind of author tag the page has: Dublin Core's creator is explicit, a
    // generic "author" tag is sometimes the outlet's name or a profile.
    for (const char* key :
         {"dc:creator", "dcterm:creator", "author", "dc.creator", "byl", "parsely-author"}) {
        if (!a.authors.empty()) break;
        for (const auto& v : meta_values(info, {key})) {
            if (iequals(v, a.source)) continue;  // the outlet signing as author
            for (auto& n : split_authors(v)) a.authors.push_back(std::move(n));
        }
    }
    if (a.authors.empty()) a.authors = microdata_authors(doc.root);
    if (a.authors.empty() && byline) a.authors = byline_names(byline);
    // The same name from two JSON-LD objects or two tags is one author.
    for (std::size_t i = 0; i < a.authors.size(); ++i) {
        for (std::size_t k = a.authors.size(); k-- > i + 1;) {
            if (iequals(a.authors[k], a.authors[i]))
                a.authors.erase(a.authors.begin() + static_cast<std::ptrdiff_t>(k));
        }
    }

    std::vector<std::string> dates{ld.date};
    for (const auto& v : meta_values(info, {"article:published_time", "parsely-pub-date"}))
        dates.push_back(v);
    auto is_time = [](const GumboNode* n) { return tag_of(n) == GUMBO_TAG_TIME; };
    if (const GumboNode* t = find_first(scope, Scope::Meta, is_time))
        dates.push_back(time_value(t));
    if (const GumboNode* t = find_first(body_element, Scope::Body, is_time))
        dates.push_back(time_value(t));
    for (const auto& v : meta_values(info, {"date", "dc.date", "dcterms.date", "dc.date.issued",
                                            "datepublished", "pubdate", "publish-date"}))
        dates.push_back(v);
    a.date = pick_date(dates);

    std::vector<std::string> urls = info.canonical;
    for (const auto& v : meta_values(info, {"og:url"})) urls.push_back(v);
    urls.push_back(ld.url);
    // A relative canonical ("/story") names a page of the site it came from: read as written
    // it would be the same id for every site's page of that name.
    a.url = pick_url(urls, page_base(info, page_url));

    a.language = primary_language(attr(doc.root, "lang"));
    if (a.language.empty()) a.language = primary_language(first_meta(info, {"og:locale"}));

    a.paragraphs = collect_paragraphs(body.parts, body.mode, byline);
    // Old pages repeat the headline in bold and write the byline as a paragraph.
    std::erase_if(a.paragraphs, [&](const std::string& p) { return iequals(p, a.title); });
    if (a.authors.empty() && !a.paragraphs.empty())
        a.authors = names_in_byline_text(a.paragraphs.front());
    for (std::size_t i = 0; i < 3 && i < a.paragraphs.size(); ++i) {
        if (is_byline_text(a.paragraphs[i], a.authors)) {
            a.paragraphs.erase(a.paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    return a;
}

// Gumbo and the tree walkers recurse once per level: refuse deeper markup before parsing.
void check_depth(std::string_view html, std::size_t max_depth) {
    if (const auto at = first_html_too_deep(html, max_depth))
        throw LimitPassed{
            "elements nested deeper than " + std::to_string(max_depth) + " levels (limit 'depth')",
            *at};
}

}  // namespace

void read_html(std::string_view bytes, const std::string& source, const ArticleSink& sink,
               IngestReport& report, const InputLimits& limits, std::string_view transport_charset,
               std::string_view page_url) {
    const bool utf16 = bytes.rfind("\xFF\xFE", 0) == 0 || bytes.rfind("\xFE\xFF", 0) == 0;
    if (const auto nul = bytes.find('\0'); !utf16 && nul != std::string_view::npos) {
        report.skip(source, 0, "binary file",
                    "contains a NUL byte at byte " + std::to_string(nul) + "; not text", nul);
        return;
    }
    const DecodedText text =
        decode_to_utf8(bytes, utf16                        ? ""
                              : !transport_charset.empty() ? std::string(transport_charset)
                                                           : prescan_html_charset(bytes));
    if (!text.problem.empty()) {
        const std::size_t line = text.problem_byte ? util::line_of(bytes, *text.problem_byte) : 0;
        report.warn(source, line, text.problem, text.problem_detail, text.problem_byte.value_or(0));
    }
    if (text.text.find('\0') != std::string::npos) {
        report.skip(source, 0, "binary file", "contains a NUL character; not text");
        return;
    }

    try {
        check_depth(text.text, limits.depth);
    } catch (const LimitPassed& e) {
        report.skip(source, util::line_of(text.text, e.byte), "too deep", e.detail,
                    text.converted ? 0 : text.bom + e.byte);
        return;
    }
    const Document doc = parse(text.text);
    Article article = article_from(*doc, limits.depth, page_url);
    if (article.paragraphs.empty()) {
        report.skip(source, 0, "no article body",
                    "found no paragraphs of article text" +
                        (article.title.empty() ? std::string() : " in '" + article.title + "'"));
        return;
    }
    // Gumbo closes whatever is open at the end of the input without complaint, so a cut-off
    // download shows only in the missing end tags.
    const std::string_view tail = std::string_view(text.text).substr(
        text.text.size() - std::min<std::size_t>(text.text.size(), 65536));
    if ((contains_ci(text.text, "<html") || contains_ci(text.text, "<body")) &&
        !contains_ci(tail, "</html") && !contains_ci(tail, "</body")) {
        report.warn(source, util::line_of(text.text, text.text.size()), "truncated HTML",
                    "no closing </body> or </html>: the page is cut short; indexed the text "
                    "before the cut");
    }
    deliver(std::move(article), {source, 1}, sink, report, limits);
}

std::vector<std::string> html_fragment_paragraphs(std::string_view html, std::size_t max_depth) {
    check_depth(html, max_depth);
    const Document doc = parse(html);
    return paragraphs_of(body_of(*doc), Mode::Loose);
}

std::string html_fragment_text(std::string_view html, std::size_t max_depth) {
    check_depth(html, max_depth);
    const Document doc = parse(html);
    return text_of(body_of(*doc));
}

}  // namespace parley::readers
