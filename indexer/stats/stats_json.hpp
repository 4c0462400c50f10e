#pragma once

#include <nlohmann/json.hpp>

#include "parley/index_stats.hpp"

namespace parley::stats {

/// The JSON form of IndexStats: what `parley-index stats --json` prints and GET /stats
/// answers, field for field.
nlohmann::ordered_json to_json(const IndexStats& s);

}  // namespace parley::stats
