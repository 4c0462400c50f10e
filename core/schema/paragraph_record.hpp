#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::schema {

/// What a Xapian document's data holds: the original paragraph text (snippets are cut
/// from it) and the article fields a hit shows, so a hit needs one record read.
struct ParagraphRecord {
    std::string article_id;
    std::uint32_t paragraph = 0;  ///< 1-based
    std::uint32_t paragraph_count = 0;
    std::string title;
    std::vector<std::string> authors;
    std::string date;
    std::string source;
    std::string url;
    std::string language;
    std::string text;

    std::string encode() const;
    /// Throws IndexIoError for data that is not a record of this schema.
    static ParagraphRecord decode(std::string_view data);
};

}  // namespace parley::schema
