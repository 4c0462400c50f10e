// search_facets INDEX_DIR [QUERY]
//
// Searches the index in INDEX_DIR (default query: "naval drills"), prints the best
// paragraphs with their snippets, and how the matches spread over actors and topics.
#include <cstddef>
#include <iostream>
#include <parley/error.hpp>
#include <parley/search_request.hpp>
#include <parley/search_result.hpp>
#include <parley/searcher.hpp>
#include <string>

namespace {

// A snippet is text plus byte ranges of the matches; mark them with [brackets].
std::string marked(const parley::Snippet& snippet) {
    std::string out;
    std::size_t at = 0;
    for (const parley::MatchSpan& span : snippet.spans) {
        out += snippet.text.substr(at, span.begin - at);
        out += "[" + snippet.text.substr(span.begin, span.end - span.begin) + "]";
        at = span.end;
    }
    return out + snippet.text.substr(at);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: search_facets INDEX_DIR [QUERY]\n";
        return 2;
    }
    try {
        // Opens read-only; any number of searchers may run while one writer adds articles.
        parley::Searcher searcher(argv[1]);

        parley::SearchRequest request;
        request.query = argc == 3 ? argv[2] : "naval drills";  // e.g. "drills actor:China"
        request.limit = 5;
        request.facets = {"actor", "topic"};  // default: all six, actor_type too

        const parley::SearchResult result = searcher.search(request);
        std::cout << result.total_paragraphs << " paragraphs in " << result.total_articles
                  << " articles match \"" << result.query << "\"\n";
        // Parley reads a malformed query the sensible way and says how here.
        for (const std::string& note : result.notes) std::cout << "note: " << note << "\n";

        for (const parley::Hit& hit : result.hits) {
            std::cout << "\n"
                      << hit.rank << ". " << hit.title << " (" << hit.source << ", " << hit.date
                      << "), paragraph " << hit.paragraph << "\n   " << marked(hit.snippet) << "\n";
        }
        // Facet counts cover every match, not only the hits shown.
        std::cout << "\n";
        for (const parley::Facet& facet : result.facets) {
            std::cout << facet.name << ":";
            for (const parley::FacetValue& value : facet.values) {
                std::cout << " " << value.value << " (" << value.count << ")";
            }
            std::cout << "\n";
        }
    } catch (const parley::IndexMissingError& e) {
        // Nothing at that path yet: the message names the path and how to build an index.
        std::cerr << "search_facets: " << e.what() << "\n(run index_articles on it first)\n";
        return 1;
    } catch (const parley::IndexMismatchError& e) {
        // Built by a Parley with another index format or analyzer: rebuild the index.
        std::cerr << "search_facets: " << e.what() << "\n";
        return 1;
    } catch (const parley::Error& e) {
        // The rest: IndexIoError (unreadable or corrupt index), UsageError (bad request).
        std::cerr << "search_facets: " << e.what() << "\n";
        return parley::exit_code_for(e);
    }
    return 0;
}
