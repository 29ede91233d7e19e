// The watcher's debounce (indexer/pending_paths.h): when a changed path is read, given the
// changes seen and the time they came.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "indexer/pending_paths.h"

using namespace briefings::indexer;
using namespace std::chrono_literals;
using Event = PendingPaths::Event;

namespace {

constexpr SettleTimings kTimings{1000ms, 50ms, 250ms};

struct Step {
  std::chrono::milliseconds at;
  Event event;
};

struct Case {
  const char* name;
  std::vector<Step> steps;
  std::chrono::milliseconds ready_at;  // from the first step
};

}  // namespace

TEST_CASE("a changed path is read once, when its latest change has settled", "[watch]") {
  const std::vector<Case> cases = {
      {"closed after writing: the grace", {{0ms, Event::writing}, {30ms, Event::written}}, 80ms},
      {"renamed into place: the grace", {{0ms, Event::written}}, 50ms},
      {"still being written: quiet since the last write",
       {{0ms, Event::writing}, {400ms, Event::writing}, {900ms, Event::writing}},
       1900ms},
      {"touched while being written: still waits for the writer",
       {{0ms, Event::writing}, {10ms, Event::attributes}},
       1000ms},
      {"attributes alone: the grace", {{0ms, Event::attributes}}, 50ms},
      {"deleted: the longer grace", {{0ms, Event::removed}}, 250ms},
      {"renamed away, then written again: one change, read after the close",
       {{0ms, Event::removed}, {5ms, Event::writing}, {20ms, Event::written}},
       70ms},
      {"found by a scan: at once", {{0ms, Event::now}}, 0ms},
      {"found by a scan while written to: its writer decides",
       {{0ms, Event::writing}, {10ms, Event::now}},
       1000ms},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    PendingPaths pending(kTimings);
    const auto start = WatchClock::time_point{} + 1h;
    for (const auto& step : c.steps) pending.note("/d/a.md", step.event, start + step.at);
    REQUIRE(pending.next_ready() == start + c.ready_at);
    CHECK(pending.take_ready(start + c.ready_at - 1ms).empty());
    CHECK(pending.take_ready(start + c.ready_at) == std::vector<std::string>{"/d/a.md"});
    CHECK(pending.empty());
    CHECK_FALSE(pending.next_ready());
  }
}

TEST_CASE("settled paths come out together, sorted, and the others keep waiting", "[watch]") {
  PendingPaths pending(kTimings);
  const auto t = WatchClock::time_point{} + 1h;
  pending.note("/d/b.md", Event::written, t);
  pending.note("/d/a.md", Event::written, t + 10ms);
  pending.note("/d/c.md", Event::writing, t);
  CHECK(pending.size() == 3);
  CHECK(pending.take_ready(t + 100ms) == std::vector<std::string>{"/d/a.md", "/d/b.md"});
  CHECK(pending.size() == 1);
  CHECK(pending.next_ready() == t + 1000ms);
}
