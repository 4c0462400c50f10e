#include "tagger/topic_tagger.hpp"

#include <algorithm>
#include <map>

#include "tagger/enumerations.hpp"
#include "tagger/word_case.hpp"

namespace parley {
namespace {

bool ends_with(std::string_view word, std::string_view suffix) {
    return word.size() > suffix.size() + 2 && word.substr(word.size() - suffix.size()) == suffix;
}

// Lower-case words that may stand inside a name ("Alliance of Small Island States").
bool is_connector(std::string_view word) {
    return word == "of" || word == "for" || word == "and" || word == "the" || word == "on";
}

}  // namespace

TopicTagger::TopicTagger(const Gazetteer& gazetteer) {
    std::unordered_map<std::string, Analyzer> analyzers;
    auto analyzer = [&](const std::string& language) -> Analyzer& {
        auto it = analyzers.find(language);
        if (it == analyzers.end()) it = analyzers.emplace(language, Analyzer(language)).first;
        return it->second;
    };
    Analyzer& english = analyzer("en");
    CueSet& english_cues = cues_["en"];
    for (const auto& entry : gazetteer.entries()) {
        if (entry.kind != GazetteerEntry::Kind::Topic) continue;
        const auto topic = static_cast<std::uint32_t>(topics_.size());
        topics_.push_back(entry.name);
        // The name is a strong cue unless the entry lists it as weak ("energy" alone also
        // means vigour).
        const bool weak_name = std::any_of(
            entry.weak_cues.begin(), entry.weak_cues.end(),
            [&](const std::string& cue) { return fold_name(cue) == fold_name(entry.name); });
        if (!weak_name) add_cue(english_cues, english, entry.name, topic, true);
        for (const auto& cue : entry.aliases) add_cue(english_cues, english, cue, topic, true);
        for (const auto& cue : entry.strong_cues) add_cue(english_cues, english, cue, topic, true);
        for (const auto& cue : entry.weak_cues) add_cue(english_cues, english, cue, topic, false);
        // Cues in other languages, after that language's analysis; kept but never matched
        // for a language Parley does not analyse, as actor names are.
        for (const auto& [language, cues] : entry.names_by_language) {
            if (Analyzer::canonical_language(language) != language) continue;
            for (const auto& cue : cues)
                add_cue(cues_[language], analyzer(language), cue, topic, true);
        }
        auto& not_words = not_words_.emplace_back();
        for (const auto& word : entry.not_cues) {
            for (const Token& t : english.analyze(word))
                if (t.kind != Token::Kind::Compound) not_words.insert(t.norm);
        }
    }
}

void TopicTagger::add_cue(CueSet& set, Analyzer& analyzer, std::string_view cue,
                          std::uint32_t topic, bool strong) {
    // The participle rule is about English stems.
    const bool english = analyzer.language() == "en";
    Pattern p;
    std::string key;
    for (const Token& t : analyzer.analyze(cue)) {
        if (t.kind == Token::Kind::Compound) continue;  // cues match word by word
        const std::string_view original = cue.substr(t.begin, t.end - t.begin);
        p.stems.push_back(t.term);
        p.cases.push_back(word_case::all_caps(original)       ? CaseRule::AllCaps
                          : word_case::starts_upper(original) ? CaseRule::Capitalised
                                                              : CaseRule::Any);
        p.participles.push_back(!english                   ? Participle::None
                                : ends_with(t.norm, "ing") ? Participle::Present
                                : ends_with(t.norm, "ed")  ? Participle::Past
                                                           : Participle::None);
        key += t.term;
        key += static_cast<char>('0' + static_cast<int>(p.cases.back()));
        key += static_cast<char>('0' + static_cast<int>(p.participles.back()));
        key += ' ';
    }
    if (p.stems.empty()) return;
    // The same cue under several topics (or twice in one) is one pattern with several
    // targets, so that it counts for each topic.
    auto [it, fresh] =
        set.pattern_by_key.emplace(key, static_cast<std::uint32_t>(set.patterns.size()));
    if (fresh) {
        p.cue = std::string(cue);
        set.index[p.stems.front()].push_back(it->second);
        set.patterns.push_back(std::move(p));
    }
    auto& targets = set.patterns[it->second].targets;
    auto same = std::find_if(targets.begin(), targets.end(),
                             [&](const Target& t) { return t.topic == topic; });
    if (same == targets.end())
        targets.push_back({topic, strong});
    else
        same->strong = same->strong || strong;
}

void TopicTagger::match(std::string_view text, const std::vector<const Token*>& words,
                        const std::vector<std::string_view>& stems, std::string_view language,
                        const std::function<void(const CueMatch&)>& found) const {
    const auto cues = cues_.find(language);
    if (cues == cues_.end()) return;  // no cue in this language
    const CueSet& set = cues->second;
    const bool english = language == "en";
    auto original = [&](std::size_t i) {
        return text.substr(words[i]->begin, words[i]->end - words[i]->begin);
    };
    auto case_ok = [&](CaseRule rule, std::size_t i) {
        switch (rule) {
            case CaseRule::Any:
                return true;
            case CaseRule::Capitalised:
                return word_case::starts_upper(original(i));
            case CaseRule::AllCaps:
                return word_case::all_caps(original(i));
        }
        return false;
    };
    auto participle_ok = [&](Participle cue, std::size_t i) {
        if (cue == Participle::None) return true;
        const std::string_view norm = words[i]->norm;
        return cue == Participle::Present ? !ends_with(norm, "ed") : !ends_with(norm, "ing");
    };
    // Only spaces between word i and word i + 1: parts of one name can be.
    auto joined = [&](std::size_t i) {
        if (i + 1 >= words.size()) return false;
        const std::string_view gap =
            text.substr(words[i]->end, words[i + 1]->begin - words[i]->end);
        return std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' '; });
    };
    auto capitalised = [&](std::size_t i) { return word_case::starts_upper(original(i)); };
    // Words [first, last] are part of a longer capitalised name ("Shangri-La Dialogue",
    // "Black Sea Fleet", "Alliance of Small Island States").
    auto inside_name = [&](std::size_t first, std::size_t last) {
        bool any_capital = false;
        for (std::size_t k = first; k <= last; ++k) any_capital = any_capital || capitalised(k);
        if (!any_capital) return false;
        const bool before =
            first > 0 && joined(first - 1) &&
            (capitalised(first - 1) || (first > 1 && is_connector(original(first - 1)) &&
                                        joined(first - 2) && capitalised(first - 2)));
        const bool after =
            joined(last) && (capitalised(last + 1) || (is_connector(original(last + 1)) &&
                                                       joined(last + 1) && capitalised(last + 2)));
        return before || after;
    };
    for (std::size_t i = 0; i < words.size();) {
        const auto candidates = set.index.find(stems[i]);
        const Pattern* best = nullptr;
        std::uint32_t best_id = 0;
        if (candidates != set.index.end()) {
            for (const std::uint32_t id : candidates->second) {
                const Pattern& p = set.patterns[id];
                if (best && p.stems.size() <= best->stems.size()) continue;
                if (i + p.stems.size() > words.size()) continue;
                bool ok = true;
                for (std::size_t k = 0; ok && k < p.stems.size(); ++k)
                    ok = stems[i + k] == p.stems[k] && case_ok(p.cases[k], i + k) &&
                         participle_ok(p.participles[k], i + k);
                if (ok) {
                    best = &p;
                    best_id = id;
                }
            }
        }
        if (!best) {
            ++i;
            continue;
        }
        // A weak cue is a common word; inside a name it names something else.
        const bool in_name = inside_name(i, i + best->stems.size() - 1);
        auto is_not_word = [&](std::uint32_t topic) {
            const auto& not_words = not_words_[topic];
            if (!english || not_words.empty()) return false;
            for (std::size_t k = i; k < i + best->stems.size(); ++k)
                if (not_words.count(words[k]->norm)) return true;
            return false;
        };
        for (const Target& t : best->targets) {
            if (in_name && !t.strong) continue;
            if (is_not_word(t.topic)) continue;
            found({t.topic, best_id, t.strong, i, i + best->stems.size() - 1, &best->cue});
        }
        i += best->stems.size();
    }
}

