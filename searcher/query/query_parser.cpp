#include "query/query_parser.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <set>

#include "analysis/normalizer.hpp"
#include "util/utf8.hpp"

namespace parley::query {
namespace {

constexpr std::array<std::string_view, 12> kFields{
    "actor",  "actor_type", "lineage", "topic", "mentioned_topic", "author",
    "source", "year",       "date",    "lang",  "language",        "article"};

struct Lexeme {
    enum class Kind { Text, Quoted, LParen, RParen, And, Or, Not, Near, End };
    Kind kind = Kind::End;
    std::string text;
    char modifier = 0;  ///< '+', '-' or 0
    std::string field;  ///< Text/Quoted written as field:value
    bool unterminated = false;
    bool operator_as_word = false;  ///< AND, OR, NOT or NEAR read as text (a common word)
    bool slop = false;              ///< Quoted followed by '~': a proximity phrase
    std::string slop_digits;        ///< what followed the '~' (digits, maybe none)
};

// NEAR and ADJ, bare or with a distance ("NEAR/5"), in capitals: proximity operators.
bool is_proximity(std::string_view text) {
    const std::string_view name = text.substr(0, text.find('/'));
    return name == "NEAR" || name == "ADJ";
}

// "NEAR/5" says it is syntax; a bare "NEAR" may be a word, as "AND" may.
bool bare_operator(std::string_view text) { return text.find('/') == std::string_view::npos; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Straight and typographic double quotes all delimit phrases.
std::size_t quote_length(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    if (s.substr(i, 3) == "\u201C" || s.substr(i, 3) == "\u201D" || s.substr(i, 3) == "\u201E")
        return 3;
    return 0;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// A query of three or more words, all in capitals ("EFFECTS OF NOISE AND VIBRATION"): typed
// with caps lock or pasted from a list in capitals. Fewer words ("US OR UK", "NATO AND EU")
// may be operators written on purpose. Letters outside ASCII are not looked at: a query
// in Cyrillic or Chinese keeps its operators.
bool in_capitals(std::string_view text) {
    std::size_t words = 0;
    std::string word;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : ' ';
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') {
            word += c;
        } else if (!word.empty()) {
            if (word != "AND" && word != "OR" && word != "NOT" && !is_proximity(word)) ++words;
            word.clear();
        }
    }
    return words >= 3;
}

class Lexer {
  public:
    Lexer(std::string_view text, std::vector<std::string>& notes,
          std::vector<std::string>& unknown_fields)
        : s_(text),
          all_capitals_(in_capitals(text)),
          notes_(notes),
          unknown_fields_(unknown_fields) {}

    /// Whether the whole query is in capitals (so capitals say nothing about a word).
    bool all_capitals() const { return all_capitals_; }

    std::vector<Lexeme> run() {
        std::vector<Lexeme> out;
        char modifier = 0;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (is_space(c)) {
                if (modifier) note_dangling(modifier);
                modifier = 0;
                ++i_;
                continue;
            }
            if (c == '(') {
                out.push_back({Lexeme::Kind::LParen, "(", modifier});
                modifier = 0;
                ++i_;
                continue;
            }
            if (c == ')') {
                if (modifier) note_dangling(modifier);
                modifier = 0;
                out.push_back({Lexeme::Kind::RParen, ")"});
                ++i_;
                continue;
            }
            if (quote_length(s_, i_)) {
                Lexeme q = quoted();
                q.modifier = modifier;
                modifier = 0;
                out.push_back(std::move(q));
                continue;
            }
            if ((c == '+' || c == '-') && modifier == 0) {
                modifier = c;
                ++i_;
                continue;
            }
            out.push_back(chunk(modifier));
            modifier = 0;
        }
        if (modifier) note_dangling(modifier);
        words_where_not_operators(out);
        out.push_back({Lexeme::Kind::End});
        return out;
    }

