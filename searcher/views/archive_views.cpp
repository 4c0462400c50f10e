#include "parley/archive_views.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

#include "facets/facet_table.hpp"
#include "parley/error.hpp"
#include "schema/article_keys.hpp"
#include "schema/facets.hpp"
#include "schema/schema.hpp"
#include "search/duplicate_index.hpp"
#include "search/feedback.hpp"
#include "search/page.hpp"
#include "search/shard_connector.hpp"
#include "util/dates.hpp"
#include "views/association.hpp"
#include "views/date_buckets.hpp"
#include "views/view_context.hpp"

namespace parley {
namespace {

using views::ViewContext;

// The most paragraphs a burst shows (BurstRequest::paragraphs): its best, not an export.
constexpr std::size_t kMaxBurstParagraphs = 100;

// Words of stands_out() are counted on at most this many foreground paragraphs: each costs
// a term-list read (about 40 µs), so the view stays near 40 ms whatever the archive's size;
// counting facet values costs nothing of the kind.
constexpr std::size_t kWordSample = 1000;
// Paragraphs analysed to find the forms in which the listed word stems occur.
constexpr std::size_t kFormParagraphs = 50;
constexpr std::size_t kMaxMatrix = 50;
// A bucket needs this many earlier buckets (up to the window) to have a baseline.
constexpr std::size_t kMinBaselineBuckets = 3;
// export_hits() counts the matched words of this many hits per cursor pass: each pass seeks
// the chunk's docids in order, and the counts held stay small however large the export.
constexpr std::size_t kExportCountChunk = 4096;

// --- timelines --------------------------------------------------------------------

struct SeriesMatches {
    std::string name;
    SearchRequest request;
    std::vector<Xapian::docid> docs;  ///< empty when `whole`
    bool whole = false;               ///< matches every paragraph: counted from ArchiveCounts
};

// Query text with nothing but blanks: the empty query, which matches every paragraph.
bool blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

// A request that matches every paragraph: its views are the archive's own counts, kept per
// index version, and cost no walk over a million matches.
bool whole_archive(const SearchRequest& r) {
    return blank(r.query) && r.selections.empty() &&
           std::all_of(r.filters.begin(), r.filters.end(), blank);
}

// The name of the series a request makes on its own: its query, else its filters and
// selections (a series named "all" that holds only China's paragraphs would mislead).
std::string series_name(const SearchRequest& r) {
    if (!blank(r.query)) return r.query;
    std::string name;
    for (const auto& part : r.filters)
        if (!blank(part)) name += (name.empty() ? "" : " ") + part;
    for (const auto& part : r.selections)
        if (!blank(part)) name += (name.empty() ? "" : " ") + part;
    return name.empty() ? "all" : name;
}

std::vector<SeriesMatches> series_of(const TimelineRequest& r, ViewContext& c,
                                     std::vector<std::string>& notes) {
    std::vector<SeriesMatches> out;
    if (r.series.empty()) {
        out.push_back({series_name(r.search), r.search, {}});
    }
    for (const auto& part : r.series) {
        if (blank(part))
            throw UsageError("a series is blank: give a query part such as actor:Taiwan");
        SearchRequest request = r.search;
        request.filters.push_back(part);
        out.push_back({part, std::move(request), {}});
    }
    for (auto& s : out) {
        s.whole = whole_archive(s.request);
        if (s.whole) continue;
        s.docs = c.matches(s.request, notes);
        if (s.docs.empty()) notes.push_back("no paragraph matches " + s.name);
    }
    return out;
}

// A bound as a user types it, in any form the articles' dates are read in ("2024-12-04",
// "December 2024", "4 Dec 2024", "12/04/2024"); a partial date covers its whole period, so
// a `to` of "2024-12" keeps 31 December.
std::uint32_t parse_bound(const std::string& text, bool last, const char* what) {
    if (text.empty()) return 0;
    const auto date = util::parse_date(text);
    if (!date) throw UsageError(std::string(what) + " " + util::bound_problem(text));
    return views::first_day_of(last ? date->last_day() : date->first_day());
}

Timeline timeline_in(ViewContext& c, const TimelineRequest& r,
                     std::vector<SeriesMatches>* kept = nullptr) {
    Timeline out;
    out.interval = r.interval;
    const views::DateBuckets buckets{r.interval};
    const match::DocTable& docs = c.docs(match::DocTable::kArticles | match::DocTable::kDates);
    std::vector<SeriesMatches> series = series_of(r, c, out.notes);

    std::uint32_t from = parse_bound(r.from, false, "from");
    std::uint32_t to = parse_bound(r.to, true, "to");
    if (from && to && to < from) throw UsageError("from " + r.from + " is after to " + r.to);
    if (!from || !to) {  // the span of the dated matches
        std::uint32_t first = 0xffffffff, last = 0;
        const views::ArchiveCounts& all = c.counts();
        for (const auto& s : series) {
            if (s.whole && !all.days.empty()) {
                first = std::min(first, all.days.front());
                last = std::max(last, all.days.back());
            }
            for (const Xapian::docid d : s.docs) {
                if (const std::uint32_t date = docs.date(d)) {
                    first = std::min(first, date);
                    last = std::max(last, date);
                }
            }
        }
        if (last == 0) {  // nothing dated: no buckets unless both ends are given
            first = last = 0;
        }
        if (!from) from = first;
        if (!to) to = last;
    }
    std::vector<std::uint32_t> starts;
    // --from and --to choose buckets: a bound inside the bucket of the last (first) dated
    // match keeps that bucket. A bound on the far side of every dated match leaves none.
    const bool spanned = from && to && buckets.start_of(from) <= to;
    if (from && to && !spanned) {
        if (!r.from.empty()) {
            out.notes.push_back("no buckets: the dated matches end on " + views::iso_date(to) +
                                ", before from " + r.from);
        } else {
            out.notes.push_back("no buckets: the dated matches begin on " + views::iso_date(from) +
                                ", after to " + r.to);
        }
    }
    if (spanned) {
        for (std::uint32_t s = buckets.start_of(from); s <= to; s = buckets.next(s)) {
            if (starts.size() == r.max_buckets) {
                throw UsageError("the timeline would have over " + std::to_string(r.max_buckets) +
                                 " buckets: choose a wider interval or a shorter range");
            }
            starts.push_back(s);
        }
    }
    auto bucket_of = [&](std::uint32_t date) -> std::int64_t {
        if (date == 0 || starts.empty()) return -1;
        const std::uint32_t s = buckets.start_of(date);
        const auto it = std::lower_bound(starts.begin(), starts.end(), s);
        return it != starts.end() && *it == s ? it - starts.begin() : -1;
    };
    std::vector<std::size_t> archive(starts.size(), 0);
    const views::ArchiveCounts& counts = c.counts();
    for (std::size_t i = 0; i < counts.days.size(); ++i) {
        const std::int64_t b = bucket_of(counts.days[i]);
        if (b >= 0)
            archive[static_cast<std::size_t>(b)] +=
                counts.cumulative[i] - (i ? counts.cumulative[i - 1] : 0);
    }
    for (const auto& s : series) {
        TimelineSeries t;
        t.name = s.name;
        t.total = s.whole ? counts.paragraphs : s.docs.size();
        std::vector<std::size_t> per =
            s.whole ? archive : std::vector<std::size_t>(starts.size(), 0);
        if (s.whole) t.undated = counts.undated;
        for (const Xapian::docid d : s.docs) {
            const std::uint32_t date = docs.date(d);
            if (date == 0) {
                ++t.undated;
            } else if (const std::int64_t b = bucket_of(date); b >= 0) {
                ++per[static_cast<std::size_t>(b)];
            }
        }
        for (std::size_t i = 0; i < starts.size(); ++i) {
            TimelineBucket bucket;
            bucket.start = views::iso_date(starts[i]);
            bucket.label = buckets.label(starts[i]);
            bucket.count = per[i];
            bucket.archive = archive[i];
            bucket.share =
                archive[i] ? static_cast<double>(per[i]) / static_cast<double>(archive[i]) : 0.0;
            t.buckets.push_back(std::move(bucket));
        }
        out.series.push_back(std::move(t));
    }
    if (kept) *kept = std::move(series);
    return out;
}

// --- stands out ---------------------------------------------------------------------

// Up to `n` of `docs`, evenly spread (all of them when there are fewer).
std::vector<Xapian::docid> spread_sample(const std::vector<Xapian::docid>& docs, std::size_t n) {
    if (docs.size() <= n) return docs;
    std::vector<Xapian::docid> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(docs[i * docs.size() / n]);
    return out;
}

// Paragraphs of `docs` holding each paragraph word.
std::unordered_map<std::string, std::size_t> word_counts(const Xapian::Database& db,
                                                         const std::vector<Xapian::docid>& docs) {
    std::unordered_map<std::string, std::size_t> out;
    for (const Xapian::docid doc : docs) {
        for (auto it = db.termlist_begin(doc); it != db.termlist_end(doc); ++it) {
            const std::string term = *it;
            if (term.rfind(schema::kWordPrefix, 0) == 0) ++out[term];
        }
    }
    return out;
}

void finish_items(StandsOut& out, std::size_t limit) {
    std::sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
        return a.score != b.score ? a.score > b.score : a.value < b.value;
    });
    if (limit && out.items.size() > limit) out.items.resize(limit);
}

