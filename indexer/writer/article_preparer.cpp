#include "writer/article_preparer.hpp"

#include <algorithm>
#include <set>

#include "schema/paragraph_record.hpp"
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

std::string content_fingerprint(const Article& a) {
    // Fields are separated by a byte that valid text never holds, so no two different
    // articles concatenate to the same stream.
    std::uint64_t h = util::fnv1a64("parley-article");
    auto add = [&](std::string_view field) {
        h = util::fnv1a64(field, h);
        h = util::fnv1a64(std::string_view("\xff", 1), h);
    };
    for (std::string_view f :
         {std::string_view(a.id), std::string_view(a.title), std::string_view(a.date),
          std::string_view(a.source), std::string_view(a.url), std::string_view(a.language),
          std::string_view(a.origin)}) {
        add(f);
    }
    for (const auto& author : a.authors) add(author);
    add("\xfe");
    for (const auto& p : a.paragraphs) add(p);
    return util::hex64(h);
}

ArticleKey key_of(const Article& article) {
    return {derive_article_id(article), content_fingerprint(article)};
}

ArticlePreparer::ArticlePreparer(const Tagger& tagger, std::string default_language)
    : tagger_(tagger), default_language_(std::move(default_language)) {}

Analyzer& ArticlePreparer::analyzer_for(const std::string& language) {
    auto& slot = analyzers_[language];
    if (!slot) slot = std::make_unique<Analyzer>(language);
    return *slot;
}

