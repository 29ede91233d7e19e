// FolderWatcher: Linux inotify over trees of folders, turned into plain changes of paths.
//
//   FolderWatcher watcher;                       // throws WatchUnavailable (no inotify)
//   WatchAdded added = watcher.watch_tree("/home/me/briefings");
//   poll() on watcher.fd() ...
//   for (const PathChange& change : watcher.read_changes()) ...
//
// watch_tree adds the watch on a folder before it lists the folder, then does the same for
// each subfolder, so a file created meanwhile is either in a later listing or in an event:
// a walk made after watch_tree returns misses nothing. Hidden folders (".name") and
// symbolic links are not entered (the walker does not index what is under a hidden folder,
// and a link that leads inside the watched folders leads to a folder watched anyway).
//
// What changes mean (PathChange::Kind):
//   file_writing   a name was created or written to: it may not be complete yet
//   file_written   a name was closed after writing, or renamed here
//   file_attributes a name's attributes changed (touch, chmod)
//   file_removed   a name was deleted or renamed away
//   folder_added   a subfolder was created or moved in: watch_tree it, then walk it
//   folder_removed a subfolder was deleted or moved away; its watches are already dropped
//   top_removed    a folder given to watch_tree/watch_folder was deleted or moved away
//   unmounted      the file system under a watched folder was unmounted
//   overflow       the kernel's event queue overflowed: changes were lost; rescan
// Nothing here decides which names matter: the caller (indexer/watch_loop.h) does.
//
// Ownership and threads: owns its inotify descriptor and closes it when destroyed. Not
// thread-safe: one thread adds watches and reads changes. Internal to indexer/.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

struct inotify_event;  // <sys/inotify.h>

namespace briefings::indexer {

// inotify cannot be used at all: inotify_init failed (fs.inotify.max_user_instances reached,
// or no inotify in this kernel). what() says which and names the setting.
struct WatchUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct PathChange {
  enum class Kind {
    file_writing,
    file_written,
    file_attributes,
    file_removed,
    folder_added,
    folder_removed,
    top_removed,
    unmounted,
    overflow,
  };
  Kind kind;
  std::string path;  // absolute; empty for overflow
};

struct WatchAdded {
  size_t folders = 0;                 // folders newly watched
  bool out_of_watches = false;        // inotify_add_watch said ENOSPC: some are not watched
  std::vector<std::string> problems;  // "PATH: reason" for folders that could not be watched
};

class FolderWatcher {
 public:
  FolderWatcher();
  ~FolderWatcher();
  FolderWatcher(const FolderWatcher&) = delete;
  FolderWatcher& operator=(const FolderWatcher&) = delete;

  // Watches `folder` and every non-hidden folder under it. `top` marks a folder the caller
  // watches for its own sake (its removal is top_removed); a subfolder found by folder_added
  // is not top.
  WatchAdded watch_tree(const std::string& folder, bool top);
  // Watches `folder` alone, as a top (for a single file given as an input).
  WatchAdded watch_folder(const std::string& folder);
  // Stops watching `folder` and everything under it.
  void forget(const std::string& folder);

  // For poll(): readable when changes wait.
  int fd() const { return fd_; }
  // The changes waiting now (none when none wait); never blocks.
  std::vector<PathChange> read_changes();

  size_t watch_count() const { return paths_.size(); }

 private:
  struct Watch {
    std::string path;
    bool top = false;
  };
  // Adds one watch; false when the folder cannot be watched (recorded in `added`).
  bool add(const std::string& folder, bool top, WatchAdded& added);
  void drop(int wd);
  void translate(const ::inotify_event& event, std::vector<PathChange>& out);

  int fd_ = -1;
  std::unordered_map<int, Watch> paths_;      // by watch descriptor
  std::unordered_map<std::string, int> wds_;  // by path
};

// The system's limit on inotify watches per user (fs.inotify.max_user_watches), or -1.
long max_user_watches();

}  // namespace briefings::indexer