// One candidate: `a` of `n1` foreground paragraphs against `c` of `n2` in a disjoint
// background; listed when over-represented.
void consider(StandsOut& out, const StandsOutRequest& r, std::string value, std::size_t a,
              std::size_t n1, std::size_t c, std::size_t n2, std::size_t shown_background,
              std::size_t shown_background_total) {
    if (a < r.min_count || n1 == 0 || n2 == 0) return;
    if (static_cast<double>(a) * static_cast<double>(n2) <=
        static_cast<double>(c) * static_cast<double>(n1))
        return;
    StandsOutItem item;
    item.value = std::move(value);
    item.foreground = a;
    item.background = shown_background;
    item.foreground_share = static_cast<double>(a) / static_cast<double>(n1);
    item.background_share = shown_background_total ? static_cast<double>(shown_background) /
                                                         static_cast<double>(shown_background_total)
                                                   : 0.0;
    item.score = views::log_likelihood(a, n1, c, n2);
    out.items.push_back(std::move(item));
}

StandsOut stands_out_in(ViewContext& c, const StandsOutRequest& r) {
    StandsOut out;
    out.field = r.field;
    const bool words = r.field == "word";
    const int facet = facets::FacetTable::facet_id(r.field);
    if (!words && facet < 0) {
        throw UsageError("unknown field '" + r.field + "' (use " + schema::facet_list() +
                         ", word)");
    }
    const std::vector<Xapian::docid> fg = c.matches(r.search, out.notes);
    std::vector<Xapian::docid> bg;
    // A blank background is no background (not an empty query's every paragraph), however
    // it is spelled: "", " ", an empty HTTP parameter.
    const bool against_archive = !r.background || blank(*r.background);
    if (!against_archive) {
        SearchRequest second = r.search;
        second.query = *r.background;
        bg = c.matches(second, out.notes);
    }
    const views::ArchiveCounts& counts = c.counts();
    const std::size_t archive = counts.paragraphs;
    // Nothing can stand out of an empty set, or against one: an empty list says why.
    if (fg.empty()) {
        out.notes.push_back("no paragraph matches the query");
    } else if (against_archive && fg.size() >= archive) {
        out.notes.push_back(
            "the query matches the whole archive: nothing stands out against the rest of it "
            "(compare with a background query)");
    } else if (!against_archive && bg.empty()) {
        out.notes.push_back("the background query matches no paragraph: nothing to compare with");
    }

    if (words) {
        const std::vector<Xapian::docid> sample = spread_sample(fg, kWordSample);
        out.sampled = sample.size() < fg.size();
        out.foreground_total = sample.size();
        const auto in_fg = word_counts(c.db(), sample);
        // Against the archive: the rest of the archive, the foreground's share estimated
        // from the sample. Against a second query: a sample of it, as it stands.
        std::unordered_map<std::string, std::size_t> in_bg;
        std::vector<Xapian::docid> bg_sample;
        if (!against_archive) {
            bg_sample = spread_sample(bg, kWordSample);
            in_bg = word_counts(c.db(), bg_sample);
        }
        out.background_total = against_archive ? archive : bg_sample.size();
        const double scale =
            sample.empty() ? 0.0
                           : static_cast<double>(fg.size()) / static_cast<double>(sample.size());
        for (const auto& [term, a] : in_fg) {
            // Most words of a sample occur once: skip them before asking the index for
            // their frequency (a B-tree lookup each).
            if (a < r.min_count) continue;
            const std::string stem = term.substr(schema::kWordPrefix.size());
            if (against_archive) {
                const std::size_t everywhere = c.db().get_termfreq(term);
                const double in_rest =
                    std::max(0.0, static_cast<double>(everywhere) - static_cast<double>(a) * scale);
                consider(out, r, stem, a, sample.size(),
                         static_cast<std::size_t>(std::lround(in_rest)), archive - fg.size(),
                         everywhere, archive);
            } else {
                const auto found = in_bg.find(term);
                const std::size_t b = found == in_bg.end() ? 0 : found->second;
                consider(out, r, stem, a, sample.size(), b, bg_sample.size(), b, bg_sample.size());
            }
        }
        finish_items(out, r.limit);
        // Stems are what the index counts; people read words: show the form each stem
        // has most often in the first paragraphs of the sample (a few dozen texts analysed).
        std::set<std::string> stems;
        for (auto& item : out.items) {
            item.stem = item.value;
            stems.insert(item.value);
        }
        const std::vector<Xapian::docid> first(
            sample.begin(),
            sample.begin() + static_cast<std::ptrdiff_t>(std::min(sample.size(), kFormParagraphs)));
        const auto forms = c.surface_forms(first, stems);
        for (auto& item : out.items) {
            if (const auto f = forms.find(item.stem); f != forms.end()) item.value = f->second;
        }
        if (out.sampled) {
            out.notes.push_back("words counted on " + std::to_string(sample.size()) + " of the " +
                                std::to_string(fg.size()) + " matching paragraphs");
        }
        return out;
    }

    const facets::FacetTable& table = c.facets();
    std::vector<std::uint32_t> in_fg(table.value_count(), 0), in_bg;
    for (const Xapian::docid d : fg) {
        for (const std::uint32_t v : table.values_of(d)) ++in_fg[v];
    }
    if (!against_archive) {
        in_bg.assign(table.value_count(), 0);
        for (const Xapian::docid d : bg) {
            for (const std::uint32_t v : table.values_of(d)) ++in_bg[v];
        }
    }
    out.foreground_total = fg.size();
    out.background_total = against_archive ? archive : bg.size();
    for (std::uint32_t v = 0; v < table.value_count(); ++v) {
        if (table.facet_of_value(v) != facet || in_fg[v] == 0) continue;
        if (against_archive) {
            const std::size_t everywhere = counts.value_paragraphs[v];
            consider(out, r, table.value_name(v), in_fg[v], fg.size(), everywhere - in_fg[v],
                     archive - fg.size(), everywhere, archive);
        } else {
            consider(out, r, table.value_name(v), in_fg[v], fg.size(), in_bg[v], bg.size(),
                     in_bg[v], bg.size());
        }
    }
    finish_items(out, r.limit);
    return out;
}

