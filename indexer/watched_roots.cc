#include "indexer/watched_roots.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "index/errors.h"
#include "indexer/file_walker.h"

namespace briefings::indexer {

WatchedRoots::WatchedRoots(const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) {
    WatchedRoot root;
    root.input = normal_absolute(input);
    struct stat st;
    if (::stat(root.input.c_str(), &st) != 0) {
      throw NotFound("cannot index " + input + ": " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
      root.folder = root.input;
      folder_inputs_.push_back(root.input);
    } else if (S_ISREG(st.st_mode)) {
      root.file = root.input;
      root.folder = std::filesystem::path(root.input).parent_path().string();
    } else {
      throw InvalidInput("PATH", root.input + " is neither a file nor a folder; cannot index it");
    }
    identify(root);
    roots_.push_back(std::move(root));
  }
}

bool WatchedRoots::inside_folder_input(const std::string& path) const {
  for (const auto& root : roots_) {
    if (!root.file.empty() || root.state != WatchedRoot::State::watching) continue;
    if (path == root.folder || path_is_under(path, root.folder)) return true;
  }
  return false;
}

bool WatchedRoots::under_unmounted(const std::string& path) const {
  for (const auto& root : roots_) {
    if (root.state != WatchedRoot::State::unmounted) continue;
    if (path == root.input || path_is_under(path, root.folder)) return true;
  }
  return false;
}

bool WatchedRoots::wanted(const std::string& path) const {
  for (const auto& root : roots_) {
    if (root.file == path) return true;
  }
  const std::string name = std::filesystem::path(path).filename().string();
  return is_briefing_name(name) && inside_folder_input(path);
}

bool WatchedRoots::present(const WatchedRoot& root) {
  struct stat st;
  return ::stat(root.folder.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool WatchedRoots::changed(const WatchedRoot& root) {
  struct stat st;
  if (::stat(root.folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return root.identified;  // a folder was there, and is not now
  }
  return !root.identified || st.st_dev != root.device || st.st_ino != root.inode;
}

void WatchedRoots::identify(WatchedRoot& root) {
  struct stat st;
  root.identified = ::stat(root.folder.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  root.device = root.identified ? st.st_dev : 0;
  root.inode = root.identified ? st.st_ino : 0;
}

}  // namespace briefings::indexer
