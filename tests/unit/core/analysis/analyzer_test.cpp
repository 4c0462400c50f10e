#include "parley/analyzer.hpp"

#include <gtest/gtest.h>

#include "parley/error.hpp"

namespace parley {
namespace {

std::vector<std::string> norms(const std::vector<Token>& tokens, bool with_compounds = false) {
    std::vector<std::string> out;
    for (const auto& t : tokens) {
        if (with_compounds || t.kind == Token::Kind::Word) out.push_back(t.norm);
    }
    return out;
}

std::vector<std::string> terms(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) {
        if (t.kind == Token::Kind::Word) out.push_back(t.term);
    }
    return out;
}

using Strings = std::vector<std::string>;

TEST(Analyzer, FoldsCaseAndDiacriticsBeforeStemming) {
    Analyzer a("en");
    EXPECT_EQ(norms(a.analyze("Erdoğan ÉLYSÉE São Paulo Zürich")),
              (Strings{"erdogan", "elysee", "sao", "paulo", "zurich"}));
    EXPECT_EQ(terms(a.analyze("Drills DRILLING drilled")), (Strings{"drill", "drill", "drill"}));
}

TEST(Analyzer, AppliesCompatibilityNormalisation) {
    Analyzer a("en");
    // Ligature, full-width letters, German sharp s.
    EXPECT_EQ(norms(a.analyze("\uFB01nance \uFF21\uFF35\uFF2B\uFF35\uFF33 Stra\u00DFe")),
              (Strings{"finance", "aukus", "strasse"}));
}

TEST(Analyzer, KeepsByteOffsetsIntoTheOriginalText) {
    Analyzer a("en");
    const std::string text =
        "Putin hailed Russia\u2019s \u201Cunprecedented\u201D ties with Erdo\u011Fan.";
    const Strings expected{"Putin", "hailed", "Russia\u2019s", "unprecedented",
                           "ties",  "with",   "Erdo\u011Fan"};
    const auto tokens = a.analyze(text);
    ASSERT_EQ(tokens.size(), expected.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        EXPECT_EQ(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), expected[i]);
        EXPECT_EQ(tokens[i].position, i + 1);
    }
}

TEST(Analyzer, StripsStraightAndCurlyPossessives) {
    Analyzer a("en");
    EXPECT_EQ(norms(a.analyze("Russia's Russia\u2019s countries' allies\u2019")),
              (Strings{"russia", "russia", "countries", "allies"}));
}

TEST(Analyzer, StripsElidedWordsInFrenchItalianAndCatalan) {
    Analyzer fr("fr");
    const auto tokens = fr.analyze("l'OTAN d\u2019Ukraine qu'elle aujourd'hui");
    EXPECT_EQ(norms(tokens), (Strings{"otan", "ukraine", "elle", "aujourd'hui"}));
    // The token starts at the name, so the tagger sees its capital.
    EXPECT_EQ(tokens[0].begin, 2u);
    EXPECT_EQ(norms(Analyzer("it").analyze("dell'Unione")), Strings{"unione"});
    // English keeps its apostrophes: "o'clock" and names such as O'Neill are words.
    EXPECT_EQ(norms(Analyzer("en").analyze("l'OTAN O'Neill")), (Strings{"l'otan", "o'neill"}));
}

TEST(Analyzer, IndexesHyphenatedCompoundsWholeAndAsParts) {
    Analyzer a("en");
    const auto tokens =
        a.analyze("China-Russia alignment, the Indo-Pacific and Russia\u2013US rivalry");
    EXPECT_EQ(norms(tokens, true),
              (Strings{"china-russia", "china", "russia", "alignment", "the", "indo-pacific",
                       "indo", "pacific", "and", "russia-us", "russia", "us", "rivalry"}));
    // The compound shares its first part's position; parts are consecutive, so a phrase
    // "china russia" still matches.
    EXPECT_EQ(tokens[0].kind, Token::Kind::Compound);
    EXPECT_EQ(tokens[0].position, tokens[1].position);
    EXPECT_EQ(tokens[2].position, tokens[1].position + 1);
    EXPECT_EQ(tokens[0].begin, 0u);
    EXPECT_EQ(tokens[0].end, std::string("China-Russia").size());
    // The last part carries the inflection.
    EXPECT_EQ(a.analyze("China-proposed").front().term, "china-propos");
}

