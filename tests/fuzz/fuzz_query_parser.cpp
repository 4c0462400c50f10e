// The query parser and the plan builder: any text of up to SearchRequest::kMaxQueryBytes
// (the longest query the Searcher passes on) parses without an exception, since syntax
// errors are repaired with notes; the tree is one the builder turns into a plan (here
// against an empty index, with the built-in gazetteer and two more languages, as a
// multilingual index has); parsing is deterministic.

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_checks.hpp"
#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "parley/search_request.hpp"
#include "query/query_builder.hpp"
#include "query/query_parser.hpp"

namespace {

using parley::query::QueryNode;

// Every node is well-formed: the parts the builder and describe() read are there.
void check_node(const QueryNode& n, std::string_view query) {
    switch (n.type) {
        case QueryNode::Type::Word:
        case QueryNode::Type::Phrase:
            PARLEY_FUZZ_CHECK(!n.tokens.empty(), query);
            for (const auto& t : n.tokens) PARLEY_FUZZ_CHECK(!t.term.empty(), query);
            break;
        case QueryNode::Type::Wildcard:
            PARLEY_FUZZ_CHECK(n.text.size() >= 2, query);
            break;
        case QueryNode::Type::Field:
            PARLEY_FUZZ_CHECK(!n.field.empty() && !n.value.empty(), query);
            PARLEY_FUZZ_CHECK(parley::query::QueryParser::is_field(n.field), query);
            break;
        case QueryNode::Type::Group:
        case QueryNode::Type::And:
        case QueryNode::Type::Or:
            PARLEY_FUZZ_CHECK(!n.children.empty(), query);
            break;
        case QueryNode::Type::AndNot:
            PARLEY_FUZZ_CHECK(n.children.size() >= 2, query);
            break;
        case QueryNode::Type::MatchAll:
            break;
    }
    for (const auto& child : n.children) check_node(child, query);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > parley::SearchRequest::kMaxQueryBytes) return -1;  // refused before parsing
    const std::string_view query(reinterpret_cast<const char*>(data), size);
    static parley::Analyzer english("en");
    static parley::Analyzer russian("ru");
    static parley::Analyzer arabic("ar");
    static const Xapian::Database empty_index;

    parley::query::QueryParser parser(english);
    const parley::query::ParsedQuery parsed = parser.parse(query);
    check_node(parsed.root, query);
    const std::string described = parley::query::describe(parsed.root);
    parley::query::count_ranked_parts(parsed.root);

    // The same repair is one note, however often it was made.
    std::vector<std::string> notes = parsed.notes;
    std::sort(notes.begin(), notes.end());
    PARLEY_FUZZ_CHECK(std::adjacent_find(notes.begin(), notes.end()) == notes.end(), query);

    const parley::query::ParsedQuery again = parser.parse(query);
    PARLEY_FUZZ_CHECK(parley::query::describe(again.root) == described, query);
    PARLEY_FUZZ_CHECK(again.notes == parsed.notes, query);

    for (const bool repeats_once : {false, true}) {
        parley::query::QueryBuilder builder(empty_index, parley::Gazetteer::builtin(), english,
                                            {&russian, &arabic}, repeats_once);
        std::vector<std::string> build_notes;
        builder.build(parsed.root, build_notes);
        // Every word searched for is a word: no empty term (which is the bare prefix).
        PARLEY_FUZZ_CHECK(!builder.highlights().terms.count(""), query);
    }
    return 0;
}
