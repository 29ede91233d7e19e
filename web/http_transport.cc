#include "web/http_transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <utility>

namespace briefings::web {

namespace {

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

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

}  // namespace

// Connections accepted but not yet given a worker, and how many workers have promised to
// free themselves for them. cpp-httplib keeps a worker on a keep-alive connection for as
// long as it stays open, so with as many clients as workers a newcomer would wait in the
// queue until another client finished its keep-alive run or went quiet. A worker that can
// claim a waiting connection answers its current request with "Connection: close" and takes
// the next one from the queue; one worker per waiting connection, so a single newcomer does
// not make every worker hang up.
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

namespace {

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

bool& close_requested() {
  thread_local bool requested = false;
  return requested;
}

}  // namespace

HttpTransport::HttpTransport(const ServerOptions& options)
    : io_timeout_(std::chrono::seconds(options.timeout_seconds)),
      request_timeout_(std::chrono::seconds(options.timeout_seconds)),
      waiting_(std::make_shared<WaitingConnections>()) {
  // A keep-alive connection holds its worker while it stays open, so fewer workers than open
  // connections makes the rest wait whole seconds. Idle workers cost little.
  const unsigned threads = options.threads == 0 ? kDefaultThreads : options.threads;
  new_task_queue = [this, threads] { return new CountingThreadPool(threads, waiting_); };
  set_keep_alive_timeout(2);
  set_keep_alive_max_count(100);
  // A response goes out in two writes (headers, body); with Nagle's algorithm the second
  // waits for the client's delayed ACK on every keep-alive request.
  set_tcp_nodelay(true);
  set_payload_max_length(kMaxBodyBytes);
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would let a second
  // server silently share (and steal requests from) a port that is already in use.
  set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
}

HttpTransport::~HttpTransport() = default;

int HttpTransport::bind_listener(const std::string& host, int port) {
  int bound = -1;
  if (port == 0) {
    bound = bind_to_any_port(host);
  } else if (bind_to_port(host, port)) {
    bound = port;
  }
  if (bound <= 0) {
    throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) +
                             " (in use, or not an address of this machine)");
  }
  // httplib listens with a backlog of 5: a burst of reconnecting clients past that had
  // their SYNs dropped and waited for the kernel's retransmits (seconds). Listening again
  // on the bound socket sets the backlog to the system's.
  ::listen(svr_sock_, SOMAXCONN);
  return bound;
}

void HttpTransport::close_after_response() {
  close_requested() = true;
}

// httplib's own connection loop, in the same shape (up to keep_alive_max_count_ requests,
// each awaited for keep_alive_timeout_sec_), with every read through a GuardedStream; httplib
// provides this virtual hook for replacing it.
bool HttpTransport::process_and_close_socket(socket_t sock) {
  GuardedStream stream(sock, io_timeout_);
  bool ok = false;
  for (size_t left = keep_alive_max_count_; left > 0; --left) {
    if (!stream.buffered() && !wait_for_request(sock)) break;
    stream.begin_request(request_timeout_);
    bool closed = false;
    close_requested() = false;
    const bool last = left == 1 || waiting_->claim();
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
bool HttpTransport::wait_for_request(socket_t sock) const {
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

}  // namespace briefings::web
