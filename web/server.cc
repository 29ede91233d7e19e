#include "web/server.h"

#include "web/response_cache.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
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
// The most one request (line, headers and body together) may send; past it the connection is
// closed. Room for a URL of any length httplib answers with a 414 (our 400 naming q), yet a
// flood of headers costs a worker at most this much memory.
constexpr size_t kMaxRequestBytes = 2 * 1024 * 1024;

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// Only the page's own scripts, styles, images and API; no inline code, no framing.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::atomic<std::uint64_t> next_server_id{1};

// Moves the body in: a search answer is some 20 KB, and set_content() would copy it.
void send(httplib::Response& res, ApiResponse api) {
  res.status = api.status;
  res.set_header("Cache-Control", "no-store");
  res.headers.erase("Content-Type");  // as set_content() does
  res.set_header("Content-Type", "application/json");
  res.body = api.text.empty() ? json_text(api.body) : std::move(api.text);
}

ApiRequest to_api_request(const httplib::Request& req) {
  ApiRequest r;
  r.params = parse_query_string(req.target);
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

// A connection as httplib reads and writes it, plus what httplib 0.11 lacks: a deadline and a
// byte budget for each request as a whole. httplib alone only bounds each single read, so a
// client trickling a header byte every few seconds (slowloris), or sending headers without
// end, could hold a worker thread for as long as it liked.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, Millis io_timeout) : sock_(sock), io_timeout_(io_timeout) {}

  // The next request must arrive in full within `limit`, in at most kMaxRequestBytes.
  void begin_request(Millis limit) {
    deadline_ = Clock::now() + limit;
    budget_ = kMaxRequestBytes;
  }
  // Bytes already read from the socket but not yet taken (a pipelined request).
  bool buffered() const { return start_ < end_; }

  bool is_readable() const override { return buffered() || wait_for(POLLIN, read_wait()); }
  bool is_writable() const override { return wait_for(POLLOUT, io_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    if (!buffered()) {
      ssize_t n = fill();
      if (n <= 0) return n;
    }
    size_t count = std::min(size, end_ - start_);
    std::memcpy(ptr, buffer_ + start_, count);
    start_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      if (!wait_for(POLLOUT, io_timeout_)) return -1;
      ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address(true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address(false, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // How long the next read may wait: the per-read timeout, cut short by the deadline.
  Millis read_wait() const {
    auto left = std::chrono::duration_cast<Millis>(deadline_ - Clock::now());
    return std::clamp(left, Millis(0), io_timeout_);
  }

  // Refills the buffer from the socket: -1 past the deadline or the budget, 0 at the end.
  ssize_t fill() {
    if (budget_ == 0 || Clock::now() >= deadline_) return -1;
    if (!wait_for(POLLIN, read_wait())) return -1;
    ssize_t n;
    do {
      n = ::recv(sock_, buffer_, std::min(sizeof buffer_, budget_), 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return n;
    start_ = 0;
    end_ = static_cast<size_t>(n);
    budget_ -= end_;
    return n;
  }

  bool wait_for(short events, Millis timeout) const {
    pollfd p{sock_, events, 0};
    int ready;
    do {
      ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (ready < 0 && errno == EINTR);
    return ready > 0;
  }

  void address(bool peer, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t length = sizeof addr;
    auto* a = reinterpret_cast<sockaddr*>(&addr);
    if ((peer ? ::getpeername(sock_, a, &length) : ::getsockname(sock_, a, &length)) != 0) return;
    char text[INET6_ADDRSTRLEN] = "";
    if (addr.ss_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(&addr);
      ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
      port = ntohs(v4->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&addr);
      ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
      port = ntohs(v6->sin6_port);
    }
    ip = text;
  }

  socket_t sock_;
  Millis io_timeout_;
  Clock::time_point deadline_ = Clock::now();
  size_t budget_ = 0;
  char buffer_[16 * 1024];
  size_t start_ = 0, end_ = 0;
};

// Connections accepted but not yet given a worker, and how many workers have promised to
// free themselves for them. cpp-httplib keeps a worker on a keep-alive connection for as
// long as it stays open, so with as many clients as workers a new connection waited in the
// queue until another client had made 100 requests or gone quiet for the keep-alive
// timeout: seconds (wrk, 64 connections, 64 workers: p99 1.5 to 5.6 s with every answer
// cached, most of it from the listen backlog below). A worker that can claim a waiting
// connection answers its current request with "Connection: close" and takes the next one
// from the queue; one worker per waiting connection, so a single newcomer does not make
// every worker hang up.
struct WaitingConnections {
  std::atomic<int> queued{0};
  std::atomic<int> claimed{0};

  // True when a waiting connection has no worker promised to it yet; the caller is now it.
  bool claim() {
    int c = claimed.load();
    while (c < queued.load()) {
      if (claimed.compare_exchange_weak(c, c + 1)) return true;
    }
    return false;
  }
  // A queued connection got its worker: one promise, if any, is kept.
  void started() {
    --queued;
    int c = claimed.load();
    while (c > 0 && !claimed.compare_exchange_weak(c, c - 1)) {
    }
  }
};

// httplib's thread pool, keeping WaitingConnections up to date.
class CountingThreadPool final : public httplib::TaskQueue {
 public:
  CountingThreadPool(size_t threads, std::shared_ptr<WaitingConnections> waiting)
      : pool_(threads), waiting_(std::move(waiting)) {}

  void enqueue(std::function<void()> task) override {
    ++waiting_->queued;
    pool_.enqueue([waiting = waiting_, task = std::move(task)] {
      waiting->started();
      task();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::shared_ptr<WaitingConnections> waiting_;
};

// httplib's server with every connection read through a GuardedStream. It replaces
// httplib's own connection loop (the same shape: up to keep_alive_max_count_ requests, each
// awaited for keep_alive_timeout_sec_) through the virtual hook httplib provides for this.
class GuardedHttpServer final : public httplib::Server {
 public:
  Millis io_timeout{10000};       // per read or write
  Millis request_timeout{10000};  // for a whole request, from its first byte
  // Connections waiting for a worker (CountingThreadPool): a worker that claims one closes
  // its keep-alive connection after the current request.
  std::shared_ptr<WaitingConnections> waiting = std::make_shared<WaitingConnections>();

  // Called while a response is being made: the connection closes after it is sent. For
  // requests that were not read to their end (a malformed head, an unread body), whose
  // leftover bytes must not be taken for the next request.
  static void close_after_response() { close_requested() = true; }

  // httplib listens with a backlog of 5 connections. wrk's 64 connections each come back
  // after their 100th request, and a burst past 5 had its SYNs dropped, so those clients
  // waited for the kernel's retransmits (1 s, then 3 s, then 7 s): the 64-connection p99 of
  // 0.4 to 5.6 s. Listening again on the bound socket sets the backlog to the system's.
  void widen_listen_backlog() {
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
  }

 private:
  static bool& close_requested() {
    thread_local bool requested = false;
    return requested;
  }

  bool process_and_close_socket(socket_t sock) override {
    GuardedStream stream(sock, io_timeout);
    bool ok = false;
    for (size_t left = keep_alive_max_count_; left > 0; --left) {
      if (!stream.buffered() && !wait_for_request(sock)) break;
      stream.begin_request(request_timeout);
      bool closed = false;
      close_requested() = false;
      const bool last = left == 1 || waiting->claim();
      ok = process_request(stream, last || close_requested(), closed, nullptr);
      if (!ok || closed || last || close_requested()) break;
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
  }

  // Waits for the first byte of the next request: false when none comes within the keep-alive
  // timeout, or the server is stopping. An idle connection is not closed for a waiting one:
  // its client may be sending a request at that moment, which would be lost; a worker frees
  // itself only by answering with "Connection: close".
  bool wait_for_request(socket_t sock) const {
    auto until = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    while (svr_sock_ != INVALID_SOCKET) {
      pollfd p{sock, POLLIN, 0};
      int ready = ::poll(&p, 1, 50);
      if (ready > 0) return true;  // a hang-up too: process_request then reads the end
      if (ready < 0 && errno != EINTR) return false;
      if (Clock::now() >= until) return false;
    }
    return false;
  }
};

}  // namespace

bool is_loopback_host(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct Server::Impl {
  ServerOptions options;
  std::uint64_t id = next_server_id++;
  GuardedHttpServer http;
  int port = -1;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> in_run{false};
  std::unique_ptr<ResponseCache> cache;  // shared by every worker; null when turned off

  // This worker thread's context for this server: its own database, never shared.
  ApiContext& context() {
    thread_local std::unordered_map<std::uint64_t, std::unique_ptr<ApiContext>> contexts;
    auto& slot = contexts[id];
    if (!slot) slot = std::make_unique<ApiContext>(options.database, cache.get());
    return *slot;
  }

  using ApiHandler = ApiResponse (*)(ApiContext&, const ApiRequest&);
  // Every API answer says how long the server took to make it (parameters read, search,
  // JSON text), in a Server-Timing header that browsers' developer tools show and bench/run
  // compares with the time a client sees.
  httplib::Server::Handler api(ApiHandler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      const auto start = Clock::now();
      send(res, handler(context(), to_api_request(req)));
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      char timing[48];
      std::snprintf(timing, sizeof timing, "app;dur=%.3f", ms);
      res.set_header("Server-Timing", timing);
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
    if (options.cache_entries > 0) {
      cache = std::make_unique<ResponseCache>(options.cache_entries, options.cache_bytes);
    }
    unsigned threads = options.threads;
    // cpp-httplib gives a keep-alive connection a thread for as long as it stays open, so
    // fewer threads than open connections makes the rest wait whole seconds in the queue.
    // Idle threads cost little: their databases open on first use.
    if (threads == 0) threads = kDefaultThreads;
    http.new_task_queue = [this, threads] { return new CountingThreadPool(threads, http.waiting); };
    http.io_timeout = std::chrono::seconds(options.timeout_seconds);
    http.request_timeout = std::chrono::seconds(options.timeout_seconds);
    http.set_keep_alive_timeout(2);
    http.set_keep_alive_max_count(100);
    // A response goes out in two writes (headers, body); with Nagle's algorithm the second
    // waits for the client's delayed ACK, about 40 ms on Linux, on every keep-alive request.
    http.set_tcp_nodelay(true);
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
        GuardedHttpServer::close_after_response();
        send(res, error_response(403,
                                 "this server only answers requests addressed to "
                                 "localhost"));
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.method != "GET" && req.method != "HEAD") {
        GuardedHttpServer::close_after_response();  // its body, if any, is never read
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
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          // The request may not have been read to its end: close after answering (httplib
          // says so itself when the client asked for it).
          GuardedHttpServer::close_after_response();
          if (req.get_header_value("Connection") != "close") res.set_header("Connection", "close");
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
          send(res, std::move(e));
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
  impl_->http.widen_listen_backlog();
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
