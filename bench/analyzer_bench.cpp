// parley-micro-bench: Google Benchmark micro-benchmarks of Parley's hot loops, through the
// public API only.
//
//   Analyze/English        parley::Analyzer::analyze on an English op-ed paragraph
//   Analyze/MixedCjkCyrillic  the same on a paragraph mixing Russian, Chinese and English
//   Search/NoFacets        Searcher::search, top 10 with snippets, no facets
//   Search/Facets          the same with all five exact facets
//   Search/TopOnly         top 10 without snippets or facets
//
// The search benchmarks use a small index built once, in a temporary directory, from
// corpora/articles (IndexWriter + read_articles). The corpus is found through
// $PARLEY_CORPUS, else the source tree this program was built from.
//
//   build/bench/parley-micro-bench [--benchmark_filter=Analyze] [--benchmark_min_time=0.5]

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <parley/analyzer.hpp>
#include <parley/article_reader.hpp>
#include <parley/error.hpp>
#include <parley/index_writer.hpp>
#include <parley/searcher.hpp>
#include <string>
#include <vector>

#ifndef PARLEY_SOURCE_DIR
#define PARLEY_SOURCE_DIR "."
#endif

namespace {

const std::string kEnglish =
    "At the invitation of Chinese President Xi Jinping, Russian President Vladimir Putin "
    "visited China on February 4, 2022. The first in-person meeting between the two leaders "
    "in almost two years came as the United States and its allies warned of sanctions over "
    "Ukraine, while Australia, the United Kingdom and the US (AUKUS) pressed ahead with "
    "nuclear-powered submarines. Beijing's and Moscow's joint statement promised a friendship "
    "with \"no limits\" and \"no forbidden areas\" of cooperation; NATO's enlargement, the "
    "Quad and the South China Sea arbitration were all named as threats to a multipolar "
    "order. Analysts in Washington, Brussels and Tokyo read the 5,000-word text as a "
    "manifesto for a world in which great powers carve out spheres of influence.";

const std::string kMixed =
    "В мае на министерской сессии в Рейкьявике Россия приняла от Исландии председательство в "
    "Арктическом совете на 2021–2023 годы. 2021年9月，中国国家主席习近平在第七十六届联合国大会"
    "一般性辩论上提出全球发展倡议。Северный морской путь (Northern Sea Route) и «Полярный "
    "шёлковый путь» — 冰上丝绸之路 — стали темой переговоров Москвы и Пекина; 中俄两国在北极"
    "航道、液化天然气和港口建设方面的合作不断深化。Sanctions after 2022 slowed the Yamal LNG "
    "and Arctic LNG 2 projects.";

void analyze(benchmark::State& state, const std::string& text) {
    parley::Analyzer analyzer("en");
    std::vector<parley::Token> tokens;
    std::size_t count = 0;
    for (auto _ : state) {
        tokens.clear();
        analyzer.analyze(text, tokens);
        count += tokens.size();
        benchmark::DoNotOptimize(tokens.data());
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(text.size()));
    state.counters["tokens"] =
        static_cast<double>(count) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void BM_AnalyzeEnglish(benchmark::State& state) { analyze(state, kEnglish); }
void BM_AnalyzeMixed(benchmark::State& state) { analyze(state, kMixed); }
BENCHMARK(BM_AnalyzeEnglish)->Name("Analyze/English");
BENCHMARK(BM_AnalyzeMixed)->Name("Analyze/MixedCjkCyrillic");

// The small index, built once in main() before the benchmarks run.
std::filesystem::path g_index;
std::size_t g_paragraphs = 0;

const std::vector<std::string> kQueries = {
    "naval drills AUKUS", "sanctions oil price", "\"United States\"",   "China Russia", "the war",
    "climate finance",    "nuclear submarines",  "\"South China Sea\"",
};

void search(benchmark::State& state, bool snippets, bool facets) {
    parley::Searcher searcher(g_index.string());
    parley::SearchRequest request;
    request.snippets = snippets;
    if (!facets) request.facets = {};
    std::size_t i = 0, matches = 0;
    for (auto _ : state) {
        request.query = kQueries[i++ % kQueries.size()];
        const parley::SearchResult result = searcher.search(request);
        matches += result.total_paragraphs;
        benchmark::DoNotOptimize(result.hits.data());
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
    state.counters["paragraphs"] = static_cast<double>(g_paragraphs);
    state.counters["matches/query"] = static_cast<double>(matches) /
                                      static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void BM_SearchTopOnly(benchmark::State& state) { search(state, false, false); }
void BM_SearchNoFacets(benchmark::State& state) { search(state, true, false); }
void BM_SearchFacets(benchmark::State& state) { search(state, true, true); }
BENCHMARK(BM_SearchTopOnly)->Name("Search/TopOnly")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SearchNoFacets)->Name("Search/NoFacets")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SearchFacets)->Name("Search/Facets")->Unit(benchmark::kMicrosecond);

bool build_index() {
    const char* env = std::getenv("PARLEY_CORPUS");
    const std::string corpus =
        env && *env ? std::string(env) : std::string(PARLEY_SOURCE_DIR) + "/corpora/articles";
    std::error_code ec;
    g_index = std::filesystem::temp_directory_path(ec) /
              ("parley-micro-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(g_index, ec);
    try {
        parley::IndexOptions options;
        options.path = g_index.string();
        parley::IndexWriter writer(options);
        parley::IngestReport read_report;
        parley::read_articles(
            corpus, parley::ReadOptions{}, [&](parley::Article&& a) { writer.add(std::move(a)); },
            read_report);
        writer.commit();
        g_paragraphs = writer.report().paragraphs_indexed;
    } catch (const parley::Error& e) {
        std::cerr << "parley-micro-bench: building the index from " << corpus
                  << " failed: " << e.what() << "\n";
        return false;
    }
    if (g_paragraphs == 0) {
        std::cerr << "parley-micro-bench: no paragraphs indexed from " << corpus << "\n";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    if (!build_index()) return 1;
    benchmark::AddCustomContext("index_paragraphs", std::to_string(g_paragraphs));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    std::filesystem::remove_all(g_index, ec);
    return 0;
}
