// IndexedAtStamps: the indexed-at time (index/indexed_at.h) of each document a writer adds.
//
// Rules (docs/schema.md):
//  * A new briefing gets the next tick of a clock that starts past every time the database
//    already holds and moves on at least a microsecond per document, even if the system clock
//    steps back: every time is unique, and a later commit never adds a time at or below the
//    latest one a reader has seen (which is what makes `saved run --new` exact).
//  * A briefing that only changes paths keeps its document, and so its time. A file moved
//    within one run is deleted and then added again: remember() keeps the deleted document's
//    time, and the same content added later in the run gets it back.
//  * An edited file's new content inherits the time of the briefing the file held (the writer
//    passes it): a correction is not a new briefing.
//  * A rebuild (--full) remembers every briefing's time from the database it replaces.
//
// Thread-safety: every member may be called from several threads at once (the shards of a
// bulk build share one); the database is read only by the constructor. Internal to indexer/.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "index/indexed_at.h"

namespace briefings::indexer {

class IndexedAtStamps {
 public:
  enum class Remember { deleted_only, every_briefing };
  // Starts the clock past every time `db` holds; with Remember::every_briefing (a rebuild),
  // remembers each briefing's time by content id.
  IndexedAtStamps(const Xapian::Database& db, Remember what);

  // The time of a new document for the briefing `id`: the one remembered for it, else the
  // next tick of the clock.
  IndexedAt for_new(const std::string& id);
  // Remembers the time of the briefing `id`, whose document is being deleted.
  void remember(const std::string& id, IndexedAt time);

  // At most this many deleted briefings are remembered; past it, the memories start again
  // from nothing (a watcher runs for months, and a moved file is added again within moments).
  static constexpr size_t kMaxRemembered = 100000;

 private:
  IndexedAt next_tick();

  std::atomic<IndexedAt> last_;
  // Content id (as its 64-bit number) -> time. `rebuilt_` is filled by the constructor and
  // only read after; `deleted_` changes while documents are written, under `mutex_`.
  std::unordered_map<std::uint64_t, IndexedAt> rebuilt_;
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, IndexedAt> deleted_;
};

}  // namespace briefings::indexer