// --- co-occurrence ---------------------------------------------------------------------

Cooccurrence cooccurrence_in(ViewContext& c, const CooccurrenceRequest& r) {
    Cooccurrence out;
    out.field = r.field;
    out.level = r.level;
    const int facet = facets::FacetTable::facet_id(r.field);
    if (facet < 0)
        throw UsageError("unknown field '" + r.field + "' (use " + schema::facet_list() + ")");
    if (r.matrix.size() > kMaxMatrix) {
        throw UsageError("a matrix of " + std::to_string(r.matrix.size()) +
                         " values is over the maximum of " + std::to_string(kMaxMatrix));
    }
    const facets::FacetTable& table = c.facets();
    const views::ArchiveCounts& counts = c.counts();
    const match::DocTable& docs = c.docs(match::DocTable::kArticles);
    const bool whole = whole_archive(r.search) && r.matrix.empty();
    const std::vector<Xapian::docid> matched =
        whole ? std::vector<Xapian::docid>{} : c.matches(r.search, out.notes);
    if (!whole && matched.empty()) out.notes.push_back("no paragraph matches the query");

    // The matrix's values, by their bit in a unit's mask.
    std::vector<std::int64_t> wanted;
    for (const auto& name : r.matrix) {
        std::int64_t v = counts.find_value(facet, name);
        // An alias names its actor, as in actor: filters ("US", "PRC").
        std::optional<std::string> actor;
        if (v < 0 && r.field == "actor" && (actor = c.gazetteer().canonical_actor(name)))
            v = counts.find_value(facet, *actor);
        if (v < 0) {
            out.notes.push_back("no " + r.field + " '" + name + "'" +
                                (actor && *actor != name ? " (" + *actor + ")" : "") +
                                " in the index: left out of the matrix");
            continue;
        }
        if (std::find(wanted.begin(), wanted.end(), v) != wanted.end()) continue;
        wanted.push_back(v);
        out.matrix_values.push_back(table.value_name(static_cast<std::uint32_t>(v)));
    }
    std::unordered_map<std::uint32_t, unsigned> bit_of;
    for (std::size_t i = 0; i < wanted.size(); ++i)
        bit_of[static_cast<std::uint32_t>(wanted[i])] = static_cast<unsigned>(i);
    const std::size_t k = wanted.size();
    std::vector<std::size_t> pair_counts(k * k, 0);
    auto add_mask = [&](std::uint64_t mask) {
        for (std::size_t i = 0; i < k; ++i) {
            if (!(mask >> i & 1)) continue;
            for (std::size_t j = 0; j < k; ++j) {
                if (mask >> j & 1) ++pair_counts[i * k + j];
            }
        }
    };

    std::vector<std::uint32_t> together(table.value_count(), 0);
    std::size_t units = 0, archive_units = 0;
    const std::vector<std::uint32_t>* totals = nullptr;
    if (whole && k == 0) {  // every unit matches: the archive's counts
        const bool articles = r.level == Level::Article;
        units = archive_units = articles ? counts.articles : counts.paragraphs;
        totals = articles ? &counts.value_articles : &counts.value_paragraphs;
        together = *totals;
    } else if (r.level == Level::Paragraph) {
        units = matched.size();
        archive_units = counts.paragraphs;
        totals = &counts.value_paragraphs;
        for (const Xapian::docid d : matched) {
            std::uint64_t mask = 0;
            for (const std::uint32_t v : table.values_of(d)) {
                ++together[v];
                if (k) {
                    if (const auto b = bit_of.find(v); b != bit_of.end()) mask |= 1ULL << b->second;
                }
            }
            if (mask) add_mask(mask);
        }
    } else {
        std::vector<std::uint32_t> articles;
        for (const Xapian::docid d : matched) {
            const std::uint32_t a = table.article_of(d);
            if (a != facets::FacetTable::kNoArticle) articles.push_back(a);
        }
        std::sort(articles.begin(), articles.end());
        articles.erase(std::unique(articles.begin(), articles.end()), articles.end());
        units = articles.size();
        archive_units = counts.articles;
        totals = &counts.value_articles;
        std::vector<std::uint32_t> last(table.value_count(), facets::FacetTable::kNoArticle);
        for (const std::uint32_t a : articles) {
            std::uint64_t mask = 0;
            for (const Xapian::docid d : docs.article_docs(a)) {
                for (const std::uint32_t v : table.values_of(d)) {
                    if (last[v] == a) continue;
                    last[v] = a;
                    ++together[v];
                    if (k) {
                        if (const auto b = bit_of.find(v); b != bit_of.end())
                            mask |= 1ULL << b->second;
                    }
                }
            }
            if (mask) add_mask(mask);
        }
    }
    out.matches = units;
    out.archive = archive_units;
    for (std::uint32_t v = 0; v < table.value_count(); ++v) {
        if (table.facet_of_value(v) != facet || together[v] == 0) continue;
        if (r.by_association && together[v] < r.min_count) continue;
        CooccurrenceItem item;
        item.value = table.value_name(v);
        item.together = together[v];
        item.total = (*totals)[v];
        item.pmi = views::pmi(item.together, units, item.total, archive_units);
        item.npmi = views::npmi(item.together, units, item.total, archive_units);
        out.items.push_back(std::move(item));
    }
    std::sort(out.items.begin(), out.items.end(), [&](const auto& a, const auto& b) {
        if (r.by_association && a.npmi != b.npmi) return a.npmi > b.npmi;
        if (a.together != b.together) return a.together > b.together;
        return a.value < b.value;
    });
    if (r.limit && out.items.size() > r.limit) out.items.resize(r.limit);
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t j = 0; j < k; ++j) {
            CooccurrenceCell cell;
            cell.row = out.matrix_values[i];
            cell.column = out.matrix_values[j];
            cell.count = pair_counts[i * k + j];
            if (i != j) {
                cell.npmi =
                    views::npmi(cell.count, pair_counts[i * k + i], pair_counts[j * k + j], units);
            }
            out.matrix.push_back(std::move(cell));
        }
    }
    return out;
}