  private:
    // AND, OR and NOT are operators only between clauses of a query typed in mixed case:
    // "WHAT IS THE EFFECT OF X AND Y" (a query in capitals) and "AND" or "NOT" opening or
    // closing a query are text someone typed, not syntax.
    void words_where_not_operators(std::vector<Lexeme>& lexemes) const {
        const auto make_word = [](Lexeme& l) {
            const bool spelled = l.text == "AND" || l.text == "OR" || l.text == "NOT" ||
                                 (l.kind == Lexeme::Kind::Near && bare_operator(l.text));
            if (!spelled || l.kind == Lexeme::Kind::Text || l.kind == Lexeme::Kind::Quoted)
                return false;
            l.kind = Lexeme::Kind::Text;
            l.operator_as_word = true;
            return true;
        };
        if (all_capitals_) {
            bool changed = false, near = false;
            for (auto& l : lexemes) {
                const bool proximity = l.kind == Lexeme::Kind::Near;
                if (make_word(l)) (proximity ? near : changed) = true;
            }
            if (changed) notes_.push_back("query in capitals: AND, OR and NOT read as words");
            // "NEAR/5" is syntax in any case; a bare NEAR or ADJ is a word here, as AND is.
            if (near)
                notes_.push_back(
                    "query in capitals: NEAR and ADJ read as words (NEAR/5 is an operator)");
            return;
        }
        if (lexemes.empty()) return;
        for (Lexeme* l : {&lexemes.front(), &lexemes.back()}) {
            if (make_word(*l))
                notes_.push_back("'" + l->text + "' " +
                                 (l == &lexemes.front() ? "opening" : "closing") +
                                 " the query read as a word (an operator goes between "
                                 "clauses; -word excludes a word)");
        }
    }

    void note_dangling(char modifier) {
        notes_.push_back(std::string("'") + modifier + "' with nothing after it was ignored");
    }

    Lexeme quoted() {
        const std::size_t open = quote_length(s_, i_);
        std::size_t j = i_ + open;
        const std::size_t start = j;
        while (j < s_.size() && !quote_length(s_, j)) ++j;
        Lexeme l{Lexeme::Kind::Quoted, std::string(s_.substr(start, j - start))};
        if (j >= s_.size()) {
            l.unterminated = true;
            i_ = s_.size();
        } else {
            i_ = j + quote_length(s_, j);
            // "Putin sanctions"~5: Lucene's proximity phrase.
            if (i_ < s_.size() && s_[i_] == '~') {
                l.slop = true;
                ++i_;
                while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') l.slop_digits += s_[i_++];
            }
        }
        return l;
    }

    Lexeme chunk(char modifier) {
        const std::size_t start = i_;
        while (i_ < s_.size() && !is_space(s_[i_]) && s_[i_] != '(' && s_[i_] != ')' &&
               !quote_length(s_, i_)) {
            ++i_;
        }
        std::string_view text = s_.substr(start, i_ - start);
        if (modifier == 0) {
            if (text == "AND" || text == "&&") return {Lexeme::Kind::And, std::string(text)};
            if (text == "OR" || text == "||") return {Lexeme::Kind::Or, std::string(text)};
            if (text == "NOT") return {Lexeme::Kind::Not, std::string(text)};
            if (is_proximity(text)) return {Lexeme::Kind::Near, std::string(text)};
        }
        Lexeme l{Lexeme::Kind::Text, std::string(text), modifier};
        const auto colon = text.find(':');
        if (colon != std::string_view::npos && colon > 0) {
            const std::string name = lower_ascii(text.substr(0, colon));
            if (QueryParser::is_field(name)) {
                l.field = name;
                l.text = std::string(text.substr(colon + 1));
                if (l.text.empty() && i_ < s_.size() && quote_length(s_, i_)) {
                    Lexeme q = quoted();  // actor:"United States"
                    l.text = q.text;
                    l.unterminated = q.unterminated;
                }
                // Ignored (a note says so), which widens the search: strict refuses it.
                if (l.text.empty()) unknown_fields_.push_back("empty '" + name + ":' filter");
            } else {
                const std::string field = std::string(text.substr(0, colon));
                const std::string fields =
                    "(fields: actor, topic, author, source, year, date, lang, article, "
                    "actor_type, lineage)";
                // "actr:China" is a field mistyped; "https://…", "3:1", "Re:" are text.
                const std::string_view value = text.substr(colon + 1);
                const bool looks_like_field =
                    std::all_of(name.begin(), name.end(),
                                [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }) &&
                    !value.empty() && value.front() != '/';
                if (looks_like_field) {
                    unknown_fields_.push_back("unknown field '" + field + ":' " + fields);
                    // Its value is what was meant: "actr:China" searches China, not the
                    // phrase "actr china" that no paragraph holds.
                    l.text = std::string(value);
                    notes_.push_back("unknown field '" + field + ":': '" + l.text +
                                     "' searched as words " + fields);
                }  // else text, searched as such without a word said
            }
        }
        return l;
    }

