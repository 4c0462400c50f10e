// search_loop INDEX QUERY STOP_FILE: one Searcher, opened once, searching QUERY over and
// over until STOP_FILE exists. Prints "<n> <total>" per search, or "<n> ERROR <what>".
// Integration tests run it beside a writing parley-index: a long-lived searcher must never
// fail while the index changes, and must see each commit without being restarted.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "parley/error.hpp"
#include "parley/searcher.hpp"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: search_loop INDEX QUERY STOP_FILE\n";
        return 2;
    }
    parley::Searcher searcher(argv[1]);
    parley::SearchRequest request;
    request.query = argv[2];
    request.limit = 3;
    for (long n = 1; !std::filesystem::exists(argv[3]); ++n) {
        try {
            const parley::SearchResult result = searcher.search(request);
            std::cout << n << " " << result.total_paragraphs << std::endl;
        } catch (const std::exception& e) {
            std::cout << n << " ERROR " << e.what() << std::endl;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return 0;
}
