// Saved searches: a query and its filters kept under a name, and the mark its "new
// briefings" start from. The record, the rules for a name and the file format; the file itself
// is kept by index/saved_search_store.h, and a saved search is run by searcher/saved_runs.h.
//
// The file is JSON, one object (DO NOT CHANGE the keys: a user's saved searches are in it):
//
//   {"format": 1,
//    "saved": [{"name": "bedrock", "query": "Bedrock enterprise", "domains": ["cnbc.com"],
//               "since": "2026", "until": "", "created": "1776000000000000",
//               "seen_through": "1776000000000000"}]}
//
// "since" and "until" are kept as the user wrote them ("2026" stays a year); "created" and
// "seen_through" are indexed-at times (index/indexed_at.h, 16 digits): when the search was
// saved, and the latest indexed-at time its new briefings were last taken up to. A briefing
// is new to it when its own time is after "seen_through".
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "index/indexed_at.h"

namespace briefings {

inline constexpr int kSavedSearchFormat = 1;
inline constexpr size_t kMaxSavedSearchNameBytes = 64;
inline constexpr size_t kMaxSavedSearches = 1000;
// Taken by the feed of any query, GET /feeds/search.atom, so no saved search may be called so.
inline constexpr std::string_view kReservedSavedSearchName = "search";

struct SavedSearch {
  std::string name;
  std::string query;
  std::vector<std::string> domains;
  std::string since, until;  // as written: "", "2026", "2026-04" or "2026-04-12"
  IndexedAt created = 0;
  IndexedAt seen_through = 0;

  bool operator==(const SavedSearch&) const = default;
};

// Throws InvalidInput("name", ...) unless `name` is 1 to 64 ASCII letters, digits, '-' and
// '_', starting with a letter or digit, and not the reserved "search": a name that is one
// word in a shell, a URL path (/feeds/NAME.atom) and a file name, and never an option.
void check_saved_search_name(std::string_view name);

// The text of the file holding `searches`, and back. Parsing throws std::runtime_error naming
// what is wrong (not JSON, another format, a record without a name).
std::string saved_searches_to_text(const std::vector<SavedSearch>& searches);
std::vector<SavedSearch> saved_searches_from_text(std::string_view text);

}  // namespace briefings
