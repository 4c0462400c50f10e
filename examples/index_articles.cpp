// index_articles INDEX_DIR
//
// Creates a Parley index in INDEX_DIR (or adds to the one there), indexes three short
// op-eds and prints what the writer did. Running it twice changes nothing the second time:
// articles are identified by id, and an article indexed exactly so is left alone.
#include <iostream>
#include <parley/article.hpp>
#include <parley/error.hpp>
#include <parley/index_writer.hpp>
#include <parley/ingest_report.hpp>
#include <string>
#include <utility>
#include <vector>

namespace {

// Articles are plain values: set what you have, leave the rest empty (article.hpp gives
// each field's default). Every paragraph becomes a searchable unit; Parley tags each with
// the actors (states, leaders, alliances) and topics it names.
parley::Article op_ed(std::string id, std::string title, std::string author, std::string date,
                      std::string source, std::vector<std::string> paragraphs) {
    parley::Article article;
    article.id = std::move(id);  // re-adding an article with this id replaces it
    article.title = std::move(title);
    article.authors = {std::move(author)};
    article.date = std::move(date);  // "YYYY-MM-DD"
    article.source = std::move(source);
    article.paragraphs = std::move(paragraphs);
    return article;
}

std::vector<parley::Article> sample_articles() {
    return {
        op_ed("meridian-2021-10-04-drills", "Drills in the north", "Hannah Bergström", "2021-10-04",
              "The Meridian Review",
              {"Russia and China held joint naval drills in the Sea of Japan this week, the "
               "largest the two navies have staged together: ten warships and a submarine "
               "sailed for five days.",
               "Officials in Tokyo called the exercise a message; Moscow called it routine."}),
        op_ed("harbour-2024-09-15-aukus", "AUKUS at three", "Tom Okafor", "2024-09-15",
              "Harbour Post",
              {"Three years on, AUKUS has yet to deliver a single submarine to Australia, but "
               "its partners now plan naval drills every spring.",
               "China says the pact fuels an arms race in the Pacific."}),
        op_ed("ledger-2023-07-11-summit", "What Vilnius settled", "Marta Kowalczyk", "2023-07-11",
              "The Baltic Ledger",
              {"NATO leaders in Vilnius promised Ukraine a path to membership but no date, and "
               "agreed to keep spending two percent of output on defence.",
               "Russia dismissed the summit communiqué as theatre."}),
    };
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: index_articles INDEX_DIR\n";
        return 2;
    }
    try {
        parley::IndexOptions options;
        options.path = argv[1];  // every other option has a sensible default

        // Takes the index's writer lock until `writer` is destroyed: one writer at a time.
        parley::IndexWriter writer(options);
        for (parley::Article& article : sample_articles()) writer.add(std::move(article));
        writer.commit();  // durable and visible to searchers from here on

        const parley::IngestReport report = writer.report();
        std::cout << "articles: " << report.articles_new << " new, " << report.articles_replaced
                  << " replaced, " << report.articles_unchanged << " unchanged; "
                  << report.paragraphs_indexed << " paragraphs indexed\n";
        // Bad records are data, not exceptions: the batch carries on and lists them here.
        for (const parley::IngestProblem& problem : report.problems) {
            std::cerr << problem.to_string() << "\n";
        }
    } catch (const parley::Error& e) {
        // IndexLockedError (another writer), IndexMismatchError (built by another Parley
        // version), IndexIoError (disk), UsageError (bad options): each message says what
        // to do next.
        std::cerr << "index_articles: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
