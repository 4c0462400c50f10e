// The analyzer, on any bytes: its contract is that invalid UTF-8 is tolerated (the bad
// bytes skipped), never a crash. Tokens lie inside the text, in order, with positions
// counted from the first one asked for; words are folded UTF-8 of at most 64 bytes; a
// compound shares the position of its first part; the same text gives the same tokens.
// The language is chosen from the input's length, so that the seeds stay plain text.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "analysis/normalizer.hpp"
#include "fuzz_checks.hpp"
#include "parley/analyzer.hpp"

namespace {

constexpr std::array<const char*, 8> kLanguages{"en", "en", "en", "ru", "ar", "zh", "ja", "tr"};

bool same(const parley::Token& a, const parley::Token& b, std::uint32_t shift) {
    return a.term == b.term && a.norm == b.norm && a.begin == b.begin && a.end == b.end &&
           a.kind == b.kind && a.position + shift == b.position;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static std::array<std::unique_ptr<parley::Analyzer>, kLanguages.size()> analyzers;
    auto& analyzer = analyzers[size % kLanguages.size()];
    if (!analyzer)
        analyzer = std::make_unique<parley::Analyzer>(kLanguages[size % kLanguages.size()]);

    const std::vector<parley::Token> tokens = analyzer->analyze(text);
    std::uint32_t next_position = 1;
    std::uint32_t last_begin = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const parley::Token& t = tokens[i];
        PARLEY_FUZZ_CHECK(t.begin < t.end && t.end <= text.size(), t.norm);
        PARLEY_FUZZ_CHECK(t.begin >= last_begin, t.norm);
        last_begin = t.begin;
        PARLEY_FUZZ_CHECK(!t.norm.empty() && !t.term.empty(), text);
        PARLEY_FUZZ_CHECK(parley::fuzz::is_utf8(t.norm) && parley::fuzz::is_utf8(t.term), t.norm);
        if (t.kind == parley::Token::Kind::Compound) {
            // The whole, then its parts: the next token is the first part, at its position.
            PARLEY_FUZZ_CHECK(i + 1 < tokens.size(), t.norm);
            PARLEY_FUZZ_CHECK(tokens[i + 1].kind == parley::Token::Kind::Word, t.norm);
            PARLEY_FUZZ_CHECK(t.position == next_position && t.begin == tokens[i + 1].begin,
                              t.norm);
        } else {
            PARLEY_FUZZ_CHECK(t.position == next_position, t.norm);
            PARLEY_FUZZ_CHECK(t.norm.size() <= 64, t.norm);
            PARLEY_FUZZ_CHECK(
                t.norm == parley::analysis::fold_word(text.substr(t.begin, t.end - t.begin)),
                t.norm);
            ++next_position;
        }
    }

    // Again, appended after other tokens and from another first position: the same words.
    std::vector<parley::Token> again(1);
    analyzer->analyze(text, again, 100);
    PARLEY_FUZZ_CHECK(again.size() == tokens.size() + 1, text);
    for (std::size_t i = 0; i < tokens.size(); ++i)
        PARLEY_FUZZ_CHECK(same(tokens[i], again[i + 1], 99), tokens[i].norm);
    return 0;
}
