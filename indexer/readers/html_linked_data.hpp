#pragma once

// JSON-LD: the article's headline, authors, date, URL and publisher as the page states them
// in a NewsArticle (or kin) object.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "readers/html_page_meta.hpp"

namespace parley::readers::html {

struct LinkedData {
    std::string headline, date, url, publisher;
    std::string name;  ///< the article object's name, which some sites set to the title
    std::vector<std::string> authors;
};

/// schema.org's Article or one of the subtypes a page about one piece of writing declares
/// (NewsArticle, BlogPosting, ...), written bare or as a URL ("http://schema.org/BlogPosting").
bool is_article_type_name(std::string_view type);

/// What the first JSON-LD script holding an article object says of it; names given by @id
/// are looked up, HTML-escaped strings decoded. Scripts that are not JSON, or nested deeper
/// than `max_depth`, are passed over: the page still has its meta tags.
LinkedData linked_data(const PageInfo& info, std::size_t max_depth);

}  // namespace parley::readers::html
