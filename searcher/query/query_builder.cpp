#include "query/query_builder.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "schema/article_keys.hpp"
#include "schema/facets.hpp"
#include "schema/schema.hpp"
#include "util/dates.hpp"

namespace parley::query {
namespace {

using match::Plan;
using match::Role;
using Op = Plan::Op;

std::string word_term(std::string_view term) { return schema::term(schema::kWordPrefix, term); }
std::string title_term(std::string_view term) { return schema::term(schema::kTitlePrefix, term); }

// A word matches paragraph text (ranked, counted for coordination) or the article title
// (a fixed weight; see rank::CoordinateWeight::kTitleOccurrences). Title terms stand on an
// article's first paragraph and match all its paragraphs.
Plan body_or_title(const std::vector<std::string>& body, const std::vector<std::string>& title) {
    std::vector<Plan> body_leaves, title_leaves;
    for (const auto& t : body) body_leaves.push_back(Plan::leaf(t));
    for (const auto& t : title) title_leaves.push_back(Plan::article_leaf(t, Role::Title));
    // Several terms weigh as one word (a stem in several languages, a wildcard's words).
    auto one_word = [](std::vector<Plan> leaves, Role role) {
        if (leaves.size() == 1) return std::move(leaves.front());
        Plan p = Plan::of(Op::Synonym, std::move(leaves));
        p.role = role;
        return p;
    };
    return Plan::of(Op::Or, {one_word(std::move(body_leaves), Role::Body),
                             one_word(std::move(title_leaves), Role::Title)});
}

// Any of several boolean terms of the article as a whole (authors, sources, years).
Plan any_article_term(const std::vector<std::string>& terms) {
    std::vector<Plan> leaves;
    for (const auto& t : terms) leaves.push_back(Plan::article_leaf(t, Role::Boolean));
    return Plan::combine(Op::Or, std::move(leaves));
}

// Fields whose values a paragraph can hold several of: repeating them narrows
// (actor:China actor:Russia = both). Others (year, source, date, lang) widen.
bool multi_valued(std::string_view field) {
    return field == "actor" || field == "actor_type" || field == "lineage" || field == "topic" ||
           field == "mentioned_topic" || field == "author";
}

// An actor and every actor it succeeded, directly or through others (Russia: Russia,
// Soviet Union), following the gazetteer's `successor` links backwards.
std::vector<std::string> lineage_of(const Gazetteer& gazetteer, const std::string& actor) {
    std::vector<std::string> out{actor};
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (const auto& e : gazetteer.entries()) {
            if (e.successor == out[i] &&
                std::find(out.begin(), out.end(), e.name) == out.end())  // a cycle ends here
                out.push_back(e.name);
        }
    }
    return out;
}

// Words of a folded name: "sultana yesmin" → {"sultana", "yesmin"}.
std::vector<std::string> words_of(const std::string& folded) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < folded.size()) {
        std::size_t end = folded.find(' ', start);
        if (end == std::string::npos) end = folded.size();
        if (end > start) out.push_back(folded.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

Plan boolean(Plan plan) { return match::with_role(std::move(plan), Role::Boolean); }

QueryBuilder::QueryBuilder(const Xapian::Database& db, const Gazetteer& gazetteer,
                           Analyzer& analyzer, std::vector<Analyzer*> other_languages,
                           bool count_repeats_once)
    : db_(db),
      gazetteer_(gazetteer),
      analyzer_(analyzer),
      others_(std::move(other_languages)),
      count_repeats_once_(count_repeats_once) {}

Plan QueryBuilder::build(const QueryNode& root, std::vector<std::string>& notes) {
    notes_ = &notes;
    ranked_ = false;
    highlights_ = {};
    highlight_word_ = -1;
    ignored_filters_.clear();
    ignored_field_texts_.clear();
    const std::size_t before = notes.size();
    Plan plan = node(root, true);
    // A word typed three times is expanded three times, and said once.
    std::set<std::string> said(notes.begin(), notes.begin() + static_cast<std::ptrdiff_t>(before));
    const auto repeated =
        std::remove_if(notes.begin() + static_cast<std::ptrdiff_t>(before), notes.end(),
                       [&](const std::string& note) { return !said.insert(note).second; });
    notes.erase(repeated, notes.end());
    return plan;
}

void QueryBuilder::reject(std::string problem) {
    notes_->push_back(problem + "; ignored");
    ignored_filters_.push_back(std::move(problem));
}

// A query word as another language analyses it: its own elisions dropped ("l'Ukraine" is
// "Ukraine" to French, though English keeps the word whole), then stemmed.
std::string QueryBuilder::term_in(Analyzer& language, const std::string& norm) {
    if (norm.find('\'') != std::string::npos || norm.find("\u2019") != std::string::npos) {
        const std::vector<Token> tokens = language.analyze(norm);
        if (tokens.size() == 1) return tokens.front().term;
    }
    return language.stem(norm);
}

std::vector<std::string> QueryBuilder::variants(const Token& token) {
    std::vector<std::string> out{token.term};
    for (Analyzer* other : others_) {
        std::string stem = term_in(*other, token.norm);
        // Empty for a word the other language's stemmer erases (Arabic: tatweel alone).
        if (!stem.empty() && std::find(out.begin(), out.end(), stem) == out.end())
            out.push_back(std::move(stem));
    }
    return out;
}

Plan QueryBuilder::node(const QueryNode& n, bool positive) {
    switch (n.type) {
        case QueryNode::Type::Word:
            return word(n, positive);
        case QueryNode::Type::Phrase:
            return phrase(n, positive);
        case QueryNode::Type::Wildcard:
            return wildcard(n, positive);
        case QueryNode::Type::Field: {
            auto q = field(n, positive);
            return q ? boolean(std::move(*q)) : Plan::of(Op::All);
        }
        case QueryNode::Type::Group:
            return group(n, positive);
        case QueryNode::Type::And:
        case QueryNode::Type::Or: {
            std::vector<Plan> parts;
            for (const auto& child : n.children) parts.push_back(node(child, positive));
            return Plan::combine(n.type == QueryNode::Type::And ? Op::And : Op::Or,
                                 std::move(parts));
        }
        case QueryNode::Type::AndNot: {
            Plan left = node(n.children.front(), positive);
            std::vector<Plan> excluded;
            for (std::size_t i = 1; i < n.children.size(); ++i) {
                excluded.push_back(node(n.children[i], !positive));
            }
            return Plan::of(Op::AndNot,
                            {std::move(left), Plan::combine(Op::Or, std::move(excluded))});
        }
        case QueryNode::Type::MatchAll:
            return Plan::of(Op::All);
        case QueryNode::Type::Near:
            return near(n, positive);
    }
    return Plan::of(Op::All);
}

Plan QueryBuilder::word(const QueryNode& n, bool positive) {
    const Token& token = n.tokens.front();
    if (positive) ranked_ = true;
    if (positive) ++highlight_word_;
    if (token.kind == Token::Kind::Compound) return compound(n, positive);
    std::vector<std::string> body, title;
    std::vector<std::vector<std::string>> phrases;
    const auto add_word = [&](const std::string& term) { add_term(term, body, title, positive); };
    for (const auto& v : variants(token)) add_word(v);
    // A quoted word is searched as written, as a quoted phrase is.
    if (!n.quoted) add_synonyms({token.term}, token.norm, add_word, phrases, positive);
    // A synonym counts as one query word for coordination and BM25.
    // A common word ("us", or "US" in a query all in capitals) names no actor.
    Plan plan = one_word(body, title, phrases, positive);
    return n.stopword ? plan : or_entity(std::move(plan), token.norm, positive);
}

void QueryBuilder::add_term(const std::string& term, std::vector<std::string>& body,
                            std::vector<std::string>& title, bool positive) {
    if (std::find(body.begin(), body.end(), word_term(term)) != body.end()) return;
    if (positive) highlights_.add_term(term, highlight_word_);
    body.push_back(word_term(term));
    title.push_back(title_term(term));
}

void QueryBuilder::add_synonyms(const SynonymTable::Member& typed, const std::string& written,
                                const std::function<void(const std::string&)>& add_word,
                                std::vector<std::vector<std::string>>& phrases, bool positive,
                                bool quotable) {
    const auto* group = synonyms_ ? synonyms_->group_of(typed) : nullptr;
    if (!group) return;
    std::string others;
    for (std::size_t i = 0; i < group->members.size(); ++i) {
        const auto& member = group->members[i];
        if (member == typed) continue;
        if (member.size() == 1)
            add_word(member.front());
        else
            phrases.push_back(member);
        others += (others.empty() ? "'" : ", '") + group->written[i] + "'";
    }
    if (positive)
        notes_->push_back("'" + written + "' also searched as " + others +
                          ", weighted as one word (synonyms file)");
    else  // as an excluded actor name is noted: the exclusion is wider than the word
        notes_->push_back("excluding '" + written + "' also excludes " + others +
                          (quotable ? " (synonyms file; quote the word to exclude it alone)"
                                    : " (synonyms file)"));
}

Plan QueryBuilder::compound(const QueryNode& n, bool positive) {
    // "cross-strait" as written, or closed up ("crossstrait", if the index holds it): one
    // word. Written apart ("cross strait"): the parts one after another, weighted as one
    // word too, so each form counts once for words-first ranking.
    const Token& whole = n.tokens.front();
    std::vector<std::string> parts;
    for (std::size_t i = 1; i < n.tokens.size(); ++i) parts.push_back(n.tokens[i].term);
    std::string closed = whole.term;
    std::erase(closed, '-');
    std::vector<std::string> body{word_term(whole.term)}, title{title_term(whole.term)};
    if (positive) highlights_.add_term(whole.term, highlight_word_);
    if (closed != whole.term && db_.term_exists(word_term(closed))) {
        body.push_back(word_term(closed));
        title.push_back(title_term(closed));
        if (positive) highlights_.add_term(closed, highlight_word_);
    }
    std::vector<std::vector<std::string>> phrases;
    if (parts.size() >= 2) phrases.push_back(parts);
    // A synonyms member or an actor's name written with a hyphen ("U-boat",
    // "Guinea-Bissau") is its parts in sequence, as the synonyms file and the gazetteer
    // analyse it.
    if (!n.quoted) {
        const auto add_word = [&](const std::string& term) {
            add_term(term, body, title, positive);
        };
        add_synonyms(parts, whole.norm, add_word, phrases, positive);
    }
    Plan plan = one_word(body, title, phrases, positive);
    return n.stopword ? plan : or_entity(std::move(plan), whole.norm, positive);
}

Plan QueryBuilder::one_word(const std::vector<std::string>& body,
                            const std::vector<std::string>& title,
                            const std::vector<std::vector<std::string>>& phrases, bool positive) {
    if (phrases.empty()) return body_or_title(body, title);
    // A phrase is scored as its words taken as one synonym (Filter: the phrase decides the
    // match, the synonym the weight); where a word of `body` is, the first branch counts.
    std::vector<Plan> in_sequence;
    for (const auto& phrase : phrases) {
        if (positive) highlights_.add_phrase(phrase, highlight_word_);
        std::vector<Plan> leaves;
        for (const auto& w : phrase) leaves.push_back(Plan::leaf(word_term(w)));
        Plan sequence;
        sequence.op = Op::Phrase;
        sequence.words = phrase;
        sequence.role = Role::Boolean;
        in_sequence.push_back(
            Plan::of(Op::Filter, {Plan::of(Op::Synonym, std::move(leaves)), std::move(sequence)}));
    }
    // A group whose members are all phrases ("cereal crops, grain crops").
    if (body.empty()) return Plan::combine(Op::Or, std::move(in_sequence));
    Plan words = body_or_title(body, title);
    std::vector<Plan> word_leaves;
    for (const auto& t : body) word_leaves.push_back(Plan::leaf(t, Role::Boolean));
    Plan apart = Plan::of(Op::AndNot, {Plan::combine(Op::Or, std::move(in_sequence)),
                                       Plan::combine(Op::Or, std::move(word_leaves))});
    return Plan::of(Op::Or, {std::move(words), std::move(apart)});
}

std::vector<QueryBuilder::MemberRun> QueryBuilder::members_in_sequence(const QueryNode& n) const {
    // From each word, the longest run of words that is a member, left to right, as
    // Elasticsearch's synonym_graph reads a query: a word of "United States" is not also
    // expanded alone ("states, provinces").
    std::vector<MemberRun> out;
    if (!synonyms_ || synonyms_->longest_member() < 2) return out;
    const auto plain = [&](const QueryNode& c) {
        return c.type == QueryNode::Type::Word && !c.quoted &&
               c.occur != QueryNode::Occur::MustNot &&
               c.tokens.front().kind != Token::Kind::Compound;
    };
    const auto& children = n.children;
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (!plain(children[i])) continue;
        SynonymTable::Member terms{children[i].tokens.front().term};
        std::size_t end = 0;
        for (std::size_t j = i + 1;
             j < children.size() && terms.size() < synonyms_->longest_member() &&
             plain(children[j]) && children[j].occur == children[i].occur;
             ++j) {
            terms.push_back(children[j].tokens.front().term);
            if (synonyms_->group_of(terms)) end = j + 1;
        }
        if (end == 0) continue;
        QueryNode member;
        member.type = QueryNode::Type::Phrase;
        member.occur = children[i].occur;
        for (std::size_t k = i; k < end; ++k) {
            member.text += (member.text.empty() ? "" : " ") + children[k].text;
            member.tokens.push_back(children[k].tokens.front());
        }
        out.push_back({i, std::move(member)});
        i = end - 1;
    }
    return out;
}

std::vector<Plan> QueryBuilder::actors_in_sequence(const QueryNode& n,
                                                   const std::vector<MemberRun>& members,
                                                   bool positive) {
    // "White House", "State Department" typed without quotes: two or three words in a row
    // that together (and not one by one) name an actor.
    std::vector<Plan> out;
    if (!entities_ || !positive) return out;
    // The words of a synonyms member are that member, which names its actor itself.
    std::vector<bool> in_member(n.children.size(), false);
    for (const auto& m : members) {
        for (std::size_t k = m.first; k < m.first + m.phrase.tokens.size(); ++k)
            in_member[k] = true;
    }
    const auto& children = n.children;
    const auto plain_word = [&](std::size_t i) {
        const QueryNode& c = children[i];
        return !in_member[i] && c.type == QueryNode::Type::Word &&
               c.occur == QueryNode::Occur::Should &&
               c.tokens.front().kind != Token::Kind::Compound;
    };
    for (std::size_t i = 0; i < children.size(); ++i) {
        std::string name = plain_word(i) ? children[i].tokens.front().norm : "";
        for (std::size_t j = i + 1; !name.empty() && j < children.size() && j < i + 3; ++j) {
            if (!plain_word(j)) break;
            name += " " + children[j].tokens.front().norm;
            const auto actor = entities_->actor(name);
            if (!actor) continue;
            bool named_by_one = false;
            for (std::size_t k = i; k <= j; ++k)
                named_by_one =
                    named_by_one || entities_->actor(children[k].tokens.front().norm) == actor;
            const std::string term = schema::field_term(schema::kActorPrefix, *actor);
            if (named_by_one || !db_.term_exists(term)) continue;
            notes_->push_back("'" + name + "' also finds paragraphs tagged " + *actor +
                              ", weighted below the words themselves (entity matching; turn off "
                              "with --no-entities or entities=false)");
            highlights_.actors.emplace(*actor, ++highlight_word_);  // a word of its own
            out.push_back(Plan::leaf(term, Role::Entity));
        }
    }
    return out;
}

Plan QueryBuilder::or_entity(Plan plan, const std::string& name, bool positive) {
    // Also where the word is excluded: "China -Kremlin" leaves out what "Kremlin" finds.
    if (!entities_) return plan;
    const auto actor = entities_->actor(name);
    if (!actor) return plan;
    const std::string term = schema::field_term(schema::kActorPrefix, *actor);
    if (!db_.term_exists(term)) return plan;
    if (positive) {
        notes_->push_back("'" + name + "' also finds paragraphs tagged " + *actor +
                          ", weighted below the word itself (entity matching; turn off with "
                          "--no-entities or entities=false)");
        highlights_.actors.emplace(*actor, highlight_word_);
    } else
        notes_->push_back("excluding '" + name + "' also excludes paragraphs tagged " + *actor +
                          " (entity matching; turn off with --no-entities or entities=false)");
    return Plan::of(Op::Or, {std::move(plan), Plan::leaf(term, Role::Entity)});
}

Plan QueryBuilder::phrase(const QueryNode& n, bool positive) {
    // A phrase that is a member of several words of a synonyms group ("United States",
    // quoted or not): the member or any other of its group, weighted as one word.
    if (synonyms_ && synonyms_->longest_member() > 1) {
        SynonymTable::Member terms;
        std::string name;
        for (const Token& t : n.tokens) {
            if (t.kind == Token::Kind::Compound) continue;  // its parts follow it
            terms.push_back(t.term);
            name += (name.empty() ? "" : " ") + t.norm;
        }
        if (terms.size() > 1 && synonyms_->group_of(terms)) {
            if (positive) ranked_ = true;
            if (positive) ++highlight_word_;
            std::vector<std::string> body, title;
            std::vector<std::vector<std::string>> phrases{terms};
            const auto add_word = [&](const std::string& term) {
                add_term(term, body, title, positive);
            };
            add_synonyms(terms, name, add_word, phrases, positive, false);
            return or_entity(one_word(body, title, phrases, positive), name, positive);
        }
    }
    if (positive) ranked_ = true;
    if (positive) ++highlight_word_;  // its forms in each language are one
    std::vector<std::vector<std::string>> per_language(1 + others_.size());
    for (const Token& t : n.tokens) {
        per_language[0].push_back(t.term);
        for (std::size_t l = 0; l < others_.size(); ++l)
            per_language[l + 1].push_back(term_in(*others_[l], t.norm));
    }
    // Each form once: another language's stemmer often leaves words as the default's does
    // (Russian's leaves Latin words alone), and a form searched twice scored twice.
    std::sort(per_language.begin() + 1, per_language.end());
    per_language.erase(std::unique(per_language.begin() + 1, per_language.end()),
                       per_language.end());
    per_language.erase(std::remove(per_language.begin() + 1, per_language.end(), per_language[0]),
                       per_language.end());
    // A word another language's stemmer erases (Arabic: tatweel alone) leaves no phrase.
    std::erase_if(per_language, [](const std::vector<std::string>& words) {
        return std::any_of(words.begin(), words.end(),
                           [](const std::string& w) { return w.empty(); });
    });
    if (per_language.empty()) return Plan::of(Op::Nothing);
    // A phrase matches paragraph text, or the article's title as a title word does (every
    // paragraph of the article, with the words' title weight). A phrase of function words
    // alone ("of the") is a pattern of the text, not what a title is about: text only,
    // where the common pairs' summaries answer it without reading a paragraph.
    const bool in_titles = std::any_of(n.tokens.begin(), n.tokens.end(), [](const Token& t) {
        return !Analyzer::is_stopword(t.norm);
    });
    std::vector<Plan> phrases;
    for (const auto& words : per_language) {
        if (positive) highlights_.add_phrase(words, highlight_word_);
        Plan p;
        p.op = Op::Phrase;
        p.words = words;
        Plan in_title = p;
        in_title.op = Op::TitlePhrase;
        in_title.role = Role::Title;
        phrases.push_back(std::move(p));
        if (in_titles) phrases.push_back(std::move(in_title));
    }
    std::string name;
    for (const Token& t : n.tokens) name += (name.empty() ? "" : " ") + t.norm;
    return or_entity(Plan::combine(Op::Or, std::move(phrases)), name, positive);
}

std::vector<std::vector<std::string>> QueryBuilder::near_forms(const QueryNode& part) {
    std::vector<std::vector<std::string>> forms;
    const auto add = [&](std::vector<std::string> form) {
        const bool whole = !form.empty() && std::none_of(form.begin(), form.end(),
                                                         [](const auto& w) { return w.empty(); });
        if (whole && std::find(forms.begin(), forms.end(), form) == forms.end())
            forms.push_back(std::move(form));
    };
    // The words as the token stream holds them: a hyphenated word as its parts, in a row.
    std::vector<const Token*> words;
    for (const Token& t : part.tokens) {
        if (t.kind != Token::Kind::Compound) words.push_back(&t);
    }
    std::vector<std::string> typed;
    for (const Token* t : words) typed.push_back(t->term);
    add(typed);
    if (!part.tokens.empty() && part.tokens.front().kind == Token::Kind::Compound) {
        std::string closed = part.tokens.front().term;  // "crossstrait", if the index has it
        std::erase(closed, '-');
        if (closed != part.tokens.front().term && db_.term_exists(word_term(closed))) add({closed});
    }
    for (Analyzer* other : others_) {
        std::vector<std::string> form;
        for (const Token* t : words) form.push_back(term_in(*other, t->norm));
        add(std::move(form));
    }
    // A word's synonyms, as for a word searched alone (a quoted word is meant as written),
    // and a phrase's that is a member of several words ("United States").
    const bool expands = part.type == QueryNode::Type::Phrase || !part.quoted;
    if (synonyms_ && expands) {
        if (const auto* group = synonyms_->group_of(typed)) {
            std::string others;
            for (std::size_t m = 0; m < group->members.size(); ++m) {
                if (group->members[m] == typed) continue;
                add(group->members[m]);
                others += (others.empty() ? "'" : ", '") + group->written[m] + "'";
            }
            if (!others.empty())
                notes_->push_back("'" + part.text + "' also searched as " + others +
                                  " in its proximity group (synonyms file)");
        }
    }
    return forms;
}

Plan QueryBuilder::near(const QueryNode& n, bool positive) {
    // Text only, not titles: nearness is measured within a paragraph, and a title is a
    // dozen words, where any two are "near"; a title holding the words still ranks the
    // paragraphs the proximity finds, through the plain words of the rest of the query.
    Plan plan;
    plan.op = Op::Near;
    plan.proximity.distance = n.distance;
    plan.proximity.order = n.order == QueryNode::Order::Typed    ? match::Proximity::Order::Typed
                           : n.order == QueryNode::Order::Sloppy ? match::Proximity::Order::Sloppy
                                                                 : match::Proximity::Order::Any;
    highlight::HighlightQuery::Near marks;
    marks.rule = plan.proximity;
    for (const QueryNode& part : n.children) {
        const auto forms = near_forms(part);
        if (forms.empty()) return Plan::of(Op::Nothing);
        Plan alternatives = Plan::of(Op::Or);
        for (const auto& form : forms) {
            Plan p;
            p.op = Op::Phrase;
            p.words = form;
            alternatives.children.push_back(std::move(p));
        }
        plan.children.push_back(std::move(alternatives));
        if (positive) {
            ++highlight_word_;  // each part is a query word of its own
            marks.parts.push_back(forms);
            marks.words.push_back(highlight_word_);
        }
    }
    if (positive) {
        ranked_ = true;
        highlights_.nears.push_back(std::move(marks));
    }
    return plan;
}

Plan QueryBuilder::wildcard(const QueryNode& n, bool positive) {
    // Words are indexed as stems, and a stem can be shorter than what was typed
    // ("immigra*": immigration is indexed as immigr). So the expansion takes the stems that
    // start with the prefix, and the shorter stems of the words that do: the index's
    // spellings (each word of letters it holds, as written) starting with the prefix,
    // stemmed in each of its languages. A shorter stem alone is not enough: "war" is no
    // word starting with "warship", "party" none starting with "partisan". The most
    // frequent first.
    std::vector<std::pair<Xapian::doccount, std::string>> stems;
    const std::string prefix = word_term(n.text);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
        stems.emplace_back(it.get_termfreq(), (*it).substr(schema::kWordPrefix.size()));
    }
    std::set<std::string> shorter;
    std::vector<Analyzer*> languages{&analyzer_};
    languages.insert(languages.end(), others_.begin(), others_.end());
    auto word = db_.spellings_begin();
    std::size_t scanned = 0;
    for (word.skip_to(n.text); word != db_.spellings_end() && scanned < kWildcardScan;
         ++word, ++scanned) {
        const std::string written = *word;
        if (written.compare(0, n.text.size(), n.text) != 0) break;
        for (Analyzer* language : languages) {
            const std::string stem = language->stem(written);
            if (stem.size() < n.text.size() && n.text.compare(0, stem.size(), stem) == 0)
                shorter.insert(stem);
        }
    }
    for (const auto& stem : shorter) {
        if (const Xapian::doccount freq = db_.get_termfreq(word_term(stem)))
            stems.emplace_back(freq, stem);
    }
    if (!missing_spellings_.empty() &&
        std::find(notes_->begin(), notes_->end(), missing_spellings_) == notes_->end())
        notes_->push_back(missing_spellings_);
    if (stems.size() > kWildcardLimit) {
        std::partial_sort(stems.begin(), stems.begin() + kWildcardLimit, stems.end(),
                          [](const auto& a, const auto& b) { return a.first > b.first; });
        stems.resize(kWildcardLimit);
        notes_->push_back("'" + n.text + "*' matches more than " + std::to_string(kWildcardLimit) +
                          " words; searched the " + std::to_string(kWildcardLimit) +
                          " most frequent");
    }
    if (stems.empty()) {
        notes_->push_back("no word in the index starts with '" + n.text + "'");
        return Plan::of(Op::Nothing);
    }
    if (positive) ranked_ = true;
    if (positive) ++highlight_word_;
    std::vector<std::string> body, title;
    for (const auto& [freq, stem] : stems) {
        if (positive) highlights_.add_term(stem, highlight_word_);
        body.push_back(word_term(stem));
        title.push_back(title_term(stem));
    }
    // One synonym: all the expansions together count as one query word.
    return body_or_title(body, title);
}

