#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/article.hpp"
#include "parley/ingest_report.hpp"
#include "schema/paragraph_record.hpp"
#include "tagger/tagger.hpp"

namespace parley::writer {

/// An article turned into Xapian documents, ready for the writer thread.
struct PreparedArticle {
    std::string id;
    std::string language;
    std::string year;                      ///< publication year, empty if undated (picks the shard)
    std::string content_fingerprint;       ///< see content_fingerprint()
    std::optional<std::uint64_t> simhash;  ///< of the text; none when too short
    std::vector<std::string> paragraph_keys;  ///< normalised-text hash per paragraph (hex)
    std::string article_record;               ///< encoded schema::ArticleRecord
    /// Folded words and their counts, for the spelling table ("did you mean", completion).
    std::map<std::string, unsigned> spellings;
    /// Documents without their near-duplicate group: the writer sets it (ShardWriter::apply)
    /// once it has looked for copies in the index.
    std::vector<Xapian::Document> paragraphs;
    std::vector<IngestProblem> problems;  ///< warnings, or the reason it was skipped
    bool skipped = false;
    /// Replaces a version written earlier in this run, which counted it: see ArticleKey.
    bool again = false;
    /// Set by the writer when the earlier version was taken out of another year shard.
    bool moved_from_earlier = false;
};

/// A fingerprint of everything an article was read with (16 hex digits). Equal
/// fingerprints mean re-indexing the article would change nothing. Without `with_origin`,
/// the file it was read from is left out.
std::string content_fingerprint(const Article& article, bool with_origin = true);
/// The fingerprint `article` would have if read from the file `origin`.
std::string content_fingerprint_from(const Article& article, std::string_view origin);

/// Whether a word of a paragraph goes into the spelling table (PreparedArticle::spellings):
/// a word of 3 to 39 bytes without digits. Counting them again from a paragraph's text
/// gives what indexing it added, so that replacing or deleting it takes them out again.
bool is_spelling(const Token& token);

/// What identifies an article as read: its id (derive_article_id) and its content
/// fingerprint. Computed once when the article arrives, then handed along.
struct ArticleKey {
    std::string id;
    std::string fingerprint;  ///< of everything the article was read with, its file too
    std::string text;         ///< of the same but its file: one record read from two files
    /// A later record under an id met before in this run: the earlier one's write counted
    /// the article (new or updated), so this one replacing it is not counted again.
    bool again = false;
};
ArticleKey key_of(const Article& article);

/// Builds the Xapian documents of an article: analysis, tagging, terms, values and data.
/// This is the CPU-heavy half of indexing and runs on analysis threads; one preparer per
/// thread (it owns analyzers), all sharing one immutable Tagger.
class ArticlePreparer {
  public:
    ArticlePreparer(const Tagger& tagger, std::string default_language);

    PreparedArticle prepare(Article article, ArticleKey key);
    PreparedArticle prepare(Article article) {
        ArticleKey key = key_of(article);
        return prepare(std::move(article), std::move(key));
    }

    /// The actors and topics of one paragraph of text in `language` from an article of
    /// `date` (ISO, empty if unknown), as the paragraph alone gives them; the preparer (and
    /// re-tagging) then follow leaders named in the article with tag_article().
    /// `article_leaders`: the leaders the article names, for second mentions by surname;
    /// `article_common_words`: their surnames the article also writes in lower case.
    ParagraphTags tag(const std::string& text, const std::string& language,
                      const std::string& date = {},
                      const std::vector<std::string>* article_leaders = nullptr,
                      const std::vector<std::string>* article_common_words = nullptr);

    /// The article-wide steps of tagging, after each paragraph was tagged alone: leaders
    /// followed by surname across paragraphs, then topics weighed against the article
    /// (weigh_topics_in_article()). Indexing and re-tagging both run them.
    void tag_article(const std::vector<std::string_view>& texts, const std::string& language,
                     const std::string& date, std::vector<ParagraphTags>& tags);

  private:
    Analyzer& analyzer_for(const std::string& language);
    /// Title words, authors, source and year: terms of the article's first paragraph.
    /// `title_stream`: the title's token stream (schema::kTitleStreamSlot).
    std::set<std::string> article_terms(const Article& article, Analyzer& analyzer,
                                        const std::string& year, std::string& title_stream);
    /// A paragraph's document (its words; not the article-wide terms, tags or data), its
    /// record but for the tags, and its tags as the paragraph alone gives them.
    Xapian::Document paragraph_document(const std::string& text, std::size_t number,
                                        const std::string& date, PreparedArticle& out,
                                        std::vector<std::uint64_t>& word_hashes,
                                        schema::ParagraphRecord& record, ParagraphTags& tags);
    void add_words(Xapian::Document& doc, PreparedArticle& out,
                   std::vector<std::uint64_t>& word_hashes);
    /// Tags the paragraph whose analysis is in tokens_.
    ParagraphTags tag_tokens(const std::string& text, const std::string& language,
                             const std::string& date,
                             const std::vector<std::string>* article_leaders = nullptr,
                             const std::vector<std::string>* article_common_words = nullptr);

    const Tagger& tagger_;
    std::string default_language_;
    std::map<std::string, std::unique_ptr<Analyzer>> analyzers_;
    std::vector<Token> tokens_;               // reused between paragraphs
    std::vector<std::string> english_stems_;  // for tagging non-English text
    std::vector<std::string_view> stems_;     // what the tagger reads, per paragraph
    std::vector<std::string_view> stream_;    // the word at each position, for phrases
};

}  // namespace parley::writer
