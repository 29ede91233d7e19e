// Requests an attacker could send to the server on 127.0.0.1: traversal in ids and asset
// paths, oversized and endless headers, a client that trickles its request (slowloris), a
// 1 MB query, NUL bytes and invalid UTF-8. Each must get a bounded answer (or a closed
// connection) while the server goes on serving everyone else. docs/security.md lists them.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/web/web_fixture.h"
#include "web/api.h"

using namespace briefings;
using namespace briefings::testing;
using Clock = std::chrono::steady_clock;

namespace {

// A TCP connection to the test server, for sending bytes exactly as written.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends as much of `bytes` as the peer takes before `limit`; returns the count sent.
  size_t send_all(const std::string& bytes, std::chrono::milliseconds limit) {
    auto until = Clock::now() + limit;
    size_t sent = 0;
    while (sent < bytes.size() && Clock::now() < until) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        pollfd p{fd_, POLLOUT, 0};
        ::poll(&p, 1, 50);
      } else {
        break;  // the server closed its side
      }
    }
    return sent;
  }

  // Reads until the server closes the connection or `limit` passes; `closed` tells which.
  std::string read_until_closed(std::chrono::milliseconds limit, bool& closed) {
    auto until = Clock::now() + limit;
    std::string out;
    closed = false;
    while (Clock::now() < until) {
      if (poll_closed(out, 50)) {
        closed = true;
        break;
      }
    }
    return out;
  }

  // Waits up to `ms` for data; appends it to `out`. True once the server has closed.
  bool poll_closed(std::string& out, int ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, ms) <= 0) return false;
    char buffer[16384];
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
      return false;
    }
    return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
  }

 private:
  int fd_ = -1;
};

// One request over a raw connection: the status code and the body, or 0 when the server
// closed without answering. Bounded by `limit`.
struct RawResponse {
  int status = 0;
  std::string body;
};

RawResponse raw_request(int port, const std::string& bytes,
                        std::chrono::milliseconds limit = std::chrono::milliseconds(8000)) {
  RawConnection c(port);
  c.send_all(bytes, limit);
  bool closed = false;
  std::string text = c.read_until_closed(limit, closed);
  RawResponse r;
  if (text.rfind("HTTP/1.1 ", 0) == 0 && text.size() >= 12) r.status = std::stoi(text.substr(9, 3));
  auto blank = text.find("\r\n\r\n");
  if (blank != std::string::npos) r.body = text.substr(blank + 4);
  return r;
}

std::string get(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

// The server still answers an ordinary request promptly.
void check_still_serving(const RunningServer& s) {
  auto started = Clock::now();
  auto r = s.client().Get("/healthz");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(Clock::now() - started < std::chrono::seconds(5));
}

}  // namespace

TEST_CASE("path traversal in briefing ids is a 404, plain or percent-encoded", "[web][hostile]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  std::string file_path = std::string("/api/briefing/") + (f.docs / "rail.txt").string();
  for (std::string target : std::vector<std::string>{
           "/api/briefing/../../etc/passwd", "/api/briefing/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
           "/api/briefing/%2E%2E", "/api/briefing/..", "/api/briefing/..%00",
           "/api/related/..%2f..%2fetc%2fpasswd", "/api/related/%2e%2e", file_path}) {
    INFO(target);
    auto r = raw_request(s.port, get(target));
    CHECK(r.status == 404);
    CHECK(nlohmann::json::parse(r.body).contains("error"));
    CHECK(r.body.find("root:") == std::string::npos);
    CHECK(r.body.find("Rail strike") == std::string::npos);
  }
}

TEST_CASE("'..' in a page URL never reaches a file outside the embedded page", "[web][hostile]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  for (std::string target :
       std::vector<std::string>{"/../CMakeLists.txt", "/%2e%2e/CMakeLists.txt",
                                "/..%2fCMakeLists.txt", "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                                "/page/../../README.md", "/web/page/index.html", "//etc/passwd",
                                "/index.html/..", "/app.js%00.txt", "/..\\..\\etc\\passwd"}) {
    INFO(target);
    auto r = raw_request(s.port, get(target));
    CHECK((r.status == 400 || r.status == 404));
    CHECK(r.body.find("cmake_minimum_required") == std::string::npos);
    CHECK(r.body.find("root:") == std::string::npos);
    CHECK(r.body.find("# briefings") == std::string::npos);
  }
}