    std::string_view s_;
    bool all_capitals_;
    std::size_t i_ = 0;
    std::vector<std::string>& notes_;
    std::vector<std::string>& unknown_fields_;
};

QueryNode::Occur occur_of(char modifier) {
    return modifier == '+'   ? QueryNode::Occur::Must
           : modifier == '-' ? QueryNode::Occur::MustNot
                             : QueryNode::Occur::Should;
}

class Parser {
  public:
    Parser(std::vector<Lexeme> lexemes, bool all_capitals, Analyzer& analyzer,
           std::vector<std::string>& notes)
        : lex_(std::move(lexemes)),
          all_capitals_(all_capitals),
          analyzer_(analyzer),
          notes_(notes) {}

    QueryNode run() {
        std::optional<QueryNode> root;
        while (true) {
            const std::size_t before = pos_;
            auto part = parse_or();
            if (part) {
                // Text after a stray ')' continues the query as more clauses.
                root = root ? join(std::move(*root), std::move(*part)) : std::move(part);
            }
            if (peek().kind == Lexeme::Kind::End) break;
            if (peek().kind == Lexeme::Kind::RParen && flattened_ > 0) {
                --flattened_;
                next();
            } else if (peek().kind == Lexeme::Kind::RParen) {
                notes_.push_back("unmatched ')' was ignored");
                next();
            } else if (pos_ == before) {
                next();  // cannot happen with this grammar; never loop forever if it does
            }
        }
        return root ? std::move(*root) : QueryNode{};
    }

  private:
    const Lexeme& peek() const { return lex_[pos_]; }
    const Lexeme& next() { return lex_[pos_ < lex_.size() - 1 ? pos_++ : pos_]; }

    static QueryNode join(QueryNode a, QueryNode b) {
        QueryNode group;
        group.type = QueryNode::Type::Group;
        for (auto* n : {&a, &b}) {
            if (n->type == QueryNode::Type::Group) {
                for (auto& c : n->children) group.children.push_back(std::move(c));
            } else {
                group.children.push_back(std::move(*n));
            }
        }
        return group;
    }

    static QueryNode combine(QueryNode::Type type, std::vector<QueryNode> items) {
        if (items.size() == 1) return std::move(items.front());
        QueryNode node;
        node.type = type;
        node.children = std::move(items);
        return node;
    }

    using Parse = std::optional<QueryNode> (Parser::*)();

    // operand (OP operand)*, where a missing operand drops its operator with a note.
    std::optional<QueryNode> parse_chain(Lexeme::Kind op, QueryNode::Type type, const char* name,
                                         Parse operand) {
        std::vector<QueryNode> items;
        if (auto first = (this->*operand)()) items.push_back(std::move(*first));
        while (peek().kind == op) {
            next();
            auto right = (this->*operand)();
            if (!right) {
                notes_.push_back(std::string("'") + name + "' with nothing after it was ignored");
                continue;
            }
            if (items.empty())
                notes_.push_back(std::string("'") + name + "' with nothing before it was ignored");
            items.push_back(std::move(*right));
        }
        if (items.empty()) return std::nullopt;
        return combine(type, std::move(items));
    }