PreparedArticle ArticlePreparer::prepare(Article article, ArticleKey key) {
    PreparedArticle out;
    out.id = std::move(key.id);
    out.content_fingerprint = std::move(key.fingerprint);
    auto problem = [&](IngestProblem::Severity severity, std::string reason, std::string detail) {
        out.problems.push_back({severity, out.id, 0, 0, std::move(reason), std::move(detail)});
    };
    // Readers check all this with file and line; an embedding program may not have.
    if (auto field = first_invalid_field(article)) {
        out.skipped = true;
        problem(IngestProblem::Severity::Skipped, "invalid UTF-8", "in " + *field);
        return out;
    }
    std::erase_if(article.paragraphs, [](const std::string& p) {
        return p.find_first_not_of(" \t\r\n") == std::string::npos;
    });
    if (article.paragraphs.empty()) {
        out.skipped = true;
        problem(IngestProblem::Severity::Skipped, "empty article", "no text");
        return out;
    }

    out.language = Analyzer::canonical_language(article.language);
    if (out.language.empty()) {
        if (!article.language.empty()) {
            problem(IngestProblem::Severity::Warning, "unknown language",
                    "'" + article.language + "'; analysed as " + default_language_);
        }
        out.language = default_language_;
    }
    std::string sort_date;
    std::string year;
    if (!article.date.empty()) {
        if (auto date = util::parse_date(article.date)) {
            article.date = date->iso();
            sort_date = date->first_day();
            year = std::to_string(date->year);
            out.year = year;
        } else {
            problem(IngestProblem::Severity::Warning, "unreadable date", "'" + article.date + "'");
            article.date.clear();
        }
    }

    Analyzer& analyzer = analyzer_for(out.language);

    // Terms of the article as a whole (its title words and fields) go on its first
    // paragraph only: the searcher extends them to every paragraph of the article. On
    // every paragraph they were a seventh of all postings and of the termlists.
    std::set<std::string> article_terms;
    tokens_.clear();
    analyzer.analyze(article.title, tokens_);
    for (const Token& t : tokens_) article_terms.insert(schema::term(schema::kTitlePrefix, t.term));
    tokens_.clear();
    for (const auto& author : article.authors)
        article_terms.insert(schema::field_term(schema::kAuthorPrefix, author));
    if (!article.source.empty())
        article_terms.insert(schema::field_term(schema::kSourcePrefix, article.source));
    if (!year.empty()) article_terms.insert(schema::term(schema::kYearPrefix, year));
    // Terms on every paragraph: deleting or replacing an article deletes every document
    // holding its id term, and re-tagging picks paragraphs by language.
    const std::string id_term = schema::article_term(out.id);
    const std::string language_term = schema::term(schema::kLanguagePrefix, out.language);

    schema::ArticleRecord article_record;
    article_record.article_id = out.id;
    article_record.paragraph_count = static_cast<std::uint32_t>(article.paragraphs.size());
    article_record.title = article.title;
    article_record.authors = article.authors;
    article_record.date = article.date;
    article_record.source = article.source;
    article_record.url = article.url;
    article_record.language = out.language;
    out.article_record = article_record.encode();

    schema::ParagraphRecord record;
    record.article_id = out.id;
    std::vector<std::uint64_t> word_hashes;  // the whole text, for the SimHash
    std::vector<std::string_view> stream;    // the word at each position, for phrases
    out.paragraphs.reserve(article.paragraphs.size());
    for (std::size_t i = 0; i < article.paragraphs.size(); ++i) {
        const std::string& text = article.paragraphs[i];
        tokens_.clear();
        analyzer.analyze(text, tokens_);

        Xapian::Document doc;
        std::string term(schema::kWordPrefix);
        std::uint64_t paragraph_key = util::fnv1a64("");
        stream.clear();
        for (const Token& t : tokens_) {
            term.resize(schema::kWordPrefix.size());
            term += t.term;
            doc.add_term(term);
            if (t.kind == Token::Kind::Word) {
                stream.push_back(t.term);
                // Words of letters only: numbers and codes make poor suggestions.
                if (t.norm.size() > 2 && t.norm.size() < 40 &&
                    std::none_of(t.norm.begin(), t.norm.end(),
                                 [](unsigned char c) { return c >= '0' && c <= '9'; })) {
                    ++out.spellings[t.norm];
                }
                word_hashes.push_back(util::fnv1a64(t.term));
                paragraph_key = util::fnv1a64(t.term, util::fnv1a64(" ", paragraph_key));
            }
        }
        out.paragraph_keys.push_back(util::hex64(paragraph_key));

        ParagraphTags tags = tag_tokens(text, out.language, article.date);
        for (const auto& actor : tags.actors)
            doc.add_boolean_term(schema::field_term(schema::kActorPrefix, actor));
        for (const auto& topic : tags.topics)
            doc.add_boolean_term(schema::field_term(schema::kTopicPrefix, topic));
        doc.add_boolean_term(id_term);
        doc.add_boolean_term(language_term);

        doc.add_value(schema::kArticleSlot, out.id);
        doc.add_value(schema::kTokenStreamSlot, schema::encode_token_stream(stream));
        if (i == 0) {
            for (const auto& t : article_terms) doc.add_boolean_term(t);
            if (!sort_date.empty()) doc.add_value(schema::kDateSlot, sort_date);
            doc.add_value(schema::kContentSlot, out.content_fingerprint);
            if (!article.origin.empty())
                doc.add_boolean_term(schema::field_term(schema::kOriginPrefix, article.origin));
        }
        record.paragraph = static_cast<std::uint32_t>(i + 1);
        record.text = text;
        record.actors = std::move(tags.actors);
        record.topics = std::move(tags.topics);
        doc.set_data(record.encode());
        out.paragraphs.push_back(std::move(doc));
    }
    out.simhash = text_simhash(word_hashes);
    if (out.simhash) {
        Xapian::Document& first = out.paragraphs.front();
        first.add_value(schema::kSimhashSlot, encode_simhash(*out.simhash));
        for (const auto& band : band_terms(*out.simhash)) first.add_boolean_term(band);
    }
    return out;
}

ParagraphTags ArticlePreparer::tag(const std::string& text, const std::string& language,
                                   const std::string& date) {
    const std::string lang = language.empty() ? default_language_ : language;
    tokens_.clear();
    analyzer_for(lang).analyze(text, tokens_);
    return tag_tokens(text, lang, date);
}

// The tagger reads the paragraph's own analysis (names in its language) and English stems
// (head-line names and topic cues): an English text's own terms, else the English stems of
// its folded words. The article date chooses between namesakes.
ParagraphTags ArticlePreparer::tag_tokens(const std::string& text, const std::string& language,
                                          const std::string& date) {
    stems_.clear();
    if (language == "en") {
        for (const Token& t : tokens_) stems_.push_back(t.term);
    } else {
        Analyzer& english = analyzer_for("en");
        english_stems_.clear();
        for (const Token& t : tokens_) english_stems_.push_back(english.stem(t.norm));
        stems_.assign(english_stems_.begin(), english_stems_.end());
    }
    return tagger_.tag(text, tokens_, stems_, language, date);
}

}  // namespace parley::writer
