#pragma once

#include <string>
#include <vector>

#include "parley/export.hpp"

namespace parley {

/// One op-ed as Parley indexes it: article metadata plus its body paragraphs.
/// A plain value type; readers produce it, IndexWriter consumes it.
struct PARLEY_API Article {
    /// Stable identity. Re-adding an article with the same id replaces it.
    /// Default: empty, in which case the writer derives one (url, else a fingerprint of
    /// title, authors and date) — see derive_article_id().
    std::string id;
    std::string title;                    ///< Default: empty ("(untitled)" is shown).
    std::vector<std::string> authors;     ///< Default: none. Display form, e.g. "Sultana Yesmin".
    std::string date;                     ///< ISO date "YYYY-MM-DD"; "YYYY-MM" and "YYYY" accepted.
    std::string source;                   ///< Outlet name. Default: empty.
    std::string url;                      ///< Default: empty.
    std::string language;                 ///< ISO 639-1 code. Default: empty = the index default.
    std::vector<std::string> paragraphs;  ///< Body text, one entry per paragraph, UTF-8.
    /// The file the article was read from, as an absolute path (readers fill it in).
    /// Recorded so that `parley-index --prune` can find articles whose file is gone.
    /// Default: empty (not from a file; never pruned).
    std::string origin;
};

/// The id an article is stored under: its own id if set, else its url, else
/// "fp:" + a 64-bit hex fingerprint of title, authors and date. A pure function:
/// thread-safe, throws nothing (std::bad_alloc aside).
PARLEY_API std::string derive_article_id(const Article& article);

}  // namespace parley
