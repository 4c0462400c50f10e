#pragma once

#include <string>
#include <vector>

#include "parley/analyzer.hpp"

namespace parley::query {

/// A parsed query, before it meets an index. Built by QueryParser, turned into a
/// match::Plan by QueryBuilder and into highlight terms by collect_highlights().
struct QueryNode {
    enum class Type {
        Word,      ///< one analysed word, or a hyphenated compound (tokens[0] is the whole)
        Phrase,    ///< words in sequence; tokens are the words
        Wildcard,  ///< trailing wildcard; `text` is the folded prefix
        Field,     ///< field:value filter; no weight
        Group,     ///< juxtaposed clauses, each with an Occur
        And,       ///< every child
        Or,        ///< any child
        AndNot,    ///< the first child and none of the others
        MatchAll,  ///< every paragraph (empty query, pure negation)
        Near,      ///< Word and Phrase children close together in one paragraph's text
    };
    /// How the children of a Near node may lie (see match::Proximity).
    enum class Order {
        Any,     ///< a NEAR/N b: any order, at most N other words in their stretch
        Typed,   ///< a ADJ/N b: in the order typed, at most N other words in between
        Sloppy,  ///< "a b"~N: Lucene's slop (children are the phrase's words)
    };
    /// How a clause of a Group takes part.
    enum class Occur { Should, Must, MustNot };

    Type type = Type::MatchAll;
    Occur occur = Occur::Should;
    std::string text;           ///< what the user typed for this atom (for notes/descriptions)
    std::vector<Token> tokens;  ///< Word and Phrase: analysed words
    bool stopword = false;      ///< Word: a common word that free text may drop
    bool quoted = false;        ///< Word: written in quotes, so no synonym group applies
    std::string field;          ///< Field: lower-case field name
    std::string value;          ///< Field: the value as typed
    Order order = Order::Any;   ///< Near
    unsigned distance = 0;      ///< Near: N, other words allowed (capped at kMaxDistance)
    std::vector<QueryNode> children;
};

/// Near: the distance of NEAR and ADJ without a number, and of `~` without one (Xapian's
/// default for NEAR), and the largest accepted: beyond it a window is most of a paragraph.
inline constexpr unsigned kDefaultDistance = 10;
inline constexpr unsigned kMaxDistance = 100;
/// The most parts one proximity group takes: placing them costs the square of their number
/// per candidate paragraph (a pasted chain of 900 took 3 s on corpora/).
inline constexpr std::size_t kMaxNearParts = 16;

/// The result of parsing: the tree plus notes on anything that had to be repaired.
struct ParsedQuery {
    QueryNode root;
    std::vector<std::string> notes;
    /// The notes (also in `notes`) about words read as a field that is not one: they widen
    /// the search, so a strict request refuses them.
    std::vector<std::string> unknown_fields;
};

/// Human-readable form of a parsed query, used in results ("parsed").
std::string describe(const QueryNode& node);

/// How many distinct words (common words aside), phrases and wildcards the query asks
/// for, outside NOT and '-': the length that decides between words-first and BM25.
std::size_t count_ranked_parts(const QueryNode& node);

}  // namespace parley::query
