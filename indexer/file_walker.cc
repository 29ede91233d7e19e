#include "indexer/file_walker.h"

#include <dirent.h>
#include <sys/stat.h>

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <utility>

#include "index/errors.h"

namespace briefings {

namespace {

namespace fs = std::filesystem;

bool has_briefing_extension(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "txt" || ext == "md";
}

FoundFile found(const std::string& path, const struct stat& st) {
  return FoundFile{path, static_cast<long long>(st.st_size),
                   static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

// False (with a problem reported) for a link whose target is outside every root (real
// paths): a link to ~/.ssh dropped into a briefings folder must not get its target indexed
// and served. A dangling link counts as inside; stat() reports it.
bool leads_inside(const std::string& link, const std::vector<std::string>& roots,
                  std::vector<std::string>& problems) {
  char* resolved = ::realpath(link.c_str(), nullptr);
  if (!resolved) return true;
  std::string target(resolved);
  std::free(resolved);
  for (const auto& root : roots) {
    if (target == root || path_is_under(target, root)) return true;
  }
  problems.push_back(link + ": symbolic link out of the indexed folders (to " + target +
                     "), not followed");
  return false;
}

class Walker {
 public:
  // `roots`: the real paths (links resolved) of the input folders. A link is followed only
  // when its target lies inside one of them.
  Walker(WalkResult& result, std::vector<std::string> roots)
      : result_(result), roots_(std::move(roots)) {}

  void walk_folder(const std::string& folder, const struct stat& st) {
    // Bounded by the number of distinct real folders: each (device, inode) is entered once.
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) {
      result_.problems.push_back(folder + ": cannot open folder (" + std::strerror(errno) + ")");
      return;
    }
    std::vector<std::string> names;
    while (dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] != '.') names.emplace_back(entry->d_name);
    }
    std::sort(names.begin(), names.end());
    // Every name is stat'ed relative to the open folder (fstatat), a link a second time to
    // follow it: the walk of an unchanged corpus is mostly these calls. The folder is closed
    // before the walk goes deeper, so a deep tree never holds more than one folder open.
    struct Child {
      int error = 0;         // errno of the stat that failed, 0 when `st` is good
      bool is_link = false;  // `st` is then the link's target
      struct stat st {};
    };
    std::vector<Child> children(names.size());
    const int folder_fd = ::dirfd(dir);
    for (size_t i = 0; i < names.size(); ++i) {
      Child& c = children[i];
      if (::fstatat(folder_fd, names[i].c_str(), &c.st, AT_SYMLINK_NOFOLLOW) != 0) {
        c.error = errno;
      } else if (S_ISLNK(c.st.st_mode)) {
        c.is_link = true;
        if (::fstatat(folder_fd, names[i].c_str(), &c.st, 0) != 0) c.error = errno;
      }
    }
    ::closedir(dir);

    for (size_t i = 0; i < names.size(); ++i) {
      const Child& c = children[i];
      std::string path = folder + "/" + names[i];
      if (c.is_link && !leads_inside(path, roots_, result_.problems)) continue;
      if (c.error != 0) {
        // Unreadable, a dangling link, or gone mid-walk: nothing to index.
        result_.problems.push_back(path + ": cannot read (" + std::strerror(c.error) + ")");
        continue;
      }
      if (S_ISDIR(c.st.st_mode)) {
        walk_folder(path, c.st);
      } else if (S_ISREG(c.st.st_mode) && is_briefing_name(names[i])) {
        result_.files.push_back(found(path, c.st));
      }
    }
  }

 private:
  WalkResult& result_;
  std::vector<std::string> roots_;
  std::set<std::pair<dev_t, ino_t>> visited_;
};

std::string real_path_of(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  std::string real = resolved ? resolved : path;
  std::free(resolved);
  return real;
}

}  // namespace

std::string normal_absolute(const std::string& input) {
  std::string p = fs::absolute(fs::path(input)).lexically_normal().string();
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  return p;
}

std::optional<FoundFile> examine_file(const std::string& path,
                                      const std::vector<std::string>& link_roots,
                                      std::vector<std::string>& problems) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  if (S_ISLNK(st.st_mode)) {
    std::vector<std::string> roots;
    for (const auto& root : link_roots) roots.push_back(real_path_of(normal_absolute(root)));
    if (!leads_inside(path, roots, problems) || ::stat(path.c_str(), &st) != 0) {
      return std::nullopt;
    }
  }
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  return found(path, st);
}

bool is_briefing_name(const std::string& name) {
  return !name.empty() && name[0] != '.' && has_briefing_extension(name);
}

bool path_is_under(const std::string& path, const std::string& folder) {
  if (folder == "/") return !path.empty() && path[0] == '/';
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
         path[folder.size()] == '/';
}

WalkResult walk_inputs(const std::vector<std::string>& inputs,
                       const std::vector<std::string>& link_roots) {
  WalkResult result;
  std::vector<std::pair<std::string, struct stat>> checked;
  for (const auto& input : inputs) {
    std::string path = normal_absolute(input);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      throw NotFound("cannot index " + input + ": " + std::strerror(errno));
    }
    checked.emplace_back(path, st);
  }
  std::vector<std::string> roots;
  for (const auto& root : link_roots) roots.push_back(real_path_of(normal_absolute(root)));
  for (const auto& [path, st] : checked) {
    if (link_roots.empty() && S_ISDIR(st.st_mode)) roots.push_back(real_path_of(path));
  }
  Walker walker(result, std::move(roots));
  for (const auto& [path, st] : checked) {
    if (S_ISDIR(st.st_mode)) {
      result.folders.push_back(path);
      walker.walk_folder(path, st);
    } else if (S_ISREG(st.st_mode)) {
      result.files.push_back(found(path, st));
    } else {
      throw InvalidInput("PATH", path + " is neither a file nor a folder; cannot index it");
    }
  }
  // The same file named twice (or reached twice through links) is examined once.
  std::set<std::string> seen;
  result.files.erase(
      std::remove_if(result.files.begin(), result.files.end(),
                     [&](const FoundFile& f) { return !seen.insert(f.path).second; }),
      result.files.end());
  return result;
}

}  // namespace briefings
