#include "readers/html_byline.hpp"

#include <algorithm>
#include <cctype>

#include "readers/html_noise.hpp"
#include "readers/reader_common.hpp"

namespace parley::readers::html {
namespace {

bool is_byline_element(const GumboNode* n, bool strong) {
    const auto classes = words_of(attr(n, "class"));
    if (strong) return has_word(classes, {"byline", "bylines"});
    return has_word(classes, {"author", "authors"}) ||
           has_word(words_of(attr(n, "rel")), {"author"}) ||
           has_word(words_of(attr(n, "itemprop")), {"author"});
}

bool plausible_name(const std::string& name) {
    if (name.size() > 60) return false;
    if (std::any_of(name.begin(), name.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return false;
    return std::count(name.begin(), name.end(), ' ') < 6;
}

}  // namespace

const GumboNode* find_byline(const GumboNode* article_scope, const GumboNode* root) {
    for (const bool strong : {true, false}) {
        for (const GumboNode* scope : {article_scope, root}) {
            const GumboNode* found = find_first(scope, Scope::Meta, [strong](const GumboNode* n) {
                if (!is_byline_element(n, strong)) return false;
                const std::size_t size = text_of(n, true).size();
                return size >= 3 && size <= 150;
            });
            if (found) return found;
        }
    }
    return nullptr;
}

std::vector<std::string> byline_names(const GumboNode* byline) {
    // Linked names are exact: <a rel="author">, itemprop="author" or "name".
    std::vector<std::string> names;
    auto linked = [&](const GumboNode* n, auto& self) -> void {
        if (!is_element(n)) return;
        if (has_word(words_of(attr(n, "rel")), {"author"}) ||
            has_word(words_of(attr(n, "itemprop")), {"author", "name"})) {
            if (std::string name = text_of(n, true); !name.empty()) names.push_back(name);
            return;
        }
        for_each_child(n, [&](const GumboNode* child) { self(child, self); });
    };
    linked(byline, linked);
    if (names.empty()) {
        std::string text = text_of(byline, true);
        for (const std::string_view sep : {"|", "\u00b7", "\u2022", " \u2014 "}) {
            if (const auto cut = text.find(sep); cut != std::string::npos) text.resize(cut);
        }
        names = split_authors(text);
    }
    std::vector<std::string> out;
    for (auto& name : names) {
        for (auto& n : split_authors(name)) {
            if (plausible_name(n)) out.push_back(std::move(n));
        }
    }
    return out;
}

bool is_byline_text(const std::string& p, const std::vector<std::string>& authors) {
    if (p.size() > 120 || (p.rfind("By ", 0) != 0 && p.rfind("by ", 0) != 0)) return false;
    return std::any_of(authors.begin(), authors.end(),
                       [&](const std::string& a) { return p.find(a) != std::string::npos; });
}

// The names in a "By Jane Doe and John Roe" paragraph, when nothing else names the authors;
// "By the time talks began, ..." is a sentence, not a byline.
std::vector<std::string> names_in_byline_text(const std::string& p) {
    if (p.size() > 100 || p.rfind("By ", 0) != 0) return {};
    std::vector<std::string> names = split_authors(p);
    const bool all_names = std::all_of(names.begin(), names.end(), [](const std::string& n) {
        return plausible_name(n) && std::isupper(static_cast<unsigned char>(n.front())) &&
               std::count(n.begin(), n.end(), ' ') < 4 && n.back() != '.';
    });
    return all_names ? names : std::vector<std::string>{};
}

}  // namespace parley::readers::html
