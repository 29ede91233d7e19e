#include "indexer/folder_watcher.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "indexer/file_walker.h"

namespace briefings::indexer {

namespace {

// Everything that can change which briefings a folder holds. IN_EXCL_UNLINK: a file deleted
// while still open (an editor's scratch file) reports nothing more.
constexpr uint32_t kFolderEvents = IN_CREATE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE |
                                   IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE | IN_DELETE_SELF |
                                   IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;

// Bounds one read_changes(): the loop gets back to its timers even under a flood of events.
constexpr int kMaxReadsPerCall = 64;

// The non-hidden subfolders of an open folder (links not followed).
std::vector<std::string> subfolders(const std::string& folder) {
  std::vector<std::string> out;
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return out;
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    bool is_dir = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat st;
      is_dir = ::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISDIR(st.st_mode);
    }
    if (is_dir) out.push_back(folder + "/" + entry->d_name);
  }
  ::closedir(dir);
  return out;
}

bool in_tree(const std::string& path, const std::string& folder) {
  return path == folder || path_is_under(path, folder);
}

}  // namespace

FolderWatcher::FolderWatcher() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
  if (fd_ < 0) {
    const int error = errno;
    std::string message = std::string("cannot start inotify: ") + std::strerror(error);
    if (error == EMFILE) {
      message += " (too many inotify instances for this user: raise fs.inotify.max_user_instances)";
    }
    throw WatchUnavailable(message);
  }
}

FolderWatcher::~FolderWatcher() {
  if (fd_ >= 0) ::close(fd_);
}

bool FolderWatcher::add(const std::string& folder, bool top, WatchAdded& added) {
  // A top may be a link to a folder (named so on the command line); inside, links are not
  // followed.
  const uint32_t mask = kFolderEvents | (top ? 0 : IN_DONT_FOLLOW);
  const int wd = ::inotify_add_watch(fd_, folder.c_str(), mask);
  if (wd < 0) {
    if (errno == ENOSPC) {
      added.out_of_watches = true;
    } else if (errno != ENOENT) {  // gone already: its removal is reported by its parent
      added.problems.push_back(folder + ": cannot watch (" + std::strerror(errno) + ")");
    }
    return false;
  }
  auto [it, fresh] = paths_.try_emplace(wd, Watch{folder, top});
  if (!fresh) {
    // The same folder by another path (a bind mount), or again: keep the first name.
    it->second.top = it->second.top || top;
    return it->second.path == folder;
  }
  wds_[folder] = wd;
  ++added.folders;
  return true;
}

WatchAdded FolderWatcher::watch_tree(const std::string& folder, bool top) {
  WatchAdded added;
  // Depth first with an explicit stack: a deep tree cannot exhaust the call stack. Each
  // watch descriptor is entered once, so a tree reached twice is not walked twice.
  std::vector<std::pair<std::string, bool>> stack{{folder, top}};
  while (!stack.empty() && !added.out_of_watches) {
    auto [next, is_top] = std::move(stack.back());
    stack.pop_back();
    if (!add(next, is_top, added)) continue;
    for (auto& sub : subfolders(next)) stack.emplace_back(std::move(sub), false);
  }
  return added;
}

WatchAdded FolderWatcher::watch_folder(const std::string& folder) {
  WatchAdded added;
  add(folder, true, added);
  return added;
}

void FolderWatcher::forget(const std::string& folder) {
  std::vector<int> gone;
  for (const auto& [wd, watch] : paths_) {
    if (in_tree(watch.path, folder)) gone.push_back(wd);
  }
  for (int wd : gone) {
    ::inotify_rm_watch(fd_, wd);
    drop(wd);
  }
}

void FolderWatcher::drop(int wd) {
  auto it = paths_.find(wd);
  if (it == paths_.end()) return;
  auto named = wds_.find(it->second.path);
  if (named != wds_.end() && named->second == wd) wds_.erase(named);
  paths_.erase(it);
}

std::vector<PathChange> FolderWatcher::read_changes() {
  std::vector<PathChange> out;
  alignas(::inotify_event) char buffer[64 * 1024];
  for (int reads = 0; reads < kMaxReadsPerCall; ++reads) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) break;  // EAGAIN: nothing more waits
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const ::inotify_event*>(buffer + at);
      translate(*event, out);
      at += static_cast<ssize_t>(sizeof(::inotify_event) + event->len);
    }
  }
  return out;
}

void FolderWatcher::translate(const ::inotify_event& event, std::vector<PathChange>& out) {
  using Kind = PathChange::Kind;
  if (event.mask & IN_Q_OVERFLOW) {
    out.push_back({Kind::overflow, ""});
    return;
  }
  auto it = paths_.find(event.wd);
  if (it == paths_.end()) return;  // a watch dropped already; its last events are stale
  const Watch watch = it->second;
  if (event.mask & IN_IGNORED) {
    drop(event.wd);
    return;
  }
  if (event.mask & IN_UNMOUNT) {
    // Every watch on that file system hears it; the first one under the unmounted folder
    // reports it, and the others are dropped with it.
    forget(watch.path);
    out.push_back({Kind::unmounted, watch.path});
    return;
  }
  if (event.mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
    // A subfolder's removal is reported by its parent (below); a top has no parent here.
    forget(watch.path);
    if (watch.top) out.push_back({Kind::top_removed, watch.path});
    return;
  }
  if (event.len == 0) return;
  const std::string path = watch.path + "/" + event.name;
  if (event.mask & IN_ISDIR) {
    if (event.mask & (IN_CREATE | IN_MOVED_TO)) out.push_back({Kind::folder_added, path});
    if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
      forget(path);
      out.push_back({Kind::folder_removed, path});
    }
    return;
  }
  if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
    out.push_back({Kind::file_removed, path});
  } else if (event.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
    out.push_back({Kind::file_written, path});
  } else if (event.mask & IN_ATTRIB) {
    out.push_back({Kind::file_attributes, path});
  } else if (event.mask & (IN_CREATE | IN_MODIFY)) {
    out.push_back({Kind::file_writing, path});
  }
}

long max_user_watches() {
  std::ifstream in("/proc/sys/fs/inotify/max_user_watches");
  long value = -1;
  in >> value;
  return in ? value : -1;
}

}  // namespace briefings::indexer
