#include "web/api.h"

#include "web/api_support.h"
#include "web/response_cache.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <optional>
#include <thread>

#include "index/errors.h"
#include "index/schema.h"
#include "searcher/database.h"
#include "searcher/json_output.h"
#include "searcher/searcher.h"
#include "searcher/stats.h"

namespace briefings::web {

ApiContext::ApiContext(std::string database_path, ResponseCache* cache)
    : path_(std::move(database_path)), cache_(cache) {}
ApiContext::~ApiContext() = default;

void ApiContext::reset() {
  state_.reset();
}

ApiContext::State& ApiContext::refreshed() {
  if (state_) {
    try {
      state_->searcher.refresh();
      return *state_;
    } catch (const DatabaseChanged&) {
      // reopen() itself raced a commit: open afresh below.
    } catch (const StorageError&) {
      // The database was removed or replaced (e.g. re-indexed with --full): open afresh.
    } catch (const DatabaseCorrupt&) {
      // Read half-way through a replacement: open afresh.
    }
    state_.reset();
  }
  state_ = std::make_unique<State>(path_);
  return *state_;
}

ApiResponse error_response(int status, const std::string& message, const std::string& parameter) {
  ApiResponse r;
  r.status = status;
  r.body = nlohmann::ordered_json::object();
  r.body["error"] = message;
  if (!parameter.empty()) r.body["parameter"] = parameter;
  return r;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte. (httplib keeps
// '+' as is, which would turn "Bedrock+enterprise" from a browser into one odd word.)
std::string form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_query_string(std::string_view target) {
  std::vector<std::pair<std::string, std::string>> params;
  auto question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view query = target.substr(question + 1);
  if (auto hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    params.emplace_back(form_decode(key), form_decode(value));
  }
  return params;
}

namespace {

// How the HTTP API calls a parameter the searcher names in neutral words (index/errors.h).
std::string parameter_named(const std::string& parameter) {
  return parameter == "query" ? "q" : parameter;
}

}  // namespace

ApiResponse bad_request(const InvalidInput& e) {
  const std::string name = parameter_named(e.parameter);
  return error_response(400, e.naming(name), name);
}

ApiResponse handle_stats(ApiContext& context, const ApiRequest&) {
  return guarded(context, [](ApiContext::State& s) {
    return ApiResponse{200, to_json(s.searcher.stats()), {}};
  });
}

ApiResponse handle_healthz(ApiContext& context, const ApiRequest&) {
  // Always 200 while the process serves; the database's state is reported in the body.
  ApiResponse inner = guarded(context, [](ApiContext::State& s) {
    return ApiResponse{200, {{"documents", s.searcher.document_count()}}, {}};
  });
  ApiResponse r;
  r.body = {{"status", "ok"}};
  if (inner.status == 200) {
    r.body["database"] = "ok";
    r.body["documents"] = inner.body["documents"];
  } else {
    r.body["database"] = "unavailable";
    r.body["detail"] = inner.body["error"];
  }
  return r;
}

// The values of one parameter, in order.
std::vector<std::string> values_of(const ApiRequest& request, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [key, value] : request.params) {
    if (key == name) out.push_back(value);
  }
  return out;
}

// The single value of a parameter, or nullopt; a parameter given twice is an error.
std::optional<std::string> single(const ApiRequest& request, const char* name) {
  auto values = values_of(request, name);
  if (values.empty()) return std::nullopt;
  if (values.size() > 1) throw InvalidInput(name, "is given more than once");
  return values.front();
}

// A whole number for an unsigned field. Its bounds are the searcher's: a number outside
// what the field holds becomes one the searcher refuses (the largest), not a wrapped one.
unsigned unsigned_param(const ApiRequest& request, const char* name, unsigned fallback) {
  auto text = single(request, name);
  if (!text || text->empty()) return fallback;
  long long value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if ((ec != std::errc() && ec != std::errc::result_out_of_range) ||
      end != text->data() + text->size()) {
    throw InvalidInput(name, "must be a whole number, not \"" + text->substr(0, 40) + "\"");
  }
  const bool fits = ec == std::errc() && value >= 0 && value <= UINT_MAX;
  return fits ? static_cast<unsigned>(value) : UINT_MAX;
}

// Reads the search parameters, then checks them with the searcher's own validation; throws
// InvalidInput naming the bad one.
SearchRequest parse_search(const ApiRequest& request) {
  SearchRequest r;
  r.query = single(request, "q").value_or("");
  r.domains = values_of(request, "domain");
  if (auto since = single(request, "since"); since && !since->empty()) {
    r.since = parse_date_bound(*since, false, "since");
  }
  if (auto until = single(request, "until"); until && !until->empty()) {
    r.until = parse_date_bound(*until, true, "until");
  }
  if (auto sort = single(request, "sort"); sort && !sort->empty()) r.sort = parse_sort_order(*sort);
  r.offset = unsigned_param(request, "offset", r.offset);
  r.limit = unsigned_param(request, "limit", r.limit);
  validate(r);
  return r;
}

namespace {

// A briefing id as the index spells it: 16 lower-case hex digits. Anything else (a path, a
// guess) is simply not found.
void check_id(const std::string& id) {
  bool ok = id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) {
              return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            });
  if (!ok) throw NotFound("no briefing with id '" + id.substr(0, 40) + "'");
}

std::string parse_highlight(const ApiRequest& request) {
  std::string q = single(request, "q").value_or("");
  check_query_length(q);
  return q;
}

}  // namespace

ApiResponse handle_search(ApiContext& context, const ApiRequest& request) {
  ApiResponse error;
  auto params = parsed([&] { return parse_search(request); }, error);
  if (!params) return error;
  return guarded(context, [&](ApiContext::State& state) {
    ResponseCache* cache = context.cache();
    std::string key, version;
    if (cache) {
      key = ResponseCache::key_of(request.params);
      // The uuid tells a rebuilt database (--full) from the one it replaced.
      version = state.searcher.revision_id();
      if (auto hit = cache->get(key, version)) return ApiResponse{200, {}, std::move(*hit)};
    }
    ApiResponse response{200, to_json(state.searcher.search(*params)), {}};
    if (cache) {
      response.text = json_text(response.body);
      cache->put(key, version, response.text);
    }
    return response;
  });
}

ApiResponse handle_new(ApiContext& context, const ApiRequest& request) {
  ApiResponse error;
  auto params = parsed([&] { return parse_search(request); }, error);
  if (!params) return error;
  auto after = parsed([&] { return single(request, "after"); }, error);
  if (!after) return error;
  return guarded(context, [&](ApiContext::State& state) {
    return ApiResponse{200, to_json(state.searcher.count_new(*params, after->value_or(""))), {}};
  });
}

ApiResponse handle_briefing(ApiContext& context, const ApiRequest& request) {
  ApiResponse error;
  auto q = parsed([&] { return parse_highlight(request); }, error);
  if (!q) return error;
  return guarded(context, [&](ApiContext::State& state) {
    check_id(request.id);
    return ApiResponse{200, to_json(state.searcher.briefing(request.id, *q)), {}};
  });
}

ApiResponse handle_related(ApiContext& context, const ApiRequest& request) {
  return guarded(context, [&](ApiContext::State& state) -> ApiResponse {
    check_id(request.id);
    return ApiResponse{200, to_json(state.searcher.related(request.id)), {}};
  });
}

}  // namespace briefings::web
