#include "render/text_renderer.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace parley::render {
namespace {

// What came from the input as a terminal may show it: control characters escaped ("\x1b"),
// so an ESC in a crawled page's title cannot rewrite the screen.
std::string shown(std::string_view text) { return util::printable(text); }

struct Ansi {
    bool on;
    const char* bold() const { return on ? "\x1b[1m" : ""; }
    const char* match() const { return on ? "\x1b[1;33m" : ""; }
    const char* dim() const { return on ? "\x1b[2m" : ""; }
    const char* reset() const { return on ? "\x1b[0m" : ""; }
};

std::string join(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += shown(item);
    }
    return out;
}

// `text` with its matches in the match colour, the rest in `style` (e.g. bold for a title).
std::string marked(std::string_view text, const std::vector<MatchSpan>& spans, const Ansi& ansi,
                   std::string_view style = "") {
    if (!ansi.on) return shown(text);
    std::string out(style);
    std::size_t at = 0;
    for (const auto& span : spans) {
        if (span.begin < at || span.end > text.size()) continue;
        out += shown(text.substr(at, span.begin - at));
        out += ansi.match();
        out += shown(text.substr(span.begin, span.end - span.begin));
        out += ansi.reset();
        out += style;
        at = span.end;
    }
    out += shown(text.substr(at));
    return out + ansi.reset();
}

}  // namespace

std::string render_text(const SearchResult& result, const SearchRequest& request,
                        const TextStyle& style) {
    const Ansi ansi{style.color};
    const bool grouped = request.group_by == GroupBy::Article;
    std::string out;
    for (const Hit& h : result.hits) {
        out += std::to_string(h.rank) + ". " +
               (h.title.empty() ? ansi.bold() + std::string("(untitled)") + ansi.reset()
                                : marked(h.title, h.title_spans, ansi, ansi.bold())) +
               "\n";
        std::vector<std::string> meta;
        if (!h.authors.empty()) meta.push_back(join(h.authors, ", "));
        meta.push_back(h.date.empty() ? "undated" : h.date);
        if (!h.source.empty()) meta.push_back(h.source);
        std::string where =
            "paragraph " + std::to_string(h.paragraph) + " of " + std::to_string(h.paragraph_count);
        if (grouped && h.matched_paragraphs > 1)
            where += " (+" + std::to_string(h.matched_paragraphs - 1) + " more matching)";
        meta.push_back(where);
        out += "   " + std::string(ansi.dim()) + join(meta, " — ") + ansi.reset() + "\n";
        if (!h.snippet.text.empty())
            out += "   " + marked(h.snippet.text, h.snippet.spans, ansi) + "\n";
        std::string tags;
        if (!h.actors.empty()) tags += "actors: " + join(h.actors, ", ");
        if (!h.topics.empty())
            tags += std::string(tags.empty() ? "" : " · ") + "topics: " + join(h.topics, ", ");
        if (!tags.empty()) out += "   " + std::string(ansi.dim()) + tags + ansi.reset() + "\n";
        if (!h.url.empty())
            out += "   " + std::string(ansi.dim()) + shown(h.url) + ansi.reset() + "\n";
        if (!h.republished.empty()) {
            std::vector<std::string> outlets;
            for (const auto& r : h.republished)
                outlets.push_back(r.source.empty() ? r.article_id : r.source);
            out += "   " + std::string(ansi.dim()) + "also published by: " + join(outlets, ", ") +
                   ansi.reset() + "\n";
        }
        out += "\n";
    }
    std::string totals = std::to_string(result.total_paragraphs) + " paragraph" +
                         (result.total_paragraphs == 1 ? "" : "s") + " in " +
                         std::to_string(result.total_articles) + " article" +
                         (result.total_articles == 1 ? "" : "s");
    if (!result.hits.empty()) {
        totals += "; showing " + std::string(grouped ? "articles " : "") +
                  std::to_string(result.offset + 1) + "–" +
                  std::to_string(result.offset + result.hits.size()) + " of " +
                  std::to_string(result.total);
    } else if (result.total > 0) {
        totals += "; nothing on this page (offset " + std::to_string(result.offset) + ")";
    }
    if (result.duplicates_hidden > 0) {
        totals += " (" + std::to_string(result.duplicates_hidden) + " republished cop" +
                  (result.duplicates_hidden == 1 ? "y" : "ies") +
                  " folded in; --duplicates shows them)";
    }
    out += std::string(ansi.bold()) + totals + ansi.reset() + "\n";
    for (const Facet& f : result.facets) {
        if (f.values.empty()) continue;
        std::string line = f.name;
        line.resize(std::max<std::size_t>(8, f.name.size() + 1), ' ');  // "actor_type" whole
        for (std::size_t i = 0; i < f.values.size(); ++i) {
            line += (i ? " · " : "") + shown(f.values[i].value) + " " +
                    std::to_string(f.values[i].count);
            if (request.facet_article_counts)
                line += " (" + std::to_string(f.values[i].articles) + " art.)";
        }
        if (f.distinct > f.values.size())
            line += " · +" + std::to_string(f.distinct - f.values.size()) + " more";
        out += line + "\n";
    }
    for (const auto& note : result.notes) out += "note: " + shown(note) + "\n";
    if (!result.did_you_mean.empty()) out += "Did you mean: " + shown(result.did_you_mean) + "\n";
    return out;
}

}  // namespace parley::render
