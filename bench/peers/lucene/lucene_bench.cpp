// lucene-bench: the Lucene++ 3.0.8 peer of naive-xapian, so that scripts/bench can put
// Parley next to Lucene on the same archive and queries. Same command line and output as
// naive-xapian (bench/naive_xapian.cpp); it uses Lucene++ the way a Lucene 3 user would.
//
//   lucene-bench index ARCHIVE.jsonl DIR [--threads N] [--no-optimize] [--compound]
//       One document per paragraph: text (the paragraph; analysed, with positions, stored),
//       title (the article's; analysed, stored), id (article id; stored, not analysed),
//       para (1-based paragraph number; stored only), year (first 4 characters of date;
//       not analysed, no norms, not stored; FieldCache reads it for facets).
//       Analysis: StandardTokenizer (LUCENE_30) -> StandardFilter -> LowerCaseFilter ->
//       SnowballFilter("english") from liblucene++-contrib, the Porter2 stemmer Parley gets
//       from Xapian; no stop words, so "of the" is a phrase like any other.
//       Bulk settings: 256 MB RAM buffer, no compound files, unlimited field length, the
//       default merge policy and ConcurrentMergeScheduler; commit(), then optimize() to one
//       segment like a finished index (--no-optimize skips it). The optimize is timed
//       apart (merge_seconds, also inside seconds); with this buffer 200k paragraphs flush
//       as one segment, so it has nothing to do. --compound was no faster.
//       --threads defaults to 2, measured on the 2-core machine: 1.5 s against 2.3 s for
//       20k paragraphs. The main thread reads lines; N workers parse the JSON and call
//       IndexWriter::addDocument concurrently (Lucene 3 keeps per-thread in-memory state);
//       with --threads 1 the main thread does it all. Prints {"paragraphs", "articles",
//       "bytes", "text_bytes", "seconds", "merge_seconds"} and a summary line on stderr.
//
//   lucene-bench search DIR QUERIES.txt --mode top10|snippets|facets [--repeat R]
//                       [--text-phrases-only]
//       A query line holds bare words and "quoted phrases" and every part must match, in
//       text or in title: +(text:part title:part) per part, built here from the analysed
//       part (a TermQuery for one token, an exact PhraseQuery for several), as Parley's
//       phrases match title or text (but for a phrase of function words alone, which
//       Parley looks for in the text only). --text-phrases-only limits phrases to the text
//       (title clauses for one-word parts only). Ranking: Lucene's default
//       similarity (DefaultSimilarity, tf-idf with length norms).
//       Every mode gets the top 10 and the exact total (TopDocs::totalHits counts every
//       match). top10: loads id, para and title of each hit. snippets: also the stored text
//       and its best fragment of ~220 characters from the contrib Highlighter (QueryScorer
//       on text, SimpleFragmenter(220)), or the first 220 characters when only the title
//       matched. facets: snippets plus the exact count of every year over the whole match
//       set, from a Collector that wraps the TopScoreDocCollector Searcher::search would
//       use and counts each match's year ordinal in FieldCache's StringIndex.
//       The reader (MMapDirectory, read-only) and IndexSearcher are opened once, outside
//       the timing; open_us reports it. One warm-up pass, then R passes; the JSON is
//       naive-xapian's with engine "lucene++".

// LuceneHeaders.h must come first: the other Lucene++ headers assume what it declares.
// clang-format off
#include <lucene++/LuceneHeaders.h>
#include <lucene++/FieldCache.h>
#include <lucene++/MMapDirectory.h>
#include <lucene++/MapFieldSelector.h>
#include <lucene++/PositionIncrementAttribute.h>
#include <lucene++/StringReader.h>
#include <lucene++/TermAttribute.h>
// contrib (liblucene++-contrib)
#include <lucene++/Highlighter.h>
#include <lucene++/QueryScorer.h>
#include <lucene++/SimpleFragmenter.h>
#include <lucene++/SimpleHTMLFormatter.h>
#include <lucene++/SnowballFilter.h>
// clang-format on

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bench_common.hpp"