    std::optional<QueryNode> parse_or() {
        return parse_chain(Lexeme::Kind::Or, QueryNode::Type::Or, "OR", &Parser::parse_and);
    }

    std::optional<QueryNode> parse_and() {
        return parse_chain(Lexeme::Kind::And, QueryNode::Type::And, "AND", &Parser::parse_not);
    }

    std::optional<QueryNode> parse_not() {
        std::optional<QueryNode> left;
        if (peek().kind != Lexeme::Kind::Not) left = parse_group();
        while (peek().kind == Lexeme::Kind::Not) {
            next();
            auto right = parse_group();
            if (!right) {
                notes_.push_back("'NOT' with nothing after it was ignored");
                continue;
            }
            QueryNode node;
            node.type = QueryNode::Type::AndNot;
            // "NOT x" alone means every paragraph except x.
            node.children.push_back(left ? std::move(*left) : QueryNode{});
            node.children.push_back(std::move(*right));
            left = std::move(node);
        }
        return left;
    }

    std::optional<QueryNode> parse_group() {
        std::vector<QueryNode> clauses;
        for (;;) {
            const Lexeme& l = peek();
            if (l.kind == Lexeme::Kind::End || l.kind == Lexeme::Kind::Or ||
                l.kind == Lexeme::Kind::And || l.kind == Lexeme::Kind::Not) {
                break;
            }
            if (l.kind == Lexeme::Kind::RParen && flattened_ > 0) {
                --flattened_;  // closes a parenthesis read as absent
                next();
                continue;
            }
            if (l.kind == Lexeme::Kind::RParen) {
                if (depth_ > 0) break;
                notes_.push_back("unmatched ')' was ignored");
                next();
                continue;
            }
            if (l.kind == Lexeme::Kind::LParen && depth_ >= kMaxDepth) {
                // Recursion is bounded: deeper parentheses are read as if absent.
                notes_.push_back("parentheses nested deeper than " + std::to_string(kMaxDepth) +
                                 " levels were ignored");
                ++flattened_;
                next();
                continue;
            }
            if (l.kind == Lexeme::Kind::LParen) {
                const char modifier = l.modifier;
                next();
                ++depth_;
                auto inner = parse_or();
                if (peek().kind == Lexeme::Kind::RParen) {
                    next();
                } else {
                    notes_.push_back("missing ')' was added at the end");
                }
                --depth_;
                if (!inner) {
                    notes_.push_back("empty parentheses were ignored");
                    continue;
                }
                inner->occur = occur_of(modifier);
                clauses.push_back(std::move(*inner));
                continue;
            }
            if (l.kind == Lexeme::Kind::Near) {
                proximity(clauses);
                continue;
            }
            Lexeme atom = next();
            if (auto node = make_atom(atom)) clauses.push_back(std::move(*node));
        }
        if (clauses.empty()) return std::nullopt;
        if (clauses.size() == 1 && clauses.front().occur != QueryNode::Occur::MustNot &&
            clauses.front().type != QueryNode::Type::Field) {
            clauses.front().occur = QueryNode::Occur::Should;
            return std::move(clauses.front());
        }
        QueryNode group;
        group.type = QueryNode::Type::Group;
        group.children = std::move(clauses);
        return group;
    }

    // The distance of a NEAR or ADJ operator ("NEAR/5"), repaired with a note when it is
    // missing, not a number or too large.
    unsigned distance_of(const std::string& op) {
        const auto slash = op.find('/');
        if (slash == std::string::npos) return kDefaultDistance;
        const std::string name = op.substr(0, slash + 1), digits = op.substr(slash + 1);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
            // Appended, not concatenated: see -Wrestrict in parse().
            std::string note("'");
            note.append(util::printable(op, 40))
                .append("': no number of words after '/'; read as ")
                .append(name)
                .append(std::to_string(kDefaultDistance));
            notes_.push_back(std::move(note));
            return kDefaultDistance;
        }
        return capped(digits, name);
    }

