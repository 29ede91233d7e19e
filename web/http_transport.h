// HttpTransport: the socket side of `briefings serve`. It owns the listening socket, the
// worker pool and how each connection is read and written; it knows no route and no JSON
// (web/server.cc adds those on top, through httplib::Server's interface).
//
// What it adds to cpp-httplib 0.11:
// - every request must arrive whole within `timeout_seconds` of its first byte and within
//   kMaxRequestBytes, so a client trickling bytes (slowloris) or sending headers without end
//   loses its connection instead of holding a worker;
// - a worker on a keep-alive connection hangs up after its current request when a new
//   connection waits for a worker (httplib would keep it until the client goes quiet);
// - the system's listen backlog instead of httplib's 5, TCP_NODELAY, and SO_REUSEADDR
//   without SO_REUSEPORT (a second server must fail to bind, not share the port).
// docs/performance.md says what each of these was measured to cost without it.
//
// Thread-safety: configure and bind on one thread, then listen_after_bind() on one thread;
// stop() from any. close_after_response() is per worker thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "web/server_options.h"

namespace briefings::web {

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxUrlBytes = CPPHTTPLIB_REQUEST_URI_MAX_LENGTH;
// The most one request (line, headers and body together) may send; past it the connection
// is closed. Room for a URL of any length httplib answers with a 414 (our 400 naming q), yet
// a flood of headers costs a worker at most this much memory.
inline constexpr std::size_t kMaxRequestBytes = 2 * 1024 * 1024;

struct WaitingConnections;  // http_transport.cc

class HttpTransport final : public httplib::Server {
 public:
  // Worker threads, timeouts, keep-alive, the body limit and socket options from `options`.
  explicit HttpTransport(const ServerOptions& options);
  ~HttpTransport() override;

  // Binds host:port (port 0: any free one) and returns the port. Throws std::runtime_error
  // when the address cannot be bound (in use, not local, permission).
  int bind_listener(const std::string& host, int port);

  // Called while a response is being made: the connection closes after it is sent. For
  // requests that were not read to their end (a malformed head, an unread body), whose
  // leftover bytes must not be taken for the next request.
  static void close_after_response();

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool wait_for_request(socket_t sock) const;

  std::chrono::milliseconds io_timeout_;       // per read or write
  std::chrono::milliseconds request_timeout_;  // for a whole request, from its first byte
  std::shared_ptr<WaitingConnections> waiting_;
};

}  // namespace briefings::web
