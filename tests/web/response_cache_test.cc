// The shared cache of search answers: keyed by request, valid for one database version,
// bounded in entries and bytes, least recently used evicted first.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/web/web_fixture.h"
#include "web/api.h"
#include "web/response_cache.h"

using briefings::web::ResponseCache;

TEST_CASE("a cached answer is served only for the database version it came from", "[web][cache]") {
  ResponseCache cache(10, 1 << 20);
  auto key = ResponseCache::key_of({{"q", "bedrock"}});
  CHECK_FALSE(cache.get(key, "uuid:1"));
  cache.put(key, "uuid:1", "answer one");
  CHECK(cache.get(key, "uuid:1") == std::optional<std::string>("answer one"));
  // A commit moved the database on: the old answer is gone, not served.
  CHECK_FALSE(cache.get(key, "uuid:2"));
  CHECK_FALSE(cache.get(key, "uuid:1"));
  CHECK(cache.entries() == 0);
  CHECK(cache.bytes() == 0);
}

TEST_CASE("cache keys tell apart every request", "[web][cache]") {
  using P = std::vector<std::pair<std::string, std::string>>;
  const std::vector<P> requests = {
      {{"q", "a b"}},
      {{"q", "a"}, {"q", "b"}},
      {{"q", "a"}, {"domain", "b"}},
      {{"q", "a=b"}},
      {{"q=a", "b"}},
      {{"q", "a"}, {"limit", "10"}},
      {{"q", "a"}, {"limit", "1"}, {"0", ""}},
      {},
  };
  for (size_t i = 0; i < requests.size(); ++i) {
    for (size_t j = i + 1; j < requests.size(); ++j) {
      INFO(i << " vs " << j);
      CHECK(ResponseCache::key_of(requests[i]) != ResponseCache::key_of(requests[j]));
    }
  }
}

TEST_CASE("the least recently used answer goes first when a bound is reached", "[web][cache]") {
  ResponseCache by_count(2, 1 << 20);
  by_count.put("a", "v", "1");
  by_count.put("b", "v", "2");
  CHECK(by_count.get("a", "v"));  // a is now the most recent
  by_count.put("c", "v", "3");
  CHECK(by_count.get("a", "v"));
  CHECK_FALSE(by_count.get("b", "v"));
  CHECK(by_count.get("c", "v"));

  ResponseCache by_bytes(100, 10);
  by_bytes.put("k1", "v", "12345");  // 7 bytes with its key
  by_bytes.put("k2", "v", "123");    // 5 more: over 10, so k1 goes
  CHECK_FALSE(by_bytes.get("k1", "v"));
  CHECK(by_bytes.get("k2", "v"));
  by_bytes.put("huge", "v", std::string(100, 'x'));  // larger than the bound: not kept
  CHECK_FALSE(by_bytes.get("huge", "v"));
  CHECK(by_bytes.bytes() <= 10);
}

TEST_CASE("the cache is safe to use from many threads at once", "[web][cache]") {
  ResponseCache cache(50, 1 << 16);
  std::atomic<int> wrong{0}, hits{0};  // Catch's assertions are not for worker threads
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = std::to_string((i * 7 + t) % 40);
        std::string version = std::to_string(i / 500);
        if (auto hit = cache.get(key, version)) {
          // Whatever is served was stored for this key and version.
          ++hits;
          if (*hit != key + "@" + version) ++wrong;
        } else {
          cache.put(key, version, key + "@" + version);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong == 0);
  CHECK(hits > 0);
  CHECK(cache.entries() <= 50);
}

TEST_CASE("the search handler reuses an answer until the index changes", "[web][cache]") {
  using namespace briefings::web;
  briefings::testing::IndexFixture f;
  ResponseCache cache(100, 1 << 20);
  ApiContext context(f.db.string(), &cache);
  ApiRequest request{{{"q", "bedrock"}}, ""};

  ApiResponse first = handle_search(context, request);
  REQUIRE(first.status == 200);
  CHECK(cache.entries() == 1);
  ApiResponse again = handle_search(context, request);
  CHECK(again.text == first.text);
  CHECK(nlohmann::json::parse(again.text)["total"] == 2);

  // A new briefing is committed: the cached answer is not served any more.
  f.write("bedrock-third.txt",
          briefings::testing::dated_briefing("2026-04-01", "Bedrock gets a third mention",
                                             "Bedrock again. (cnbc.com)", "More. (cnbc.com)"));
  f.index();
  ApiResponse after = handle_search(context, request);
  CHECK(nlohmann::json::parse(after.text)["total"] == 3);

  // Errors are never cached.
  ApiRequest bad{{{"q", "bedrock"}, {"limit", "-1"}}, ""};
  CHECK(handle_search(context, bad).status == 400);
  CHECK(cache.entries() == 1);
}
