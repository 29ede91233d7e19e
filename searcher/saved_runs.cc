#include "searcher/saved_runs.h"

#include <algorithm>

#include "index/errors.h"

namespace briefings {

SearchRequest request_for(const SavedSearch& search) {
  SearchRequest request;
  request.query = search.query;
  request.domains = search.domains;
  if (!search.since.empty()) request.since = parse_date_bound(search.since, false, "since");
  if (!search.until.empty()) request.until = parse_date_bound(search.until, true, "until");
  return request;
}

NewCount check_saved_search(const SavedSearch& search, Searcher* searcher) {
  check_saved_search_name(search.name);
  SearchRequest request = request_for(search);
  request.limit = 0;
  request.every_word_only = true;
  validate(request);
  for (const auto& domain : request.domains) checked_host(domain);
  if (!searcher) return {};
  const SearchResult result = searcher->search(request);  // the query's syntax too
  return {result.total, result.indexed_through};
}

NewBriefings new_briefings(Searcher& searcher, const SavedSearch& search, unsigned limit) {
  SearchRequest request = request_for(search);
  request.indexed_after = search.seen_through;
  request.every_word_only = true;
  request.sort = SortOrder::first_indexed;
  request.limit = limit;
  NewBriefings out{searcher.search(request), search.seen_through};
  const SearchResult& result = out.result;
  if (result.total <= result.results.size()) {
    // All shown: nothing up to the revision's latest time is left.
    out.seen_through = std::max(search.seen_through, result.indexed_through);
  } else if (!result.results.empty()) {
    out.seen_through = result.results.back().indexed_at;
  }
  return out;
}

NewCount count_new(Searcher& searcher, const SavedSearch& search) {
  SearchRequest request = request_for(search);
  request.indexed_after = search.seen_through;
  request.every_word_only = true;
  request.limit = 0;
  const SearchResult result = searcher.search(request);
  return {result.total, std::max(search.seen_through, result.indexed_through)};
}

std::string feed_path(const SavedSearch& search) {
  return "/feeds/" + search.name + ".atom";
}

nlohmann::ordered_json to_json(const SavedSearch& search, const std::optional<NewCount>& count) {
  using nlohmann::ordered_json;
  return {{"name", search.name},
          {"query", search.query},
          {"domains", search.domains},
          {"since", search.since},
          {"until", search.until},
          {"created", rfc3339(search.created)},
          {"feed", feed_path(search)},
          {"new", count ? ordered_json(count->count) : ordered_json(nullptr)},
          {"new_through",
           count ? ordered_json(encode_indexed_at(count->through)) : ordered_json(nullptr)}};
}

}  // namespace briefings
