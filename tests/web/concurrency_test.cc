// Parallel requests while `briefings index` rewrites the database: no request fails, and new
// briefings appear without restarting the server.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/web/web_fixture.h"

using namespace briefings;
using namespace briefings::testing;

TEST_CASE("parallel requests while the index is rewritten all succeed", "[web][concurrency]") {
  IndexFixture f;
  RunningServer s(f.db.string(), 6);

  std::atomic<bool> done{false};
  std::atomic<int> requests{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  const std::vector<std::string> paths = {
      "/api/search?q=bedrock+enterprise", "/api/search?q=briefing&sort=newest",
      "/api/search?q=enterprise&domain=cnbc.com", "/api/stats", "/healthz"};

  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      auto c = s.client();
      // Bounded: stops when indexing is done, or after 2000 requests per thread.
      for (int i = 0; i < 2000 && !done; ++i) {
        const std::string& path = paths[(t + i) % paths.size()];
        auto r = c.Get(path);
        ++requests;
        if (!r || r->status != 200) {
          std::lock_guard lock(failures_mutex);
          failures.push_back(
              path + " -> " +
              (r ? std::to_string(r->status) + " " + r->body : httplib::to_string(r.error())));
        }
      }
    });
  }

  // Rewrite the index several times: additions in small batches, then a full rebuild.
  for (int round = 0; round < 6; ++round) {
    for (int k = 0; k < 5; ++k) {
      std::string n = std::to_string(round * 5 + k);
      f.write("extra-" + n + ".txt",
              dated_briefing("2026-04-0" + std::to_string(1 + k), "Extra enterprise briefing " + n,
                             "Round " + n + " of the enterprise rewrite. (cnbc.com)",
                             "More words about briefing number " + n + ". (example.com)"));
    }
    f.index(round == 5);
  }
  done = true;
  for (auto& t : clients) t.join();

  INFO(requests.load() << " requests");
  CHECK(requests > 20);
  CHECK(failures.empty());
  for (size_t i = 0; i < failures.size() && i < 5; ++i) FAIL_CHECK(failures[i]);

  // The server sees the new documents without a restart.
  auto stats = s.client().Get("/api/stats");
  REQUIRE(stats);
  CHECK(json_of(stats)["documents"] == 4 + 30);
}
