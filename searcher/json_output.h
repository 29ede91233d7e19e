// The JSON of the searcher's answers (search results, briefings, index statistics) and the
// one function that turns it into text, shared by the CLI's --json and the web API so the two
// can never differ. Documented in docs/usage.md. Owns no state: every function is safe to
// call from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "searcher/searcher.h"
#include "searcher/stats.h"

namespace briefings {

// {"query", "total", "total_all_words", "relaxed", "offset", "results": [{"id", "path",
//  "headline", "headline_html", "date", "domains", "score", "snippet_html", "missing",
//  "indexed_at"}],
//  "facets": {"domain", "month"}, "suggestion", "corrections": [{"typed", "suggested"}],
//  "elapsed_ms", "watermark"}
nlohmann::ordered_json to_json(const SearchResult& result);
// {"new", "watermark"}: briefings indexed since a search (Searcher::count_new).
nlohmann::ordered_json to_json(const AddedCount& result);
// {"id", "path", "paths", "headline", "headline_html", "date", "date_source", "domains",
//  "paragraphs": [[{"text", "html", "hosts"}]]}
nlohmann::ordered_json to_json(const BriefingView& view);
// {"date_sources": {"text": 40, ...}, "documents", "domains": [{"count", "value"}],
//  "first_date", "last_date", "months": [{"count", "value"}], "schema_version"}
// Keys in alphabetical order, as `briefings stats --json` and /api/stats have always sent.
nlohmann::ordered_json to_json(const IndexStats& stats);

// The text of any of these: compact, and invalid UTF-8 (briefings are untrusted bytes)
// replaced by U+FFFD rather than thrown.
std::string json_text(const nlohmann::ordered_json& value);

}  // namespace briefings
