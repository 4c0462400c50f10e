#pragma once

#include <nlohmann/json.hpp>

#include "parley/search_request.hpp"
#include "parley/search_result.hpp"

namespace parley::render {

/// The one JSON form of a search result, shared by `parley-search --json` and the HTTP
/// API. Documented in the README ("JSON output"); fields are only ever added.
nlohmann::ordered_json to_json(const SearchResult& result, const SearchRequest& request);

const char* sort_name(SortOrder sort);

/// {"Xi Jinping": {"type": "leader", "of": "China"}}: `of` and `office` only when known.
nlohmann::ordered_json actor_info_json(const std::map<std::string, ActorInfo>& info);
/// {"maritime": ["navy", "sea"]}
nlohmann::ordered_json topic_evidence_json(const TopicEvidence& evidence);

}  // namespace parley::render