    // A distance of digits, capped at kMaxDistance with a note ("NEAR/1000", "~99999999999").
    unsigned capped(const std::string& digits, const std::string& written) {
        const auto first = digits.find_first_not_of('0');
        if (first == std::string::npos) return 0;
        if (digits.size() - first <= 3 && std::stoul(digits.substr(first)) <= kMaxDistance)
            return static_cast<unsigned>(std::stoul(digits.substr(first)));
        notes_.push_back("'" + written + util::printable(digits, 20) + "' capped at " + written +
                         std::to_string(kMaxDistance) +
                         " words (a wider window is most of a paragraph: use AND)");
        return kMaxDistance;
    }

    // `left NEAR/N right`, read where the operator stands (it binds tighter than
    // juxtaposition): the clause before it and the word or phrase after it become one Near
    // node, or join the Near node of the chain the clause before it ends ("a NEAR b NEAR c"
    // is one group of three). What cannot be joined is kept as a clause of its own.
    void proximity(std::vector<QueryNode>& clauses) {
        const std::string op = next().text;
        const bool typed = op.starts_with("ADJ");
        const std::string name = typed ? "ADJ" : "NEAR";
        const unsigned distance = distance_of(op);
        const Lexeme& r = peek();
        const bool right_ok =
            (r.kind == Lexeme::Kind::Text || r.kind == Lexeme::Kind::Quoted) && r.field.empty();
        if (clauses.empty()) {
            notes_.push_back("'" + op + "' with nothing before it was ignored");
            return;
        }
        if (!right_ok) {
            const bool something = r.kind == Lexeme::Kind::LParen || !r.field.empty();
            notes_.push_back("'" + op + "' " +
                             (something ? "joins words and quoted phrases, not '" +
                                              (r.field.empty() ? std::string("(") : r.field + ":") +
                                              "…'; it was ignored"
                                        : std::string("with nothing after it was ignored")));
            return;
        }
        if (r.modifier)
            notes_.push_back(std::string("'") + r.modifier + "' after '" + op +
                             "' was ignored (a proximity group is required or excluded as a "
                             "whole: +(a NEAR b))");
        auto right = make_atom(next());
        if (!right) {
            notes_.push_back("'" + op + "' with nothing after it was ignored");
            return;
        }
        QueryNode& left = clauses.back();
        const bool left_chain =
            left.type == QueryNode::Type::Near && left.order != QueryNode::Order::Sloppy;
        const auto joinable = [](const QueryNode& n) {
            return n.type == QueryNode::Type::Word || n.type == QueryNode::Type::Phrase;
        };
        if (!joinable(*right) || (!left_chain && !joinable(left))) {
            const QueryNode& odd = joinable(*right) ? left : *right;
            const std::string typed =
                odd.type == QueryNode::Type::Wildcard ? odd.text + "*" : odd.text;
            notes_.push_back("'" + op + "' joins words and quoted phrases; '" +
                             util::printable(typed, 40) + "' was searched beside it");
            right->occur = QueryNode::Occur::Should;
            clauses.push_back(std::move(*right));
            return;
        }
        right->occur = QueryNode::Occur::Should;
        if (left_chain && left.children.size() >= kMaxNearParts) {
            notes_.push_back("a proximity group holds at most " + std::to_string(kMaxNearParts) +
                             " words and phrases; the next ones make another group");
            clauses.push_back(std::move(*right));
            return;
        }
        right->stopword = false;  // a common word is kept inside a proximity, as in a phrase
        if (left_chain) {
            // One group per chain: mixed operators or distances take the widest reading.
            const bool order_differs = (left.order == QueryNode::Order::Typed) != typed;
            if (order_differs || left.distance != distance) {
                left.order = order_differs ? QueryNode::Order::Any : left.order;
                left.distance = std::max(left.distance, distance);
                notes_.push_back(
                    "a chain of proximity operators is one group: read as " +
                    std::string(left.order == QueryNode::Order::Typed ? "ADJ/" : "NEAR/") +
                    std::to_string(left.distance) +
                    " (the largest distance; in the order typed only if every operator is ADJ)");
            }
            left.text += " " + op + " " + right->text;
            left.children.push_back(std::move(*right));
            return;
        }
        QueryNode near;
        near.type = QueryNode::Type::Near;
        near.order = typed ? QueryNode::Order::Typed : QueryNode::Order::Any;
        near.distance = distance;
        near.occur = left.occur;
        near.text = left.text + " " + name + " " + right->text;
        left.occur = QueryNode::Occur::Should;
        left.stopword = false;
        near.children.push_back(std::move(left));
        near.children.push_back(std::move(*right));
        clauses.back() = std::move(near);
    }