namespace {

// A clause of filters alone ("(actor:China)", "(year:2023 OR year:2024)") selects, as a
// filter written bare does: it has no words to rank by.
bool only_filters(const QueryNode& n) {
    if (n.type == QueryNode::Type::Field) return true;
    const bool combines = n.type == QueryNode::Type::Group || n.type == QueryNode::Type::And ||
                          n.type == QueryNode::Type::Or || n.type == QueryNode::Type::AndNot;
    return combines && !n.children.empty() &&
           std::all_of(n.children.begin(), n.children.end(), only_filters);
}

}  // namespace

Plan QueryBuilder::group(const QueryNode& n, bool positive) {
    std::vector<const QueryNode*> should, must, must_not;
    std::map<std::string, std::vector<Plan>> filters;  // field → values
    std::vector<Plan> filter_clauses;                  // clauses of filters alone
    std::vector<Plan> excluded_filters;
    std::set<std::string> seen_words;
    const std::vector<MemberRun> members = members_in_sequence(n);
    std::size_t next_member = 0;
    for (std::size_t i = 0; i < n.children.size(); ++i) {
        // Words in a row that make a member of several words ("United States") are that
        // member, searched as a phrase or as any other member of its group.
        if (next_member < members.size() && members[next_member].first == i) {
            const QueryNode& member = members[next_member++].phrase;
            (member.occur == QueryNode::Occur::Must ? must : should).push_back(&member);
            i += member.tokens.size() - 1;
            continue;
        }
        const QueryNode& child = n.children[i];
        if (child.type == QueryNode::Type::Field) {
            auto q = field(child, positive);
            if (!q) continue;
            if (child.occur == QueryNode::Occur::MustNot)
                excluded_filters.push_back(boolean(std::move(*q)));
            else
                filters[child.field].push_back(boolean(std::move(*q)));
            continue;
        }
        if (child.occur != QueryNode::Occur::MustNot && only_filters(child)) {
            filter_clauses.push_back(boolean(node(child, positive)));
            continue;
        }
        // A word repeated in one group counts once ("drills drills" is not two matches).
        if (count_repeats_once_ && child.type == QueryNode::Type::Word &&
            child.occur != QueryNode::Occur::MustNot &&
            !seen_words.insert(child.tokens.front().term).second) {
            continue;
        }
        (child.occur == QueryNode::Occur::Must      ? must
         : child.occur == QueryNode::Occur::MustNot ? must_not
                                                    : should)
            .push_back(&child);
    }
    // Common words add nothing but time when other words or filters carry the query.
    const bool other_positive =
        !must.empty() || !filters.empty() || !filter_clauses.empty() ||
        std::any_of(should.begin(), should.end(), [](const QueryNode* c) { return !c->stopword; });
    if (other_positive) {
        std::string dropped;
        std::erase_if(should, [&](const QueryNode* c) {
            if (!c->stopword) return false;
            dropped += (dropped.empty() ? "" : ", ") + c->tokens.front().norm;
            return true;
        });
        if (!dropped.empty())
            notes_->push_back("common words ignored: " + dropped +
                              " (quote a phrase to keep them)");
    }

    std::optional<Plan> q;
    if (!must.empty()) {
        std::vector<Plan> parts;
        for (const auto* c : must) parts.push_back(node(*c, positive));
        q = Plan::combine(Op::And, std::move(parts));
    }
    if (!should.empty()) {
        std::vector<Plan> parts;
        for (const auto* c : should) parts.push_back(node(*c, positive));
        for (auto& p : actors_in_sequence(n, members, positive)) parts.push_back(std::move(p));
        Plan optional = Plan::combine(Op::Or, std::move(parts));
        q = q ? Plan::of(Op::AndMaybe, {std::move(*q), std::move(optional)}) : std::move(optional);
    }
    if (!q) q = Plan::of(Op::All);
    if (!filters.empty() || !filter_clauses.empty()) {
        std::vector<Plan> per_field = std::move(filter_clauses);
        for (auto& [name, values] : filters) {
            per_field.push_back(
                Plan::combine(multi_valued(name) ? Op::And : Op::Or, std::move(values)));
        }
        q = Plan::of(Op::Filter, {std::move(*q), Plan::combine(Op::And, std::move(per_field))});
    }
    std::vector<Plan> excluded = std::move(excluded_filters);
    for (const auto* c : must_not) excluded.push_back(node(*c, !positive));
    if (!excluded.empty())
        q = Plan::of(Op::AndNot, {std::move(*q), Plan::combine(Op::Or, std::move(excluded))});
    return std::move(*q);
}

