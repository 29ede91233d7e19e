// The JSON shapes of search results and briefings, shared by `briefings search --json` and
// the web API so the two can never differ. Documented in docs/usage.md.
#pragma once

#include <nlohmann/json.hpp>

#include "searcher/searcher.h"

namespace briefings {

// {"query", "total", "total_all_words", "relaxed", "offset", "results": [{"id", "path",
//  "headline", "headline_html", "date", "domains", "score", "snippet_html", "missing"}],
//  "facets": {"domain", "month"}, "suggestion", "corrections": [{"typed", "suggested"}],
//  "elapsed_ms"}
nlohmann::ordered_json to_json(const SearchResult& result);
// {"id", "path", "paths", "headline", "headline_html", "date", "date_source", "domains",
//  "paragraphs": [[{"text", "html", "hosts"}]]}
nlohmann::ordered_json to_json(const BriefingView& view);

}  // namespace briefings
