#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/analyzer.hpp"
#include "parley/gazetteer.hpp"
#include "schema/paragraph_tags.hpp"
#include "tagger/actor_tagger.hpp"
#include "tagger/topic_tagger.hpp"

namespace parley {

/// Actors, their types and topics (with evidence) found in one paragraph.
using ParagraphTags = schema::ParagraphTags;

/// Tags one paragraph: actors by ActorTagger (whose comment lists the rules), topics by
/// TopicTagger (with the cues of the paragraph's language only). A change to either that changes
/// what some text is tagged with raises schema::kTaggingRules, so that `retag` re-tags indexes
/// tagged before it.
///
/// Immutable after construction; safe to share between threads. Keeps a reference to
/// `gazetteer`, which must outlive it.
class Tagger {
  public:
    explicit Tagger(const Gazetteer& gazetteer);

    /// `text` is the paragraph, `tokens` its analysis in its own `language`, `stems` the
    /// English stem of each token (the token's own term when the analyzer is English), `date`
    /// the article's date (YYYY[-MM[-DD]], empty if unknown; it chooses between namesakes).
    /// `article_leaders`: leaders the article names elsewhere (see follow_surnames());
    /// `article_common_words`: their surnames that the article also writes in lower case.
    ParagraphTags tag(std::string_view text, const std::vector<Token>& tokens,
                      const std::vector<std::string_view>& stems, std::string_view language = "en",
                      std::string_view date = {},
                      const std::vector<std::string>* article_leaders = nullptr,
                      const std::vector<std::string>* article_common_words = nullptr) const;

    /// Second mentions across an article (`texts`, its paragraphs; `tags`, what each gave
    /// alone): a leader named in one paragraph is named by a surname alone in the others.
    /// Re-tags, through `retag(i, leaders, common_words)`, only paragraphs whose text holds a
    /// surname of a leader of the article that they do not tag yet; `common_words` are the
    /// leaders' surnames (folded) that the article also writes in lower case ("major").
    using Retag = std::function<ParagraphTags(std::size_t, const std::vector<std::string>&,
                                              const std::vector<std::string>&)>;
    void follow_surnames(const std::vector<std::string_view>& texts,
                         std::vector<ParagraphTags>& tags, const Retag& retag) const;

  private:
    const Gazetteer& gazetteer_;
    ActorTagger actors_;
    TopicTagger topics_;
};

}  // namespace parley
