// What the headers promise an embedding program about impossible arguments, objects moved
// from and files that are not files: a typed error naming the value, never a crash, a hang
// or a silently empty result. Uses only <parley/...>.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <limits>
#include <parley/analyzer.hpp>
#include <parley/archive_views.hpp>
#include <parley/error.hpp>
#include <parley/gazetteer.hpp>
#include <parley/index_writer.hpp>
#include <parley/searcher.hpp>
#include <parley/shard_set.hpp>
#include <parley/synonyms.hpp>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

class ScratchDir {
  public:
    ScratchDir()
        : path_(fs::temp_directory_path() / ("parley-contracts-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(counter_++))) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~ScratchDir() { fs::remove_all(path_); }
    std::string str() const { return path_.string(); }

  private:
    static inline int counter_ = 0;
    fs::path path_;
};

// Three one-paragraph articles about naval drills.
std::string drills_index(const ScratchDir& dir) {
    const std::string path = dir.str() + "/index";
    parley::IndexOptions options;
    options.path = path;
    options.threads = 1;
    parley::IndexWriter writer(options);
    for (int i = 1; i <= 3; ++i) {
        writer.add({.id = "a" + std::to_string(i),
                    .title = "Drills " + std::to_string(i),
                    .date = "2021-0" + std::to_string(i) + "-01",
                    .paragraphs = {"Russia and China held joint naval drills, round " +
                                   std::to_string(i) + "."}});
    }
    writer.commit();
    return path;
}

template <typename Call>
std::string usage_error_of(Call call) {
    try {
        call();
    } catch (const parley::UsageError& e) {
        return e.what();
    }
    return "(no UsageError)";
}

TEST(LibraryContracts, AnExportPageOfEverythingPastTheStartGivesEveryRemainingHit) {
    ScratchDir dir;
    parley::Searcher searcher(drills_index(dir));
    parley::ArchiveViews views(searcher);
    for (const std::size_t count :
         {std::size_t{0}, std::size_t{100}, std::numeric_limits<std::size_t>::max(),
          std::numeric_limits<std::size_t>::max() - 1}) {
        parley::ExportRequest request;
        request.start = 1;
        request.count = count;
        std::size_t total = 0;
        const std::size_t given = views.export_hits(
            request, [](const parley::Hit&) { return true; }, &total);
        EXPECT_EQ(total, 3u);
        EXPECT_EQ(given, 2u) << "count " << count;  // start + count must not wrap to nothing
    }
    parley::ExportRequest past;
    past.start = std::numeric_limits<std::size_t>::max();
    past.count = 5;
    EXPECT_EQ(views.export_hits(past, [](const parley::Hit&) { return true; }), 0u);
}

// A query holding a NUL (a C string gone wrong) or another control character reads it as
// a space and says so in the notes, as the CLI and the HTTP API do; a query of signs alone
// matches everything, as an empty one does, and says that too.
TEST(LibraryContracts, ControlCharactersAndSignsAloneInAQueryAreNoted) {
    ScratchDir dir;
    parley::Searcher searcher(drills_index(dir));
    parley::SearchRequest nul;
    nul.query = std::string("naval\0drills", 12);
    const parley::SearchResult with_nul = searcher.search(nul);
    EXPECT_EQ(with_nul.total, 3u);
    ASSERT_FALSE(with_nul.notes.empty());
    EXPECT_NE(with_nul.notes.front().find("control character"), std::string::npos)
        << with_nul.notes.front();
    for (const std::string signs : {"+", "()", "\"\"", "*"}) {
        parley::SearchRequest request;
        request.query = signs;
        const parley::SearchResult r = searcher.search(request);
        EXPECT_EQ(r.total, 3u) << signs;
        bool said = false;
        for (const auto& note : r.notes)
            said = said || note.find("everything matches") != std::string::npos;
        EXPECT_TRUE(said) << signs;
    }
}

// A snippet of no characters showed a word of the paragraph and none of its matches; with
// snippets off the length is not looked at. A length of 1 shows the match, whole.
TEST(LibraryContracts, ASnippetLengthOfZeroIsAUsageError) {
    ScratchDir dir;
    parley::Searcher searcher(drills_index(dir));
    parley::SearchRequest request;
    request.query = "drills";
    request.snippet_length = 0;
    EXPECT_NE(usage_error_of([&] { searcher.search(request); }).find("snippet length 0"),
              std::string::npos);
    request.snippets = false;
    EXPECT_EQ(searcher.search(request).total, 3u);
    request.snippets = true;
    request.snippet_length = 1;
    const parley::Hit hit = searcher.search(request).hits.at(0);
    ASSERT_EQ(hit.snippet.spans.size(), 1u) << hit.snippet.text;
    const auto& span = hit.snippet.spans.front();
    EXPECT_EQ(hit.snippet.text.substr(span.begin, span.end - span.begin), "drills");
}

TEST(LibraryContracts, AShardTimeoutXapianWouldReadAsForeverIsAUsageError) {
    ScratchDir dir;
    const std::string index = drills_index(dir);
    for (const auto timeout : {std::chrono::milliseconds(0), std::chrono::milliseconds(-1),
                               parley::ShardSet::kMaxTimeout + std::chrono::milliseconds(1)}) {
        parley::ShardSet set;
        set.shards.push_back(parley::ShardSet::parse_spec(index));
        set.timeout = timeout;
        const std::string message = usage_error_of([&] { parley::Searcher searcher(set); });
        EXPECT_NE(message.find("timeout must be from 1 to 600000 milliseconds"), std::string::npos)
            << timeout.count() << ": " << message;
    }
    parley::ShardSet set;
    set.shards.push_back(parley::ShardSet::parse_spec(index));
    set.timeout = parley::ShardSet::kMaxTimeout;
    EXPECT_EQ(parley::Searcher(set).paragraph_count(), 3u);
}

TEST(LibraryContracts, TooManyWriterThreadsIsAUsageErrorBeforeAnythingIsCreated) {
    ScratchDir dir;
    parley::IndexOptions options;
    options.path = dir.str() + "/index";
    options.threads = parley::IndexOptions::kMaxThreads + 1;
    const std::string message = usage_error_of([&] { parley::IndexWriter writer(options); });
    EXPECT_NE(message.find("257 threads is over the maximum of 256"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(options.path));
}

TEST(LibraryContracts, AnAnalyzerMovedFromSaysSoInsteadOfCrashing) {
    parley::Analyzer analyzer("en");
    parley::Analyzer moved = std::move(analyzer);
    EXPECT_EQ(moved.language(), "en");
    EXPECT_EQ(moved.analyze("Naval drills").size(), 2u);
    const std::string message = usage_error_of([&] { (void)analyzer.language(); });
    EXPECT_NE(message.find("this Analyzer was moved from"), std::string::npos) << message;
    EXPECT_THROW(analyzer.analyze("naval drills"), parley::UsageError);
    EXPECT_THROW(analyzer.stem("drills"), parley::UsageError);
    analyzer = parley::Analyzer("ru");
    EXPECT_EQ(analyzer.language(), "ru");
}

// A directory opens as a stream that reads nothing: read as a file, it was an empty
// gazetteer (an index built with no tags at all), no synonyms, no shards.
TEST(LibraryContracts, ADirectoryGivenForAFileIsAnInputErrorNamingIt) {
    ScratchDir dir;
    auto input_error_of = [](auto call) -> std::string {
        try {
            call();
        } catch (const parley::InputError& e) {
            return e.what();
        }
        return "(no InputError)";
    };
    const std::string gazetteer = input_error_of([&] { parley::Gazetteer::from_file(dir.str()); });
    EXPECT_EQ(gazetteer, dir.str() + ": cannot read gazetteer file: it is a directory");
    const std::string synonyms = input_error_of([&] { parley::Synonyms::from_file(dir.str()); });
    EXPECT_EQ(synonyms, dir.str() + ": cannot read the synonyms file: it is a directory");
    const std::string shards = input_error_of([&] { parley::ShardSet::from_file(dir.str()); });
    EXPECT_EQ(shards, dir.str() + ": cannot read the shard list: it is a directory");
    const std::string missing =
        input_error_of([&] { parley::Gazetteer::from_file(dir.str() + "/none.gazetteer"); });
    EXPECT_NE(missing.find("none.gazetteer: cannot read gazetteer file: No such file"),
              std::string::npos)
        << missing;
}

}  // namespace
