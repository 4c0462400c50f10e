#include "tagger/tagger.hpp"

#include <algorithm>

namespace parley {

Tagger::Tagger(const Gazetteer& gazetteer)
    : gazetteer_(gazetteer), actors_(gazetteer), topics_(gazetteer) {}

ParagraphTags Tagger::tag(std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<std::string_view>& stems, std::string_view language,
                          std::string_view date,
                          const std::vector<std::string>* article_leaders) const {
    // Topic cues match word by word: compound tokens (the whole of "Sino-Russian") are skipped.
    // They are matched in the paragraph's own language: English stems for English, the
    // paragraph's own terms otherwise.
    const bool english = language == "en";
    std::vector<const Token*> words;
    std::vector<std::string_view> word_stems;
    words.reserve(tokens.size());
    word_stems.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind == Token::Kind::Compound) continue;
        words.push_back(&tokens[i]);
        word_stems.push_back(english ? stems[i] : std::string_view(tokens[i].term));
    }
    ParagraphTags tags;
    actors_.tag({text, &tokens, &stems, language, date, article_leaders}, tags.actors,
                &tags.leaders_named);
    std::sort(tags.leaders_named.begin(), tags.leaders_named.end());
    tags.leaders_named.erase(std::unique(tags.leaders_named.begin(), tags.leaders_named.end()),
                             tags.leaders_named.end());
    std::sort(tags.actors.begin(), tags.actors.end());
    tags.actors.erase(std::unique(tags.actors.begin(), tags.actors.end()), tags.actors.end());
    tags.actor_types = schema::actor_types_of(gazetteer_, tags.actors);
    topics_.tag(text, words, word_stems, tags, language);
    return tags;
}

void Tagger::follow_surnames(
    const std::vector<std::string_view>& texts, std::vector<ParagraphTags>& tags,
    const std::function<ParagraphTags(std::size_t, const std::vector<std::string>&)>& retag) const {
    std::vector<std::string> leaders;
    for (const ParagraphTags& t : tags) {
        for (const auto& leader : t.leaders_named) {
            if (!actors_.surname_of(leader).empty()) leaders.push_back(leader);
        }
    }
    if (leaders.empty()) return;
    std::sort(leaders.begin(), leaders.end());
    leaders.erase(std::unique(leaders.begin(), leaders.end()), leaders.end());
    for (std::size_t i = 0; i < texts.size() && i < tags.size(); ++i) {
        const auto& tagged = tags[i].actors;
        const bool worth_it = std::any_of(leaders.begin(), leaders.end(), [&](const auto& l) {
            return !std::binary_search(tagged.begin(), tagged.end(), l) &&
                   texts[i].find(actors_.surname_of(l)) != std::string_view::npos;
        });
        if (worth_it) tags[i] = retag(i, leaders);
    }
}

}  // namespace parley
