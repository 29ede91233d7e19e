// What the handlers of web/ share (web/api.cc, web/feeds.cc, web/saved_api.cc): reading
// parameters, and running a handler body with the project's errors turned into HTTP answers.
// Internal to web/; the statuses are chosen here and in web/api.h's functions, as ever.
//
// Thread-safety: plain functions; guarded() uses the caller's ApiContext (one thread).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "index/errors.h"
#include "index/schema.h"
#include "searcher/database.h"
#include "searcher/search_request.h"
#include "searcher/searcher.h"
#include "web/api.h"

namespace briefings::web {

// A worker thread's handles on the database.
struct ApiContext::State {
  explicit State(const std::string& path) : searcher(open_for_reading(path)) {}
  Searcher searcher;  // used by this thread only
};

// 400 naming the parameter as the API calls it ("q" for the query).
ApiResponse bad_request(const InvalidInput& e);

// The values of one parameter, in order.
std::vector<std::string> values_of(const ApiRequest& request, std::string_view name);
// The single value of a parameter, or nullopt; a parameter given twice is an error.
std::optional<std::string> single(const ApiRequest& request, const char* name);
// A whole number for an unsigned field. Its bounds are the searcher's: a number outside
// what the field holds becomes one the searcher refuses (the largest), not a wrapped one.
unsigned unsigned_param(const ApiRequest& request, const char* name, unsigned fallback);
// Reads the search parameters, then checks them with the searcher's own validation; throws
// InvalidInput naming the bad one.
SearchRequest parse_search(const ApiRequest& request);

// Parameters are checked before the database is touched, so a bad one is a 400 even when
// the database is missing.
template <typename Parse>
auto parsed(Parse&& parse, ApiResponse& error) -> std::optional<decltype(parse())> {
  try {
    return parse();
  } catch (const InvalidInput& e) {
    error = bad_request(e);
    return std::nullopt;
  }
}

// Runs a handler body, turning the project's errors into HTTP errors. A database that
// changed under the reader (DatabaseChanged, or files replaced by a --full rebuild) is
// opened afresh and retried before anything reaches the client.
template <typename Body>
ApiResponse guarded(ApiContext& context, Body&& body) {
  constexpr int kAttempts = 6;
  for (int attempt = 1;; ++attempt) {
    try {
      return body(context.refreshed());
    } catch (const DatabaseChanged&) {
      // A writer committed past our revision: refreshed() reopens on the next attempt.
      if (attempt >= kAttempts)
        return error_response(503, "the index is being rewritten; try again");
    } catch (const DatabaseLocked&) {
      return error_response(503, "the database is locked; try again");
    } catch (const StorageError& e) {
      // The files changed under us (a --full rebuild replaces them): open afresh and retry,
      // pausing a little longer each time so the writer can finish its commit.
      context.reset();
      if (attempt >= kAttempts) {
        return error_response(
            503, "the index is being rewritten (" + std::string(e.what()) + "); try again");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt));
    } catch (const AlreadyExists& e) {
      return error_response(409, e.naming(e.parameter), e.parameter);
    } catch (const InvalidInput& e) {
      return bad_request(e);
    } catch (const NotFound& e) {
      return error_response(404, e.what());
    } catch (const DatabaseMissing& e) {
      // Possibly a rebuild that replaced the folder: look again briefly before answering.
      if (attempt >= 3) return error_response(503, e.what());
      std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    } catch (const schema::SchemaMismatch& e) {
      return error_response(503, e.what());
    } catch (const std::exception& e) {
      return error_response(500, std::string("internal error: ") + e.what());
    } catch (...) {
      return error_response(500, "internal error");
    }
  }
}

}  // namespace briefings::web