namespace {

using namespace Lucene;
using Clock = std::chrono::steady_clock;

constexpr int kDefaultThreads = 2;
constexpr double kRamBufferMb = 256;
constexpr int kSnippetChars = 220;

int usage() {
    std::cerr << "usage: lucene-bench index ARCHIVE.jsonl DIR [--threads N] [--no-optimize] "
                 "[--compound]\n"
                 "       lucene-bench search DIR QUERIES.txt --mode top10|snippets|facets "
                 "[--repeat R] [--text-phrases-only]\n";
    return 2;
}

String wide(const std::string& s) { return StringUtils::toUnicode(s); }
std::string narrow(const String& s) { return StringUtils::toUTF8(s); }

// StandardAnalyzer without its stop filter, plus the Snowball English stemmer. One chain
// per thread is kept and reset for each field value (what Lucene's own analyzers do).
class ParagraphAnalyzer : public Analyzer {
  public:
    LUCENE_CLASS(ParagraphAnalyzer);

    TokenStreamPtr tokenStream(const String&, const ReaderPtr& reader) override {
        return chain(reader)->result;
    }

    TokenStreamPtr reusableTokenStream(const String&, const ReaderPtr& reader) override {
        auto saved = boost::dynamic_pointer_cast<Chain>(getPreviousTokenStream());
        if (!saved) {
            saved = chain(reader);
            setPreviousTokenStream(saved);
        } else {
            saved->source->reset(reader);
        }
        return saved->result;
    }

  private:
    class Chain : public LuceneObject {
      public:
        LUCENE_CLASS(Chain);
        TokenizerPtr source;
        TokenStreamPtr result;
    };

    static boost::shared_ptr<Chain> chain(const ReaderPtr& reader) {
        auto c = newLucene<Chain>();
        c->source = newLucene<StandardTokenizer>(LuceneVersion::LUCENE_30, reader);
        c->result = newLucene<StandardFilter>(c->source);
        c->result = newLucene<LowerCaseFilter>(c->result);
        c->result = newLucene<SnowballFilter>(c->result, L"english");
        return c;
    }
};

// ---------------------------------------------------------------------------- indexing

struct IndexCounts {
    std::size_t articles = 0, paragraphs = 0, text_bytes = 0, bad = 0;
};

// One per worker thread: a Document whose Field objects are refilled for every paragraph,
// as Lucene's indexing-speed advice suggests.
class DocumentFiller {
  public:
    DocumentFiller() {
        text_ = field(L"text", AbstractField::STORE_YES, AbstractField::INDEX_ANALYZED);
        title_ = field(L"title", AbstractField::STORE_YES, AbstractField::INDEX_ANALYZED);
        id_ = field(L"id", AbstractField::STORE_YES, AbstractField::INDEX_NOT_ANALYZED_NO_NORMS);
        para_ = field(L"para", AbstractField::STORE_YES, AbstractField::INDEX_NO);
        year_ = field(L"year", AbstractField::STORE_NO, AbstractField::INDEX_NOT_ANALYZED_NO_NORMS);
    }

    // Adds the paragraphs of one archive line; false if the line is not an article.
    bool add_article(const std::string& line, IndexWriter& writer, IndexCounts& counts) {
        nlohmann::json obj = nlohmann::json::parse(line);
        auto it = obj.find("paragraphs");
        if (!obj.is_object() || it == obj.end() || !it->is_array()) return false;
        const std::string date = obj.value("date", std::string());
        title_->setValue(wide(obj.value("title", std::string())));
        id_->setValue(wide(obj.value("id", std::string())));
        year_->setValue(wide(date.substr(0, 4)));
        ++counts.articles;
        int number = 0;  // 1-based, like Parley's paragraph numbers
        for (const auto& p : *it) {
            if (!p.is_string()) continue;
            const std::string& text = p.get_ref<const std::string&>();
            text_->setValue(wide(text));
            para_->setValue(StringUtils::toString(++number));
            writer.addDocument(doc_);
            ++counts.paragraphs;
            counts.text_bytes += text.size();
        }
        return true;
    }

  private:
    FieldPtr field(const String& name, AbstractField::Store store, AbstractField::Index index) {
        auto f = newLucene<Field>(name, L"", store, index);
        doc_->add(f);
        return f;
    }

    DocumentPtr doc_ = newLucene<Document>();
    FieldPtr text_, title_, id_, para_, year_;
};

// Lines travel from the reading thread to the workers in batches, through a bounded queue.
class LineQueue {
  public:
    explicit LineQueue(std::size_t capacity) : capacity_(capacity) {}

