#pragma once

#include <string_view>

#include "parley/analyzer.hpp"
#include "query/query_ast.hpp"

namespace parley::query {

/// Parses Parley's query syntax with the index's analyzer, so query words are exactly
/// the words the indexer stored.
///
///   free text        naval drills AUKUS     ranked; paragraphs with more of the words first
///   phrase           "joint naval drills"
///   required/excl.   +AUKUS -submarine      also +"phrase", -(a OR b)
///   operators        a AND b, a OR b, a NOT b, parentheses (AND/OR/NOT in capitals,
///                    between clauses; in a query typed all in capitals, and first or
///                    last in a query, they are words)
///   fields           actor:China actor:"United States" topic:maritime author:"Sultana Yesmin"
///                    source:"Harbour & Strait" year:2021 year:2019..2021
///                    date:2021-01-01..2022-12-31 lang:ru article:ID
///   wildcard         drill*
///   proximity        Putin NEAR/5 sanctions (any order), Putin ADJ/5 sanctions (in order),
///                    "Putin sanctions"~5 (Lucene's slop); bare NEAR and ADJ follow AND's
///                    rules for capitals, NEAR/5 is an operator in any case
///
/// Precedence, loosest first: OR, AND, NOT, juxtaposition, NEAR/ADJ. Never throws for syntax:
/// unbalanced quotes and parentheses, dangling operators and empty values are repaired
/// and each repair is described in ParsedQuery::notes.
class QueryParser {
  public:
    explicit QueryParser(Analyzer& analyzer) : analyzer_(analyzer) {}

    ParsedQuery parse(std::string_view text);

    /// Field names the parser accepts.
    static bool is_field(std::string_view name);

  private:
    Analyzer& analyzer_;
};

}  // namespace parley::query
