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
/// reads as the actor; a leader's surname, English and in `language`.
void add_actor_names(HighlightQuery& query, const Gazetteer& gazetteer,
                     const std::vector<std::string>& tagged, const std::string& language);

/// How a name must be written where it is marked: in capitals ("US", "NATO", "РФ": two
/// letters or more, none in lower case), with a capital first ("China"), or in any case
/// when the name itself starts in lower case ("de Gaulle", a surname after its particle).
enum class NameCase { Capitals, CapitalFirst, Any };
NameCase name_case(std::string_view name);

/// Whether `text`, found where a name's words are, is written as the name is (the tagger's
/// case rules in short): "US", not "us"; "China", not "china"; scripts without case, as
/// Chinese, always.
bool written_as_name(std::string_view text, NameCase how);

}  // namespace parley::highlight
