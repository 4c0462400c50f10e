#pragma once

// Bylines: the element naming the authors, the names in it, and a "By Jane Doe" line written
// as an ordinary paragraph.

#include <gumbo.h>

#include <string>
#include <vector>

namespace parley::readers::html {

/// The element naming the authors: class "byline" first, then class/rel/itemprop "author";
/// in `article_scope` before the rest of the page (`root`), and short (an author box with a
/// biography is not a byline). nullptr if none.
const GumboNode* find_byline(const GumboNode* article_scope, const GumboNode* root);

/// The authors in a byline element: linked names (rel=author, itemprop=author or name) if
/// any, else its text up to a separator such as "|", split into names; implausible names
/// (digits, too long) dropped.
std::vector<std::string> byline_names(const GumboNode* byline);

/// The authors the page's microdata gives its article: each itemprop="author" of an item
/// whose itemtype is an Article or kin (BlogPosting, NewsArticle, ...), by its
/// itemprop="name" or its text, wherever it stands (an <aside> signature included): the page
/// stating who wrote it. Authors of comments and other items are not the article's.
std::vector<std::string> microdata_authors(const GumboNode* root);

/// A short "By ..." paragraph naming one of `authors`.
bool is_byline_text(const std::string& p, const std::vector<std::string>& authors);

/// The names in a "By Jane Doe and John Roe" paragraph, for when nothing else names the
/// authors; none for "By the time talks began, ...", a sentence.
std::vector<std::string> names_in_byline_text(const std::string& p);

}  // namespace parley::readers::html