    void push(std::vector<std::string> batch) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return queue_.size() < capacity_; });
        queue_.push_back(std::move(batch));
        not_empty_.notify_one();
    }
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
    }
    // False when the queue is closed and drained.
    bool pop(std::vector<std::string>& batch) {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !queue_.empty() || closed_; });
        if (queue_.empty()) return false;
        batch = std::move(queue_.front());
        queue_.pop_front();
        not_full_.notify_one();
        return true;
    }

  private:
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<std::vector<std::string>> queue_;
    std::size_t capacity_;
    bool closed_ = false;
};

void add_line(const std::string& line, DocumentFiller& filler, IndexWriter& writer,
              IndexCounts& counts) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) return;
    try {
        if (!filler.add_article(line, writer, counts)) ++counts.bad;
    } catch (const nlohmann::json::exception&) {
        ++counts.bad;
    }
}

int index_archive(const std::string& archive, const std::string& dir, int threads, bool optimize,
                  bool compound) {
    std::ifstream in(archive, std::ios::binary);
    if (!in) {
        std::cerr << "lucene-bench: cannot read " << archive << "\n";
        return 1;
    }
    const auto start = Clock::now();
    AnalyzerPtr analyzer = newLucene<ParagraphAnalyzer>();
    IndexWriterPtr writer = newLucene<IndexWriter>(FSDirectory::open(wide(dir)), analyzer, true,
                                                   IndexWriter::MaxFieldLengthUNLIMITED);
    writer->setRAMBufferSizeMB(kRamBufferMb);
    writer->setUseCompoundFile(compound);

    std::size_t bytes = 0;
    std::vector<IndexCounts> counts(threads);
    if (threads == 1) {  // no queue, no second thread: the plain single-threaded loop
        DocumentFiller filler;
        for (std::string line; std::getline(in, line);) {
            bytes += line.size() + 1;
            add_line(line, filler, *writer, counts[0]);
        }
    } else {
        LineQueue queue(4 * static_cast<std::size_t>(threads));
        std::vector<std::exception_ptr> errors(threads);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                try {
                    DocumentFiller filler;
                    std::vector<std::string> batch;
                    while (queue.pop(batch)) {
                        for (const auto& line : batch) add_line(line, filler, *writer, counts[t]);
                    }
                } catch (...) {
                    errors[t] = std::current_exception();
                    // Keep draining so the reader never blocks on a full queue.
                    std::vector<std::string> batch;
                    while (queue.pop(batch)) {
                    }
                }
            });
        }
        constexpr std::size_t kBatchLines = 64;  // an article is ~8 paragraphs, ~7 KB
        std::vector<std::string> batch;
        for (std::string line; std::getline(in, line);) {
            bytes += line.size() + 1;
            batch.push_back(std::move(line));
            if (batch.size() == kBatchLines) queue.push(std::exchange(batch, {}));
        }
        if (!batch.empty()) queue.push(std::move(batch));
        queue.close();
        for (auto& w : workers) w.join();
        for (auto& e : errors) {
            if (e) std::rethrow_exception(e);
        }
    }
    // Flush the buffered documents first, so that merge_seconds is the merge alone.
    writer->commit();
    const auto merge_start = Clock::now();
    if (optimize) writer->optimize();
    writer->close();
    const auto end = Clock::now();
    const double secs = std::chrono::duration<double>(end - start).count();
    const double merge_secs = std::chrono::duration<double>(end - merge_start).count();

    IndexCounts total;
    for (const auto& c : counts) {
        total.articles += c.articles;
        total.paragraphs += c.paragraphs;
        total.text_bytes += c.text_bytes;
        total.bad += c.bad;
    }
    std::fprintf(stderr,
                 "lucene-bench: indexed %zu paragraphs of %zu articles (%zu bad lines) with %d "
                 "thread(s), %.1f MB (%.1f MB text) in %.2f s (optimize %.2f s), "
                 "%.2f MB/s of text\n",
                 total.paragraphs, total.articles, total.bad, threads, bytes / 1e6,
                 total.text_bytes / 1e6, secs, merge_secs, total.text_bytes / 1e6 / secs);
    std::printf(
        "{\"paragraphs\": %zu, \"articles\": %zu, \"bytes\": %zu, \"text_bytes\": %zu, "
        "\"seconds\": %.3f, \"merge_seconds\": %.3f}\n",
        total.paragraphs, total.articles, bytes, total.text_bytes, secs, merge_secs);
    return 0;
}