Plan QueryBuilder::field_values(std::string_view prefix, std::string_view field,
                                const std::string& value) {
    // Authors and sources are matched case- and accent-insensitively against the names in
    // the index; failing an exact name, every name holding all the given words matches
    // (author:yesmin finds "Sultana Yesmin").
    // A name is stored cut to schema::kMaxValueBytes: a longer one (taken from a hit) is
    // compared as stored.
    const std::string wanted = fold_name(std::string(schema::bounded(value)));
    const std::vector<std::string> wanted_words = words_of(wanted);
    std::vector<std::string> exact, partial;
    const std::string p(prefix);
    for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p); ++it) {
        const std::string name = (*it).substr(p.size());
        const std::string folded = fold_name(name);
        if (folded == wanted) {
            exact.push_back(*it);
            continue;
        }
        const std::vector<std::string> words = words_of(folded);
        if (!wanted_words.empty() &&
            std::all_of(wanted_words.begin(), wanted_words.end(), [&](const std::string& w) {
                return std::find(words.begin(), words.end(), w) != words.end();
            })) {
            partial.push_back(*it);
        }
    }
    const std::vector<std::string>& found = exact.empty() ? partial : exact;
    if (found.empty()) {
        notes_->push_back("no " + std::string(field) + " '" + value + "' in the index");
        return Plan::of(Op::Nothing);
    }
    return any_article_term(found);
}

