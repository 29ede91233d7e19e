// A real server answering a steady stream of queries from 8 client threads while the real
// `briefings index` binary adds, changes and deletes briefings, round after round (the last
// round a full rebuild). Every request must succeed with valid JSON; no response may mix
// two revisions of the index; a client never goes back to an older revision; and what an
// index run commits is visible within a second of the run returning.
//
// How a mixed response would show: every round rewrites the same "rotor" briefings so that
// each carries that round's marker word in its headline, that round's month as its date and
// that round's host among its citations. Within one revision, the query "rotor" therefore
// matches exactly kRotors briefings, all with the same marker, a month facet of one bar
// (that month, kRotors) and one round host. A response assembled from two revisions would
// show two markers, or a total, month or host that disagrees with its results. For the
// query that matches everything, the month facet must add up to the total.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/process.h"
#include "tests/web/web_fixture.h"

using namespace briefings;
using namespace briefings::testing;
using nlohmann::json;

namespace {

constexpr int kRotors = 12;  // briefings rewritten by every round
constexpr int kRounds = 8;   // index runs while the clients are busy; the last is --full
constexpr int kClients = 8;  // client threads
constexpr int kMaxRequestsPerClient = 20000;
constexpr auto kTestLimit = std::chrono::seconds(120);
constexpr auto kVisibleWithin = std::chrono::milliseconds(1000);

std::string two_digits(int n) {
  std::string s = std::to_string(n);
  if (s.size() < 2) s.insert(s.begin(), '0');
  return s;
}

// Round r's month: 2025-01, 2025-02, ...
std::string round_month(int r) {
  return std::to_string(2025 + r / 12) + "-" + two_digits(r % 12 + 1);
}
std::string round_host(int r) {
  return "round" + std::to_string(r) + ".example.net";
}
std::string fresh_word(int r) {
  return "zyfresh" + std::to_string(r);
}

void write_round(const IndexFixture& f, int r) {
  for (int k = 0; k < kRotors; ++k) {
    f.write(
        "rotor/rotor-" + std::to_string(k) + ".txt",
        dated_briefing(round_month(r) + "-15",
                       "Rotor bulletin " + std::to_string(k) + " roundmark" + std::to_string(r),
                       "The rotor count was taken again this round. (" + round_host(r) + ")",
                       "Rotor number " + std::to_string(k) + " kept turning. (rotor.example.org)"));
  }
  f.write("fresh/fresh-" + std::to_string(r) + ".txt",
          dated_briefing("2026-05-" + two_digits(1 + r % 28), "Fresh note " + fresh_word(r),
                         "A new note appears in round " + std::to_string(r) + ". (example.com)",
                         "It names " + fresh_word(r) + " once more. (example.com)"));
}

// The round whose marker a rotor response shows, or a description of what is inconsistent.
struct RotorView {
  int round = -1;
  std::string problem;
};

RotorView check_rotor_response(const json& j) {
  RotorView v;
  static const std::regex marker("roundmark([0-9]+)");
  const auto& results = j.at("results");
  if (j.at("total") != kRotors || results.size() != static_cast<size_t>(kRotors)) {
    v.problem = "total " + j.at("total").dump() + " with " + std::to_string(results.size()) +
                " results, expected " + std::to_string(kRotors);
    return v;
  }
  for (const auto& hit : results) {
    std::smatch m;
    const std::string headline = hit.at("headline");
    if (!std::regex_search(headline, m, marker)) {
      v.problem = "a result without a round marker: " + headline;
      return v;
    }
    const int r = std::stoi(m[1]);
    if (v.round >= 0 && r != v.round) {
      v.problem = "results from rounds " + std::to_string(v.round) + " and " + std::to_string(r);
      return v;
    }
    v.round = r;
    if (hit.at("date").get<std::string>().rfind(round_month(r), 0) != 0) {
      v.problem = "round " + std::to_string(r) + " result dated " + hit.at("date").dump();
      return v;
    }
    if (!hit.at("missing").empty()) {
      v.problem = "a partial match among the rotors";
      return v;
    }
  }
  const json expected_months = json::array({{{"value", round_month(v.round)}, {"count", kRotors}}});
  if (j.at("facets").at("month") != expected_months) {
    v.problem = "round " + std::to_string(v.round) + " results with month facet " +
                j.at("facets").at("month").dump();
    return v;
  }
  int round_hosts = 0;
  for (const auto& d : j.at("facets").at("domain")) {
    const std::string host = d.at("value");
    if (host.rfind("round", 0) != 0) continue;
    ++round_hosts;
    if (host != round_host(v.round) || d.at("count") != kRotors) {
      v.problem = "round " + std::to_string(v.round) + " results with domain facet " + d.dump();
      return v;
    }
  }
  if (round_hosts != 1) v.problem = "round hosts in the facet: " + std::to_string(round_hosts);
  return v;
}

// For the query matching everything: the month bars add up to the total.
std::string check_everything_response(const json& j) {
  long long sum = 0;
  for (const auto& m : j.at("facets").at("month")) sum += m.at("count").get<long long>();
  if (sum != j.at("total").get<long long>()) {
    return "total " + j.at("total").dump() + " but month facet sums to " + std::to_string(sum);
  }
  return "";
}

std::string check_stats_response(const json& j) {
  long long sum = 0;
  for (const auto& m : j.at("months")) sum += m.at("count").get<long long>();
  if (sum != j.at("documents").get<long long>()) {
    return "documents " + j.at("documents").dump() + " but months sum to " + std::to_string(sum);
  }
  return "";
}

}  // namespace

