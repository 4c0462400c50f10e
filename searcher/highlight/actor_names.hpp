#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "highlight/highlight_query.hpp"
#include "parley/gazetteer.hpp"

namespace parley::highlight {

/// Adds to `query.actor_names` the names of the actors of `query.actors` that a paragraph
/// is tagged with (`tagged`), and to `query.filter_names` those of `query.filter_actors`,
/// as a paragraph in `language` writes them: the canonical name and English aliases (less
/// those `not.LANGUAGE` rules out), the names in `language`, and the capitals the tagger
/// reads as the actor.
void add_actor_names(HighlightQuery& query, const Gazetteer& gazetteer,
                     const std::vector<std::string>& tagged, const std::string& language);

/// Whether a name is written in capitals ("US", "NATO", "РФ"): two letters or more, none
/// in lower case.
bool written_in_capitals(std::string_view name);

/// Whether `text`, found where a name's words are, is written as the name is (the tagger's
/// case rules in short): in capitals for a name in capitals ("US", not "us"), else with a
/// capital first ("China", not "china"; scripts without case, as Chinese, always).
bool written_as_name(std::string_view text, bool in_capitals);

}  // namespace parley::highlight