// --- bursts ---------------------------------------------------------------------------

struct BurstSpan {
    std::size_t series = 0, first = 0, last = 0, peak = 0;
    double z = 0, baseline = 0;
};

std::vector<BurstSpan> find_bursts(const Timeline& timeline, const BurstRequest& r) {
    std::vector<BurstSpan> out;
    const std::size_t window = std::max<std::size_t>(r.window, 1);
    for (std::size_t s = 0; s < timeline.series.size(); ++s) {
        const auto& b = timeline.series[s].buckets;
        std::optional<BurstSpan> open;
        for (std::size_t i = 0; i < b.size(); ++i) {
            const std::size_t begin = i > window ? i - window : 0;
            std::size_t count = 0, archive = 0;
            for (std::size_t j = begin; j < i; ++j) {
                count += b[j].count;
                archive += b[j].archive;
            }
            bool bursting = false;
            double z = 0, baseline = 0;
            if (i - begin >= std::min(window, kMinBaselineBuckets) && archive > 0 &&
                b[i].count >= r.min_count) {
                baseline = static_cast<double>(count) / static_cast<double>(archive);
                z = views::binomial_z(b[i].count, b[i].archive, baseline);
                bursting = z >= r.threshold;
            }
            if (bursting) {
                if (!open) open = BurstSpan{s, i, i, i, z, baseline};
                open->last = i;
                if (z > open->z) {
                    open->z = z;
                    open->peak = i;
                    open->baseline = baseline;
                }
            } else if (open) {
                out.push_back(*open);
                open.reset();
            }
        }
        if (open) out.push_back(*open);
    }
    return out;
}

}  // namespace

