#include "parley/article.hpp"
#include "util/fingerprint.hpp"

namespace parley {

std::string derive_article_id(const Article& article) {
    if (!article.id.empty()) return article.id;
    if (!article.url.empty()) return article.url;
    // Title, byline and date identify an op-ed and survive corrections to its body.
    std::string key = article.title;
    for (const auto& author : article.authors) key += "\n" + author;
    key += "\n" + article.date;
    return "fp:" + util::hex64(util::fnv1a64(key));
}

}  // namespace parley
