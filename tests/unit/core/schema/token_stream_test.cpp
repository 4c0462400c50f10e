#include "schema/token_stream.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "parley/analyzer.hpp"

namespace parley::schema {
namespace {

using Words = std::vector<std::string>;
using Result = PhraseCheck::Result;

Words split(std::string_view text) {
    Words out;
    std::istringstream in{std::string(text)};
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::string encode(const Words& terms) {
    const std::vector<std::string_view> views(terms.begin(), terms.end());
    return encode_token_stream(views);
}

// The answer the stream must give: the phrase's terms at consecutive positions.
bool holds_phrase(const Words& paragraph, const Words& phrase) {
    return std::search(paragraph.begin(), paragraph.end(), phrase.begin(), phrase.end()) !=
           paragraph.end();
}

Result expected(bool match) { return match ? Result::Match : Result::NoMatch; }

std::string joined(const Words& words, std::size_t limit = 12) {
    std::string out;
    for (std::size_t i = 0; i < words.size() && i < limit; ++i) out += (i ? " " : "") + words[i];
    if (words.size() > limit) out += " ... (" + std::to_string(words.size()) + " words)";
    return out;
}

unsigned width_of(const std::string& stream) {
    return static_cast<unsigned char>(stream[0]) & 0x3f;  // above: the pair-summary flags
}
// Width, salt and, when a common pair occurs, the 8-byte pair summary.
std::size_t header_of(const std::string& stream) {
    return (static_cast<unsigned char>(stream[0]) & 0x80) ? 10 : 2;
}

// "w" + i, built so that GCC 12 sees no overlapping copy (-Wrestrict) in it.
std::string word_named(const char* prefix, std::size_t i) {
    std::string out(prefix);
    out += std::to_string(i);
    return out;
}

std::size_t distinct_count(const Words& words) {
    return std::set<std::string>(words.begin(), words.end()).size();
}

// (a) Small paragraphs written out, each word a term.
TEST(TokenStream, AnswersHandWrittenPhrasesExactly) {
    struct Case {
        const char* paragraph;
        const char* phrase;
        bool match;
    };
    const Case cases[] = {
        {"russia and china held joint naval drill", "naval drill", true},  // at the end
        {"russia and china held joint naval drill", "russia and", true},   // at the start
        {"russia and china held joint naval drill", "china held joint", true},
        {"russia and china held joint naval drill", "russia and china held joint naval drill",
         true},                                                              // the whole paragraph
        {"russia and china held joint naval drill", "drill naval", false},   // reversed
        {"russia and china held joint naval drill", "russia china", false},  // a word between
        {"russia and china held joint naval drill", "held", true},           // one word
        {"russia and china held joint naval drill", "drill", true},
        {"bye bye", "bye bye", true},
        {"bye bye", "bye", true},
        {"bye bye", "bye bye bye", false},  // longer than the paragraph
        {"x", "x x", false},
        {"x", "x", true},
        {"he said bye and bye", "bye bye", false},
        {"bye he said bye bye", "bye bye", true},
        {"bye bye bye", "bye bye bye", true},
        {"bye bye said bye bye", "bye bye bye", false},
        {"a b a b a c", "a b a c", true},  // a false start overlapping the match
        {"a a a b", "a a b", true},
        {"a a b a a", "a a a", false},
        {"a b c a b d", "b c a b d", true},
        {"a b c a b d", "c a b c", false},
        {"the end of the war", "of the war", true},
        {"the end of the war", "the war", true},
        {"the end of the war", "the end the", false},
        {"the end of the war", "war the", false},
    };
    for (const auto& c : cases) {
        const Words paragraph = split(c.paragraph);
        const Words phrase = split(c.phrase);
        ASSERT_EQ(holds_phrase(paragraph, phrase), c.match) << "the table itself is wrong";
        EXPECT_EQ(PhraseCheck(phrase).check(encode(paragraph)), expected(c.match))
            << "\"" << c.phrase << "\" in \"" << c.paragraph << "\"";
    }
}

// (b) Random paragraphs and phrases made of their own words, against a plain search.
TEST(TokenStream, AgreesWithBruteForceOnRandomParagraphsOfAnySize) {
    std::mt19937 rng(20240611);
    std::size_t cases = 0, matches = 0, disagreements = 0, paragraphs = 0;
    auto uniform = [&](std::size_t lo, std::size_t hi) {  // inclusive
        return std::uniform_int_distribution<std::size_t>(lo, hi)(rng);
    };
    for (const std::size_t vocabulary : {10u, 100u, 2'000u, 50'000u}) {
        Words words;
        for (std::size_t i = 0; i < vocabulary; ++i) words.push_back(word_named("w", i));
        // Log-uniform word ranks: a few words are frequent, as in text, and every size of
        // vocabulary still gives paragraphs with repeated words.
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        auto word = [&] {
            const auto rank = static_cast<std::size_t>(std::pow(double(vocabulary), unit(rng)));
            return words[std::min(rank, vocabulary) - 1];
        };
        for (int p = 0; p < 250; ++p, ++paragraphs) {
            // Log-uniform lengths 1..5,000, and the longest length now and then.
            const std::size_t length =
                p % 50 == 0 ? 5'000
                            : std::clamp<std::size_t>(
                                  static_cast<std::size_t>(std::exp(unit(rng) * std::log(5000.0))),
                                  1, 5'000);
            Words paragraph(length);
            for (auto& w : paragraph) w = word();
            const std::string stream = encode(paragraph);

            // With every word of the phrase as the anchor the scan looks for first.
            auto check = [&](const Words& phrase, const char* kind) {
                const bool truth = holds_phrase(paragraph, phrase);
                ++cases;
                matches += truth;
                for (std::size_t anchor = 0; anchor < phrase.size(); ++anchor) {
                    const Result got = PhraseCheck(phrase, anchor).check(stream);
                    if (got != expected(truth) && ++disagreements <= 5) {
                        ADD_FAILURE() << kind << " phrase \"" << joined(phrase) << "\" in \""
                                      << joined(paragraph) << "\" (vocabulary " << vocabulary
                                      << ", width " << width_of(stream) << ", anchor " << anchor
                                      << "): expected " << (truth ? "Match" : "NoMatch");
                    }
                }
            };
            for (int q = 0; q < 18; ++q) {
                const std::size_t k = uniform(2, 6);
                Words phrase;
                if (k <= length) {
                    const std::size_t start = uniform(0, length - k);
                    phrase.assign(paragraph.begin() + static_cast<std::ptrdiff_t>(start),
                                  paragraph.begin() + static_cast<std::ptrdiff_t>(start + k));
                }
                switch (q % 6) {
                    case 0:
                    case 1:
                        if (phrase.empty()) continue;
                        check(phrase, "taken");
                        break;
                    case 2:
                        if (phrase.empty()) continue;
                        std::shuffle(phrase.begin(), phrase.end(), rng);
                        check(phrase, "shuffled");
                        break;
                    case 3:
                        if (phrase.empty()) continue;
                        phrase[uniform(0, k - 1)] = paragraph[uniform(0, length - 1)];
                        check(phrase, "one word changed");
                        break;
                    case 4:
                        if (phrase.size() < 3) continue;
                        phrase.erase(phrase.begin() + 1);  // a word left out
                        check(phrase, "gapped");
                        break;
                    case 5:  // words from anywhere, possibly longer than the paragraph
                        phrase.clear();
                        for (std::size_t i = 0; i < k; ++i)
                            phrase.push_back(paragraph[uniform(0, length - 1)]);
                        check(phrase, "scattered");
                        break;
                }
            }
        }
    }
    EXPECT_EQ(disagreements, 0u) << "of " << cases << " cases";
    EXPECT_GT(cases, 15'000u);
    // Both answers are well represented, so neither "always Match" nor "always NoMatch"
    // could pass.
    EXPECT_GT(matches, cases / 3);
    EXPECT_LT(matches, cases * 3 / 4);
    EXPECT_EQ(paragraphs, 1'000u);
}

// (c) The width byte and the size of the stream.
TEST(TokenStream, UsesTheNarrowestCodesThatKeepTheParagraphsWordsApart) {
    struct Case {
        std::size_t distinct;  // words w0..w{distinct-1}, cycled
        std::size_t tokens;
        unsigned max_width;
    };
    const Case cases[] = {
        {1, 1, 8},        {1, 300, 8},        {10, 10, 8},        {20, 20, 8},
        {20, 1'000, 8},   {60, 60, 11},       {60, 600, 11},      {500, 500, 18},
        {500, 5'000, 18}, {5'000, 5'000, 25}, {2'000, 5'000, 22},
    };
    for (const auto& c : cases) {
        Words paragraph;
        for (std::size_t i = 0; i < c.tokens; ++i)
            paragraph.push_back(word_named("w", i % c.distinct));
        const std::string stream = encode(paragraph);
        ASSERT_GE(stream.size(), 2u);
        const unsigned width = width_of(stream);
        EXPECT_GE(width, 8u) << c.distinct << " distinct words";
        EXPECT_LE(width, c.max_width) << c.distinct << " distinct words";
        EXPECT_GE(std::ldexp(1.0, static_cast<int>(width)), double(c.distinct));
        EXPECT_EQ(stream.size(), header_of(stream) + (c.tokens * width + 7) / 8)
            << c.distinct << " distinct words, " << c.tokens << " tokens";
    }
}

TEST(TokenStream, ShortParagraphsUseOneByteCodes) {
    for (const char* text : {"x", "bye bye", "russia and china held joint naval drill",
                             "the end of the war and the start of the peace talks in geneva"}) {
        const Words paragraph = split(text);
        const std::string stream = encode(paragraph);
        EXPECT_EQ(width_of(stream), 8u) << text;
        EXPECT_EQ(stream.size(), header_of(stream) + paragraph.size()) << text;
    }
    EXPECT_EQ(encode({}).size(), 2u);  // no words: the header alone
    EXPECT_EQ(PhraseCheck({"x"}).check(encode({})), Result::NoMatch);
}

TEST(TokenStream, EveryRandomParagraphHasTwoHeaderBytesAndOneCodePerWord) {
    std::mt19937 rng(7);
    for (int p = 0; p < 200; ++p) {
        const std::size_t length = std::uniform_int_distribution<std::size_t>(1, 3'000)(rng);
        const std::size_t vocabulary = std::uniform_int_distribution<std::size_t>(1, 4'000)(rng);
        Words paragraph(length);
        for (auto& w : paragraph)
            w = word_named("v", std::uniform_int_distribution<std::size_t>(0, vocabulary - 1)(rng));
        const std::string stream = encode(paragraph);
        const unsigned width = width_of(stream);
        ASSERT_GE(width, 8u);
        ASSERT_LE(width, 32u);
        EXPECT_GE(std::ldexp(1.0, static_cast<int>(width)), double(distinct_count(paragraph)));
        EXPECT_EQ(stream.size(), header_of(stream) + (length * width + 7) / 8);
    }
}

// (d) Streams that cannot answer say so instead of guessing or crashing.
TEST(TokenStream, StreamsWithoutCodesAreUnknown) {
    const std::string zero_width(2, '\0');  // what the writer stores when no hash was found
    const struct {
        std::string stream;
        const char* why;
    } cases[] = {
        {"", "empty"},
        {std::string(1, '\x08'), "header cut after the width"},
        {zero_width, "width 0, no codes"},
        {zero_width + "\x12\x34\x56", "width 0 followed by bytes"},
        {std::string("\x07\x00\xff\xff", 4), "width 7"},
        {std::string("\x21\x00\xff\xff\xff\xff\xff", 7), "width 33"},
        {std::string("\xff\x03\x01\x02\x03", 5), "width 255"},
    };
    for (const auto& c : cases) {
        for (const Words& phrase : {Words{"x"}, Words{"bye", "bye"}, split("a b c d e f")})
            EXPECT_EQ(PhraseCheck(phrase).check(c.stream), Result::Unknown) << c.why;
    }
}

TEST(TokenStream, ATruncatedStreamAnswersForTheWordsItStillHolds) {
    // Cut anywhere, a stream keeps the codes of its first positions; they are still a
    // perfect hash of the paragraph's words, so the answer is exact for that prefix.
    std::mt19937 rng(99);
    std::size_t checked = 0;
    for (int p = 0; p < 20; ++p) {
        Words paragraph(std::uniform_int_distribution<std::size_t>(1, 120)(rng));
        for (auto& w : paragraph)
            w = word_named("t", std::uniform_int_distribution<std::size_t>(0, 30)(rng));
        const std::string stream = encode(paragraph);
        const unsigned width = width_of(stream);
        for (std::size_t cut = 2; cut <= stream.size(); ++cut) {
            const std::string_view part = std::string_view(stream).substr(0, cut);
            const std::size_t kept = (cut - 2) * 8 / width;
            const Words prefix(paragraph.begin(),
                               paragraph.begin() + static_cast<std::ptrdiff_t>(kept));
            for (int q = 0; q < 4; ++q) {
                Words phrase;
                const std::size_t k = std::uniform_int_distribution<std::size_t>(1, 4)(rng);
                for (std::size_t i = 0; i < k; ++i)
                    phrase.push_back(paragraph[std::uniform_int_distribution<std::size_t>(
                        0, paragraph.size() - 1)(rng)]);
                EXPECT_EQ(PhraseCheck(phrase).check(part), expected(holds_phrase(prefix, phrase)))
                    << "\"" << joined(phrase) << "\" in the first " << kept << " of "
                    << paragraph.size() << " words";
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 1'000u);
}

// (e) The pair summary: phrases of common function words answered without decoding, and
// always as the codes would answer.
TEST(TokenStream, PairSummaryAnswersAsTheCodesDo) {
    // Function words (most of them in common pairs) mixed with other words.
    const Words vocabulary = split(
        "of the in to and a it is be has been we our that this "
        "war peace naval drill treaty talks");
    std::mt19937 rng(4242);
    std::size_t with_summary = 0, checked = 0, answered_by_pairs = 0;
    for (int p = 0; p < 400; ++p) {
        Words paragraph(std::uniform_int_distribution<std::size_t>(1, 60)(rng));
        for (auto& w : paragraph)
            w = vocabulary[std::uniform_int_distribution<std::size_t>(0,
                                                                      vocabulary.size() - 1)(rng)];
        const std::string stream = encode(paragraph);
        with_summary += header_of(stream) == 10;
        // The same codes with no flag and no summary: a stream written before summaries.
        std::string old = stream;
        old[0] = static_cast<char>(width_of(stream));
        old.erase(2, header_of(stream) - 2);
        for (int q = 0; q < 20; ++q) {
            Words phrase;
            const std::size_t k = std::uniform_int_distribution<std::size_t>(2, 3)(rng);
            const std::size_t at =
                std::uniform_int_distribution<std::size_t>(0, paragraph.size() - 1)(rng);
            for (std::size_t i = 0; i < k; ++i)  // mostly runs of the paragraph, some not
                phrase.push_back(q % 3 == 0 || at + i >= paragraph.size()
                                     ? vocabulary[std::uniform_int_distribution<std::size_t>(
                                           0, vocabulary.size() - 1)(rng)]
                                     : paragraph[at + i]);
            // Checks are only asked of paragraphs holding every word (the matcher ANDs first).
            const bool all_words = std::all_of(phrase.begin(), phrase.end(), [&](const auto& w) {
                return std::find(paragraph.begin(), paragraph.end(), w) != paragraph.end();
            });
            if (!all_words) continue;
            const Result truth = expected(holds_phrase(paragraph, phrase));
            EXPECT_EQ(PhraseCheck(phrase).check(stream), truth)
                << "\"" << joined(phrase) << "\" in \"" << joined(paragraph, 60) << "\"";
            EXPECT_EQ(PhraseCheck(phrase).check(old), truth) << "without the summary";
            // The summary read apart from the stream (as the searcher keeps it) answers
            // the same where it answers at all; a stream without one rules nothing out.
            const Result from_pairs = PhraseCheck(phrase).check_pairs(stream_pairs(stream));
            if (from_pairs != Result::Unknown) {
                EXPECT_EQ(from_pairs, truth) << "\"" << joined(phrase) << "\" from the summary";
                ++answered_by_pairs;
            }
            EXPECT_EQ(stream_pairs(old), kUnknownPairs);
            EXPECT_EQ(PhraseCheck(phrase).check_pairs(kUnknownPairs), Result::Unknown);
            ++checked;
        }
    }
    EXPECT_GT(with_summary, 250u);  // of 400
    EXPECT_GT(checked, 5'000u);
    EXPECT_GT(answered_by_pairs, 200u);
}

TEST(TokenStream, PairSummaryIsWrittenOnlyWhenACommonPairOccurs) {
    EXPECT_EQ(header_of(encode(split("the end of the war"))), 10u);      // "of the"
    EXPECT_EQ(header_of(encode(split("the war of words"))), 2u);         // none: a flag alone
    EXPECT_EQ(pair_summary({token_hash("of"), token_hash("the")}), 1u);  // bit 0
    EXPECT_EQ(pair_summary({token_hash("the"), token_hash("of")}), 0u);
    // A summary that says "of the" is absent rules the phrase out, whatever the codes say.
    std::string stream = encode(split("the end of the war"));
    stream[2] = 0;  // clear bit 0
    EXPECT_EQ(PhraseCheck(split("of the")).check(stream), Result::NoMatch);
    EXPECT_EQ(PhraseCheck(split("end of the")).check(stream), Result::NoMatch);
    EXPECT_EQ(PhraseCheck(split("the war")).check(stream), Result::Match);  // not common
    // Both flags, or a summary cut short, cannot answer.
    stream[0] = static_cast<char>(stream[0] | 0x40);
    EXPECT_EQ(PhraseCheck(split("the war")).check(stream), Result::Unknown);
    const std::string cut = encode(split("the end of the war")).substr(0, 6);
    EXPECT_EQ(PhraseCheck(split("the war")).check(cut), Result::Unknown);
}

// The summary is over index terms: every word of a common pair must be its own English
// stem, or paragraphs would never set the pair's bit.
TEST(TokenStream, CommonPairsAreWordsThatStemToThemselves) {
    Analyzer english("en");
    const auto pairs = common_pairs();
    EXPECT_EQ(pairs.size(), 64u);
    for (const auto& [first, second] : pairs) {
        for (const std::string_view word : {first, second})
            EXPECT_EQ(english.stem(std::string(word)), word) << word;
    }
}

}  // namespace
}  // namespace parley::schema
