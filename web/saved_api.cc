// /api/saved: the page's view of the saved searches (index/saved_search_store.h), each with
// its count of new briefings (searcher/saved_runs.h), and the three writes the page makes.
// The server lets a write through only from its own page (web/write_guard.h); here the body
// is read and the change made.
#include <nlohmann/json.hpp>

#include "index/saved_search_store.h"
#include "searcher/saved_runs.h"
#include "web/api.h"
#include "web/api_support.h"

namespace briefings::web {

namespace {

using nlohmann::json;

// Runs a change of the store alone (no database), with its errors as HTTP answers.
template <typename Body>
ApiResponse store_guarded(Body&& body) {
  try {
    return body();
  } catch (const InvalidInput& e) {
    return bad_request(e);
  } catch (const NotFound& e) {
    return error_response(404, e.what());
  } catch (const DatabaseLocked& e) {
    return error_response(503, e.what());
  } catch (const StorageError& e) {
    return error_response(503, e.what());
  }
}

// The body as a JSON object; throws InvalidInput("body", ...).
json body_object(const ApiRequest& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw InvalidInput("body", "must be a JSON object");
  }
  return body;
}

// A string member of the body ("" when absent); throws InvalidInput(key, ...) otherwise.
std::string text_member(const json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return "";
  if (!body[key].is_string()) throw InvalidInput(key, "must be a string");
  return body[key].get<std::string>();
}

// A saved search from the fields /api/search takes: q, domain (a string or a list), since,
// until; and its name.
SavedSearch search_from(const json& body) {
  SavedSearch search;
  search.name = text_member(body, "name");
  search.query = text_member(body, "q");
  if (body.contains("domain") && body["domain"].is_array()) {
    for (const auto& d : body["domain"]) {
      if (!d.is_string()) throw InvalidInput("domain", "must be a list of host names");
      search.domains.push_back(d.get<std::string>());
    }
  } else if (!text_member(body, "domain").empty()) {
    search.domains.push_back(text_member(body, "domain"));
  }
  search.since = text_member(body, "since");
  search.until = text_member(body, "until");
  search.created = indexed_at_now();
  return search;
}

bool flag_member(const json& body, const char* key) {
  if (!body.contains(key)) return false;
  if (!body[key].is_boolean()) throw InvalidInput(key, "must be true or false");
  return body[key].get<bool>();
}

}  // namespace

ApiResponse handle_saved_list(ApiContext& context, const ApiRequest&) {
  std::vector<SavedSearch> all;
  ApiResponse error = store_guarded([&] {
    all = SavedSearchStore(context.database_path()).list();
    return ApiResponse{};
  });
  if (error.status != 200) return error;
  return guarded(context, [&](ApiContext::State& state) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const SavedSearch& s : all) list.push_back(to_json(s, count_new(state.searcher, s)));
    return ApiResponse{200, {{"saved", std::move(list)}}, {}, {}};
  });
}

ApiResponse handle_saved_add(ApiContext& context, const ApiRequest& request) {
  ApiResponse error;
  auto body = parsed([&] { return body_object(request); }, error);
  if (!body) return error;
  auto search = parsed([&] { return search_from(*body); }, error);
  auto replace = parsed([&] { return flag_member(*body, "replace"); }, error);
  if (!search || !replace) return error;
  return guarded(context, [&](ApiContext::State& state) {
    const NewCount now = check_saved_search(*search, &state.searcher);
    search->seen_through = now.through;  // new briefings are those indexed from now on
    SavedSearchStore(context.database_path()).add(*search, *replace);
    return ApiResponse{201, to_json(*search, NewCount{0, now.through}), {}, {}};
  });
}

ApiResponse handle_saved_remove(ApiContext& context, const ApiRequest& request) {
  return store_guarded([&] {
    SavedSearchStore(context.database_path()).remove(request.id);
    return ApiResponse{200, {{"removed", request.id}}, {}, {}};
  });
}

ApiResponse handle_saved_seen(ApiContext& context, const ApiRequest& request) {
  ApiResponse error;
  auto through = parsed(
      [&] {
        auto time = decode_indexed_at(text_member(body_object(request), "through"));
        if (!time) throw InvalidInput("through", "must be the new_through of /api/saved");
        return *time;
      },
      error);
  if (!through) return error;
  return guarded(context, [&](ApiContext::State& state) {
    SavedSearchStore store(context.database_path());
    SavedSearch search = store.get(request.id);
    // Never past what the database holds: a mark from the future would hide what comes.
    const IndexedAt latest = count_new(state.searcher, search).through;
    store.mark_seen(search.name, std::min(*through, latest));
    search = store.get(request.id);
    return ApiResponse{200, to_json(search, count_new(state.searcher, search)), {}, {}};
  });
}

}  // namespace briefings::web
