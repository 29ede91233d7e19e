// The HTTP server of `briefings serve`: the page (embedded static files) and the JSON API
// (web/api.h), routed in web/server.cc over the socket transport of web/http_transport.h.
//
//   ServerOptions options{.database = path};
//   Server server(options);
//   int port = server.bind();          // port 0 picks a free one
//   std::thread t([&] { server.run(); });
//   ...
//   server.stop();                     // from any thread; run() returns
//   t.join();
//
// Every worker thread opens its own read-only database on first use (never shared across
// threads) and refreshes it before each request. Responses carry a Content-Security-Policy
// that allows only the page's own resources, nosniff and no-referrer; text is compressed
// when the client accepts it; the static page has ETags. URLs over 8 KiB and request bodies
// over 64 KiB are refused; a request must arrive whole within `timeout_seconds` of its
// first byte and within 2 MiB, and each read or write may wait `timeout_seconds` at most,
// so a slow or endless client loses its connection instead of holding a worker.
#pragma once

#include <memory>
#include <string>

#include "web/server_options.h"

namespace briefings::web {

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket and returns the port. Throws std::runtime_error when the
  // address cannot be bound (in use, not local, permission).
  int bind();
  // Serves until stop(). Call after bind().
  void run();
  // Stops accepting and makes run() return once in-flight requests finish. Thread-safe;
  // safe to call more than once.
  void stop();

  // "http://127.0.0.1:8080/" (IPv6 hosts bracketed), valid after bind().
  std::string url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace briefings::web
