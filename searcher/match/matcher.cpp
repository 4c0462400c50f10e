#include "match/matcher.hpp"

#include <algorithm>
#include <queue>

#include "match/walking_cursors.hpp"

namespace parley::match {

bool Ranking::operator()(const Scored& a, const Scored& b) const {
    if (order_ != Order::Relevance) {
        // Undated paragraphs (0) come last either way, as a missing value sorts last.
        const auto oldest_first = [](std::uint32_t d) { return d == 0 ? UINT32_MAX : d; };
        const std::uint32_t da = table_.date(a.doc), db = table_.date(b.doc);
        if (da != db)
            return order_ == Order::DateNewest ? da > db : oldest_first(da) < oldest_first(db);
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

namespace {

// Every match of `cursor`, counted, and the best kept. A template so that for a cursor of a
// final class the calls in the loop are direct (see walking_cursors.hpp).
template <class C>
MatchResult walk(C& cursor, const MatchRequest& request, const DocTable& table) {
    MatchResult out;
    const Ranking better(table, request.order);
    // The worst of the best so far on top.
    std::priority_queue<Scored, std::vector<Scored>, Ranking> heap(better);
    // Distinct articles: where every article's paragraphs are consecutive (one database)
    // an article starts where the rank changes; else a bitmap of the articles seen.
    const bool contiguous = table.articles_contiguous();
    std::vector<bool> seen(request.count_articles && !contiguous ? table.article_count() : 0);
    std::uint32_t last_article = DocTable::kNoArticle;
    // Counts, flags and the bar to clear in locals: the compiler cannot keep `out`'s or
    // `request`'s fields in registers across the cursor's virtual calls.
    std::size_t total = 0, articles = 0;
    const bool collect = request.collect, count_articles = request.count_articles;
    const bool collect_scored = request.collect_scored, ranked = request.ranked;
    const std::size_t keep = request.keep;
    const std::vector<bool>* set_aside = request.set_aside;
    // By relevance, a match that cannot reach the worst of the best so far is only
    // counted: its bound is cheaper than its score.
    const bool by_relevance = request.order == Order::Relevance;
    const bool prune = keep > 0 && !collect_scored && ranked && by_relevance;
    bool full = false;
    // The worst score among the best, once `keep` are held; before, a floor the cursor
    // knows `keep` matches (not set aside) reach, if it knows one: below it nothing can
    // make the page.
    double bar = 0;
    if constexpr (requires { cursor.floor(keep, set_aside); }) {
        if (prune) bar = cursor.floor(keep, set_aside);
    }
    bool barred = bar > 0;
    const auto count = [&](Xapian::docid doc) {
        ++total;
        if (!count_articles) return;
        const std::uint32_t a = table.article_rank(doc);
        if (contiguous) {
            // Without a branch: articles change every match or two in a wide OR, and the
            // mispredicted branch cost a tenth of its time.
            articles += (a != last_article) & (a != DocTable::kNoArticle);
            last_article = a;
        } else if (a < seen.size() && !seen[a]) {
            seen[a] = true;
            ++articles;
        }
    };
    // A cursor that can pass over the matches below the bar on its own does, once the
    // best are held and a passed match needs nothing but counting (a match set aside is
    // also listed, unscored: below `keep` better ones without copies, it cannot reach
    // the page).
    const auto pass = [&](Xapian::docid doc) {
        if (set_aside && doc < set_aside->size() && (*set_aside)[doc])
            out.set_aside.push_back({doc, kBelowThePage});
        count(doc);
        return true;
    };
    // A run of matches [first, end) counted at once, from the figures a cursor keeps for it,
    // when articles are contiguous (or not counted); its matches set aside (`matches(doc)`
    // tells which of the paragraphs set aside in the run match) are listed unscored, as
    // pass() lists them.
    const std::span<const Xapian::docid> aside_docs = request.set_aside_docs;
    std::size_t next_aside = 0;  // into aside_docs: runs come in docid order
    const auto pass_block = [&](std::uint32_t n, std::uint32_t first_article,
                                std::uint32_t last_article_of_run, std::uint32_t changes,
                                Xapian::docid first, Xapian::docid end, auto&& matches) {
        if (count_articles && !contiguous) return false;
        if (set_aside) {
            if (aside_docs.empty()) return false;
            // Runs of a common phrase list most paragraphs with copies: room for all at once,
            // where growing the list copied it a dozen times.
            if (out.set_aside.capacity() < aside_docs.size())
                out.set_aside.reserve(aside_docs.size());
            // In locals: through the references, every push_back reloaded them.
            const Xapian::docid* at = aside_docs.data() + next_aside;
            const Xapian::docid* const last = aside_docs.data() + aside_docs.size();
            while (at < last && *at < first) ++at;
            for (; at < last && *at < end; ++at)
                if (matches(*at)) out.set_aside.push_back({*at, kBelowThePage});
            next_aside = static_cast<std::size_t>(at - aside_docs.data());
        }
        total += n;
        if (count_articles) {
            articles +=
                ((first_article != last_article) & (first_article != DocTable::kNoArticle)) +
                changes;
            last_article = last_article_of_run;
        }
        return true;
    };
    constexpr bool passes = requires { cursor.next_reaching(bar, pass); };
    constexpr bool passes_runs = requires { cursor.next_reaching(bar, pass, pass_block); };
    const bool only_counted = prune && !collect;
    const auto step = [&] {
        if constexpr (passes_runs) {
            if (only_counted && barred) return cursor.next_reaching(bar, pass, pass_block);
        } else if constexpr (passes) {
            if (only_counted && barred) return cursor.next_reaching(bar, pass);
        }
        cursor.next();
    };
    for (cursor.next(); cursor.doc() != kEnd; step()) {
        const Xapian::docid doc = cursor.doc();
        count(doc);
        if (collect) out.docs.push_back(doc);
        if (set_aside && doc < set_aside->size() && (*set_aside)[doc]) {
            const bool below = prune && barred && cursor.bound() < bar;
            out.set_aside.push_back({doc, below ? kBelowThePage : ranked ? cursor.score() : 0.0});
            continue;
        }
        if (keep == 0 && !collect_scored) continue;
        if (prune && barred && cursor.bound() < bar) continue;
        const Scored s{doc, !ranked           ? 0.0
                            : prune && barred ? cursor.score_reaching(bar)
                                              : cursor.score()};
        if (collect_scored) out.scored.push_back(s);
        if (keep == 0) continue;
        // By relevance the score decides first: one below the worst kept needs no ranking.
        if (by_relevance && barred && s.score < bar) continue;
        if (heap.size() < keep) {
            heap.push(s);
        } else if (better(s, heap.top())) {
            heap.pop();
            heap.push(s);
        }
        full = heap.size() == keep;
        if (full) {
            bar = std::max(bar, heap.top().score);
            barred = true;
        }
    }
    out.total = total;
    out.articles = articles;
    out.best.resize(heap.size());
    for (auto it = out.best.rbegin(); it != out.best.rend(); ++it) {
        *it = heap.top();
        heap.pop();
    }
    return out;
}

}  // namespace

MatchResult run(const Plan& plan, const MatchRequest& request, MatchContext& context,
                Xapian::docid window) {
    const std::unique_ptr<Cursor> cursor = make_walking_cursor(plan, context, window);
    if (auto* windowed = dynamic_cast<detail::WindowedOrCursor*>(cursor.get()))
        return walk(*windowed, request, context.table);
    if (auto* pair = dynamic_cast<detail::CommonPairCursor*>(cursor.get()))
        return walk(*pair, request, context.table);
    return walk(*cursor, request, context.table);
}

}  // namespace parley::match
