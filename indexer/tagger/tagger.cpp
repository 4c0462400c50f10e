#include "tagger/tagger.hpp"

#include <algorithm>

namespace parley {

Tagger::Tagger(const Gazetteer& gazetteer)
    : gazetteer_(gazetteer), actors_(gazetteer), topics_(gazetteer) {}

ParagraphTags Tagger::tag(std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<std::string_view>& stems, std::string_view language,
                          std::string_view date) const {
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
    actors_.tag({text, &tokens, &stems, language, date}, tags.actors);
    std::sort(tags.actors.begin(), tags.actors.end());
    tags.actors.erase(std::unique(tags.actors.begin(), tags.actors.end()), tags.actors.end());
    tags.actor_types = schema::actor_types_of(gazetteer_, tags.actors);
    topics_.tag(text, words, word_stems, tags, language);
    return tags;
}

}  // namespace parley