    // "a b c"~N: the phrase's words, each a child, under Lucene's slop.
    std::optional<QueryNode> sloppy(const Lexeme& l, QueryNode node) {
        unsigned distance = kDefaultDistance;
        if (l.slop_digits.empty())
            notes_.push_back("'~' after a phrase without a number of words: read as ~" +
                             std::to_string(kDefaultDistance));
        else
            distance = capped(l.slop_digits, "~");
        if (node.type != QueryNode::Type::Phrase) {
            notes_.push_back("'~' after a single word has nothing to be near: '" +
                             util::printable(l.text, 40) + "' was searched as a word");
            return node;
        }
        QueryNode near;
        near.type = QueryNode::Type::Near;
        near.order = QueryNode::Order::Sloppy;
        near.distance = distance;
        near.occur = node.occur;
        near.text = l.text;
        for (Token& t : node.tokens) {
            QueryNode word;
            word.type = QueryNode::Type::Word;
            word.quoted = true;  // as in the phrase: no synonyms group
            word.text = t.norm;
            word.tokens.push_back(std::move(t));
            near.children.push_back(std::move(word));
        }
        return near;
    }

    std::optional<QueryNode> make_atom(const Lexeme& l) {
        auto node = read_atom(l);
        if (node && l.slop) return sloppy(l, std::move(*node));
        return node;
    }

    std::optional<QueryNode> read_atom(const Lexeme& l) {
        QueryNode node;
        node.occur = occur_of(l.modifier);
        node.text = l.text;
        if (l.unterminated) notes_.push_back("missing closing quote: read the rest as a phrase");
        if (!l.field.empty()) {
            if (l.text.empty()) {
                notes_.push_back("empty '" + l.field + ":' filter was ignored");
                return std::nullopt;
            }
            node.type = QueryNode::Type::Field;
            node.field = l.field == "language" ? "lang" : l.field;
            node.value = l.text;
            return node;
        }
        if (l.kind == Lexeme::Kind::Text && l.text.back() == '*') {
            std::string prefix = l.text;
            while (!prefix.empty() && prefix.back() == '*') prefix.pop_back();
            node.type = QueryNode::Type::Wildcard;
            node.text = analysis::fold_word(prefix);
            if (node.text.size() < 2) {
                notes_.push_back("wildcard '" + l.text + "' needs at least two letters; ignored");
                return std::nullopt;
            }
            return node;
        }
        // '*' is a wildcard at the end of a word only: elsewhere it is dropped, and said.
        if (l.text.find('*') != std::string::npos && l.kind == Lexeme::Kind::Quoted) {
            notes_.push_back(
                "'*' inside a quoted phrase is no wildcard; the phrase was searched "
                "without it");
        } else if (l.text.find('*') != std::string::npos) {
            std::string note = "'*' works at the end of a word only ('";
            note += util::printable(l.text, 80);
            note += "' was searched without it)";
            notes_.push_back(std::move(note));
        }
        std::vector<Token> tokens = analyzer_.analyze(l.text);
        const bool has_compound = !tokens.empty() && tokens.front().kind == Token::Kind::Compound &&
                                  tokens.front().begin == 0 &&
                                  tokens.front().end >= tokens.back().end;
        if (l.kind == Lexeme::Kind::Text && has_compound) {
            node.type = QueryNode::Type::Word;  // "China-Russia": the whole compound
            node.tokens = std::move(tokens);
            return node;
        }
        std::erase_if(tokens, [](const Token& t) { return t.kind == Token::Kind::Compound; });
        if (tokens.empty()) {
            if (l.kind == Lexeme::Kind::Quoted) {
                notes_.push_back("empty phrase was ignored");
            } else if (l.text.find_first_not_of("+-*:") == std::string::npos) {
                // Appended, not concatenated: see -Wrestrict in parse().
                std::string typed = l.modifier ? std::string(1, l.modifier) : std::string();
                typed.append(l.text);
                std::string note("'");
                note.append(util::printable(typed, 80)).append("' holds no words; ignored");
                notes_.push_back(std::move(note));
            }  // other punctuation ("naval drills ."): dropped as the indexer drops it
            return std::nullopt;
        }
        if (tokens.size() == 1) {
            node.type = QueryNode::Type::Word;
            node.quoted = l.kind == Lexeme::Kind::Quoted;
            const std::string_view original =
                std::string_view(l.text).substr(tokens[0].begin, tokens[0].end - tokens[0].begin);
            // "the" and "The" are common words; "US" and "WHO" in capitals are names, unless
            // the whole query is in capitals ("THE US NAVY": "the" and "us" are common), and
            // so are AND, OR and NOT read as words ("NOT Ukraine" is "Ukraine").
            node.stopword =
                l.kind == Lexeme::Kind::Text && Analyzer::is_stopword(tokens[0].norm) &&
                (all_capitals_ || l.operator_as_word || !analysis::is_all_caps(original));
        } else {
            node.type = QueryNode::Type::Phrase;  // several words without spaces, or a quote
        }
        node.tokens = std::move(tokens);
        return node;
    }

