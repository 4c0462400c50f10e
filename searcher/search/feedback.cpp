#include "search/feedback.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "parley/analyzer.hpp"
#include "schema/schema.hpp"

namespace parley::search {

std::vector<Feedback::Word> Feedback::words(const Xapian::Database& db,
                                            const std::vector<Xapian::docid>& best,
                                            const std::vector<std::string>& query_terms,
                                            std::size_t min_paragraphs) {
    // tf_x: how often each word occurs in the feedback paragraphs, and in how many of them.
    struct InBest {
        double tf = 0;
        std::size_t paragraphs = 0;
    };
    std::map<std::string, InBest> in_best;
    for (const Xapian::docid doc : best) {
        for (auto it = db.termlist_begin(doc); it != db.termlist_end(doc); ++it) {
            const std::string term = *it;
            if (term.rfind(schema::kWordPrefix, 0) != 0) continue;  // paragraph words only
            InBest& seen = in_best[term];
            seen.tf += it.get_wdf();
            ++seen.paragraphs;
        }
    }
    const double documents = std::max<double>(1, db.get_doccount());
    std::vector<Word> out;
    for (const auto& [term, seen] : in_best) {
        if (seen.paragraphs < min_paragraphs) continue;
        const double tf = seen.tf;
        if (std::find(query_terms.begin(), query_terms.end(), term) != query_terms.end()) continue;
        // Function words ("than", "are") say nothing of the topic, as in queries; a small
        // archive may hold them in fewer than half its paragraphs.
        if (Analyzer::is_stopword(std::string_view(term).substr(schema::kWordPrefix.size())))
            continue;
        if (db.get_termfreq(term) * 2 > documents) continue;
        // Bo1: P_n is the word's mean frequency per paragraph in the whole index.
        const double p = static_cast<double>(db.get_collection_freq(term)) / documents;
        if (p <= 0) continue;
        const double weight = tf * std::log2((1 + p) / p) + std::log2(1 + p);
        out.push_back({term, weight});
    }
    std::sort(out.begin(), out.end(), [](const Word& a, const Word& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
    });
    if (out.size() > kWords) out.resize(kWords);
    if (!out.empty()) {
        const double strongest = out.front().weight;
        for (auto& w : out) w.weight /= strongest;
    }
    return out;
}

void Feedback::collect_query_terms(const match::Plan& plan, std::vector<std::string>& out) {
    if (plan.role == match::Role::Boolean) return;
    if (plan.op == match::Plan::Op::Term && plan.term.rfind(schema::kWordPrefix, 0) == 0)
        out.push_back(plan.term);
    if (plan.op == match::Plan::Op::Phrase) {
        for (const auto& w : plan.words) out.push_back(schema::term(schema::kWordPrefix, w));
    }
    for (const auto& child : plan.children) collect_query_terms(child, out);
}

match::Plan Feedback::expand(match::Plan plan, const std::vector<Word>& words) {
    if (words.empty()) return plan;
    std::vector<match::Plan> leaves;
    for (const Word& w : words) {
        match::Plan leaf = match::Plan::leaf(w.term, match::Role::Feedback);
        leaf.boost = kBeta * w.weight;
        leaves.push_back(std::move(leaf));
    }
    return match::Plan::of(
        match::Plan::Op::AndMaybe,
        {std::move(plan), match::Plan::combine(match::Plan::Op::Or, std::move(leaves))});
}

}  // namespace parley::search