// ----------------------------------------------------------------------------- search

using Mode = bench::PeerMode;

// Facets mode's collector: every match goes to the top-10 collector and its year is counted
// by the ordinal of FieldCache's StringIndex of the current segment.
class YearCountingCollector : public Collector {
  public:
    explicit YearCountingCollector(const TopScoreDocCollectorPtr& top) : top_(top) {}
    LUCENE_CLASS(YearCountingCollector);

    void setScorer(const ScorerPtr& scorer) override { top_->setScorer(scorer); }
    void collect(int32_t doc) override {
        top_->collect(doc);
        ++segment_counts_[order_[doc]];
    }
    void setNextReader(const IndexReaderPtr& reader, int32_t doc_base) override {
        flush_segment();
        top_->setNextReader(reader, doc_base);
        index_ = FieldCache::DEFAULT()->getStringIndex(reader, L"year");
        order_ = index_->order;
        segment_counts_.assign(index_->lookup.size(), 0);
    }
    bool acceptsDocsOutOfOrder() override { return top_->acceptsDocsOutOfOrder(); }

    // Year -> number of matches; ordinal 0 (documents without a year) is left out.
    const std::map<String, std::size_t>& counts() {
        flush_segment();
        return counts_;
    }

  private:
    void flush_segment() {
        for (std::size_t ord = 1; ord < segment_counts_.size(); ++ord) {
            if (segment_counts_[ord] != 0) counts_[index_->lookup[ord]] += segment_counts_[ord];
        }
        segment_counts_.clear();
    }

    TopScoreDocCollectorPtr top_;
    StringIndexPtr index_;
    Collection<int32_t> order_;
    std::vector<std::size_t> segment_counts_;
    std::map<String, std::size_t> counts_;
};

struct Searcher {
    Mode mode;
    bool title_phrases;
    IndexReaderPtr reader;
    IndexSearcherPtr searcher;
    AnalyzerPtr analyzer = newLucene<ParagraphAnalyzer>();
    FieldSelectorPtr fields;

    Searcher(const std::string& dir, Mode m, bool phrases_in_title)
        : mode(m), title_phrases(phrases_in_title) {
        // MMapDirectory: what Lucene picks for a 64-bit reader from 3.1 on.
        reader = IndexReader::open(newLucene<MMapDirectory>(wide(dir)), true);
        searcher = newLucene<IndexSearcher>(reader);
        Collection<String> names = Collection<String>::newInstance();
        for (const wchar_t* name : {L"id", L"para", L"title"}) names.add(name);
        if (mode != Mode::Top10) names.add(L"text");
        fields = newLucene<MapFieldSelector>(names);
    }

    // The analysed tokens of a query part with their positions (the analyzer may skip some).
    std::vector<std::pair<String, int32_t>> analyse(const std::string& part) {
        std::vector<std::pair<String, int32_t>> tokens;
        TokenStreamPtr ts =
            analyzer->reusableTokenStream(L"text", newLucene<StringReader>(wide(part)));
        auto term = ts->addAttribute<TermAttribute>();
        auto increment = ts->addAttribute<PositionIncrementAttribute>();
        ts->reset();
        int32_t position = -1;
        while (ts->incrementToken()) {
            position += increment->getPositionIncrement();
            tokens.emplace_back(term->term(), position);
        }
        ts->end();
        ts->close();
        return tokens;
    }

    static QueryPtr field_query(const String& field,
                                const std::vector<std::pair<String, int32_t>>& tokens) {
        if (tokens.size() == 1)
            return newLucene<TermQuery>(newLucene<Term>(field, tokens[0].first));
        auto phrase = newLucene<PhraseQuery>();  // slop 0: an exact phrase
        for (const auto& [text, position] : tokens) {
            phrase->add(newLucene<Term>(field, text), position);
        }
        return phrase;
    }

