#include "tagger/tagger.hpp"

#include <algorithm>
#include <cctype>

namespace parley {

Tagger::Tagger(const Gazetteer& gazetteer)
    : gazetteer_(gazetteer), actors_(gazetteer), topics_(gazetteer) {}

ParagraphTags Tagger::tag(std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<std::string_view>& stems, std::string_view language,
                          std::string_view date, const std::vector<std::string>* article_leaders,
                          const std::vector<std::string>* article_common_words) const {
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
    actors_.tag({text, &tokens, &stems, language, date, article_leaders, article_common_words},
                tags.actors, &tags.leaders_named);
    std::sort(tags.leaders_named.begin(), tags.leaders_named.end());
    tags.leaders_named.erase(std::unique(tags.leaders_named.begin(), tags.leaders_named.end()),
                             tags.leaders_named.end());
    std::sort(tags.actors.begin(), tags.actors.end());
    tags.actors.erase(std::unique(tags.actors.begin(), tags.actors.end()), tags.actors.end());
    tags.actor_types = schema::actor_types_of(gazetteer_, tags.actors);
    topics_.tag(text, words, word_stems, tags, language);
    return tags;
}

namespace {

bool word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// `word` stands in `text` as a whole word, written as given (case and all).
bool has_word(std::string_view text, std::string_view word) {
    for (std::size_t at = text.find(word); at != std::string_view::npos;
         at = text.find(word, at + 1)) {
        const std::size_t end = at + word.size();
        if ((at == 0 || !word_byte(static_cast<unsigned char>(text[at - 1]))) &&
            (end == text.size() || !word_byte(static_cast<unsigned char>(text[end]))))
            return true;
    }
    return false;
}

}  // namespace

void Tagger::follow_surnames(const std::vector<std::string_view>& texts,
                             std::vector<ParagraphTags>& tags, const Retag& retag) const {
    std::vector<std::string> leaders;
    for (const ParagraphTags& t : tags) {
        for (const auto& leader : t.leaders_named) {
            if (!actors_.surname_of(leader).empty()) leaders.push_back(leader);
        }
    }
    if (leaders.empty()) return;
    std::sort(leaders.begin(), leaders.end());
    leaders.erase(std::unique(leaders.begin(), leaders.end()), leaders.end());
    // Surnames the article also uses as common words ("major reforms" beside John Major).
    std::vector<std::string> common;
    for (const auto& leader : leaders) {
        for (const std::string_view surname : actors_.surnames_of(leader)) {
            std::string lower = fold_name(surname);
            if (lower.empty() || lower.find(' ') != std::string::npos) continue;
            if (std::any_of(texts.begin(), texts.end(),
                            [&](std::string_view text) { return has_word(text, lower); }))
                common.push_back(std::move(lower));
        }
    }
    for (std::size_t i = 0; i < texts.size() && i < tags.size(); ++i) {
        const auto& tagged = tags[i].actors;
        const bool worth_it = std::any_of(leaders.begin(), leaders.end(), [&](const auto& l) {
            if (std::binary_search(tagged.begin(), tagged.end(), l)) return false;
            const auto surnames = actors_.surnames_of(l);
            return std::any_of(surnames.begin(), surnames.end(), [&](std::string_view s) {
                return texts[i].find(s) != std::string_view::npos;
            });
        });
        if (worth_it) tags[i] = retag(i, leaders, common);
    }
}

}  // namespace parley
