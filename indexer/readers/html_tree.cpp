#include "readers/html_tree.hpp"

#include <algorithm>
#include <cctype>

#include "readers/reader_common.hpp"

namespace parley::readers::html {

void OutputDeleter::operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
}

Document parse(std::string_view utf8) {
    return Document(gumbo_parse_with_options(&kGumboDefaultOptions, utf8.data(), utf8.size()));
}

bool is_element(const GumboNode* n) {
    return n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE;
}

bool is_text(const GumboNode* n) {
    return n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
           n->type == GUMBO_NODE_CDATA;
}

GumboTag tag_of(const GumboNode* n) { return is_element(n) ? n->v.element.tag : GUMBO_TAG_LAST; }

std::string_view attr(const GumboNode* n, const char* name) {
    if (!is_element(n)) return {};
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? std::string_view(a->value) : std::string_view();
}

bool contains(const GumboNode* ancestor, const GumboNode* n) {
    for (; n; n = n->parent) {
        if (n == ancestor) return true;
    }
    return false;
}

bool is_heading(GumboTag tag) {
    return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 ||
           tag == GUMBO_TAG_H4 || tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool is_inline(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_A:
        case GUMBO_TAG_ABBR:
        case GUMBO_TAG_ACRONYM:
        case GUMBO_TAG_B:
        case GUMBO_TAG_BDI:
        case GUMBO_TAG_BDO:
        case GUMBO_TAG_BIG:
        case GUMBO_TAG_CITE:
        case GUMBO_TAG_CODE:
        case GUMBO_TAG_DATA:
        case GUMBO_TAG_DEL:
        case GUMBO_TAG_DFN:
        case GUMBO_TAG_EM:
        case GUMBO_TAG_FONT:
        case GUMBO_TAG_I:
        case GUMBO_TAG_IMG:
        case GUMBO_TAG_INS:
        case GUMBO_TAG_KBD:
        case GUMBO_TAG_LABEL:
        case GUMBO_TAG_MARK:
        case GUMBO_TAG_NOBR:
        case GUMBO_TAG_Q:
        case GUMBO_TAG_RUBY:
        case GUMBO_TAG_RB:
        case GUMBO_TAG_RP:
        case GUMBO_TAG_RT:
        case GUMBO_TAG_S:
        case GUMBO_TAG_SAMP:
        case GUMBO_TAG_SMALL:
        case GUMBO_TAG_SPAN:
        case GUMBO_TAG_STRIKE:
        case GUMBO_TAG_STRONG:
        case GUMBO_TAG_SUB:
        case GUMBO_TAG_SUP:
        case GUMBO_TAG_TIME:
        case GUMBO_TAG_TT:
        case GUMBO_TAG_U:
        case GUMBO_TAG_VAR:
        case GUMBO_TAG_WBR:
            return true;
        default:
            return false;
    }
}

void append_text(const GumboNode* n, std::string& out, bool skip_times) {
    if (is_text(n)) {
        out += n->v.text.text;
        return;
    }
    if (!is_element(n) || n->type == GUMBO_NODE_TEMPLATE) return;
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
        (skip_times && tag == GUMBO_TAG_TIME))
        return;
    if (tag == GUMBO_TAG_BR) {
        out += ' ';
        return;
    }
    for_each_child(n, [&](const GumboNode* child) { append_text(child, out, skip_times); });
    if (!is_inline(tag)) out += ' ';
}

std::string text_of(const GumboNode* n, bool skip_times) {
    std::string text;
    append_text(n, text, skip_times);
    return collapse_spaces(text);
}

std::vector<const GumboNode*> children_of(const GumboNode* n) {
    std::vector<const GumboNode*> out;
    for_each_child(n, [&](const GumboNode* child) { out.push_back(child); });
    return out;
}

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && lowered(a) == lowered(b);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool contains_ci(std::string_view text, std::string_view needle) {
    const auto it = std::search(
        text.begin(), text.end(), needle.begin(), needle.end(),
        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != text.end();
}

}  // namespace parley::readers::html
