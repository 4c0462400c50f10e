// extract_articles FILE...: reads each file with Parley's readers (the format from its
// extension, as parley-index does) and prints one JSON line per article: file, title,
// authors, date, source, url, paragraphs. Problems go to stderr, one line each; a file
// that gives no article prints {"file": ..., "skipped": reason}. scripts/eval-extraction
// runs it over the shared extraction pages.
#include <iostream>
#include <nlohmann/json.hpp>

#include "parley/article_reader.hpp"
#include "parley/ingest_report.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: extract_articles FILE...\n";
        return 2;
    }
    for (int i = 1; i < argc; ++i) {
        const std::string file = argv[i];
        parley::IngestReport report;
        bool any = false;
        parley::read_articles(
            file, {},
            [&](parley::Article&& a) {
                any = true;
                std::cout << nlohmann::json{{"file", file},
                                            {"title", a.title},
                                            {"authors", a.authors},
                                            {"date", a.date},
                                            {"source", a.source},
                                            {"url", a.url},
                                            {"paragraphs", a.paragraphs}}
                                 .dump()
                          << '\n';
            },
            report);
        std::string reason;
        for (const auto& p : report.problems) {
            std::cerr << p.source << ": " << p.reason << ": " << p.detail << '\n';
            if (reason.empty()) reason = p.reason;
        }
        if (!any) std::cout << nlohmann::json{{"file", file}, {"skipped", reason}}.dump() << '\n';
    }
    return 0;
}