TEST_CASE("a 100 KB header is refused with a 400 and the server goes on", "[web][hostile]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  std::string request =
      "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(100 * 1024, 'h') +
      "\r\nConnection: close\r\n\r\n";
  auto r = raw_request(s.port, request);
  CHECK(r.status == 400);
  CHECK(nlohmann::json::parse(r.body).contains("error"));

  check_still_serving(s);
}

TEST_CASE("endless headers are cut off at the request size limit", "[web][hostile]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  RawConnection c(s.port);
  std::string head = "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  std::string line = "X-Filler: " + std::string(1000, 'f') + "\r\n";
  std::string flood = head;
  while (flood.size() < 8 * 1024 * 1024) flood += line;  // 8 MiB, no end of headers
  auto started = Clock::now();
  size_t sent = c.send_all(flood, std::chrono::milliseconds(8000));
  bool closed = false;
  c.read_until_closed(std::chrono::milliseconds(5000), closed);
  INFO(sent << " bytes taken in " << (Clock::now() - started).count() / 1000000 << " ms");
  CHECK(closed);
  CHECK(sent < flood.size());  // the server stopped reading well before the end
  check_still_serving(s);
}

TEST_CASE("a slowloris client is timed out while others are served", "[web][hostile]") {
  IndexFixture f;
  RunningServer s(f.db.string(), 2);  // 2 workers, a 2 s request timeout
  // Twice as many trickling clients as workers: each sends a header byte every 200 ms,
  // well inside the per-read timeout, and would hold its worker for ever without a
  // deadline on the whole request.
  constexpr int kSlow = 4;
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < kSlow; ++i) slow.push_back(std::make_unique<RawConnection>(s.port));
  std::vector<double> closed_after(kSlow, -1);
  auto started = Clock::now();
  std::thread trickle([&] {
    std::string start = "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    for (auto& c : slow) c->send_all(start, std::chrono::milliseconds(1000));
    // Bounded: 15 s at most, whatever the server does.
    while (Clock::now() - started < std::chrono::seconds(15)) {
      bool all_closed = true;
      for (int i = 0; i < kSlow; ++i) {
        if (closed_after[i] >= 0) continue;
        all_closed = false;
        std::string ignored;
        slow[i]->send_all("a", std::chrono::milliseconds(100));
        if (slow[i]->poll_closed(ignored, 0)) {
          closed_after[i] = std::chrono::duration<double>(Clock::now() - started).count();
        }
      }
      if (all_closed) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto asked = Clock::now();
  auto r = s.client().Get("/healthz");  // the client's read timeout is 10 s
  double waited = std::chrono::duration<double>(Clock::now() - asked).count();
  trickle.join();
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(waited < 9);
  for (int i = 0; i < kSlow; ++i) {
    INFO("slow client " << i);
    CHECK(closed_after[i] >= 1);  // not before the timeout...
    CHECK(closed_after[i] < 10);  // ...but soon after it
  }
}

TEST_CASE("a 1 MB query is a 400 naming q", "[web][hostile]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  auto r = raw_request(s.port, get(std::string("/api/search?q=").append(1 << 20, 'w')));
  REQUIRE(r.status == 400);
  CHECK(nlohmann::json::parse(r.body)["parameter"] == "q");
  check_still_serving(s);
}

TEST_CASE("NUL bytes and invalid UTF-8 in parameters still give valid JSON", "[web][hostile]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  struct Case {
    std::string query;
    int status;
    std::string parameter;  // for a 400
  };
  std::vector<Case> cases = {
      {"q=bed%00rock", 200, ""},
      {"q=%00", 200, ""},
      {"q=%00%00%00&limit=1", 200, ""},
      {"q=Bedrock%C3%28", 200, ""},
      {"q=%ED%A0%80enterprise", 200, ""},  // a UTF-16 surrogate, as UTF-8
      {"q=%F4%90%80%80", 200, ""},         // past U+10FFFF
      {"q=%C0%AF", 200, ""},               // an over-long '/'
      {"q=Bedrock&domain=%00", 400, "domain"},
      {"q=Bedrock&domain=cnbc.com%FF", 400, "domain"},
      {"q=Bedrock&since=2026%00", 400, "since"},
      {"q=Bedrock&sort=%FF%FE", 400, "sort"},
      {"q=Bedrock&limit=1%00", 400, "limit"},
  };
  for (const auto& k : cases) {
    INFO(k.query);
    auto r = s.client().Get("/api/search?" + k.query);
    REQUIRE(r);
    CHECK(r->status == k.status);
    nlohmann::json body;
    REQUIRE_NOTHROW(body = nlohmann::json::parse(r->body));  // strict: valid UTF-8 only
    if (k.status == 400) CHECK(body["parameter"] == k.parameter);
  }
  // The same bytes through the handler directly: the decoded parameters reach it intact.
  auto params = web::parse_query_string("/x?q=a%00b&q2=%FF+");
  REQUIRE(params.size() == 2);
  CHECK(params[0].second == std::string("a\0b", 3));
  CHECK(params[1].second == "\xFF ");
}

TEST_CASE("a query of hundreds of wildcards is refused rather than expanded", "[web][hostile]") {
  IndexFixture f;
  web::ApiContext c(f.db.string());
  std::string ten, many;
  for (int i = 0; i < 10; ++i) ten += std::string(ten.empty() ? "" : " OR ") + "b*";
  while (many.size() < 4000) many += "q* OR ";
  auto fine = web::handle_search(c, web::ApiRequest{{{"q", ten}}, ""});
  CHECK(fine.status == 200);
  CHECK(fine.body["total"] >= 2);  // the two Bedrock briefings, at least
  auto started = Clock::now();
  auto refused = web::handle_search(c, web::ApiRequest{{{"q", ten + " OR e*"}}, ""});
  auto r = web::handle_search(c, web::ApiRequest{{{"q", many}}, ""});
  CHECK(Clock::now() - started < std::chrono::seconds(2));
  for (const auto* response : {&refused, &r}) {
    CHECK(response->status == 400);
    CHECK(response->body["parameter"] == "q");
    CHECK(response->body["error"].get<std::string>().find("wildcards") != std::string::npos);
  }
}

TEST_CASE("a database of a newer schema is a 503 naming the fix", "[web][hostile]") {
  IndexFixture f;
  {
    Xapian::WritableDatabase w(f.db.string(), Xapian::DB_OPEN);
    w.set_metadata("schema_version", "999");
    w.commit();
  }
  RunningServer s(f.db.string());
  auto r = s.client().Get("/api/search?q=Bedrock");
  REQUIRE(r);
  CHECK(r->status == 503);
  CHECK(json_of(r)["error"].get<std::string>().find("--full") != std::string::npos);
  auto health = s.client().Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(json_of(health)["database"] == "unavailable");
}

namespace {

// Reads one whole response (head and Content-Length body) from `c`, within `limit`.
std::string read_one_response(RawConnection& c, std::chrono::milliseconds limit) {
  auto until = Clock::now() + limit;
  std::string text;
  while (Clock::now() < until) {
    auto head_end = text.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      auto length_at = text.find("Content-Length: ");
      size_t length = length_at == std::string::npos ? 0 : std::stoul(text.substr(length_at + 16));
      if (text.size() >= head_end + 4 + length) break;
    }
    if (c.poll_closed(text, 50)) break;
  }
  return text;
}

}  // namespace

TEST_CASE("a connection waiting for a worker gets one after a request, not a keep-alive timeout",
          "[web]") {
  IndexFixture f;
  RunningServer s(f.db.string(), 1);  // one worker; idle keep-alive connections wait 2 s
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  RawConnection a(s.port);
  a.send_all(request, std::chrono::milliseconds(2000));
  std::string first = read_one_response(a, std::chrono::milliseconds(5000));
  REQUIRE(first.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(first.find("Connection: close") == std::string::npos);  // the worker stays with a

  // b waits for the only worker, which a holds. a's next answer hands the worker over.
  RawConnection b(s.port);
  b.send_all(request, std::chrono::milliseconds(2000));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  a.send_all(request, std::chrono::milliseconds(2000));
  auto asked = Clock::now();
  std::string second = read_one_response(a, std::chrono::milliseconds(5000));
  CHECK(second.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(second.find("Connection: close") != std::string::npos);
  std::string for_b = read_one_response(b, std::chrono::milliseconds(5000));
  CHECK(for_b.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(Clock::now() - asked < std::chrono::milliseconds(1000));
}
