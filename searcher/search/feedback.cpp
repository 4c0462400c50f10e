#include "search/feedback.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "parley/analyzer.hpp"
#include "schema/schema.hpp"

namespace parley::search {

namespace {

// A word's idf scaled to [0, 1] by the index's size, log(N / n) / log N, so that LCA's
// weights mean the same on any archive. (LCA's own max(1, log10(N / n) / 5) was fitted to
// TREC's half a million passages: on a small archive it is 1 for every word.)
double scaled_idf(double termfreq, double documents) {
    return std::max(0.0, std::log(documents / termfreq) / std::log(std::max(2.0, documents)));
}

// Amati's Bo1: how far `tf` occurrences in the feedback paragraphs exceed what the word's
// mean frequency per paragraph in the whole index, P_n = collection_freq / N, leads one to
// expect.
double bo1(double tf, double collection_freq, double documents) {
    const double p = std::max(collection_freq, 1.0) / documents;
    return tf * std::log2((1 + p) / p) + std::log2(1 + p);
}

struct QueryWord {
    std::string term;
    double idf;  ///< scaled_idf
};

std::vector<QueryWord> query_words(const Xapian::Database& db,
                                   const std::vector<std::string>& terms, double documents) {
    std::vector<QueryWord> out;
    for (const auto& t : terms) {
        if (std::any_of(out.begin(), out.end(), [&](const QueryWord& w) { return w.term == t; }))
            continue;
        const double n = db.get_termfreq(t);
        if (n > 0) out.push_back({t, scaled_idf(n, documents)});
    }
    return out;
}

}  // namespace

std::vector<Feedback::Word> Feedback::words(const Xapian::Database& db,
                                            const std::vector<Xapian::docid>& best,
                                            const std::vector<std::string>& query_terms,
                                            std::size_t min_paragraphs) {
    const double documents = std::max<double>(1, db.get_doccount());
    const std::vector<QueryWord> query = query_words(db, query_terms, documents);
    // Per feedback paragraph, how often it holds each query word; per word of the
    // paragraphs, its occurrences (paragraph, count), from which its total and its
    // co-occurrence with each query word follow.
    std::vector<std::vector<double>> query_wdf;
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, double>>> in_best;
    for (const Xapian::docid doc : best) {
        std::vector<double>& held = query_wdf.emplace_back(query.size(), 0.0);
        // Paragraph words only: they sort together, after the other prefixes' terms.
        auto it = db.termlist_begin(doc);
        for (it.skip_to(std::string(schema::kWordPrefix)); it != db.termlist_end(doc); ++it) {
            const std::string term = *it;
            if (term.rfind(schema::kWordPrefix, 0) != 0) break;
            const double wdf = it.get_wdf();
            in_best[term].push_back({query_wdf.size() - 1, wdf});
            for (std::size_t i = 0; i < query.size(); ++i) {
                if (query[i].term == term) held[i] = wdf;
            }
        }
    }
    struct Candidate {
        std::string term;
        double tf = 0;         // in the feedback paragraphs
        double selection = 0;  // what the words are chosen by
    };
    // LCA's co-occurrence degree divides by log10 of the number of feedback paragraphs.
    const double log_paragraphs = std::log10(std::max<double>(2, best.size()));
    std::vector<Candidate> chosen;
    for (const auto& [term, occurrences] : in_best) {
        if (occurrences.size() < min_paragraphs) continue;
        if (std::find(query_terms.begin(), query_terms.end(), term) != query_terms.end()) continue;
        // Function words ("than", "are") say nothing of the topic, as in queries; a small
        // archive may hold them in fewer than half its paragraphs.
        if (Analyzer::is_stopword(std::string_view(term).substr(schema::kWordPrefix.size())))
            continue;
        Candidate c{term};
        for (const auto& [paragraph, wdf] : occurrences) c.tf += wdf;
        chosen.push_back(std::move(c));
    }
    // In term order: the same words whatever the hash map's order, and neighbouring terms'
    // look-ups share the index's blocks.
    std::sort(chosen.begin(), chosen.end(),
              [](const Candidate& a, const Candidate& b) { return a.term < b.term; });
    std::erase_if(chosen, [&](Candidate& c) {
        const double n = db.get_termfreq(c.term);
        if (n * 2 > documents) return true;
        if (query.empty()) {  // Bo1 alone chooses
            c.selection = bo1(c.tf, db.get_collection_freq(c.term), documents);
            return false;
        }
        // LCA: the log of prod_i (delta + co_degree(c, q_i)) ^ idf(q_i), where co_degree is
        // log10(co(c, q_i) + 1) * idf(c) / log10(paragraphs), co(c, q_i) summing
        // tf(c) * tf(q_i) over the feedback paragraphs.
        const double idf = scaled_idf(n, documents);
        const auto& occurrences = in_best.at(c.term);
        for (std::size_t i = 0; i < query.size(); ++i) {
            double co = 0;
            for (const auto& [paragraph, wdf] : occurrences) co += wdf * query_wdf[paragraph][i];
            c.selection +=
                query[i].idf * std::log(kDelta + std::log10(co + 1) * idf / log_paragraphs);
        }
        return false;
    });
    std::sort(chosen.begin(), chosen.end(), [](const Candidate& a, const Candidate& b) {
        return a.selection != b.selection ? a.selection > b.selection : a.term < b.term;
    });
    if (chosen.size() > kWords) chosen.resize(kWords);
    // Each chosen word weighs its Bo1 share of the strongest.
    std::vector<Word> out;
    double strongest = 0;
    for (auto& c : chosen) {
        const double weight =
            query.empty() ? c.selection : bo1(c.tf, db.get_collection_freq(c.term), documents);
        strongest = std::max(strongest, weight);
        out.push_back({std::move(c.term), weight});
    }
    for (auto& w : out) w.weight /= strongest;
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
