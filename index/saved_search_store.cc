#include "index/saved_search_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "index/errors.h"

namespace briefings {

namespace {

StorageError storage_error(const std::string& what, const std::filesystem::path& path, int error) {
  return StorageError(what + " " + path.string() + ": " + std::strerror(error),
                      std::strerror(error), error == ENOSPC || error == EDQUOT);
}

// An open file descriptor, closed on destruction.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Holds the store's lock (flock on its lock file) while it lives.
class StoreLock {
 public:
  explicit StoreLock(const std::filesystem::path& lock) {
    std::error_code ignored;
    std::filesystem::create_directories(lock.parent_path(), ignored);
    file_.fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (file_.fd < 0)
      throw storage_error("cannot open the lock of the saved searches", lock, errno);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(SavedSearchStore::kLockWaitMs);
    while (::flock(file_.fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) {
        throw storage_error("cannot lock the saved searches with", lock, errno);
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw DatabaseLocked("the saved searches are being changed by another process (" +
                             lock.string() + " is locked); try again");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

 private:
  Fd file_;  // closing it releases the lock
};

void write_all(int fd, const std::string& text, const std::filesystem::path& path) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw storage_error("cannot write the saved searches to", path, n < 0 ? errno : EIO);
    done += static_cast<size_t>(n);
  }
}

// Replaces `file` with `text` by way of `file`.new: whole or not at all, and durable.
void replace_file(const std::filesystem::path& file, const std::string& text) {
  const std::filesystem::path fresh = file.string() + ".new";
  {
    Fd out{::open(fresh.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)};
    if (out.fd < 0) throw storage_error("cannot write the saved searches to", fresh, errno);
    try {
      write_all(out.fd, text, fresh);
      if (::fsync(out.fd) != 0)
        throw storage_error("cannot write the saved searches to", fresh, errno);
    } catch (...) {
      ::unlink(fresh.c_str());
      throw;
    }
  }
  if (::rename(fresh.c_str(), file.c_str()) != 0) {
    const int error = errno;
    ::unlink(fresh.c_str());
    throw storage_error("cannot put the saved searches in place at", file, error);
  }
  Fd folder{::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (folder.fd >= 0) ::fsync(folder.fd);
}

std::vector<SavedSearch>::iterator named(std::vector<SavedSearch>& list, std::string_view name) {
  return std::find_if(list.begin(), list.end(), [&](const auto& s) { return s.name == name; });
}

NotFound unknown(std::string_view name) {
  return NotFound("no saved search named '" + std::string(name.substr(0, 80)) +
                  "'; `briefings saved list` shows them");
}

}  // namespace

SavedSearchStore::SavedSearchStore(const std::string& database) {
  std::filesystem::path db = std::filesystem::path(database).lexically_normal();
  if (!db.has_filename()) db = db.parent_path();
  if (db.parent_path().empty()) db = std::filesystem::path(".") / db;
  file_ = db.string() + ".saved.json";
  lock_ = db.string() + ".saved.lock";
}

std::vector<SavedSearch> SavedSearchStore::list() const {
  Fd in{::open(file_.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) {
    if (errno == ENOENT) return {};
    throw storage_error("cannot read the saved searches in", file_, errno);
  }
  std::string text;
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(in.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw storage_error("cannot read the saved searches in", file_, errno);
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  try {
    return saved_searches_from_text(text);
  } catch (const std::runtime_error& e) {
    throw StorageError("the saved searches in " + file_.string() + " cannot be read (" + e.what() +
                           "); mend or remove the file",
                       "", false);
  }
}

SavedSearch SavedSearchStore::get(std::string_view name) const {
  std::vector<SavedSearch> all = list();
  auto it = named(all, name);
  if (it == all.end()) throw unknown(name);
  return *it;
}

void SavedSearchStore::update(const std::function<void(std::vector<SavedSearch>&)>& change) {
  StoreLock lock(lock_);
  std::vector<SavedSearch> all = list();
  change(all);
  replace_file(file_, saved_searches_to_text(all));
}

void SavedSearchStore::add(const SavedSearch& search, bool replace) {
  check_saved_search_name(search.name);
  update([&](std::vector<SavedSearch>& all) {
    auto it = named(all, search.name);
    if (it != all.end() && !replace) {
      throw AlreadyExists(
          "name", "'" + search.name + "' is already a saved search; remove it first or replace it");
    }
    if (it != all.end()) {
      *it = search;
    } else if (all.size() >= kMaxSavedSearches) {
      throw InvalidInput("name", "cannot be added: there are already " +
                                     std::to_string(kMaxSavedSearches) + " saved searches");
    } else {
      all.push_back(search);
    }
  });
}

void SavedSearchStore::remove(std::string_view name) {
  update([&](std::vector<SavedSearch>& all) {
    auto it = named(all, name);
    if (it == all.end()) throw unknown(name);
    all.erase(it);
  });
}

void SavedSearchStore::mark_seen(std::string_view name, IndexedAt through) {
  update([&](std::vector<SavedSearch>& all) {
    auto it = named(all, name);
    if (it == all.end()) throw unknown(name);
    it->seen_through = std::max(it->seen_through, through);
  });
}

}  // namespace briefings
