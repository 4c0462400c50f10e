#include "readers/html_page_meta.hpp"

#include <algorithm>

#include "readers/html_noise.hpp"
#include "readers/reader_common.hpp"
#include "util/ascii.hpp"
#include "util/dates.hpp"

namespace parley::readers::html {
namespace {

std::vector<std::string> split_spaces(const std::string& value) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < value.size()) {
        const std::size_t start = value.find_first_not_of(" \t\n\r\f", i);
        if (start == std::string::npos) break;
        i = std::min(value.find_first_of(" \t\n\r\f", start), value.size());
        out.push_back(value.substr(start, i - start));
    }
    return out;
}

}  // namespace

void collect_page_info(const GumboNode* n, PageInfo& info) {
    if (!is_element(n)) return;
    switch (tag_of(n)) {
        case GUMBO_TAG_TITLE:
            if (info.title.empty()) info.title = text_of(n);
            return;
        case GUMBO_TAG_META:
            for (const char* key : {"property", "name", "itemprop"}) {
                const std::string content = collapse_spaces(attr(n, "content"));
                if (content.empty()) continue;
                // RDFa lists several properties in one attribute: "dc:title og:title".
                for (const auto& name : split_spaces(lowered(attr(n, key))))
                    info.meta[name].push_back(content);
            }
            return;
        case GUMBO_TAG_BASE:
            if (info.base.empty()) info.base = attr(n, "href");
            return;
        case GUMBO_TAG_LINK:
            if (has_word(words_of(attr(n, "rel")), {"canonical"}) && !attr(n, "href").empty())
                info.canonical.emplace_back(attr(n, "href"));
            return;
        case GUMBO_TAG_SCRIPT:
            if (lowered(attr(n, "type")).find("ld+json") != std::string::npos) {
                std::string text;
                for_each_child(n, [&](const GumboNode* c) {
                    if (is_text(c)) text += c->v.text.text;
                });
                info.json_ld.push_back(std::move(text));
            }
            return;
        default:
            for_each_child(n, [&](const GumboNode* child) { collect_page_info(child, info); });
    }
}

std::vector<std::string> meta_values(const PageInfo& info,
                                     std::initializer_list<const char*> keys) {
    std::vector<std::string> out;
    for (const char* key : keys) {
        if (auto it = info.meta.find(key); it != info.meta.end())
            out.insert(out.end(), it->second.begin(), it->second.end());
    }
    return out;
}

std::string first_meta(const PageInfo& info, std::initializer_list<const char*> keys) {
    const auto values = meta_values(info, keys);
    return values.empty() ? std::string() : values.front();
}

std::string pick_date(const std::vector<std::string>& values) {
    for (const auto& v : values) {
        if (util::parse_date(v)) return v;
    }
    for (const auto& v : values) {
        if (!v.empty()) return v;
    }
    return {};
}

namespace {

// `value` as an absolute URL: as written when it is one (so ids stay as indexed before),
// else resolved against `base`; empty when it cannot be.
std::string absolute_url(std::string_view value, const std::optional<fetch::Url>& base) {
    value = util::trim_space(value);
    if (value.empty()) return {};
    if (value.find("://") != std::string_view::npos) return std::string(value);
    if (!base) return {};
    const auto url = fetch::resolve_url(*base, value);
    return url ? url->str() : std::string();
}

}  // namespace

std::string pick_url(const std::vector<std::string>& values,
                     const std::optional<fetch::Url>& base) {
    for (const auto& v : values) {
        if (std::string url = absolute_url(v, base); !url.empty()) return url;
    }
    return {};
}

std::optional<fetch::Url> page_base(const PageInfo& info, std::string_view page_url) {
    const std::optional<fetch::Url> page = fetch::parse_url(page_url);
    if (info.base.empty()) return page;
    std::optional<fetch::Url> base =
        page ? fetch::resolve_url(*page, info.base) : fetch::parse_url(info.base);
    return base ? base : page;
}

std::string time_value(const GumboNode* time) {
    const std::string datetime = collapse_spaces(attr(time, "datetime"));
    return datetime.empty() ? text_of(time) : datetime;
}

}  // namespace parley::readers::html
