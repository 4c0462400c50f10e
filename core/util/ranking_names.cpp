// The names of the rankings (search_request.hpp), in core so that parley-search,
// parley-analyze and the HTTP API accept the same ones.
#include "parley/search_request.hpp"

namespace parley {

std::optional<Ranking> ranking_from_name(const std::string& name) {
    if (name == "auto") return Ranking::Auto;
    if (name == "words") return Ranking::WordsFirst;
    if (name == "bm25") return Ranking::Bm25;
    return std::nullopt;
}

}  // namespace parley
