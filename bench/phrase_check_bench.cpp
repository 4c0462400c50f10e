// parley-phrase-bench: Google Benchmark of the token-stream phrase check, the inner loop of
// every phrase query (schema::PhraseCheck::check, called once per paragraph that holds all
// of a phrase's words).
//
//   PhraseCheck/Miss    a two-word phrase whose words are in the paragraph, not adjacent:
//                       the whole stream is decoded (most candidates of a phrase query)
//   PhraseCheck/Hit     the phrase occurs about halfway through the paragraph
//   PhraseCheck/Common  "of the" answered by the pair summary
//
// Paragraphs: 140 words (the generated archive's mean) drawn from a Zipf-like vocabulary of
// 5,000 words, 1,000 of them, encoded as the indexer encodes them.
//
//   build/bench/parley-phrase-bench [--benchmark_min_time=0.5]

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "schema/token_stream.hpp"

namespace {

using parley::schema::encode_token_stream;
using parley::schema::PhraseCheck;

constexpr std::size_t kParagraphs = 1000, kWords = 140, kVocabulary = 5000;

struct Sample {
    std::vector<std::string> streams;
    std::vector<std::vector<std::string>> phrases;  // one per stream
};

Sample make_sample(bool hit, bool common) {
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    auto word = [&] {
        const auto rank = static_cast<std::size_t>(std::pow(double(kVocabulary), unit(rng)));
        std::string w("w");  // appended, not "w" + ...: GCC 12 warns (-Wrestrict) on that
        w += std::to_string(rank);
        return w;
    };
    Sample s;
    for (std::size_t p = 0; p < kParagraphs; ++p) {
        std::vector<std::string> words(kWords);
        for (auto& w : words) w = word();
        words[10] = "of";
        words[11] = "the";
        std::vector<std::string> phrase{words[40], words[100]};  // present, rarely adjacent
        if (hit) {  // the phrase itself, halfway through
            words[kWords / 2] = phrase[0];
            words[kWords / 2 + 1] = phrase[1];
        }
        if (common) phrase = {"of", "the"};
        const std::vector<std::string_view> views(words.begin(), words.end());
        s.streams.push_back(encode_token_stream(views));
        s.phrases.push_back(phrase);
    }
    return s;
}

void run(benchmark::State& state, bool hit, bool common) {
    const Sample s = make_sample(hit, common);
    std::vector<PhraseCheck> checks;
    for (const auto& p : s.phrases) checks.emplace_back(p);
    std::size_t matches = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < kParagraphs; ++i)
            matches += checks[i].check(s.streams[i]) == PhraseCheck::Result::Match;
    }
    benchmark::DoNotOptimize(matches);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kParagraphs));
}

void BM_Miss(benchmark::State& state) { run(state, false, false); }
void BM_Hit(benchmark::State& state) { run(state, true, false); }
void BM_Common(benchmark::State& state) { run(state, false, true); }

}  // namespace

BENCHMARK(BM_Miss)->Name("PhraseCheck/Miss");
BENCHMARK(BM_Hit)->Name("PhraseCheck/Hit");
BENCHMARK(BM_Common)->Name("PhraseCheck/Common");

BENCHMARK_MAIN();
