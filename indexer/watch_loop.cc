#include "indexer/watch_loop.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>

#include "index/errors.h"
#include "index/host_dictionary.h"
#include "index/xapian_errors.h"
#include "indexer/database_files.h"
#include "indexer/file_walker.h"
#include "indexer/folder_watcher.h"
#include "indexer/sync_plan.h"
#include "indexer/watched_roots.h"
#include "indexer/writer.h"

namespace briefings {

WatchStop::WatchStop() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

WatchStop::~WatchStop() {
  if (fd_ >= 0) ::close(fd_);
}

void WatchStop::request() {
  requested_.store(true);
  if (fd_ < 0) return;
  const uint64_t one = 1;
  const ssize_t written = ::write(fd_, &one, sizeof one);
  (void)written;  // full (already requested many times) is as good as written
}

namespace {

using namespace indexer;
using Clock = WatchClock;
using Kind = PathChange::Kind;

// Inputs that went away are looked for, and watched ones checked, this often.
constexpr auto kTick = std::chrono::seconds(1);
// During a long round, the event queue is read every this many files, so the kernel's
// queue (fs.inotify.max_queued_events) does not overflow while the round runs.
constexpr size_t kReadEventsEvery = 256;
// A commit costs about as much for one file as for hundreds. While a burst goes on (the next
// path settles within kBurstGap), rounds are applied without committing, for at most
// kMaxCommitDelay; a change on its own is committed as soon as it is applied.
constexpr auto kBurstGap = std::chrono::milliseconds(100);
constexpr auto kMaxCommitDelay = std::chrono::milliseconds(1000);

// The first pass's observer: the caller's, except that the watcher's stop ends the pass.
class FirstPass : public IndexObserver {
 public:
  FirstPass(IndexObserver& observer, const WatchStop& stop) : observer_(observer), stop_(stop) {}
  void progress(size_t done, size_t total) override { observer_.progress(done, total); }
  void warning(const std::string& path, const std::string& message) override {
    observer_.warning(path, message);
  }
  bool stopping() const override { return stop_.requested(); }

 private:
  IndexObserver& observer_;
  const WatchStop& stop_;
};

class WatchLoop {
 public:
  WatchLoop(const WatchOptions& options, WatchObserver& observer, WatchStop& stop)
      : options_(options),
        observer_(observer),
        stop_(stop),
        roots_(options.index.inputs),
        pending_(options.settle),
        jobs_(options.index.jobs ? options.index.jobs
                                 : std::max(1u, std::thread::hardware_concurrency())) {}

  void run() {
    start_watching();
    // Watches first, then the walk: a file changed in between is in both, never in neither.
    FirstPass first_pass(observer_, stop_);
    IndexReport first;
    try {
      first = run_index(options_.index, first_pass);
    } catch (const IndexInterrupted&) {
      return;  // stopped while building from nothing: the database is as it was
    }
    if (stop_.requested()) {
      observer_.applied(first);  // stopped during the first pass: what it committed
      return;
    }
    open_writer();
    observer_.watching(first);
    const auto now = Clock::now();
    next_tick_ = now + kTick;
    next_rescan_ = now + options_.rescan_interval;
    while (!stop_.requested()) {
      wait();
      read_events();
      check_roots();
      apply_round();
      commit_if_due(false);
    }
    commit_if_due(true);
  }

 private:
  // ------------------------------------------------------------------ watching

  void start_watching() {
    try {
      watcher_ = std::make_unique<FolderWatcher>();
    } catch (const WatchUnavailable& e) {
      periodic_ = true;
      observer_.notice(std::string(e.what()) + "; every input is rescanned every " +
                       std::to_string(options_.rescan_interval.count()) + " s instead");
      return;
    }
    for (auto& root : roots_.all()) watch(root);
  }

  void watch(WatchedRoot& root) {
    root.state = WatchedRoot::State::watching;
    WatchedRoots::identify(root);
    if (!watcher_) return;
    report(root.file.empty() ? watcher_->watch_tree(root.folder, true)
                             : watcher_->watch_folder(root.folder));
  }

  void report(const WatchAdded& added) {
    for (const auto& problem : added.problems) warn_once(problem);
    if (!added.out_of_watches || periodic_) return;
    periodic_ = true;
    const long limit = max_user_watches();
    observer_.notice(
        "out of inotify watches (fs.inotify.max_user_watches is " +
        (limit < 0 ? std::string("unknown") : std::to_string(limit)) +
        "), so some folders are not watched; every input is rescanned every " +
        std::to_string(options_.rescan_interval.count()) +
        " s instead. Raise the limit (sysctl fs.inotify.max_user_watches=524288) and restart");
  }

  void warn_once(const std::string& problem) {
    if (!warned_.insert(problem).second) return;
    ++report_.warnings;
    const auto colon = problem.rfind(": ");
    observer_.warning(problem.substr(0, colon), problem.substr(colon + 2));
  }

  // ------------------------------------------------------------------ events