    // +(text:part title:part) for every part of the line (text only for a phrase part if
    // !title_phrases).
    QueryPtr build_query(const std::string& line) {
        auto all = newLucene<BooleanQuery>();
        for (const auto& part : bench::query_parts(line)) {
            const auto tokens = analyse(part.text);
            if (tokens.empty()) continue;
            auto either = newLucene<BooleanQuery>();
            either->add(field_query(L"text", tokens), BooleanClause::SHOULD);
            if (tokens.size() == 1 || title_phrases) {
                either->add(field_query(L"title", tokens), BooleanClause::SHOULD);
            }
            all->add(either, BooleanClause::MUST);
        }
        return all;
    }

    // Runs one query; returns the exact number of matching paragraphs. `sink` accumulates
    // something from every result so the work cannot be optimised away.
    std::size_t run(const std::string& line, std::size_t& sink) {
        QueryPtr query = build_query(line);
        TopDocsPtr top;
        if (mode == Mode::Facets) {
            // What Searcher::search(query, 10) does, with the year counter around its collector.
            WeightPtr weight = query->weight(searcher);
            auto top10 = TopScoreDocCollector::create(10, !weight->scoresDocsOutOfOrder());
            auto collector = newLucene<YearCountingCollector>(top10);
            searcher->search(weight, FilterPtr(), collector);
            for (const auto& [year, count] : collector->counts()) sink += year.size() + count;
            top = top10->topDocs();
        } else {
            top = searcher->search(query, 10);
        }
        HighlighterPtr highlighter;
        if (mode != Mode::Top10) {
            highlighter = newLucene<Highlighter>(newLucene<SimpleHTMLFormatter>(),
                                                 newLucene<QueryScorer>(query, L"text"));
            highlighter->setTextFragmenter(newLucene<SimpleFragmenter>(kSnippetChars));
        }
        for (const auto& hit : top->scoreDocs) {
            DocumentPtr doc = searcher->doc(hit->doc, fields);
            sink += doc->get(L"id").size() + doc->get(L"para").size() + doc->get(L"title").size();
            if (highlighter) {
                const String text = doc->get(L"text");
                // The reusable chain: the Analyzer overload would build a new one (and a new
                // Snowball stemmer) for every hit.
                String snippet = highlighter->getBestFragment(
                    analyzer->reusableTokenStream(L"text", newLucene<StringReader>(text)), text);
                if (snippet.empty()) snippet = text.substr(0, kSnippetChars);
                sink += narrow(snippet).size();
            }
        }
        return static_cast<std::size_t>(top->totalHits);
    }
};

int search(const std::string& dir, const std::string& queries_path, Mode mode,
           const std::string& mode_name, int repeat, bool title_phrases) {
    const std::vector<std::string> queries = bench::read_queries(queries_path);
    const auto open_start = Clock::now();
    Searcher searcher(dir, mode, title_phrases);
    const double open_us = bench::micros_since(open_start);

    std::size_t sink = 0;
    const bench::LoopTimes times = bench::time_queries(
        queries, repeat, [&](const std::string& q) { return searcher.run(q, sink); });
    bench::print_loop_json("lucene++", mode_name, repeat, open_us, "", queries, times, sink);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() >= 3 && args[0] == "index") {
            int threads = kDefaultThreads;
            bool optimize = true, compound = false;
            for (std::size_t i = 3; i < args.size(); ++i) {
                if (args[i] == "--threads" && i + 1 < args.size()) {
                    threads = std::atoi(args[++i].c_str());
                } else if (args[i] == "--no-optimize") {
                    optimize = false;
                } else if (args[i] == "--compound") {
                    compound = true;
                } else {
                    return usage();
                }
            }
            if (threads < 1) return usage();
            return index_archive(args[1], args[2], threads, optimize, compound);
        }
        if (args.size() >= 3 && args[0] == "search") {
            const auto s = bench::parse_peer_search(args);
            if (!s) return usage();
            return search(s->dir, s->queries, s->mode, s->loop.mode, s->loop.repeat,
                          !s->text_phrases_only);
        }
        return usage();
    } catch (const LuceneException& e) {
        std::cerr << "lucene-bench: " << narrow(e.getError()) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "lucene-bench: " << e.what() << "\n";
        return 1;
    }
}
