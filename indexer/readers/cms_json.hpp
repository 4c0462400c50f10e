#pragma once

// Content systems' JSON read as articles without a conversion script: WordPress REST API
// posts ({"title": {"rendered": ...}}, HTML content, a numeric author), records with a CMS's
// field names (headline, content, link, byline), HTML in a text field, and JSON Feed.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/json_forms.hpp"

namespace parley::readers {

/// What a file's records have said already: a note that every record of a CMS export would
/// give (a WordPress author id) is said once per file.
struct CmsNotes {
    bool author_id_said = false;
};

/// Whether `text` holds HTML: an opening or closing tag of a common element (<p>, <br>,
/// <h2>, <li>, <a ...>). "a < b" or "<3" is no tag.
bool holds_html_markup(std::string_view text);

/// `record` in the article form json_forms::article_from_json() reads, or nullopt when it is
/// read as it is:
/// - a {"rendered": ...} object is its rendered value (HTML text; a title's tags dropped and
///   entities decoded);
/// - HTML in "body" or "text" is read as the web page reader reads HTML paragraphs;
/// - a record with no "paragraphs", "body" or "text" field takes its text from
///   "content_html", "body_html", "html" (Ghost), "content", "post_content" (WP-CLI),
///   "article", "content_text", "plaintext", else "excerpt", "post_excerpt" or "summary",
///   and reads a CMS's names of the other fields where Parley's are missing: "headline" or
///   "post_title" as title, "link" or "permalink" as url, "outlet" or "site" as source,
///   "byline" as author, "published", "published_at", "date_published", "pubDate",
///   "post_date" or "date_gmt" (UTC) as date, "ID" as id (only in such a record, which was
///   skipped before: a record read before keeps its identity);
/// - a numeric "author" (a WordPress user id) is the names under _embedded.author, else left
///   out with one note per file (`once`);
/// - a WordPress post's numeric id is its guid (else its link): post 12 of two sites is
///   two articles.
/// Notes (converted, left out) are added to `notes`. Throws LimitPassed for HTML nested deeper
/// than `max_depth`, and json_forms::ArticleFieldError for a CMS text field that is neither
/// text nor a list (a rich-text tree): the record is skipped, naming it.
std::optional<nlohmann::json> cms_to_article_form(const nlohmann::json& record,
                                                  std::size_t max_depth,
                                                  std::vector<json_forms::ArticleFieldNote>& notes,
                                                  CmsNotes& once);

/// Whether `value` is a JSON Feed (https://jsonfeed.org): an object whose "version" is a
/// jsonfeed.org version address.
bool is_json_feed(const nlohmann::json& value);

/// Whether `text` (a file's content) is a JSON Feed, by a look at its text rather than a
/// parse: an object naming a jsonfeed.org version.
bool text_is_json_feed(std::string_view text);

/// Why JSON Feed `feed` has no items to read ("'items' is an object, not a list"), or empty
/// when its "items" is a list (perhaps empty, as a feed's may be).
std::string json_feed_problem(const nlohmann::json& feed);

/// The items of JSON Feed `feed` in the article form, each with what the feed gives them
/// (its title as source, its language and authors where the item has none): id, url,
/// title, content_html (HTML paragraphs) else content_text else summary, date_published
/// else date_modified, authors (1.1) or author (1.0) names, language. Relative links are
/// read against the feed's home_page_url (else feed_url), and an id that is no address ("2")
/// becomes "FEED_URL#2" (else HOME_PAGE_URL#2): item 2 of two feeds is two articles. An item that
/// is no object is passed on as it is, to be said.
std::vector<nlohmann::json> json_feed_items(const nlohmann::json& feed);

}  // namespace parley::readers