ArchiveViews::ArchiveViews(Searcher& searcher) : searcher_(searcher) {}

namespace {

// A view of a shard set answered without some shards (allow_partial) says so first, and
// why each is left out.
void note_missing_shards(const Searcher& searcher, std::vector<std::string>& notes) {
    const auto missing = searcher.missing_shards();
    if (missing.empty()) return;
    notes.insert(notes.begin(), search::partial_note(missing, searcher.missing_shard_reasons()));
}

}  // namespace

Timeline ArchiveViews::timeline(const TimelineRequest& request) {
    Timeline out;
    views::SearcherAccess::run(searcher_, [&](ViewContext& c) { out = timeline_in(c, request); });
    note_missing_shards(searcher_, out.notes);
    return out;
}

StandsOut ArchiveViews::stands_out(const StandsOutRequest& request) {
    StandsOut out;
    views::SearcherAccess::run(searcher_, [&](ViewContext& c) { out = stands_out_in(c, request); });
    note_missing_shards(searcher_, out.notes);
    return out;
}

Cooccurrence ArchiveViews::cooccurrence(const CooccurrenceRequest& request) {
    Cooccurrence out;
    views::SearcherAccess::run(searcher_,
                               [&](ViewContext& c) { out = cooccurrence_in(c, request); });
    note_missing_shards(searcher_, out.notes);
    return out;
}