    std::vector<Lexeme> lex_;
    bool all_capitals_;
    static constexpr int kMaxDepth = 32;
    std::size_t pos_ = 0;
    int depth_ = 0;
    int flattened_ = 0;  // '(' past kMaxDepth whose ')' is still to come
    Analyzer& analyzer_;
    std::vector<std::string>& notes_;
};

void describe_into(const QueryNode& node, std::string& out) {
    switch (node.type) {
        case QueryNode::Type::Word:
            out += node.tokens.front().norm;
            break;
        case QueryNode::Type::Phrase: {
            out += '"';
            for (std::size_t i = 0; i < node.tokens.size(); ++i) {
                if (i) out += ' ';
                out += node.tokens[i].norm;
            }
            out += '"';
            break;
        }
        case QueryNode::Type::Wildcard:
            out += node.text + "*";
            break;
        case QueryNode::Type::Field:
            out += node.field + ":";
            out +=
                node.value.find(' ') != std::string::npos ? "\"" + node.value + "\"" : node.value;
            break;
        case QueryNode::Type::MatchAll:
            out += "<all>";
            break;
        case QueryNode::Type::Near: {
            if (node.order == QueryNode::Order::Sloppy) {
                out += '"';
                for (std::size_t i = 0; i < node.children.size(); ++i) {
                    if (i) out += ' ';
                    out += node.children[i].tokens.front().norm;
                }
                out += "\"~" + std::to_string(node.distance);
                break;
            }
            const std::string op = (node.order == QueryNode::Order::Typed ? " ADJ/" : " NEAR/") +
                                   std::to_string(node.distance) + " ";
            out += '(';
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                if (i) out += op;
                describe_into(node.children[i], out);
            }
            out += ')';
            break;
        }
        case QueryNode::Type::Group:
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                if (i) out += ' ';
                const auto& child = node.children[i];
                if (child.occur == QueryNode::Occur::Must) out += '+';
                if (child.occur == QueryNode::Occur::MustNot) out += '-';
                const bool wrap =
                    child.type == QueryNode::Type::Group || child.type == QueryNode::Type::And ||
                    child.type == QueryNode::Type::Or || child.type == QueryNode::Type::AndNot;
                if (wrap) out += '(';
                describe_into(child, out);
                if (wrap) out += ')';
            }
            break;
        case QueryNode::Type::And:
        case QueryNode::Type::Or:
        case QueryNode::Type::AndNot: {
            const char* op = node.type == QueryNode::Type::And  ? " AND "
                             : node.type == QueryNode::Type::Or ? " OR "
                                                                : " NOT ";
            out += '(';
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                if (i) out += op;
                describe_into(node.children[i], out);
            }
            out += ')';
            break;
        }
    }
}

}  // namespace

