// The watcher (run_watch): `briefings index --watch` and `serve --watch`. It brings the
// database in line with its inputs, as `briefings index` does (run_index), then keeps it
// there as files change, until asked to stop.
//
//   WatchOptions options;
//   options.index.database = db;
//   options.index.inputs = {"/home/me/briefings"};
//   WatchStop stop;                            // stop.request() from a signal or a thread
//   run_watch(options, observer, stop);        // returns after its last commit
//
// How:
//  * Every input folder is watched with inotify (indexer/folder_watcher.h) before the first
//    pass walks it, so nothing changed in between is missed; a subfolder that appears is
//    watched, then walked (files made before its watch existed are found).
//  * A change marks a path; the path is read once it has settled (indexer/pending_paths.h:
//    a file still being written waits, editors' scratch names are not briefing names).
//    Settled paths are applied in rounds through the run's one Writer (indexer/sync_plan.h):
//    new and changed files first, then removals, so a moved file keeps its document. A
//    change on its own is committed as soon as it is applied; while a burst is still
//    arriving, rounds are committed together (every `batch_size` changes, and at least once
//    a second), so a burst costs a few commits, as `briefings index` does, not one per file.
//  * A lost event queue (IN_Q_OVERFLOW) rescans every input. Running out of inotify watches
//    (ENOSPC) is a notice naming fs.inotify.max_user_watches, and from then on every input
//    is rescanned each `rescan_interval` as well. An input deleted, moved away or unmounted is
//    a notice, and is looked for every second until it is back, then rescanned. (The
//    briefings of an unmounted folder stay in the index meanwhile; those of a deleted or
//    moved one leave it, as their files did.)
//
// Ownership and threads: run_watch holds the database's write lock from the end of the
// first pass until it returns (a second indexer gets DatabaseLocked); it runs on the
// calling thread and parses on `jobs` threads during a round. Observer callbacks come from
// the calling thread. WatchStop::request() may be called from any thread or a signal
// handler.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "indexer/index_writer.h"
#include "indexer/pending_paths.h"

namespace briefings {

struct WatchOptions {
  IndexOptions index;  // database, inputs (folders or files), jobs, batch size, date
  indexer::SettleTimings settle;
  // How often every input is rescanned when inotify cannot watch them all.
  std::chrono::seconds rescan_interval{60};
};

class WatchObserver : public IndexObserver {
 public:
  // The first pass is committed and every input is watched.
  virtual void watching(const IndexReport& /*first_pass*/) {}
  // A round of changes was committed.
  virtual void applied(const IndexReport& /*round*/) {}
  // Something the user should know: an input gone, back or unmounted, lost events, watches
  // run out. A sentence without the program's name.
  virtual void notice(const std::string& /*message*/) {}
};

// Asks run_watch to finish: it stops reading files, commits what it applied and returns.
class WatchStop {
 public:
  WatchStop();
  ~WatchStop();
  WatchStop(const WatchStop&) = delete;
  WatchStop& operator=(const WatchStop&) = delete;

  void request();  // async-signal-safe
  bool requested() const { return requested_.load(); }
  int fd() const { return fd_; }  // readable once requested

 private:
  int fd_ = -1;
  std::atomic<bool> requested_{false};
};

// Throws what run_index throws (index/errors.h), before watching or while committing.
void run_watch(const WatchOptions& options, WatchObserver& observer, WatchStop& stop);

}  // namespace briefings