std::optional<Plan> QueryBuilder::actor_type(const std::string& value) {
    // "armed group", "Armed-Group" and "organization" are read as the facet's values.
    std::string wanted = fold_name(value);
    std::replace(wanted.begin(), wanted.end(), ' ', '_');
    if (wanted == "organization") wanted = "organisation";
    for (const std::string_view type : schema::kActorTypes) {
        if (type == wanted)
            return Plan::leaf(schema::term(schema::kActorTypePrefix, type), Role::Boolean);
    }
    reject("unknown actor type '" + value +
           "' in actor_type: filter (use state, leader, organisation, alliance, armed_group)");
    return std::nullopt;
}

Plan QueryBuilder::lineage(const std::string& value) {
    const auto actor = gazetteer_.canonical_actor(value);
    if (!actor) {
        notes_->push_back("unknown actor '" + value +
                          "' (not in the index's gazetteer): nothing matches it");
        return Plan::of(Op::Nothing);
    }
    std::vector<Plan> leaves;
    for (const auto& name : lineage_of(gazetteer_, *actor))
        leaves.push_back(Plan::leaf(schema::field_term(schema::kActorPrefix, name), Role::Boolean));
    return Plan::combine(Op::Or, std::move(leaves));
}

bool QueryBuilder::holds_mentions() const {
    const std::string mentioned(schema::kMentionedTopicPrefix);
    const std::string topics(schema::kTopicPrefix);
    return db_.allterms_begin(mentioned) != db_.allterms_end(mentioned) ||
           db_.allterms_begin(topics) == db_.allterms_end(topics);
}

