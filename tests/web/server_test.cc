// The HTTP layer over a real socket (127.0.0.1, ephemeral port): the embedded page, its
// headers, the JSON endpoints, and the errors a client can provoke.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <string>
#include <thread>

#include "tests/support/index_folder.h"
#include "tests/web/web_fixture.h"
#include "web/assets.h"

using namespace briefings;
using namespace briefings::testing;

TEST_CASE("the page is served from the binary with security and cache headers", "[web]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  auto c = s.client();

  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->body.find("<input id=\"q\"") != std::string::npos);
  std::string csp = page->get_header_value("Content-Security-Policy");
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("connect-src 'self'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(page->get_header_value("Referrer-Policy") == "no-referrer");

  std::string etag = page->get_header_value("ETag");
  REQUIRE(etag.size() > 2);
  auto again = c.Get("/", {{"If-None-Match", etag}});
  REQUIRE(again);
  CHECK(again->status == 304);
  CHECK(again->body.empty());

  auto js = c.Get("/app.js");
  REQUIRE(js);
  CHECK(js->status == 200);
  CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(js->get_header_value("X-Content-Type-Options") == "nosniff");
  auto css = c.Get("/style.css");
  REQUIRE(css);
  CHECK(css->get_header_value("Content-Type") == "text/css; charset=utf-8");
  CHECK(c.Get("/favicon.svg")->get_header_value("Content-Type") == "image/svg+xml");

  SECTION("compressed when the client accepts gzip") {
    httplib::Client raw("127.0.0.1", s.port);
    raw.set_decompress(false);
    auto gz = raw.Get("/app.js", {{"Accept-Encoding", "gzip"}});
    REQUIRE(gz);
    CHECK(gz->get_header_value("Content-Encoding") == "gzip");
    CHECK(gz->body.size() < js->body.size());
  }
  SECTION("unknown paths are a JSON 404") {
    auto missing = c.Get("/nothing-here.js");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->get_header_value("Content-Type") == "application/json");
    CHECK(json_of(missing).contains("error"));
    auto api = c.Get("/api/nothing");
    CHECK(api->status == 404);
    CHECK(json_of(api).contains("error"));
  }
}

TEST_CASE("every embedded file has a type and an etag", "[web]") {
  REQUIRE(web::embedded_files().size() >= 4);
  for (const auto& f : web::embedded_files()) {
    const auto* asset = web::find_asset(f.path);
    REQUIRE(asset);
    CHECK(asset->content_type != "application/octet-stream");
    CHECK(asset->etag.size() == 18);
    CHECK(asset->content == f.content);
  }
  CHECK(web::find_asset("/") == web::find_asset("/index.html"));
  CHECK(web::find_asset("/../CMakeLists.txt") == nullptr);
}

TEST_CASE("stats and healthz answer JSON", "[web]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  auto c = s.client();

  auto stats = c.Get("/api/stats");
  REQUIRE(stats);
  CHECK(stats->status == 200);
  CHECK(stats->get_header_value("Content-Type") == "application/json");
  CHECK(stats->get_header_value("Cache-Control") == "no-store");
  auto j = json_of(stats);
  CHECK(j["documents"] == 4);
  CHECK(j["first_date"] == "2025-12-12");
  CHECK(j["last_date"] == "2026-03-05");

  auto health = c.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(json_of(health)["status"] == "ok");
  CHECK(json_of(health)["documents"] == 4);
}

TEST_CASE("a missing database is a 503 until it is indexed, without a restart", "[web]") {
  TempDir dir;
  RunningServer s((dir / "db").string());
  auto c = s.client();
  auto stats = c.Get("/api/stats");
  REQUIRE(stats);
  CHECK(stats->status == 503);
  CHECK(json_of(stats)["error"].get<std::string>().find("index") != std::string::npos);
  auto health = c.Get("/healthz");
  CHECK(health->status == 200);
  CHECK(json_of(health)["database"] == "unavailable");

  dir.write("docs/a.txt", dated_briefing("2026-01-02", "First briefing", "Now it exists. (a.com)",
                                         "Body text. (a.com)"));
  briefings::testing::index_folder(dir / "docs", dir / "db");
  auto later = c.Get("/api/stats");
  REQUIRE(later);
  CHECK(later->status == 200);
  CHECK(json_of(later)["documents"] == 1);
}

