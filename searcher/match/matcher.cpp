#include "match/matcher.hpp"

#include <algorithm>
#include <queue>

namespace parley::match {

bool Ranking::operator()(const Scored& a, const Scored& b) const {
    if (order_ != Order::Relevance) {
        const std::uint32_t da = table_.date(a.doc), db = table_.date(b.doc);
        if (da != db) return order_ == Order::DateNewest ? da > db : da < db;
        const std::uint32_t ra = table_.article_rank(a.doc), rb = table_.article_rank(b.doc);
        if (ra != rb) return ra < rb;
        if (a.score != b.score) return a.score > b.score;
        return a.doc < b.doc;
    }
    if (a.score != b.score) return a.score > b.score;
    const std::uint32_t ra = table_.article_rank(a.doc), rb = table_.article_rank(b.doc);
    if (ra != rb) return ra < rb;
    return a.doc < b.doc;
}

MatchResult run(const Plan& plan, const MatchRequest& request, MatchContext& context) {
    MatchResult out;
    const Ranking better(context.table, request.order);
    // The worst of the best so far on top.
    std::priority_queue<Scored, std::vector<Scored>, Ranking> heap(better);
    const std::unique_ptr<Cursor> cursor = make_cursor(plan, context);
    // Distinct articles: where every article's paragraphs are consecutive (one database)
    // an article starts where the rank changes; else a bitmap of the articles seen.
    const DocTable& table = context.table;
    const bool contiguous = table.articles_contiguous();
    std::vector<bool> seen(request.count_articles && !contiguous ? table.article_count() : 0);
    std::uint32_t last_article = DocTable::kNoArticle;
    for (cursor->next(); cursor->doc() != kEnd; cursor->next()) {
        ++out.total;
        const Xapian::docid doc = cursor->doc();
        if (request.collect) out.docs.push_back(doc);
        if (request.count_articles) {
            const std::uint32_t a = table.article_rank(doc);
            if (contiguous) {
                if (a != last_article && a != DocTable::kNoArticle) ++out.articles;
                last_article = a;
            } else if (a < seen.size() && !seen[a]) {
                seen[a] = true;
                ++out.articles;
            }
        }
        if (request.set_aside && doc < request.set_aside->size() && (*request.set_aside)[doc]) {
            out.set_aside.push_back({doc, request.ranked ? cursor->score() : 0.0});
            continue;
        }
        if (request.keep == 0 && !request.collect_scored) continue;
        // By relevance, a match that cannot reach the worst of the best so far is only
        // counted: its bound is cheaper than its score.
        const bool full = request.keep > 0 && heap.size() == request.keep;
        if (full && !request.collect_scored && request.ranked &&
            request.order == Order::Relevance && cursor->bound() < heap.top().score) {
            continue;
        }
        const Scored s{doc, request.ranked ? cursor->score() : 0.0};
        if (request.collect_scored) out.scored.push_back(s);
        if (request.keep == 0) continue;
        if (heap.size() < request.keep) {
            heap.push(s);
        } else if (better(s, heap.top())) {
            heap.pop();
            heap.push(s);
        }
    }
    out.best.resize(heap.size());
    for (auto it = out.best.rbegin(); it != out.best.rend(); ++it) {
        *it = heap.top();
        heap.pop();
    }
    return out;
}

}  // namespace parley::match
