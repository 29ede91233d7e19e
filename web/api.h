// The HTTP API as plain functions: a request struct (decoded query parameters and the path's
// id) in, a response struct (status and JSON body) out. No sockets here, so every endpoint
// can be tested directly; web/server.h only adapts cpp-httplib to these functions.
//
//   GET /api/search?q=&domain=&domain=&since=&until=&sort=&offset=&limit=  -> handle_search
//   GET /api/briefing/{id}[?q=]                                           -> handle_briefing
//   GET /api/related/{id}                                                 -> handle_related
//   GET /api/new?q=&domain=&since=&until=&after=WATERMARK                  -> handle_new
//   GET /api/stats                                                        -> handle_stats
//   GET /healthz                                                          -> handle_healthz
//   GET /feeds/search.atom?q=&domain=&since=&until=&limit=                -> handle_search_feed
//   GET /feeds/{name}.atom                                                -> handle_saved_feed
//   GET /api/saved                                                        -> handle_saved_list
//   POST /api/saved   {"name", "q", "domain": [], "since", "until"}       -> handle_saved_add
//   DELETE /api/saved/{name}                                              -> handle_saved_remove
//   POST /api/saved/{name}/seen   {"through"}                             -> handle_saved_seen
//
// The feeds answer Atom XML (web/atom_feed.h); the saved-search writes are the only requests
// that change anything, and the server lets them through only from the page itself
// (web/write_guard.h).
//
// Errors become {"error": "...", "parameter": "limit"} with 400 (bad parameter), 404
// (unknown id or saved search), 409 (a saved search's name taken) or 503 (no database yet, a
// schema to re-index, the saved searches locked too long); never a 500 for anything a
// client can send. The status of every JSON answer is chosen by the functions of this header
// (web/api.cc, and web/api_errors.cc for requests no handler sees); web/server.cc only
// decides when such a refusal applies, and answers 304 for a page file the client holds.
//
// Thread-safety: an ApiContext owns a read-only Xapian database (through the searcher) and
// must be used by one thread at a time. The server gives each worker thread its own. The
// saved-search handlers change a file beside the database under its own lock
// (index/saved_search_store.h), so any number of threads and processes may at once.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace briefings::web {

struct ApiRequest {
  std::vector<std::pair<std::string, std::string>> params;  // decoded, in order
  std::string id;                                           // {id} of the path, if any
  // The fields below are braced so that {params, id} still initialises a request whole.
  std::string origin{};  // "http://127.0.0.1:8080": how the client reached us (feeds' links)
  std::string target{};  // the path and query string as requested (a feed's own link)
  std::string body{};    // a POST's body
};

struct ApiResponse {
  int status = 200;
  nlohmann::ordered_json body;  // keys in the order the searcher's JSON gives them
  std::string text;             // when not empty, the body already serialised (a cached answer)
  std::string content_type{};   // empty: application/json (braced: {status, body, text} is whole)
};

class ResponseCache;  // web/response_cache.h

// One thread's connection to the database, opened on first use and refreshed before each
// request, so briefings indexed while the server runs appear without a restart.
class ApiContext {
 public:
  // `cache`, when given, is shared by every thread's context and outlives them.
  explicit ApiContext(std::string database_path, ResponseCache* cache = nullptr);
  ~ApiContext();
  ApiContext(const ApiContext&) = delete;
  ApiContext& operator=(const ApiContext&) = delete;

  const std::string& database_path() const { return path_; }
  ResponseCache* cache() const { return cache_; }

  struct State;  // defined in api.cc (the searcher and database handles)
  // Opens the database if needed, else reopens it at the latest revision. Throws
  // DatabaseMissing / schema::SchemaMismatch.
  State& refreshed();
  // Drops the open database, so the next refreshed() opens it afresh.
  void reset();

 private:
  std::string path_;
  ResponseCache* cache_;
  std::unique_ptr<State> state_;
};

// Answers from context.cache() when it holds this request at the database's current
// version, and keeps what it computes there.
ApiResponse handle_search(ApiContext& context, const ApiRequest& request);
// How many briefings added since a search's watermark the same search matches now (the
// page's "3 new briefings"); cheap when nothing was added.
ApiResponse handle_new(ApiContext& context, const ApiRequest& request);
ApiResponse handle_briefing(ApiContext& context, const ApiRequest& request);
ApiResponse handle_related(ApiContext& context, const ApiRequest& request);
ApiResponse handle_stats(ApiContext& context, const ApiRequest& request);
ApiResponse handle_healthz(ApiContext& context, const ApiRequest& request);
// Atom feeds (web/feeds.cc): any query's, and a saved search's ({id} is its name); 404 for
// an unknown name.
ApiResponse handle_search_feed(ApiContext& context, const ApiRequest& request);
ApiResponse handle_saved_feed(ApiContext& context, const ApiRequest& request);
// Saved searches (web/saved_api.cc; {id} is the name): the list with each one's count of new
// briefings; add (201; 409 when the name is taken), remove, and mark seen, which moves a
// search's mark to the "new_through" the page was shown, so it counts as run with --new.
ApiResponse handle_saved_list(ApiContext& context, const ApiRequest& request);
ApiResponse handle_saved_add(ApiContext& context, const ApiRequest& request);
ApiResponse handle_saved_remove(ApiContext& context, const ApiRequest& request);
ApiResponse handle_saved_seen(ApiContext& context, const ApiRequest& request);

// The parameters of a request target's query string, decoded as an HTML form encodes them
// ('+' is a space, %XX a byte) and in order; the fragment after '#' is ignored. The server
// reads every request with it, so tests and the fuzzer see exactly what handlers get.
// "/api/search?q=a+b&limit=5" -> {{"q", "a b"}, {"limit", "5"}}.
std::vector<std::pair<std::string, std::string>> parse_query_string(std::string_view target);

// The error body every failure uses; `parameter` is omitted when empty.
ApiResponse error_response(int status, const std::string& message,
                           const std::string& parameter = "");

// The answers to requests that never reach a handler above (web/api_errors.cc).
ApiResponse not_local_host();                           // 403: Host is not this machine
ApiResponse method_not_allowed();                       // 405: a method the path does not take
ApiResponse cross_site_write();                         // 403: a write not from the page
ApiResponse not_json_body();                            // 415: a write whose body is not JSON
ApiResponse no_such_endpoint(const std::string& path);  // 404 under /api/
ApiResponse no_such_page(const std::string& path);      // 404 for a file of the page
// httplib's own refusal with `http_status` (URL too long, bad request line, body too large).
ApiResponse refused_by_transport(int http_status);
ApiResponse internal_error();  // 500: an exception escaped a handler

}  // namespace briefings::web
