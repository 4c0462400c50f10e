#include "readers/html_linked_data.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "json/bounded_json.hpp"
#include "readers/html_reader.hpp"
#include "readers/reader_common.hpp"

namespace parley::readers::html {

bool is_article_type_name(std::string_view type) {
    std::string_view name = type;
    if (const auto cut = name.find_last_of("/:"); cut != std::string_view::npos)
        name.remove_prefix(cut + 1);
    // schema.org's Article and the subtypes a page about one piece of writing declares.
    static constexpr std::array<std::string_view, 18> kTypes{"Article",
                                                             "NewsArticle",
                                                             "AnalysisNewsArticle",
                                                             "AskPublicNewsArticle",
                                                             "BackgroundNewsArticle",
                                                             "OpinionNewsArticle",
                                                             "ReportageNewsArticle",
                                                             "ReviewNewsArticle",
                                                             "Report",
                                                             "SatiricalArticle",
                                                             "ScholarlyArticle",
                                                             "MedicalScholarlyArticle",
                                                             "TechArticle",
                                                             "AdvertiserContentArticle",
                                                             "SocialMediaPosting",
                                                             "BlogPosting",
                                                             "LiveBlogPosting",
                                                             "DiscussionForumPosting"};
    return std::find(kTypes.begin(), kTypes.end(), name) != kTypes.end();
}

namespace {

using json_forms::JsonRefusal;
using json_forms::parse_bounded_json;
using nlohmann::json;
using IdMap = std::map<std::string, const json*>;

// JSON-LD strings are sometimes HTML-escaped ("Trump&#8217;s"). A value of deeply nested
// markup is no headline or name: dropped (the default depth limit; the page's own markup
// was checked against the configured one).
std::string decoded(const std::string& s) {
    if (s.find('&') == std::string::npos) return s;
    try {
        return html_fragment_text(s, InputLimits{}.depth);
    } catch (const LimitPassed&) {
        return {};
    }
}

bool is_article_type(const json& type) {
    if (type.is_array()) return std::any_of(type.begin(), type.end(), is_article_type);
    return type.is_string() && is_article_type_name(type.get<std::string>());
}

void gather_ld(const json& j, std::vector<const json*>& articles, IdMap& ids) {
    if (j.is_array()) {
        for (const auto& item : j) gather_ld(item, articles, ids);
        return;
    }
    if (!j.is_object()) return;
    if (auto id = j.find("@id"); id != j.end() && id->is_string() && j.size() > 1)
        ids.emplace(id->get<std::string>(), &j);
    if (auto type = j.find("@type"); type != j.end() && is_article_type(*type))
        articles.push_back(&j);
    for (const auto& [key, value] : j.items()) {
        if (value.is_structured()) gather_ld(value, articles, ids);
    }
}

// Names from a string, an object with a name, a reference to one by @id, or a list.
void ld_names(const json& v, const IdMap& ids, std::vector<std::string>& out, int depth = 0) {
    if (v.is_string()) {
        out.push_back(decoded(v.get<std::string>()));
    } else if (v.is_array()) {
        for (const auto& item : v) ld_names(item, ids, out, depth);
    } else if (v.is_object()) {
        if (auto name = v.find("name"); name != v.end() && !name->is_object()) {
            ld_names(*name, ids, out, depth);
        } else if (auto id = v.find("@id"); id != v.end() && id->is_string() && depth < 2) {
            if (auto it = ids.find(id->get<std::string>()); it != ids.end())
                ld_names(*it->second, ids, out, depth + 1);
        }
    }
}

std::string ld_string(const json& article, const char* key) {
    auto it = article.find(key);
    if (it == article.end()) return {};
    if (it->is_string()) return decoded(it->get<std::string>());
    if (it->is_object()) {  // mainEntityOfPage: {"@type": "WebPage", "@id": url}
        for (const char* inner : {"@id", "url"}) {
            if (auto v = it->find(inner); v != it->end() && v->is_string())
                return v->get<std::string>();
        }
    }
    return {};
}

// Pages written for XHTML wrap the script in <![CDATA[ ... ]]>, often behind "//" or
// "/* */" so that old parsers skip the markers.
std::string_view without_cdata(std::string_view text) {
    auto trim_view = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
            s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    };
    text = trim_view(text);
    for (const std::string_view open : {"//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["}) {
        if (text.substr(0, open.size()) == open) {
            text.remove_prefix(open.size());
            break;
        }
    }
    text = trim_view(text);
    for (const std::string_view close : {"//]]>", "/*]]>*/", "]]>"}) {
        if (text.size() >= close.size() && text.substr(text.size() - close.size()) == close) {
            text.remove_suffix(close.size());
            break;
        }
    }
    return text;
}

}  // namespace

LinkedData linked_data(const PageInfo& info, std::size_t max_depth) {
    LinkedData out;
    for (const auto& text : info.json_ld) {
        json doc;
        JsonRefusal refusal;
        // Broken (or too deep: gather_ld recurses) JSON-LD: the page still has its meta tags.
        if (!parse_bounded_json(without_cdata(text), max_depth, doc, refusal)) continue;
        std::vector<const json*> articles;
        IdMap ids;
        gather_ld(doc, articles, ids);
        if (articles.empty()) continue;
        const json& a = *articles.front();
        out.headline = ld_string(a, "headline");
        out.name = ld_string(a, "name");
        out.date = ld_string(a, "datePublished");
        out.url = ld_string(a, "url");
        if (out.url.empty()) out.url = ld_string(a, "mainEntityOfPage");
        if (auto author = a.find("author"); author != a.end()) {
            std::vector<std::string> names;
            ld_names(*author, ids, names);
            for (const auto& name : names) {
                for (auto& n : split_authors(name)) out.authors.push_back(std::move(n));
            }
        }
        if (auto publisher = a.find("publisher"); publisher != a.end()) {
            std::vector<std::string> names;
            ld_names(*publisher, ids, names);
            if (!names.empty()) out.publisher = names.front();
        }
        return out;
    }
    return out;
}

}  // namespace parley::readers::html
