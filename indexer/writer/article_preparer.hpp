#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/article.hpp"
#include "parley/ingest_report.hpp"
#include "tagger/tagger.hpp"

namespace parley::writer {

/// An article turned into Xapian documents, ready for the writer thread.
struct PreparedArticle {
    std::string id;
    std::string language;
    std::vector<Xapian::Document> paragraphs;
    std::vector<IngestProblem> problems;  ///< warnings, or the reason it was skipped
    bool skipped = false;
};

/// Builds the Xapian documents of an article: analysis, tagging, terms, values and data.
/// This is the CPU-heavy half of indexing and runs on analysis threads; one preparer per
/// thread (it owns analyzers), all sharing one immutable Tagger.
class ArticlePreparer {
  public:
    ArticlePreparer(const Tagger& tagger, std::string default_language);

    PreparedArticle prepare(Article article);

  private:
    Analyzer& analyzer_for(const std::string& language);

    const Tagger& tagger_;
    std::string default_language_;
    std::map<std::string, std::unique_ptr<Analyzer>> analyzers_;
    std::vector<Token> tokens_;               // reused between paragraphs
    std::vector<std::string> english_stems_;  // for tagging non-English text
};

}  // namespace parley::writer
