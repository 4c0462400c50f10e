#pragma once

// What on a web page is not article text: navigation, headers and footers, asides, forms,
// scripts, figures, and blocks whose class or id says ad, share, comment, related and the
// like.

#include <gumbo.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "readers/html_tree.hpp"

namespace parley::readers::html {

/// An attribute value's words, lower case: tokens split at hyphens, underscores and camelCase
/// humps, so "header-ad adSlot" gives header, ad, ad, slot — and "read" or "shadow" stay
/// whole. Taxonomy classes ("category-social-affairs", "tag-ads") name the article's topics,
/// not the element's role, and are passed over when `skip_taxonomy`.
std::vector<std::string> words_of(std::string_view value, bool skip_taxonomy = false);

/// Whether any of `words` is one of `any`.
bool has_word(const std::vector<std::string>& words, std::initializer_list<std::string_view> any);

/// Whether the element's itemprop lists `property` (lower case), as a whole token:
/// "articleBody" is one property, not the words "article" and "body".
bool has_itemprop(const GumboNode* n, std::string_view property);

/// What is being looked for: bylines, headlines and dates live in <header> (and
/// role=banner); article text does not.
enum class Scope { Body, Meta };

/// Whether the element and all it holds are to be passed over when looking for `scope`.
/// With `by_class` false, only by what the element is (its tag, role, hidden state), not
/// by the words of its class and id: a link in a sentence is part of the sentence
/// whatever its class says.
bool is_noise(const GumboNode* n, Scope scope, bool by_class = true);

/// First element under `scope` (itself included), in document order and outside noise, that
/// `pred` accepts; nullptr if none.
template <class Pred>
const GumboNode* find_first(const GumboNode* scope, Scope s, const Pred& pred) {
    if (!scope || !is_element(scope) || is_noise(scope, s)) return nullptr;
    if (pred(scope)) return scope;
    const GumboNode* found = nullptr;
    for_each_child(scope, [&](const GumboNode* child) {
        if (!found) found = find_first(child, s, pred);
    });
    return found;
}

/// First element with `tag` under `root`, outside noise other than <header>.
const GumboNode* find_tag(const GumboNode* root, GumboTag tag);

}  // namespace parley::readers::html