Bursts ArchiveViews::bursts(const BurstRequest& request) {
    // Checked before any work, so a bad value fails whether or not a burst is found.
    if (!std::isfinite(request.threshold) || request.threshold < 0 || request.threshold > 1000) {
        throw UsageError("threshold must be a number from 0 to 1000, not " +
                         std::to_string(request.threshold));
    }
    if (request.window == 0) throw UsageError("window must be at least 1 bucket");
    if (request.paragraphs > kMaxBurstParagraphs) {
        throw UsageError("paragraphs " + std::to_string(request.paragraphs) +
                         " is over the maximum of " + std::to_string(kMaxBurstParagraphs) +
                         " per burst");
    }
    Timeline timeline;
    std::vector<SeriesMatches> series;
    views::SearcherAccess::run(
        searcher_, [&](ViewContext& c) { timeline = timeline_in(c, request.timeline, &series); });
    Bursts out;
    out.interval = timeline.interval;
    out.notes = timeline.notes;
    note_missing_shards(searcher_, out.notes);
    const views::DateBuckets buckets{timeline.interval};
    for (const BurstSpan& span : find_bursts(timeline, request)) {
        const TimelineSeries& s = timeline.series[span.series];
        Burst burst;
        burst.series = s.name;
        burst.from = s.buckets[span.first].start;
        burst.to =
            views::iso_date(buckets.last_day(views::first_day_of(s.buckets[span.last].start)));
        burst.peak = s.buckets[span.peak].label;
        burst.z = span.z;
        burst.baseline = span.baseline;
        std::size_t archive = 0;
        for (std::size_t i = span.first; i <= span.last; ++i) {
            burst.count += s.buckets[i].count;
            archive += s.buckets[i].archive;
        }
        burst.share = archive ? static_cast<double>(burst.count) / static_cast<double>(archive) : 0;
        if (request.paragraphs > 0) {
            SearchRequest best = series[span.series].request;
            best.filters.push_back("date:" + burst.from + ".." + burst.to);
            best.offset = 0;
            best.limit = request.paragraphs;
            best.facets.clear();
            best.group_by = GroupBy::None;
            burst.hits = searcher_.search(best).hits;
        }
        out.bursts.push_back(std::move(burst));
    }
    return out;
}

