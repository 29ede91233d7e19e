#include "web/server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "web/api.h"
#include "web/assets.h"

namespace briefings::web {

namespace {

constexpr size_t kMaxBodyBytes = 64 * 1024;
constexpr size_t kMaxUrlBytes = CPPHTTPLIB_REQUEST_URI_MAX_LENGTH;

// Only the page's own scripts, styles, images and API; no inline code, no framing.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::atomic<std::uint64_t> next_server_id{1};

std::string json_text(const nlohmann::ordered_json& body) {
  // Invalid UTF-8 (from a client's query, say) is replaced rather than thrown on.
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void send(httplib::Response& res, const ApiResponse& api) {
  res.status = api.status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(json_text(api.body), "application/json");
}

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

// The decoded query parameters of a request target, in order.
std::vector<std::pair<std::string, std::string>> query_params(std::string_view target) {
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

ApiRequest to_api_request(const httplib::Request& req) {
  ApiRequest r;
  r.params = query_params(req.target);
  if (req.matches.size() > 1) r.id = req.matches[1].str();
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

}  // namespace

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct Server::Impl {
  ServerOptions options;
  std::uint64_t id = next_server_id++;
  httplib::Server http;
  int port = -1;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> in_run{false};

  // This worker thread's context for this server: its own database, never shared.
  ApiContext& context() {
    thread_local std::unordered_map<std::uint64_t, std::unique_ptr<ApiContext>> contexts;
    auto& slot = contexts[id];
    if (!slot) slot = std::make_unique<ApiContext>(options.database);
    return *slot;
  }

  using ApiHandler = ApiResponse (*)(ApiContext&, const ApiRequest&);
  httplib::Server::Handler api(ApiHandler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      send(res, handler(context(), to_api_request(req)));
    };
  }

  void serve_static(const httplib::Request& req, httplib::Response& res) {
    const StaticAsset* asset = find_asset(req.path);
    if (!asset) {
      send(res, error_response(404, "no such page: " + req.path));
      return;
    }
    res.set_header("ETag", asset->etag);
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == asset->etag) {
      res.status = 304;
      return;
    }
    res.set_content(asset->content.data(), asset->content.size(), asset->content_type.c_str());
  }

  void configure() {
    unsigned threads = options.threads;
    if (threads == 0) threads = std::max(4u, std::thread::hardware_concurrency());
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_read_timeout(options.timeout_seconds, 0);
    http.set_write_timeout(options.timeout_seconds, 0);
    http.set_keep_alive_timeout(2);
    http.set_keep_alive_max_count(100);
    http.set_payload_max_length(kMaxBodyBytes);
    // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would let a second
    // server silently share (and steal requests from) a port that is already in use.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http.set_default_headers({
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
    });

    bool loopback = is_loopback_host(options.host);
    http.set_pre_routing_handler([loopback](const httplib::Request& req, httplib::Response& res) {
      if (loopback && !is_local_host_header(req.get_header_value("Host"))) {
        send(res, error_response(403,
                                 "this server only answers requests addressed to "
                                 "localhost"));
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method != "GET" && req.method != "HEAD") {
        send(res, error_response(405, "only GET and HEAD are supported"));
        res.set_header("Allow", "GET, HEAD");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });

    http.Get("/api/search", api(handle_search));
    http.Get(R"(/api/briefing/([^/]*))", api(handle_briefing));
    http.Get(R"(/api/related/([^/]*))", api(handle_related));
    http.Get("/api/stats", api(handle_stats));
    http.Get("/healthz", api(handle_healthz));
    http.Get(R"(/api/.*)", [](const httplib::Request& req, httplib::Response& res) {
      send(res, error_response(404, "no such API endpoint: " + req.path));
    });
    http.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      serve_static(req, res);
    });

    // Errors raised by httplib itself (URL too long, bad request line, body too large) get
    // the same JSON shape as ours. A URL over the limit is a parameter problem in practice.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          ApiResponse e;
          if (res.status == 414) {
            e = error_response(400,
                               "the request URL is longer than " + std::to_string(kMaxUrlBytes) +
                                   " bytes; shorten the query (parameter q)",
                               "q");
          } else if (res.status == 413) {
            e = error_response(
                413, "the request body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
          } else {
            e = error_response(res.status, res.status == 404 ? "not found" : "bad request");
          }
          send(res, e);
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          send(res, error_response(500, "internal error"));
        });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->configure();
}

Server::~Server() {
  stop();
}

int Server::bind() {
  const auto& o = impl_->options;
  int port = -1;
  if (o.port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
  } else if (impl_->http.bind_to_port(o.host, o.port)) {
    port = o.port;
  }
  if (port <= 0) {
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this machine)");
  }
  impl_->port = port;
  return port;
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
