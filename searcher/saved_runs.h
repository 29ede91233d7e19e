// Running saved searches (index/saved_search.h): the request a saved search makes, its new
// briefings, how many it has, and the JSON of a saved search, shared by `briefings saved`
// and the web API (/api/saved, the feeds) so they always agree.
//
// "New" is exact. A briefing is new to a saved search when it matches it (every word: a
// saved search follows a query over time, where a relaxed, partial match is noise) and was
// indexed after the search's mark. Taking new briefings moves the mark to the latest
// indexed-at time of the revision searched (SearchResult::indexed_through), not to the
// clock: a commit that lands while the search runs only adds later times (index/indexed_at.h),
// so nothing indexed is ever skipped, however the two interleave. When more are new than are
// shown, the mark moves only past those shown, which come in the order they were indexed, so
// the next run goes on from there.
//
// Thread-safety: functions over the caller's Searcher (one thread at a time, as always).
#pragma once

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "index/saved_search.h"
#include "searcher/searcher.h"

namespace briefings {

// A count of briefings, and the mark that takes them all: the latest indexed-at time of the
// revision counted.
struct NewCount {
  Xapian::doccount count = 0;
  IndexedAt through = 0;
};

// The search a saved search runs: its query and filters, with every other field default.
// Throws InvalidInput naming a filter that cannot be read ("since", "until").
SearchRequest request_for(const SavedSearch& search);

// Checks a search before it is saved: its name, the bounds of its query and filters, its
// domains' spelling and, given a `searcher` (none before the first index), the query's syntax
// by running it. Throws InvalidInput naming the problem. Returns how many briefings match it
// now and the latest indexed-at time of the database, where its "new briefings" start.
NewCount check_saved_search(const SavedSearch& search, Searcher* searcher);

struct NewBriefings {
  SearchResult result;     // the new briefings shown, in the order they were indexed
  IndexedAt seen_through;  // the mark to keep once they have been shown
};

// At most `limit` of the briefings new to `search`, and the mark after them. With limit 0,
// only counts: the mark moves only when nothing is new.
NewBriefings new_briefings(Searcher& searcher, const SavedSearch& search, unsigned limit);

// How many briefings are new to a saved search, and the mark that takes them all.
NewCount count_new(Searcher& searcher, const SavedSearch& search);

// {"name", "query", "domains", "since", "until", "created", "feed", "new", "new_through"}:
// "created" in RFC 3339; "feed" the path of its Atom feed; "new" the count of new briefings
// and "new_through" (16 digits) the mark that takes them, both null without `count`.
nlohmann::ordered_json to_json(const SavedSearch& search, const std::optional<NewCount>& count);

// The path of a saved search's feed: "/feeds/NAME.atom".
std::string feed_path(const SavedSearch& search);

}  // namespace briefings