TEST_CASE("8 clients query while the indexer adds, changes and deletes briefings",
          "[web][concurrency]") {
  const auto test_start = std::chrono::steady_clock::now();
  IndexFixture f;  // 4 briefings, indexed
  const std::string exe = briefings_binary().string();
  const std::string db = f.db.string();
  auto index = [&](bool full) {
    std::vector<std::string> argv = {exe, "index", "--json", "-q", "--db", db, f.docs.string()};
    if (full) argv.push_back("--full");
    return run_program(argv, std::chrono::seconds(60));
  };
  write_round(f, 0);
  {
    auto first = index(false);
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
  }
  // More workers than clients, so the one that watches for new briefings never waits for a
  // free worker behind the clients' kept-alive connections.
  RunningServer s(db, kClients + 4);

  std::atomic<bool> stop{false};
  std::atomic<bool> indexing{false};
  std::atomic<long> requests{0}, requests_while_indexing{0}, failures{0};
  std::mutex failures_mutex;
  std::vector<std::string> failure_samples;
  auto fail = [&](const std::string& message) {
    ++failures;
    std::lock_guard lock(failures_mutex);
    if (failure_samples.size() < 10) failure_samples.push_back(message);
  };
  const std::vector<std::string> targets = {
      "/api/search?q=rotor&limit=100",
      "/api/search?q=&limit=0",
      "/api/search?q=rotor&limit=100&sort=newest",
      "/api/stats",
      "/healthz",
  };

  std::vector<std::thread> clients;
  // Stops and joins the clients however this scope is left (a failed REQUIRE included).
  struct JoinClients {
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    ~JoinClients() {
      stop = true;
      for (auto& t : threads) {
        if (t.joinable()) t.join();
      }
    }
  } join_clients{stop, clients};
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      auto c = s.client();
      c.set_keep_alive(true);
      int last_round = -1;  // the newest round this client has seen
      for (int i = 0; i < kMaxRequestsPerClient && !stop; ++i) {
        if (std::chrono::steady_clock::now() - test_start > kTestLimit) break;
        const std::string& target = targets[(t + i) % targets.size()];
        const bool during_index = indexing;
        auto r = c.Get(target);
        ++requests;
        if (during_index) ++requests_while_indexing;
        if (!r) {
          fail(target + ": " + httplib::to_string(r.error()));
          continue;
        }
        if (r->status != 200) {
          fail(target + ": status " + std::to_string(r->status) + " " + r->body);
          continue;
        }
        try {
          const json j = json::parse(r->body);
          std::string problem;
          if (target.rfind("/api/search?q=rotor", 0) == 0) {
            RotorView v = check_rotor_response(j);
            problem = v.problem;
            if (problem.empty() && v.round < last_round) {
              problem = "went back from round " + std::to_string(last_round) + " to " +
                        std::to_string(v.round);
            }
            last_round = std::max(last_round, v.round);
          } else if (target.rfind("/api/search", 0) == 0) {
            problem = check_everything_response(j);
          } else if (target == "/api/stats") {
            problem = check_stats_response(j);
          } else if (j.at("status") != "ok" || j.at("database") != "ok") {
            problem = "health " + j.dump();
          }
          if (!problem.empty()) fail(target + ": " + problem);
        } catch (const std::exception& e) {
          fail(target + ": " + e.what() + " in " + r->body.substr(0, 200));
        }
      }
    });
  }

  // Watches from its own connection until `ready` holds for a response, or gives up.
  auto watcher = s.client();
  watcher.set_keep_alive(true);
  json last_seen;  // the response that satisfied the last wait
  auto wait_until = [&](const std::string& target, auto&& ready) -> std::optional<double> {
    const auto from = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - from < std::chrono::seconds(5)) {
      auto r = watcher.Get(target);
      if (r && r->status == 200 && ready(last_seen = json::parse(r->body))) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from)
            .count();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return std::nullopt;
  };

  double worst_ms = 0;
  int runs = 0;
  std::vector<json> rotor_responses;  // one consistent response per round, for the self-test
  for (int r = 1; r <= kRounds; ++r) {
    INFO("round " << r);
    const bool full = r == kRounds;
    write_round(f, r);  // rotors changed, one briefing added
    if (r >= 2)
      std::filesystem::remove(f.docs / "fresh" / ("fresh-" + std::to_string(r - 2) + ".txt"));
    std::this_thread::sleep_for(std::chrono::milliseconds(30));  // the clients see round r-1
    indexing = true;
    auto run = index(full);
    indexing = false;
    ++runs;
    INFO("index run: " << run.out << run.err);
    REQUIRE(run.exit_code == 0);
    if (!full) {
      const json summary = json::parse(run.out);
      CHECK(summary["updated"] == kRotors);
      CHECK(summary["added"] == 1);
      CHECK(summary["removed"] == (r >= 2 ? 1 : 0));
    }

    // The run has returned, so its commit is done: the new briefing, the new round and
    // the deletion must all be visible within a second.
    auto added = wait_until("/api/search?q=" + fresh_word(r) + "&limit=1",
                            [](const json& j) { return j["total"] == 1; });
    auto rotated = wait_until("/api/search?q=rotor&limit=100",
                              [&](const json& j) { return check_rotor_response(j).round == r; });
    REQUIRE(added);
    REQUIRE(rotated);
    rotor_responses.push_back(last_seen);
    CHECK(*added < kVisibleWithin.count());
    CHECK(*rotated < kVisibleWithin.count());
    worst_ms = std::max({worst_ms, *added, *rotated});
    if (r >= 2) {
      auto removed = wait_until("/api/search?q=" + fresh_word(r - 2) + "&limit=1",
                                [](const json& j) { return j["total"] == 0; });
      REQUIRE(removed);
      CHECK(*removed < kVisibleWithin.count());
      worst_ms = std::max(worst_ms, *removed);
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // a last look at the end state
  stop = true;
  for (auto& t : clients) t.join();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - test_start).count();
  WARN(requests.load() << " requests from " << kClients << " clients (" << requests_while_indexing
                       << " while an index run was going), " << failures.load() << " failed; "
                       << runs << " index runs; worst visibility latency " << worst_ms << " ms; "
                       << seconds << " s");
  for (const auto& message : failure_samples) FAIL_CHECK(message);
  CHECK(failures == 0);
  CHECK(requests_while_indexing >= kRounds);  // the clients really did overlap the runs
  CHECK(worst_ms < kVisibleWithin.count());

  // The check can fail: responses spliced from two rounds are caught, whichever part mixes.
  REQUIRE(rotor_responses.size() >= 2);
  const json& older = rotor_responses[0];
  const json& newer = rotor_responses[1];
  CHECK(check_rotor_response(older).problem.empty());
  json facets_from_newer = older;
  facets_from_newer["facets"] = newer["facets"];
  CHECK_FALSE(check_rotor_response(facets_from_newer).problem.empty());
  json half_and_half = older;
  for (int k = 0; k < kRotors / 2; ++k) half_and_half["results"][k] = newer["results"][k];
  CHECK_FALSE(check_rotor_response(half_and_half).problem.empty());
  json fewer = newer;
  fewer["total"] = kRotors - 1;
  CHECK_FALSE(check_rotor_response(fewer).problem.empty());
  json everything = {{"total", 3},
                     {"facets", {{"month", json::parse(R"([{"value": "2025-01", "count": 2}])")}}}};
  CHECK_FALSE(check_everything_response(everything).empty());

  // The end state: 4 fixture briefings, the rotors, and the last two fresh ones.
  auto stats = s.client().Get("/api/stats");
  REQUIRE(stats);
  CHECK(json_of(stats)["documents"] == 4 + kRotors + 2);
}