std::optional<ParagraphContext> ArchiveViews::context(const std::string& article_id,
                                                      std::size_t paragraph, std::size_t before,
                                                      std::size_t after) {
    std::optional<ArticleView> article = searcher_.article(article_id);
    if (!article) return std::nullopt;
    const auto at = std::find_if(article->paragraphs.begin(), article->paragraphs.end(),
                                 [&](const ArticleParagraph& p) { return p.number == paragraph; });
    if (at == article->paragraphs.end()) return std::nullopt;
    ParagraphContext out;
    out.article_id = article->article_id;
    out.title = article->title;
    out.date = article->date;
    out.paragraph = paragraph;
    const std::size_t index = static_cast<std::size_t>(at - article->paragraphs.begin());
    const std::size_t first = index > before ? index - before : 0;
    // Bounded before adding: `after` may be as large as size_t holds (index + after would wrap).
    const std::size_t last = index + std::min(after, article->paragraphs.size() - 1 - index);
    for (std::size_t i = first; i <= last; ++i) out.paragraphs.push_back(article->paragraphs[i]);
    return out;
}

std::optional<SearchResult> ArchiveViews::more_like_this(const std::string& article_id,
                                                         std::size_t paragraph,
                                                         const SearchRequest& request) {
    search::check_page_bounds(request.offset, request.limit);  // as search() checks them
    std::optional<SearchResult> out;
    views::SearcherAccess::run(searcher_, [&](ViewContext& c) {
        out.reset();
        const Xapian::docid doc = c.find_paragraph(article_id, paragraph);
        if (!doc) return;
        out.emplace();
        out->query = article_id + "#" + std::to_string(paragraph);
        const auto words = search::Feedback::words(c.db(), {doc}, {});
        if (words.empty()) {
            out->notes.push_back("the paragraph has no distinctive words");
            return;
        }
        std::vector<match::Plan> leaves;
        std::string list;
        for (const auto& w : words) {
            match::Plan leaf = match::Plan::leaf(w.term, match::Role::Feedback);
            leaf.boost = w.weight;
            leaves.push_back(std::move(leaf));
            list += (list.empty() ? "" : ", ") + w.term.substr(schema::kWordPrefix.size());
        }
        SearchRequest filters_only = request;
        filters_only.query.clear();
        match::Plan plan = match::Plan::of(
            match::Plan::Op::Filter,
            {match::Plan::combine(match::Plan::Op::Or, std::move(leaves)),
             match::with_role(c.plan_of(filters_only, out->notes), match::Role::Boolean)});
        // Left out: the paragraph's own article and its republished copies, which would
        // otherwise come first (the same text scores highest).
        std::vector<match::Plan> own;
        own.push_back(match::Plan::leaf(schema::article_keys_in(c.db(), article_id).term,
                                        match::Role::Boolean));
        for (const auto& [first, id] : search::group_members(c.db(), c.db().get_document(doc)))
            own.push_back(
                match::Plan::leaf(schema::article_keys_in(c.db(), id).term, match::Role::Boolean));
        plan = match::Plan::of(
            match::Plan::Op::AndNot,
            {std::move(plan), match::Plan::combine(match::Plan::Op::Or, std::move(own))});
        out->parsed = "like " + out->query + ": " + list;
        out->notes.push_back("more like this: the stems " + list);
        std::size_t matches_total = 0;
        const search::Page page = c.page_of(plan, request, matches_total);
        out->total_paragraphs = matches_total;
        out->total = page.total;
        out->total_articles = page.total_articles;
        out->duplicates_hidden = page.duplicates_hidden;
        out->offset = request.offset;
        out->ranking = Ranking::Bm25;
        SearchRequest plain = request;
        plain.query.clear();
        plain.ranking = Ranking::Bm25;  // scored by BM25 above, whatever the request said
        for (std::size_t i = 0; i < page.entries.size(); ++i) {
            const match::Scored& s = page.entries[i].match;
            Hit hit = c.hit(s.doc, s.score, true, plain, request.snippets);
            hit.rank = request.offset + i + 1;
            // Copies folded into the hit are named, as search names them.
            if (request.collapse_duplicates)
                hit.republished = c.republications(s.doc, hit.article_id);
            out->hits.push_back(std::move(hit));
        }
    });
    if (out) {
        out->missing_shards = searcher_.missing_shards();
        out->partial = !out->missing_shards.empty();
    }
    return out;
}