std::vector<std::pair<std::size_t, std::size_t>> TopicTagger::cue_spans(
    std::string_view text, const std::vector<const Token*>& words,
    const std::vector<std::string_view>& stems, std::string_view topic,
    std::string_view language) const {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    const auto it = std::find(topics_.begin(), topics_.end(), topic);
    if (it == topics_.end()) return spans;
    const auto wanted = static_cast<std::uint32_t>(it - topics_.begin());
    match(text, words, stems, language, [&](const CueMatch& m) {
        if (m.topic == wanted) spans.emplace_back(words[m.first]->begin, words[m.last]->end);
    });
    return spans;
}

void TopicTagger::tag(std::string_view text, const std::vector<const Token*>& words,
                      const std::vector<std::string_view>& stems, schema::ParagraphTags& out,
                      std::string_view language) const {
    out.topics.clear();
    out.mentioned_topics.clear();
    out.topic_evidence.clear();
    // Per topic: the distinct cues found (pattern ids) and whether one was strong.
    struct Found {
        std::vector<std::uint32_t> cues;
        std::vector<const std::string*> cue_texts;  ///< as the gazetteer writes each
        std::vector<EnumerationItem> spans;         ///< where each mention is
        std::uint32_t mentions = 0;
        bool strong = false;
    };
    std::map<std::uint32_t, Found> found;
    match(text, words, stems, language, [&](const CueMatch& m) {
        Found& f = found[m.topic];
        if (std::find(f.cues.begin(), f.cues.end(), m.pattern) == f.cues.end()) {
            f.cues.push_back(m.pattern);
            f.cue_texts.push_back(m.cue);
        }
        ++f.mentions;
        f.spans.push_back({m.first, m.last});
        f.strong = f.strong || m.strong;
    });
    auto assigned = [](const Found& f) { return f.strong || f.cues.size() >= 2; };
    // A topic named only as one short item among many is named in passing: "excellent schools,
    // quality health care, a secure retirement, a cleaner environment, a stronger defense".
    // Not when it fills half the list or more ("sanctions, tariffs, export controls and
    // investment screening" is about sanctions).
    std::vector<Enumeration> lists;
    if (std::any_of(found.begin(), found.end(), [&](const auto& topic) {
            return assigned(topic.second) && topic.second.mentions >= kTopicMentions;
        }))
        lists = find_enumerations(text, words);
    std::uint32_t most_mentions = 0;
    for (const auto& [topic, f] : found)
        if (assigned(f)) most_mentions = std::max(most_mentions, f.mentions);
    for (const auto& [topic, f] : found) {
        if (!assigned(f)) continue;
        const std::string& name = topics_[topic];
        out.mentioned_topics.push_back(name);
        auto& evidence = out.topic_evidence[name];
        for (const std::string* cue : f.cue_texts) evidence.push_back(*cue);
        std::sort(evidence.begin(), evidence.end());
        evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
        if (f.mentions < kTopicMentions || only_minor_list_items(lists, f.spans)) continue;
        out.topics_named_twice.push_back(name);
        if (f.mentions >= kTopicDwelt || f.cues.size() == 1)
            out.topics.push_back(name);
        else if (f.mentions == most_mentions)
            out.topics_awaiting_article.push_back(name);
    }
    std::sort(out.mentioned_topics.begin(), out.mentioned_topics.end());
    std::sort(out.topics.begin(), out.topics.end());
    std::sort(out.topics_named_twice.begin(), out.topics_named_twice.end());
    std::sort(out.topics_awaiting_article.begin(), out.topics_awaiting_article.end());
}

void weigh_topics_in_article(std::vector<schema::ParagraphTags>& article) {
    std::map<std::string, std::size_t> bearers;  // paragraphs naming each topic twice or more
    for (const auto& paragraph : article)
        for (const auto& topic : paragraph.topics_named_twice) ++bearers[topic];
    for (auto& paragraph : article) {
        bool added = false;
        for (const auto& topic : paragraph.topics_awaiting_article) {
            if (bearers[topic] - 1 < kTopicArticleSupport) continue;
            paragraph.topics.push_back(topic);
            added = true;
        }
        if (added) std::sort(paragraph.topics.begin(), paragraph.topics.end());
    }
}

}  // namespace parley
