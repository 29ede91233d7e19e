// GET /feeds/search.atom and /feeds/{name}.atom: search results as Atom (web/atom_feed.h).
// A feed follows a query over time, so it lists only briefings holding every word (no
// relaxed tier), newest first, 50 unless `limit` says otherwise.
#include <algorithm>

#include "index/saved_search_store.h"
#include "searcher/saved_runs.h"
#include "web/api.h"
#include "web/api_support.h"
#include "web/atom_feed.h"

namespace briefings::web {

namespace {

constexpr unsigned kFeedEntries = 50;
constexpr const char* kAtomType = "application/atom+xml; charset=utf-8";

struct Filters {
  std::string query;
  std::vector<std::string> domains;
  std::string since, until;
};

// The page's URL for a search: "/?q=...&domain=...".
std::string page_query(const Filters& f) {
  std::string qs;
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty())
      qs += (qs.empty() ? "?" : "&") + std::string(key) + "=" + url_encoded(value);
  };
  add("q", f.query);
  for (const auto& d : f.domains) add("domain", d);
  add("since", f.since);
  add("until", f.until);
  return "/" + qs;
}

// "Bedrock enterprise [cnbc.com, since 2026]", or "every briefing".
std::string described(const Filters& f) {
  std::string filters;
  auto add = [&](const std::string& part) { filters += (filters.empty() ? "" : ", ") + part; };
  for (const auto& d : f.domains) add(d);
  if (!f.since.empty()) add("since " + f.since);
  if (!f.until.empty()) add("until " + f.until);
  return (f.query.empty() ? "every briefing" : f.query) +
         (filters.empty() ? "" : " [" + filters + "]");
}

// The request a feed makes of the searcher: every word, newest first, from the top.
SearchRequest feed_request(SearchRequest request, const ApiRequest& http) {
  request.sort = SortOrder::newest;
  request.offset = 0;
  request.every_word_only = true;
  request.limit = unsigned_param(http, "limit", kFeedEntries);
  validate(request);
  return request;
}

ApiResponse feed(ApiContext& context, const FeedHeader& header, const SearchRequest& request) {
  return guarded(context, [&](ApiContext::State& state) {
    ApiResponse response;
    response.text = atom_feed(header, state.searcher.search(request));
    response.content_type = kAtomType;
    return response;
  });
}

FeedHeader header_for(const ApiRequest& http, const Filters& f, std::string id, std::string title) {
  return {std::move(id), std::move(title), http.origin + http.target, http.origin + page_query(f)};
}

}  // namespace

ApiResponse handle_search_feed(ApiContext& context, const ApiRequest& request) {
  ApiResponse error;
  auto search = parsed([&] { return feed_request(parse_search(request), request); }, error);
  if (!search) return error;
  Filters f{search->query, search->domains, single(request, "since").value_or(""),
            single(request, "until").value_or("")};
  std::vector<std::string> domains = f.domains;
  std::sort(domains.begin(), domains.end());
  std::string key = f.query;
  for (const auto& part : domains)
    key +=
        "\x1f"
        "domain=" +
        part;
  key +=
      "\x1f"
      "since=" +
      f.since +
      "\x1f"
      "until=" +
      f.until;
  return feed(context, header_for(request, f, feed_id("search", key), "Briefings: " + described(f)),
              *search);
}

ApiResponse handle_saved_feed(ApiContext& context, const ApiRequest& request) {
  SavedSearch saved;
  try {
    check_saved_search_name(request.id);
    saved = SavedSearchStore(context.database_path()).get(request.id);
  } catch (const InvalidInput&) {
    return error_response(404, "no saved search named '" + request.id.substr(0, 80) + "'");
  } catch (const NotFound& e) {
    return error_response(404, e.what());
  } catch (const StorageError& e) {
    return error_response(503, e.what());
  }
  ApiResponse error;
  auto search = parsed([&] { return feed_request(request_for(saved), request); }, error);
  if (!search) return error;
  const Filters f{saved.query, saved.domains, saved.since, saved.until};
  const std::string title = "Briefings: " + saved.name + " (" + described(f) + ")";
  return feed(context, header_for(request, f, feed_id("saved", saved.name), title), *search);
}

}  // namespace briefings::web