  void wait() {
    auto until = next_tick_;
    if (auto ready = pending_.next_ready()) until = std::min(until, *ready);
    if (uncommitted_since_) until = std::min(until, *uncommitted_since_ + kMaxCommitDelay);
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now());
    const int timeout = static_cast<int>(std::clamp<long long>(left.count(), 0, 1000));
    pollfd fds[2] = {{stop_.fd(), POLLIN, 0}, {watcher_ ? watcher_->fd() : -1, POLLIN, 0}};
    ::poll(fds, 2, timeout);  // EINTR or a timeout: the loop looks at the time anyway
  }

  void read_events() {
    if (!watcher_) return;
    for (const PathChange& change : watcher_->read_changes()) on_change(change);
    note_removed_folders();
    if (rescan_needed_) rescan_all();
  }

  void on_change(const PathChange& change) {
    const auto now = Clock::now();
    const std::string& path = change.path;
    switch (change.kind) {
      case Kind::file_writing:
        if (roots_.wanted(path)) pending_.note(path, PendingPaths::Event::writing, now);
        break;
      case Kind::file_written:
        if (roots_.wanted(path)) pending_.note(path, PendingPaths::Event::written, now);
        break;
      case Kind::file_attributes:
        if (roots_.wanted(path)) pending_.note(path, PendingPaths::Event::attributes, now);
        break;
      case Kind::file_removed:
        if (roots_.wanted(path)) pending_.note(path, PendingPaths::Event::removed, now);
        break;
      case Kind::folder_added:
        if (roots_.inside_folder_input(path)) add_folder(path);
        break;
      case Kind::folder_removed:
        removed_folders_.insert(path);
        break;
      case Kind::top_removed:
        for (auto& root : roots_.all()) {
          if (root.folder == path) lose(root, WatchedRoot::State::missing);
        }
        break;
      case Kind::unmounted:
        on_unmounted(path);
        break;
      case Kind::overflow:
        observer_.notice("events were lost (the kernel's inotify queue overflowed); rescanning");
        rescan_needed_ = true;
        break;
    }
  }

  void on_unmounted(const std::string& folder) {
    bool input = false;
    for (auto& root : roots_.all()) {
      if (root.folder == folder && root.state == WatchedRoot::State::watching) {
        lose(root, WatchedRoot::State::unmounted);
        input = true;
      }
    }
    // A folder mounted inside an input: what is there now is its bare mount point.
    if (!input && roots_.inside_folder_input(folder)) add_folder(folder);
  }

  // A subfolder appeared: watch it, then walk it.
  void add_folder(const std::string& folder) {
    if (watcher_) report(watcher_->watch_tree(folder, false));
    scan({folder});
  }

  // An input went away. Its briefings leave the index with their files, unless the file
  // system was only unmounted: they come back with it.
  void lose(WatchedRoot& root, WatchedRoot::State state) {
    if (root.state != WatchedRoot::State::watching) return;
    if (watcher_) watcher_->forget(root.folder);
    root.state = state;
    WatchedRoots::identify(root);  // the bare mount point, or nothing
    const bool unmounted = state == WatchedRoot::State::unmounted;
    if (!unmounted && root.file.empty()) removed_folders_.insert(root.folder);
    if (!unmounted && !root.file.empty()) {
      pending_.note(root.file, PendingPaths::Event::now, Clock::now());
    }
    observer_.notice(root.input +
                     (unmounted ? " was unmounted; its briefings stay in the index"
                                : " was deleted or moved away; its briefings leave the index") +
                     "; watching for it to come back");
  }

  // Every indexed path under a folder that went away waits to be removed (after the grace
  // an editor's rename gets): one pass over the records for all such folders at once.
  void note_removed_folders() {
    if (removed_folders_.empty()) return;
    const auto now = Clock::now();
    for (const auto& [path, state] : writer_->states()) {
      for (auto slash = path.rfind('/'); slash != std::string::npos && slash > 0;
           slash = path.rfind('/', slash - 1)) {
        if (removed_folders_.count(path.substr(0, slash))) {
          pending_.note(path, PendingPaths::Event::removed, now);
          break;
        }
      }
    }
    removed_folders_.clear();
  }

  // ------------------------------------------------------------------ inputs and rescans

  void check_roots() {
    const auto now = Clock::now();
    if (now < next_tick_) return;
    next_tick_ = now + kTick;
    for (auto& root : roots_.all()) check(root);
    note_removed_folders();
    if (periodic_ && now >= next_rescan_) rescan_all();
  }

  void check(WatchedRoot& root) {
    if (!WatchedRoots::changed(root)) return;
    const bool present = WatchedRoots::present(root);
    if (root.state == WatchedRoot::State::watching) {
      if (!present) {
        lose(root, WatchedRoot::State::missing);
        return;
      }
      observer_.notice(root.input + " was replaced (something mounted on it?); rescanning it");
      if (watcher_) watcher_->forget(root.folder);
    } else if (present) {
      observer_.notice(root.input + " is back; rescanning it");
    } else {
      WatchedRoots::identify(root);
      return;
    }
    watch(root);
    scan_root(root);
  }

