#include "web/server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <regex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "searcher/json_output.h"
#include "web/api.h"
#include "web/assets.h"
#include "web/http_transport.h"
#include "web/response_cache.h"
#include "web/write_guard.h"

namespace briefings::web {

namespace {

using Clock = std::chrono::steady_clock;
using Handled = httplib::Server::HandlerResponse;

// Only the page's own scripts, styles, images and API; no inline code, no framing.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

using ApiHandler = ApiResponse (*)(ApiContext&, const ApiRequest&);
struct ApiRoute {
  const char* pattern;  // httplib's regular expression; its one group is the request's id
  ApiHandler handler;
};

// Every endpoint of the API (web/api.h). Any other /api/ path is a JSON 404; every other
// path is a file of the page (web/assets.h).
constexpr ApiRoute kApiRoutes[] = {
    {"/api/search", handle_search},
    {R"(/api/briefing/([^/]*))", handle_briefing},
    {R"(/api/related/([^/]*))", handle_related},
    {"/api/stats", handle_stats},
    {"/healthz", handle_healthz},
    {"/feeds/search.atom", handle_search_feed},
    {R"(/feeds/([^/]*)\.atom)", handle_saved_feed},
    {"/api/saved", handle_saved_list},
    {"/api/new", handle_new},
};

// The only requests that change anything; each must pass web/write_guard.h first.
struct WriteRoute {
  const char* method;  // POST or DELETE
  const char* pattern;
  ApiHandler handler;
};
constexpr WriteRoute kWriteRoutes[] = {
    {"POST", "/api/saved", handle_saved_add},
    {"DELETE", R"(/api/saved/([^/]*))", handle_saved_remove},
    {"POST", R"(/api/saved/([^/]*)/seen)", handle_saved_seen},
};

// The methods `path` takes, as an Allow header lists them.
std::string allowed_methods(const std::string& path) {
  static const std::vector<std::regex> patterns = [] {
    std::vector<std::regex> out;
    for (const WriteRoute& route : kWriteRoutes) out.emplace_back(route.pattern);
    return out;
  }();
  std::string allowed = "GET, HEAD";
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (std::regex_match(path, patterns[i])) allowed += std::string(", ") + kWriteRoutes[i].method;
  }
  return allowed;
}

std::atomic<std::uint64_t> next_server_id{1};

// Moves the body in: a search answer is some 20 KB, and set_content() would copy it.
void send(httplib::Response& res, ApiResponse api) {
  res.status = api.status;
  res.set_header("Cache-Control", "no-store");
  res.headers.erase("Content-Type");  // as set_content() does
  res.set_header("Content-Type",
                 api.content_type.empty() ? "application/json" : api.content_type.c_str());
  res.body = api.text.empty() ? json_text(api.body) : std::move(api.text);
}

// `own_origin` ("http://127.0.0.1:8080") stands for the Host header when a client sent none.
ApiRequest to_api_request(const httplib::Request& req, const std::string& own_origin) {
  ApiRequest r;
  r.params = parse_query_string(req.target);
  if (req.matches.size() > 1) r.id = req.matches[1].str();
  const std::string host = req.get_header_value("Host");
  r.origin = host.empty() ? own_origin : "http://" + host;
  r.target = req.target;
  r.body = req.body;
  return r;
}

// The Host header names this machine (guards a loopback server against DNS rebinding).
bool is_local_host_header(const std::string& host_header) {
  std::string host = host_header;
  if (!host.empty() && host.front() == '[') {
    auto end = host.find(']');
    host = end == std::string::npos ? host : host.substr(1, end - 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    host = host.substr(0, colon);
  }
  return is_loopback_host(host);
}

void serve_static(const httplib::Request& req, httplib::Response& res) {
  const StaticAsset* asset = find_asset(req.path);
  if (!asset) {
    send(res, no_such_page(req.path));
    return;
  }
  res.set_header("ETag", asset->etag);
  res.set_header("Cache-Control", "no-cache");
  if (req.get_header_value("If-None-Match") == asset->etag) {
    res.status = 304;  // not an API answer: the client's copy of a page file is current
    return;
  }
  res.set_content(asset->content.data(), asset->content.size(), asset->content_type.c_str());
}

// Requests refused before routing: a foreign Host on a loopback server, a method the path
// does not take, and a write not from the page (web/write_guard.h). No refused request's
// body is read, so the connection closes after the answer.
Handled refuse_early(bool loopback, const httplib::Request& req, httplib::Response& res) {
  if (loopback && !is_local_host_header(req.get_header_value("Host"))) {
    HttpTransport::close_after_response();
    send(res, not_local_host());
    return Handled::Handled;
  }
  if (req.method == "GET" || req.method == "HEAD") return Handled::Unhandled;
  const std::string allowed = allowed_methods(req.path);
  std::optional<ApiResponse> refusal;
  if (allowed.find(", " + req.method) == std::string::npos) {
    refusal = method_not_allowed();
  } else {
    refusal = refuse_write({req.method, req.get_header_value("Host"),
                            req.get_header_value("Origin"), req.get_header_value("Sec-Fetch-Site"),
                            req.get_header_value("Content-Type")});
  }
  if (!refusal) return Handled::Unhandled;
  HttpTransport::close_after_response();
  const bool wrong_method = refusal->status == 405;
  send(res, std::move(*refusal));
  if (wrong_method) res.set_header("Allow", allowed);
  return Handled::Handled;
}

// Errors raised by httplib itself (URL too long, bad request line, body too large) get the
// same JSON shape as ours.
Handled answer_transport_error(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return Handled::Unhandled;
  // The request may not have been read to its end: close after answering (httplib says so
  // itself when the client asked for it).
  HttpTransport::close_after_response();
  if (req.get_header_value("Connection") != "close") res.set_header("Connection", "close");
  send(res, refused_by_transport(res.status));
  return Handled::Handled;
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct Server::Impl {
  explicit Impl(ServerOptions o) : options(std::move(o)), http(options) {}

  ServerOptions options;
  std::uint64_t id = next_server_id++;
  HttpTransport http;
  int port = -1;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> in_run{false};
  std::unique_ptr<ResponseCache> cache;  // shared by every worker; null when turned off
  std::string own_origin;                // "http://HOST:PORT", set by bind()

  // This worker thread's context for this server: its own database, never shared.
  ApiContext& context() {
    thread_local std::unordered_map<std::uint64_t, std::unique_ptr<ApiContext>> contexts;
    auto& slot = contexts[id];
    if (!slot) slot = std::make_unique<ApiContext>(options.database, cache.get());
    return *slot;
  }

  // Every API answer says how long the server took to make it (parameters read, search,
  // JSON text), in a Server-Timing header that browsers' developer tools show and bench/run
  // compares with the time a client sees.
  httplib::Server::Handler api(ApiHandler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      const auto start = Clock::now();
      send(res, handler(context(), to_api_request(req, own_origin)));
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      char timing[48];
      std::snprintf(timing, sizeof timing, "app;dur=%.3f", ms);
      res.set_header("Server-Timing", timing);
    };
  }

  void add_routes() {
    for (const ApiRoute& route : kApiRoutes) http.Get(route.pattern, api(route.handler));
    for (const WriteRoute& route : kWriteRoutes) {
      if (std::string_view(route.method) == "POST") {
        http.Post(route.pattern, api(route.handler));
      } else {
        http.Delete(route.pattern, api(route.handler));
      }
    }
    http.Get(R"(/api/.*)", [](const httplib::Request& req, httplib::Response& res) {
      send(res, no_such_endpoint(req.path));
    });
    http.Get(R"(/.*)", serve_static);
  }

  void configure() {
    if (options.cache_entries > 0) {
      cache = std::make_unique<ResponseCache>(options.cache_entries, options.cache_bytes);
    }
    http.set_default_headers({
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
    });
    const bool loopback = is_loopback_host(options.host);
    http.set_pre_routing_handler(
        [loopback](const auto& req, auto& res) { return refuse_early(loopback, req, res); });
    add_routes();
    http.set_error_handler(httplib::Server::HandlerWithResponse(answer_transport_error));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                  std::exception_ptr) { send(res, internal_error()); });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->configure();
}

Server::~Server() {
  stop();
}

int Server::bind() {
  impl_->port = impl_->http.bind_listener(impl_->options.host, impl_->options.port);
  impl_->own_origin = url();
  impl_->own_origin.pop_back();  // the trailing '/'
  return impl_->port;
}

void Server::run() {
  impl_->in_run = true;
  if (!impl_->stop_requested) impl_->http.listen_after_bind();
  impl_->in_run = false;
}

void Server::stop() {
  impl_->stop_requested = true;
  // run() may be between its start and the moment httplib marks itself running; wait for
  // that (bounded) so the stop is not lost.
  for (int i = 0; i < 200 && impl_->in_run && !impl_->http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  impl_->http.stop();
}

std::string Server::url() const {
  const std::string& host = impl_->options.host;
  bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->port) + "/";
}

}  // namespace briefings::web