TEST_CASE("what httplib refuses still gets a JSON error, never a 500", "[web]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  auto c = s.client();

  SECTION("a 100 KB query is a 400 naming q") {
    auto r = c.Get("/api/search?q=" + std::string(100 * 1024, 'a'));
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(r->get_header_value("Content-Type") == "application/json");
    CHECK(json_of(r)["parameter"] == "q");
  }
  SECTION("other methods are refused") {
    auto r = c.Post("/api/search", "{}", "application/json");
    REQUIRE(r);
    CHECK(r->status == 405);
    CHECK(json_of(r).contains("error"));
  }
  SECTION("a request body over the limit is refused") {
    auto r = c.Post("/api/search", std::string(200 * 1024, 'x'), "text/plain");
    REQUIRE(r);
    CHECK(r->status >= 400);
    CHECK(r->status < 500);
  }
  SECTION("a Host header that is not this machine is refused (DNS rebinding)") {
    auto r = c.Get("/api/stats", {{"Host", "evil.example:8080"}});
    REQUIRE(r);
    CHECK(r->status == 403);
  }
}

TEST_CASE("the loopback test recognises local addresses", "[web]") {
  CHECK(web::is_loopback_host("127.0.0.1"));
  CHECK(web::is_loopback_host("localhost"));
  CHECK(web::is_loopback_host("::1"));
  CHECK_FALSE(web::is_loopback_host("0.0.0.0"));
  CHECK_FALSE(web::is_loopback_host("192.168.1.2"));
}

TEST_CASE("a port in use is reported, and stop() before run() does not hang", "[web]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  web::Server second(web::ServerOptions{f.db.string(), "127.0.0.1", s.port, 1, 2});
  CHECK_THROWS_AS(second.bind(), std::runtime_error);

  web::Server idle(web::ServerOptions{f.db.string(), "127.0.0.1", 0, 1, 2});
  idle.bind();
  idle.stop();
  idle.run();  // returns at once
}

TEST_CASE(
    "a client that stalls mid-request is cut off at the timeout, and its worker serves the next",
    "[web]") {
  IndexFixture f;
  RunningServer s(f.db.string(), 1);  // one worker, a 2 s timeout: the stall holds the only worker
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(s.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  timeval wait{8, 0};  // bounded: the test fails rather than hangs
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  std::string partial = "GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n";  // never finished
  REQUIRE(::send(fd, partial.data(), partial.size(), 0) == static_cast<ssize_t>(partial.size()));
  const auto start = std::chrono::steady_clock::now();

  // Another client asks while the stalled one holds the worker.
  int other_status = 0;
  double other_seconds = -1;
  std::thread other([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto r = s.client().Get("/healthz");
    other_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r) other_status = r->status;
  });

  // The stalled connection ends: the server closes it, after at most a 4xx answer.
  std::string received;
  ssize_t n;
  char buffer[512];
  while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) received.append(buffer, n);
  const double cut_after =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fd);
  other.join();

  CHECK(n == 0);  // closed by the server, not our 8 s receive timeout
  if (!received.empty()) CHECK(received.rfind("HTTP/1.1 4", 0) == 0);
  CHECK(cut_after >= 1);  // not before the timeout...
  CHECK(cut_after < 7);   // ...but soon after it
  CHECK(other_status == 200);
  CHECK(other_seconds < 7);
}

TEST_CASE("every API answer says in Server-Timing how long the server took to make it", "[web]") {
  IndexFixture f;
  RunningServer s(f.db.string());
  auto c = s.client();
  for (const char* target : {"/api/search?q=bedrock", "/api/stats", "/api/search?limit=x"}) {
    INFO(target);
    auto started = std::chrono::steady_clock::now();
    auto r = c.Get(target);
    const double client_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    REQUIRE(r);
    const std::string timing = r->get_header_value("Server-Timing");
    REQUIRE(timing.rfind("app;dur=", 0) == 0);
    const double server_ms = std::stod(timing.substr(8));
    CHECK(server_ms >= 0);
    CHECK(server_ms <= client_ms);  // the server's part of what the client waited for
  }
  CHECK(c.Get("/")->get_header_value("Server-Timing").empty());  // the page is not timed
}
