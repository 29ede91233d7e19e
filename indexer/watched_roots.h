// WatchedRoots: the inputs of a watch (folders, or single files), which paths under them the
// watcher cares about, and whether each input is there to be watched.
//
// A folder input is watched as a tree; a file input by watching its folder alone, for that
// one name. An input can go and come back: deleted or moved away (`missing`: back when a
// folder is at its path again), or its file system unmounted (`unmounted`: back when what is
// at its path is no longer the bare mount point left behind). check() compares each input
// with what is at its path now, so a folder replaced under the watcher (something mounted
// over it, a folder moved in its place) is noticed even when no event said so.
//
// Ownership and threads: plain values; one thread (the watch loop) uses it. Internal to
// indexer/.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace briefings::indexer {

struct WatchedRoot {
  enum class State { watching, missing, unmounted };
  std::string input;   // as given, absolute and normal
  std::string folder;  // the folder watched: the input, or a file input's folder
  std::string file;    // a file input's path; empty for a folder input
  State state = State::watching;
  // What was at `folder` when it was watched, or (unmounted) the mount point left behind.
  dev_t device = 0;
  ino_t inode = 0;
  bool identified = false;
};

class WatchedRoots {
 public:
  // Throws NotFound for an input that does not exist, InvalidInput for one that is neither
  // a file nor a folder (as run_index would).
  explicit WatchedRoots(const std::vector<std::string>& inputs);

  std::vector<WatchedRoot>& all() { return roots_; }
  // The folder inputs: where the walker lets symbolic links lead.
  const std::vector<std::string>& folder_inputs() const { return folder_inputs_; }

  // A path whose changes matter: a briefing name under a watched folder input, or a file
  // input itself.
  bool wanted(const std::string& path) const;
  // True when `path` is a watched folder input or lies under one.
  bool inside_folder_input(const std::string& path) const;
  // True when `path` is an unmounted input or lies under one: its record is kept.
  bool under_unmounted(const std::string& path) const;

  // A folder is at `root.folder`.
  static bool present(const WatchedRoot& root);
  // What is at `root.folder` now differs from what was watched (or left behind).
  static bool changed(const WatchedRoot& root);
  // Remembers what is at `root.folder` now.
  static void identify(WatchedRoot& root);

 private:
  std::vector<WatchedRoot> roots_;
  std::vector<std::string> folder_inputs_;
};

}  // namespace briefings::indexer
