#pragma once

#include <string>
#include <vector>

#include "match/proximity.hpp"

namespace parley::match {

/// What a query part adds to a paragraph's score when it matches (see rank/).
enum class Role {
    Body,      ///< a paragraph word: BM25 plus the words-first bonus
    Title,     ///< a word of the article's title: a fixed boost
    Boolean,   ///< a filter: nothing
    Entity,    ///< an actor tag a query word names: a fixed weight below the word's (no bonus)
    Feedback,  ///< a word added by pseudo-relevance feedback: BM25 times Plan::boost, no bonus
};

/// A query as the matcher runs it: a tree over the index's terms. QueryBuilder makes it
/// from the parsed query; Matcher evaluates it over Xapian's posting lists.
struct Plan {
    enum class Op {
        Term,         ///< documents holding `term` (a full Xapian term, with its prefix)
        ArticleTerm,  ///< every paragraph of the articles whose first paragraph holds `term`
        Synonym,      ///< documents holding any child term (all Term or all ArticleTerm),
                      ///< weighted as one word
        Phrase,       ///< documents holding `words` (Z terms) one after another
        TitlePhrase,  ///< every paragraph of the articles whose title holds `words` (stems)
                      ///< one after another
        Near,         ///< documents whose text holds one of each child's phrases (an Or of
                      ///< Phrase alternatives) placed as `proximity` says; score: the sum of
                      ///< the children's, as a phrase's is of its words
        And,          ///< every child; score: the sum
        Or,           ///< any child; score: the sum of those that match
        AndMaybe,     ///< the first child; the others add their score where they match
        AndNot,       ///< the first child, but none of the others; score: the first's
        Filter,       ///< every child; score: the first's only
        DateRange,    ///< documents dated within [from, to] ("YYYY-MM-DD", empty = open)
        All,          ///< every document
        Nothing,      ///< no document
    };
    Op op = Op::Nothing;
    Role role = Role::Body;          ///< for Term, ArticleTerm, Synonym and the phrases
    std::string term;                ///< Term, ArticleTerm
    std::vector<std::string> words;  ///< Phrase, TitlePhrase: the stems in order
    std::string from, to;            ///< DateRange
    Proximity proximity;             ///< Near
    double boost = 1;                ///< Term with Role::Feedback: its share of a query word
    std::vector<Plan> children;

    static Plan leaf(std::string term, Role role = Role::Body) {
        Plan p;
        p.op = Op::Term;
        p.term = std::move(term);
        p.role = role;
        return p;
    }
    /// A term of the article as a whole (title word, author, source, year).
    static Plan article_leaf(std::string term, Role role) {
        Plan p = leaf(std::move(term), role);
        p.op = Op::ArticleTerm;
        return p;
    }
    static Plan of(Op op, std::vector<Plan> children = {}) {
        Plan p;
        p.op = op;
        p.children = std::move(children);
        return p;
    }
    /// One child stands for itself; otherwise an `op` node over them.
    static Plan combine(Op op, std::vector<Plan> children) {
        if (children.size() == 1) return std::move(children.front());
        return of(op, std::move(children));
    }
};

/// The same plan with every leaf given `role` (Boolean: a filter that adds no weight).
Plan with_role(Plan plan, Role role);

/// The plan in a readable form, for tests and debugging ("AND(Zwar, OR(...))").
std::string describe(const Plan& plan);

}  // namespace parley::match