TEST(Analyzer, DoesNotJoinSpacedDashes) {
    Analyzer a("en");
    const auto tokens = a.analyze("China and Russia \u2013 two great powers - agree");
    for (const auto& t : tokens) EXPECT_EQ(t.kind, Token::Kind::Word) << t.norm;
}

TEST(Analyzer, DropsDotsFromAcronymsAndCommasFromNumbers) {
    Analyzer a("en");
    EXPECT_EQ(norms(a.analyze("U.S. troops: 1,204 of 3.5 million")),
              (Strings{"us", "troops", "1204", "of", "3.5", "million"}));
}

TEST(Analyzer, SegmentsChineseIntoWordsWithIcuDictionaries) {
    Analyzer a("zh");
    const auto tokens = a.analyze("全球发展倡议");
    EXPECT_EQ(norms(tokens), (Strings{"全球", "发展", "倡议"}));
    EXPECT_EQ(tokens[1].begin, 6u);  // three bytes per character
}

TEST(Analyzer, SegmentsAndStemsRussian) {
    Analyzer ru("ru");
    const auto tokens = ru.analyze("Северный морской путь. Войны и ВОЙНА; ёлка й");
    EXPECT_EQ(norms(tokens),
              (Strings{"северный", "морской", "путь", "войны", "и", "война", "елка", "й"}));
    // Snowball Russian reduces both forms of "war" to one stem.
    EXPECT_EQ(tokens[3].term, tokens[5].term);
    // The English analyzer leaves Cyrillic unstemmed but still segmented and folded.
    Analyzer en("en");
    EXPECT_EQ(terms(en.analyze("Войны")), (Strings{"войны"}));
}

TEST(Analyzer, ToleratesInvalidUtf8) {
    Analyzer a("en");
    const std::string text = "naval \xff\xfe drills \xc3";
    EXPECT_EQ(terms(a.analyze(text)), (Strings{"naval", "drill"}));
}

// Found by fuzz_analyzer: Snowball's Arabic stemmer turns tatweel (U+0640) alone into an
// empty stem, and the analyzer gave a token with an empty term (the bare prefix "Z" in an
// index). A run of tatweel is not a word; inside a word it is dropped by the stemmer.
TEST(Analyzer, NeverGivesAnEmptyTerm) {
    Analyzer ar("ar");
    EXPECT_TRUE(ar.analyze("\u0640").empty());
    EXPECT_TRUE(ar.analyze("\u0640\u0640\u0640").empty());
    const auto tokens = ar.analyze("\u0640\xff\xff\xffp1CCCCC");
    EXPECT_EQ(terms(tokens), Strings{"p1ccccc"});
    EXPECT_EQ(tokens.at(0).position, 1u);
    // كتـــاب (kitab drawn out) stems as كتاب does.
    const auto book = ar.analyze(
        "\u0643\u062a\u0640\u0640\u0640\u0627\u0628 "
        "\u0643\u062a\u0627\u0628");
    ASSERT_EQ(book.size(), 2u);
    EXPECT_EQ(book[0].term, book[1].term);
    EXPECT_FALSE(book[0].term.empty());
}

TEST(Analyzer, KnowsLanguagesByCodeOrSnowballName) {
    EXPECT_EQ(Analyzer::canonical_language("english"), "en");
    EXPECT_EQ(Analyzer::canonical_language("RU"), "ru");
    EXPECT_EQ(Analyzer::canonical_language("klingon"), "");
    EXPECT_THROW(Analyzer("klingon"), UsageError);
}

// Language tags with a region or script, as JSON, CSV and front matter write them.
TEST(Analyzer, KnowsALanguageTagByItsPrimarySubtag) {
    EXPECT_EQ(Analyzer::canonical_language("fr-FR"), "fr");
    EXPECT_EQ(Analyzer::canonical_language("es_ES"), "es");
    EXPECT_EQ(Analyzer::canonical_language("pt-BR"), "pt");
    EXPECT_EQ(Analyzer::canonical_language("zh-Hant-TW"), "zh");
    EXPECT_EQ(Analyzer::canonical_language("x-klingon"), "");
    EXPECT_EQ(Analyzer("de-AT").language(), "de");
}

TEST(Analyzer, ListsEnglishStopwords) {
    EXPECT_TRUE(Analyzer::is_stopword("the"));
    EXPECT_TRUE(Analyzer::is_stopword("us"));
    EXPECT_FALSE(Analyzer::is_stopword("naval"));
}

}  // namespace
}  // namespace parley
