#include "writer/article_preparer.hpp"

#include <algorithm>
#include <set>

#include "schema/paragraph_record.hpp"
#include "schema/paragraph_tags.hpp"
#include "schema/schema.hpp"
#include "schema/token_stream.hpp"
#include "util/dates.hpp"
#include "util/fingerprint.hpp"
#include "util/utf8.hpp"
#include "writer/near_duplicates.hpp"

namespace parley::writer {
namespace {

std::optional<std::string> first_invalid_field(const Article& a) {
    auto bad = [](std::string_view s) { return util::first_invalid_utf8(s).has_value(); };
    if (bad(a.id)) return "id";
    if (bad(a.title)) return "title";
    if (bad(a.source)) return "source";
    if (bad(a.url)) return "url";
    for (const auto& author : a.authors) {
        if (bad(author)) return "authors";
    }
    for (std::size_t i = 0; i < a.paragraphs.size(); ++i) {
        if (bad(a.paragraphs[i])) return "paragraph " + std::to_string(i + 1);
    }
    return std::nullopt;
}

}  // namespace

std::string content_fingerprint(const Article& a, bool with_origin) {
    return content_fingerprint_from(a, with_origin ? std::string_view(a.origin) : "");
}

std::string content_fingerprint_from(const Article& a, std::string_view origin) {
    // Fields are separated by a byte that valid text never holds, so no two different
    // articles concatenate to the same stream.
    std::uint64_t h = util::fnv1a64("parley-article");
    auto add = [&](std::string_view field) {
        h = util::fnv1a64(field, h);
        h = util::fnv1a64(std::string_view("\xff", 1), h);
    };
    for (std::string_view f : {std::string_view(a.id), std::string_view(a.title),
                               std::string_view(a.date), std::string_view(a.source),
                               std::string_view(a.url), std::string_view(a.language), origin}) {
        add(f);
    }
    for (const auto& author : a.authors) add(author);
    add("\xfe");
    for (const auto& p : a.paragraphs) add(p);
    return util::hex64(h);
}

ArticleKey key_of(const Article& article) {
    return {derive_article_id(article), content_fingerprint(article),
            content_fingerprint(article, false)};
}

ArticlePreparer::ArticlePreparer(const Tagger& tagger, std::string default_language)
    : tagger_(tagger), default_language_(std::move(default_language)) {}

Analyzer& ArticlePreparer::analyzer_for(const std::string& language) {
    auto& slot = analyzers_[language];
    if (!slot) slot = std::make_unique<Analyzer>(language);
    return *slot;
}

namespace {

void report(PreparedArticle& out, IngestProblem::Severity severity, std::string reason,
            std::string detail) {
    // As IngestReport::skip() and warn() do: ids and values come from the input, and reach a
    // terminal.
    out.problems.push_back(
        {severity, util::printable(out.id), 0, 0, std::move(reason), util::printable(detail, 300)});
}

// False (the article marked skipped, with the reason) for an article that cannot be indexed.
// Drops blank paragraphs.
bool check_article(Article& article, PreparedArticle& out) {
    // Readers check all this with file and line; an embedding program may not have.
    if (auto field = first_invalid_field(article)) {
        out.skipped = true;
        report(out, IngestProblem::Severity::Skipped, "invalid UTF-8", "in " + *field);
        return false;
    }
    std::erase_if(article.paragraphs, [](const std::string& p) {
        return p.find_first_not_of(" \t\r\n") == std::string::npos;
    });
    // As the readers do: a headline with no body is indexed by its title, its one paragraph.
    if (article.paragraphs.empty() &&
        article.title.find_first_not_of(" \t\r\n") != std::string::npos) {
        report(out, IngestProblem::Severity::Warning, "no text",
               "'" + article.title + "' has no text: indexed by its title alone");
        article.paragraphs.push_back(article.title);
    }
    if (article.paragraphs.empty()) {
        out.skipped = true;
        report(out, IngestProblem::Severity::Skipped, "empty article", "no title and no text");
        return false;
    }
    return true;
}

// The article's language (its own if known, else the default) and date (ISO; cleared,
// with a warning, when unreadable). Returns the date's sort key, empty if undated.
std::string read_language_and_date(Article& article, const std::string& default_language,
                                   PreparedArticle& out) {
    out.language = Analyzer::canonical_language(article.language);
    if (out.language.empty()) {
        if (!article.language.empty()) {
            report(out, IngestProblem::Severity::Warning, "unknown language",
                   "'" + article.language + "'; analysed as " + default_language);
        }
        out.language = default_language;
    }
    if (article.date.empty()) return {};
    const auto date = util::parse_date(article.date);
    if (!date) {
        report(out, IngestProblem::Severity::Warning, "unreadable date",
               "'" + article.date + "': " + util::date_problem(article.date) +
                   "; indexed without one");
        article.date.clear();
        return {};
    }
    article.date = date->iso();
    out.year = std::to_string(date->year);
    return date->first_day();
}

std::string encoded_article_record(const Article& article, const PreparedArticle& out) {
    schema::ArticleRecord r;
    r.article_id = out.id;
    r.paragraph_count = static_cast<std::uint32_t>(article.paragraphs.size());
    r.title = article.title;
    r.authors = article.authors;
    r.date = article.date;
    r.source = article.source;
    r.url = article.url;
    r.language = out.language;
    return r.encode();
}

}  // namespace

PreparedArticle ArticlePreparer::prepare(Article article, ArticleKey key) {
    PreparedArticle out;
    out.id = std::move(key.id);
    out.content_fingerprint = std::move(key.fingerprint);
    out.again = key.again;
    if (!check_article(article, out)) return out;
    const std::string sort_date = read_language_and_date(article, default_language_, out);
    out.article_record = encoded_article_record(article, out);

    Analyzer& analyzer = analyzer_for(out.language);
    std::string title_stream;
    const std::set<std::string> whole_article =
        article_terms(article, analyzer, out.year, title_stream);
    std::vector<std::uint64_t> word_hashes;  // the whole text, for the SimHash
    out.paragraphs.reserve(article.paragraphs.size());
    std::vector<schema::ParagraphRecord> records(article.paragraphs.size());
    std::vector<ParagraphTags> tags(article.paragraphs.size());
    for (std::size_t i = 0; i < article.paragraphs.size(); ++i) {
        Xapian::Document doc = paragraph_document(article.paragraphs[i], i + 1, article.date, out,
                                                  word_hashes, records[i], tags[i]);
        if (i == 0) {
            for (const auto& t : whole_article) doc.add_boolean_term(t);
            if (!sort_date.empty()) doc.add_value(schema::kDateSlot, sort_date);
            doc.add_value(schema::kTitleStreamSlot, title_stream);
            doc.add_value(schema::kContentSlot, out.content_fingerprint);
            if (!article.origin.empty())
                doc.add_boolean_term(schema::field_term(schema::kOriginPrefix, article.origin));
            // Updates and --prune compare files by their whole paths.
            if (article.origin.size() > schema::kMaxValueBytes)
                doc.add_value(schema::kOriginSlot, article.origin);
        }
        out.paragraphs.push_back(std::move(doc));
    }
    // Tags are weighed against the whole article before any paragraph's tags are final.
    const std::vector<std::string_view> texts(article.paragraphs.begin(), article.paragraphs.end());
    tag_article(texts, out.language, article.date, tags);
    for (std::size_t i = 0; i < out.paragraphs.size(); ++i) {
        schema::set_tags(out.paragraphs[i], records[i], tags[i]);
        out.paragraphs[i].set_data(records[i].encode());
    }
    out.simhash = text_simhash(word_hashes);
    if (out.simhash) {
        Xapian::Document& first = out.paragraphs.front();
        first.add_value(schema::kSimhashSlot, encode_simhash(*out.simhash));
        for (const auto& band : band_terms(*out.simhash)) first.add_boolean_term(band);
    }
    return out;
}

// Terms of the article as a whole (its title words and fields) go on its first paragraph
// only: the searcher extends them to every paragraph of the article. On every paragraph
// they were a seventh of all postings and of the termlists.
std::set<std::string> ArticlePreparer::article_terms(const Article& article, Analyzer& analyzer,
                                                     const std::string& year,
                                                     std::string& title_stream) {
    std::set<std::string> terms;
    tokens_.clear();
    analyzer.analyze(article.title, tokens_);
    stream_.clear();
    for (const Token& t : tokens_) {
        terms.insert(schema::term(schema::kTitlePrefix, t.term));
        if (t.kind == Token::Kind::Word) stream_.push_back(t.term);
    }
    // Encoded while tokens_ still holds the words stream_ points into.
    title_stream = schema::encode_token_stream(stream_);
    stream_.clear();
    tokens_.clear();
    for (const auto& author : article.authors)
        terms.insert(schema::field_term(schema::kAuthorPrefix, author));
    if (!article.source.empty())
        terms.insert(schema::field_term(schema::kSourcePrefix, article.source));
    if (!year.empty()) terms.insert(schema::term(schema::kYearPrefix, year));
    return terms;
}

Xapian::Document ArticlePreparer::paragraph_document(const std::string& text, std::size_t number,
                                                     const std::string& date, PreparedArticle& out,
                                                     std::vector<std::uint64_t>& word_hashes,
                                                     schema::ParagraphRecord& record,
                                                     ParagraphTags& tags) {
    tokens_.clear();
    analyzer_for(out.language).analyze(text, tokens_);
    Xapian::Document doc;
    add_words(doc, out, word_hashes);
    record.article_id = out.id;
    record.paragraph = static_cast<std::uint32_t>(number);
    record.text = text;
    tags = tag_tokens(text, out.language, date);
    // On every paragraph: deleting or replacing an article deletes every document holding
    // its id term, and re-tagging picks paragraphs by language.
    doc.add_boolean_term(schema::article_term(out.id));
    doc.add_boolean_term(schema::term(schema::kLanguagePrefix, out.language));
    doc.add_value(schema::kArticleSlot, out.id);
    return doc;
}

bool is_spelling(const Token& token) {
    // Words of letters only: numbers and codes make poor suggestions.
    const std::string& w = token.norm;
    return token.kind == Token::Kind::Word && w.size() > 2 && w.size() < 40 &&
           std::none_of(w.begin(), w.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

// The paragraph's words (tokens_) as terms and as its token stream; its spellings, word
// hashes and normalised-text key into `out`.
void ArticlePreparer::add_words(Xapian::Document& doc, PreparedArticle& out,
                                std::vector<std::uint64_t>& word_hashes) {
    std::string term(schema::kWordPrefix);
    std::uint64_t paragraph_key = util::fnv1a64("");
    stream_.clear();
    for (const Token& t : tokens_) {
        term.resize(schema::kWordPrefix.size());
        term += t.term;
        doc.add_term(term);
        if (t.kind != Token::Kind::Word) continue;
        stream_.push_back(t.term);
        if (is_spelling(t)) ++out.spellings[t.norm];
        word_hashes.push_back(util::fnv1a64(t.term));
        paragraph_key = util::fnv1a64(t.term, util::fnv1a64(" ", paragraph_key));
    }
    out.paragraph_keys.push_back(util::hex64(paragraph_key));
    doc.add_value(schema::kTokenStreamSlot, schema::encode_token_stream(stream_));
}

ParagraphTags ArticlePreparer::tag(const std::string& text, const std::string& language,
                                   const std::string& date,
                                   const std::vector<std::string>* article_leaders,
                                   const std::vector<std::string>* article_common_words) {
    const std::string lang = language.empty() ? default_language_ : language;
    tokens_.clear();
    analyzer_for(lang).analyze(text, tokens_);
    return tag_tokens(text, lang, date, article_leaders, article_common_words);
}

void ArticlePreparer::tag_article(const std::vector<std::string_view>& texts,
                                  const std::string& language, const std::string& date,
                                  std::vector<ParagraphTags>& tags) {
    tagger_.follow_surnames(texts, tags,
                            [&](std::size_t i, const std::vector<std::string>& leaders,
                                const std::vector<std::string>& common_words) {
                                return tag(std::string(texts[i]), language, date, &leaders,
                                           &common_words);
                            });
    weigh_topics_in_article(tags);
}

// The tagger reads the paragraph's own analysis (names and topic cues in its language) and
// English stems (head-line names; English topic cues in English text only): an English
// text's own terms, else the English stems of its folded words. The article date chooses between
// namesakes.
ParagraphTags ArticlePreparer::tag_tokens(const std::string& text, const std::string& language,
                                          const std::string& date,
                                          const std::vector<std::string>* article_leaders,
                                          const std::vector<std::string>* article_common_words) {
    stems_.clear();
    if (language == "en") {
        for (const Token& t : tokens_) stems_.push_back(t.term);
    } else {
        Analyzer& english = analyzer_for("en");
        english_stems_.clear();
        for (const Token& t : tokens_) english_stems_.push_back(english.stem(t.norm));
        stems_.assign(english_stems_.begin(), english_stems_.end());
    }
    return tagger_.tag(text, tokens_, stems_, language, date, article_leaders,
                       article_common_words);
}

}  // namespace parley::writer