bool QueryParser::is_field(std::string_view name) {
    return std::find(kFields.begin(), kFields.end(), name) != kFields.end();
}

ParsedQuery QueryParser::parse(std::string_view typed) {
    ParsedQuery parsed;
    // A control character (a NUL from a C string gone wrong, a pasted form feed) would join
    // the words around it into one phrase without a word said: it is read as a space, and
    // the library, the CLI and the HTTP API all say so, as they share this parser.
    std::string text(typed);
    std::size_t controls = 0;
    for (char& c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && !is_space(c)) || byte == 0x7F) {
            c = ' ';
            ++controls;
        }
    }
    if (controls > 0) {
        parsed.notes.push_back(std::to_string(controls) + " control character" +
                               (controls == 1 ? "" : "s") + " (such as NUL) in '" +
                               util::printable(typed, 80) + "' read as space" +
                               (controls == 1 ? "" : "s"));
    }
    Lexer lexer(text, parsed.notes, parsed.unknown_fields);
    std::vector<Lexeme> lexemes = lexer.run();
    Parser parser(std::move(lexemes), lexer.all_capitals(), analyzer_, parsed.notes);
    parsed.root = parser.run();
    // Text of signs alone ("€", "+", "()", "*") holds no word to search for: like an empty
    // query it matches everything, and says so whatever else was repaired on the way.
    if (parsed.root.type == QueryNode::Type::MatchAll &&
        text.find_first_not_of(" \t\r\n") != std::string::npos) {
        // Appended rather than concatenated: GCC 12 reads "'" + string as an overlapping
        // copy (-Wrestrict, its bug 105329).
        std::string note("'");
        note.append(util::printable(typed, 80))
            .append(parsed.notes.empty() ? "' holds no words" : "' leaves nothing to search for")
            .append(": everything matches");
        parsed.notes.push_back(std::move(note));
    }
    // The same repair made several times is one note: "((((" is not four problems.
    std::vector<std::string> unique;
    for (auto& note : parsed.notes) {
        if (std::find(unique.begin(), unique.end(), note) == unique.end())
            unique.push_back(std::move(note));
    }
    parsed.notes = std::move(unique);
    return parsed;
}

namespace {

// The distinct ranked parts of a query: words by stem, phrases by their stems in order,
// wildcards by prefix (each kind marked so that they cannot meet), a repeat counted once.
void collect_ranked(const QueryNode& node, std::set<std::string>& parts) {
    switch (node.type) {
        case QueryNode::Type::Word:
            if (!node.stopword) parts.insert("w " + node.tokens.front().term);
            return;
        case QueryNode::Type::Phrase: {
            std::string phrase = "p";
            for (const Token& t : node.tokens) phrase += " " + t.term;
            parts.insert(std::move(phrase));
            return;
        }
        case QueryNode::Type::Wildcard:
            parts.insert("* " + node.text);
            return;
        case QueryNode::Type::Near: {  // one part, as a phrase is
            std::string near = "n " + describe(node);
            parts.insert(std::move(near));
            return;
        }
        case QueryNode::Type::AndNot:
            if (!node.children.empty()) collect_ranked(node.children.front(), parts);
            return;
        default:
            for (const auto& child : node.children) {
                if (child.occur != QueryNode::Occur::MustNot) collect_ranked(child, parts);
            }
    }
}

}  // namespace

std::size_t count_ranked_parts(const QueryNode& node) {
    std::set<std::string> parts;
    collect_ranked(node, parts);
    return parts.size();
}

std::string describe(const QueryNode& node) {
    std::string out;
    describe_into(node, out);
    return out;
}

}  // namespace parley::query