std::optional<Plan> QueryBuilder::field(const QueryNode& n, bool positive) {
    std::optional<Plan> plan = read_field(n);
    if (!plan) ignored_field_texts_.insert(n.text);
    if (!plan || !positive || n.occur == QueryNode::Occur::MustNot) return plan;
    if (n.field == "actor" || n.field == "lineage") {
        if (const auto actor = gazetteer_.canonical_actor(n.value)) {
            if (n.field == "actor")
                highlights_.filter_actors.insert(*actor);
            else
                for (const auto& name : lineage_of(gazetteer_, *actor))
                    highlights_.filter_actors.insert(name);
        }
    }
    if (n.field == "topic" || n.field == "mentioned_topic") {
        if (const auto topic = gazetteer_.canonical_topic(n.value))
            highlights_.filter_topics.insert(*topic);
    }
    return plan;
}

std::optional<Plan> QueryBuilder::read_field(const QueryNode& n) {
    const std::string& f = n.field;
    const std::string& v = n.value;
    if (f == "actor") {
        if (auto actor = gazetteer_.canonical_actor(v))
            return Plan::leaf(schema::field_term(schema::kActorPrefix, *actor), Role::Boolean);
        notes_->push_back("unknown actor '" + v +
                          "' (not in the index's gazetteer): nothing matches it");
        return Plan::of(Op::Nothing);
    }
    if (f == "actor_type") return actor_type(v);
    if (f == "lineage") return lineage(v);
    if (f == "topic" || f == "mentioned_topic") {
        auto prefix = f == "topic" ? schema::kTopicPrefix : schema::kMentionedTopicPrefix;
        if (prefix == schema::kMentionedTopicPrefix && !holds_mentions()) {
            // Tagged before mentions were kept (tagging rules 4 or older): its topics are
            // all it knows a paragraph to name.
            prefix = schema::kTopicPrefix;
            notes_->push_back(
                "this index was tagged before Parley kept topics named in "
                "passing: mentioned_topic: finds its topics only (run "
                "parley-index retag)");
        }
        if (auto topic = gazetteer_.canonical_topic(v))
            return Plan::leaf(schema::field_term(prefix, *topic), Role::Boolean);
        notes_->push_back("unknown topic '" + v +
                          "' (not in the index's gazetteer): nothing matches it");
        return Plan::of(Op::Nothing);
    }
    if (f == "author") return field_values(schema::kAuthorPrefix, f, v);
    if (f == "source") return field_values(schema::kSourcePrefix, f, v);
    if (f == "article") return Plan::leaf(schema::article_keys_in(db_, v).term, Role::Boolean);
    if (f == "lang") {
        const std::string code = Analyzer::canonical_language(v);
        if (code.empty()) {
            reject("unknown language '" + v + "' in lang: filter");
            return std::nullopt;
        }
        return Plan::leaf(schema::term(schema::kLanguagePrefix, code), Role::Boolean);
    }
    // year:2021, year:2019..2021, year:2020.., date:2021-01-01..2022-12-31, date:2021-03,
    // date:..2020
    const auto dots = v.find("..");
    const std::string from_text = dots == std::string::npos ? v : v.substr(0, dots);
    const std::string to_text = dots == std::string::npos ? v : v.substr(dots + 2);
    const auto from = util::parse_date(from_text);
    const auto to = util::parse_date(to_text);
    const bool bad = (!from_text.empty() && !from) || (!to_text.empty() && !to) || (!from && !to);
    if (f == "year") {
        const bool years_only = (!from || from->month == 0) && (!to || to->month == 0);
        if (bad || !years_only || (from && to && to->year < from->year)) {
            reject("year filter '" + v +
                   "' not understood (use year:2021, year:2019..2021, year:2020.. or "
                   "year:..2015)");
            return std::nullopt;
        }
        // An open range, as date: takes it: the dated paragraphs from or up to that year.
        if (!from || !to || to->year - from->year > 500) {
            Plan range = Plan::of(Op::DateRange);
            if (from) range.from = from->first_day();
            if (to) range.to = to->last_day();
            return range;
        }
        std::vector<std::string> years;
        for (int y = from->year; y <= to->year; ++y)
            years.push_back(schema::term(schema::kYearPrefix, std::to_string(y)));
        return any_article_term(years);
    }
    if (bad) {
        // Why the date is wrong, when it is one that cannot be ("2023-02-29"), else the forms.
        const std::string& unread = !from_text.empty() && !from ? from_text : to_text;
        const std::string why = unread.empty() ? std::string() : util::date_problem(unread);
        reject("date filter '" + v + "' not understood (" +
               (why.empty() || why.starts_with("not a date") ? std::string()
                                                             : "'" + unread + "': " + why + "; ") +
               "use date:2021-01-01..2022-12-31, date:2021-03 or date:..2020)");
        return std::nullopt;
    }
    if (from && to && to->last_day() < from->first_day()) {  // ISO dates sort as text
        reject("date filter '" + v + "' ends before it starts (use date:FROM..TO)");
        return std::nullopt;
    }
    Plan range = Plan::of(Op::DateRange);
    if (from) range.from = from->first_day();
    if (to) range.to = to->last_day();
    return range;
}

}  // namespace parley::query
