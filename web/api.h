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
//
// Errors become {"error": "...", "parameter": "limit"} with 400 (bad parameter), 404
// (unknown id) or 503 (no database yet, or a schema to re-index); never a 500 for anything a
// client can send. The status of every JSON answer is chosen by the functions of this header
// (web/api.cc, and web/api_errors.cc for requests no handler sees); web/server.cc only
// decides when such a refusal applies, and answers 304 for a page file the client holds.
//
// Thread-safety: an ApiContext owns a read-only Xapian database (through the searcher) and
// must be used by one thread at a time. The server gives each worker thread its own.
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
};

struct ApiResponse {
  int status = 200;
  nlohmann::ordered_json body;  // keys in the order the searcher's JSON gives them
  std::string text;             // when not empty, the body already serialised (a cached answer)
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
ApiResponse method_not_allowed();                       // 405: anything but GET and HEAD
ApiResponse no_such_endpoint(const std::string& path);  // 404 under /api/
ApiResponse no_such_page(const std::string& path);      // 404 for a file of the page
// httplib's own refusal with `http_status` (URL too long, bad request line, body too large).
ApiResponse refused_by_transport(int http_status);
ApiResponse internal_error();  // 500: an exception escaped a handler

}  // namespace briefings::web
