#include "indexer/pending_paths.h"

#include <algorithm>

namespace briefings::indexer {

void PendingPaths::note(const std::string& path, Event event, WatchClock::time_point now) {
  auto it = ready_at_.find(path);
  const bool still_writing = it != ready_at_.end() && it->second.writing;
  switch (event) {
    case Event::writing:
      set(path, {now + timings_.quiet, true});
      break;
    case Event::written:
      set(path, {now + timings_.grace, false});
      break;
    case Event::attributes:
      if (still_writing) {
        set(path, {std::max(it->second.at, now + timings_.grace), true});
      } else {
        set(path, {now + timings_.grace, false});
      }
      break;
    case Event::removed:
      set(path, {now + timings_.removal_grace, false});
      break;
    case Event::now:
      // A scan found the file; if its writer is still at work, its own events decide.
      if (!still_writing) set(path, {now, false});
      break;
  }
}

void PendingPaths::set(const std::string& path, Wait wait) {
  auto [it, fresh] = ready_at_.try_emplace(path, wait);
  if (!fresh) {
    by_time_.erase({it->second.at, path});
    it->second = wait;
  }
  by_time_.emplace(wait.at, path);
}

std::vector<std::string> PendingPaths::take_ready(WatchClock::time_point now) {
  std::vector<std::string> ready;
  while (!by_time_.empty() && by_time_.begin()->first <= now) {
    auto node = by_time_.extract(by_time_.begin());
    ready_at_.erase(node.value().second);
    ready.push_back(std::move(node.value().second));
  }
  std::sort(ready.begin(), ready.end());
  return ready;
}

std::optional<WatchClock::time_point> PendingPaths::next_ready() const {
  if (by_time_.empty()) return std::nullopt;
  return by_time_.begin()->first;
}

}  // namespace briefings::indexer