  void scan_root(const WatchedRoot& root) {
    if (root.file.empty()) {
      scan({root.folder});
    } else {
      pending_.note(root.file, PendingPaths::Event::now, Clock::now());
    }
  }

  void rescan_all() {
    rescan_needed_ = false;
    next_rescan_ = Clock::now() + options_.rescan_interval;
    std::vector<std::string> folders;
    for (auto& root : roots_.all()) {
      if (root.state != WatchedRoot::State::watching) continue;
      // Watches lost with the events (a folder made meanwhile) are added again.
      if (watcher_) watch(root);
      if (root.file.empty()) folders.push_back(root.folder);
      if (!root.file.empty()) scan_root(root);
    }
    if (!folders.empty()) scan(folders);
  }

  // Walks `folders` as the first pass would and marks what differs from the records.
  void scan(const std::vector<std::string>& folders) {
    WalkResult walk;
    try {
      walk = walk_inputs(folders, roots_.folder_inputs());
    } catch (const NotFound&) {
      return;  // gone again: its removal has an event of its own
    }
    for (const auto& problem : walk.problems) warn_once(problem);
    const SyncPlan plan = plan_sync(walk, *writer_);
    const auto now = Clock::now();
    for (const auto& file : plan.changed) pending_.note(file.path, PendingPaths::Event::now, now);
    for (const auto& path : plan.gone) pending_.note(path, PendingPaths::Event::now, now);
  }

  // ------------------------------------------------------------------ rounds

  void open_writer() {
    Xapian::WritableDatabase db = open_target(options_.index.database);
    hosts_ = HostDictionary::load(db);
    writer_ = std::make_unique<Writer>(options_.index, report_, std::move(db), hosts_,
                                       Writer::Role::target);
  }

  // Applies the paths that settled: new and changed files, then removals.
  void apply_round() {
    const std::vector<std::string> ready = pending_.take_ready(Clock::now());
    if (ready.empty()) return;
    const auto start = Clock::now();
    std::vector<FoundFile> files;
    std::vector<std::string> gone;
    for (const auto& path : ready) {
      if (roots_.under_unmounted(path)) continue;
      std::vector<std::string> problems;
      std::optional<FoundFile> file;
      if (roots_.wanted(path)) file = examine_file(path, roots_.folder_inputs(), problems);
      for (const auto& problem : problems) warn_once(problem);
      if (file && !writer_->is_unchanged(*file)) files.push_back(std::move(*file));
      if (!file && writer_->states().count(path)) gone.push_back(path);
    }
    if (files.empty() && gone.empty()) return;
    if (!uncommitted_since_) uncommitted_since_ = start;
    size_t examined = 0;
    apply_files(files, options_.index, jobs_, hosts_, *writer_, report_, observer_, [&] {
      if (++examined % kReadEventsEvery == 0) read_events();
      return stop_.requested();
    });
    for (const auto& path : gone) writer_->remove_path(path);
    report_.seconds += std::chrono::duration<double>(Clock::now() - start).count();
  }

  // Commits what the rounds applied, unless a burst is still arriving (and has not waited
  // kMaxCommitDelay yet); `now` commits in any case.
  void commit_if_due(bool now) {
    if (!uncommitted_since_) return;
    const auto time = Clock::now();
    const auto next = pending_.next_ready();
    const bool burst = next && *next - time < kBurstGap;
    if (!now && burst && time - *uncommitted_since_ < kMaxCommitDelay) return;
    const auto start = Clock::now();
    writer_->finish();
    report_.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    const IndexReport& r = report_;
    if (r.added + r.updated + r.removed + r.skipped + r.warnings > 0) observer_.applied(r);
    report_ = IndexReport{};
    uncommitted_since_.reset();
  }

  const WatchOptions& options_;
  WatchObserver& observer_;
  WatchStop& stop_;
  WatchedRoots roots_;
  PendingPaths pending_;
  const unsigned jobs_;
  std::unique_ptr<FolderWatcher> watcher_;  // null when inotify is unavailable
  bool periodic_ = false;                   // rescan every rescan_interval
  bool rescan_needed_ = false;
  Clock::time_point next_tick_, next_rescan_;
  std::unordered_set<std::string> removed_folders_;
  std::set<std::string> warned_;  // each problem is told once, not at every rescan
  IndexReport report_;            // of what was applied since the last commit
  std::optional<Clock::time_point> uncommitted_since_;
  HostDictionary hosts_;
  std::unique_ptr<Writer> writer_;
};

}  // namespace

void run_watch(const WatchOptions& options, WatchObserver& observer, WatchStop& stop) {
  try {
    WatchLoop(options, observer, stop).run();
  } catch (const Xapian::Error&) {
    rethrow_translated();
  }
}

}  // namespace briefings