std::size_t ArchiveViews::export_hits(const ExportRequest& request,
                                      const std::function<bool(const Hit&)>& each,
                                      std::size_t* total) {
    std::size_t given = 0;
    bool stopped = false;
    views::SearcherAccess::run(searcher_, [&](ViewContext& c) {
        // After a retry (the index changed under the export) it goes on from where it was.
        bool ranked = false;
        const std::vector<match::Scored> order = c.ordered_matches(request.search, ranked);
        if (total) *total = order.size();
        // Compared, not added: start + count may not fit (count = SIZE_MAX for "all").
        const std::size_t end = request.count && request.start < order.size() &&
                                        request.count < order.size() - request.start
                                    ? request.start + request.count
                                    : order.size();
        // Under BM25 the matched words are counted as search counts them, a chunk at a time
        // (under words-first the score holds the count).
        const bool count_parts = ranked && request.search.ranking != Ranking::WordsFirst;
        std::vector<std::string> notes;
        const match::Plan counted = count_parts ? c.plan_of(request.search, notes) : match::Plan{};
        std::map<Xapian::docid, unsigned> parts;
        std::size_t counted_to = 0;
        for (std::size_t i = request.start + given; i < end && !stopped; ++i) {
            if (count_parts && i >= counted_to) {
                counted_to = std::min(end, i + kExportCountChunk);
                std::vector<Xapian::docid> chunk;
                for (std::size_t k = i; k < counted_to; ++k) chunk.push_back(order[k].doc);
                parts = c.matched_parts(counted, std::move(chunk));
            }
            Hit hit = c.hit(order[i].doc, order[i].score, ranked, request.search, request.snippets);
            hit.rank = i + 1;
            if (const auto found = parts.find(order[i].doc); found != parts.end())
                hit.matched_terms = found->second;
            ++given;
            stopped = !each(hit);
        }
    });
    return given;
}

}  // namespace parley
