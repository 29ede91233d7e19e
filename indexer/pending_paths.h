// PendingPaths: the debounce of the watcher. Each changed path waits here until it has
// settled, so a file still being written is read once, after its writer is done.
//
//   PendingPaths pending(timings);
//   pending.note(path, PendingPaths::Event::writing, now);   // a change was seen
//   for (auto& path : pending.take_ready(now)) ...            // the paths that settled
//   pending.next_ready()                                      // when to look again
//
// How long a path waits after its latest change depends on what that change says:
//   writing  (created, written to)    until nothing more happens for `quiet`
//   written  (closed after writing, renamed into place, attributes set)   `grace`
//   removed  (deleted, renamed away)  `removal_grace`: an editor that renames the old
//            copy away and then writes the new one makes one change, not a removal and an
//            addition
// An attributes change does not cut short the wait of a path still being written; a close
// or rename does. A path noted as `now` (from a scan) is ready at once.
//
// Ownership and threads: owns its copies of the paths; one thread uses it.
// Internal to indexer/.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace briefings::indexer {

using WatchClock = std::chrono::steady_clock;

struct SettleTimings {
  std::chrono::milliseconds quiet{1000};
  std::chrono::milliseconds grace{50};
  std::chrono::milliseconds removal_grace{250};
};

class PendingPaths {
 public:
  enum class Event { writing, written, attributes, removed, now };

  explicit PendingPaths(SettleTimings timings) : timings_(timings) {}

  void note(const std::string& path, Event event, WatchClock::time_point now);
  // The paths settled by `now`, in path order (a folder's files together); they leave.
  std::vector<std::string> take_ready(WatchClock::time_point now);
  // When the next path settles, if any waits.
  std::optional<WatchClock::time_point> next_ready() const;

  size_t size() const { return ready_at_.size(); }
  bool empty() const { return ready_at_.empty(); }

 private:
  struct Wait {
    WatchClock::time_point at;
    bool writing = false;
  };
  void set(const std::string& path, Wait wait);

  SettleTimings timings_;
  std::unordered_map<std::string, Wait> ready_at_;
  std::set<std::pair<WatchClock::time_point, std::string>> by_time_;
};

}  // namespace briefings::indexer
