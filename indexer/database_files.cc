#include "indexer/database_files.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <stdio.h>  // renameat2, RENAME_EXCHANGE (glibc, _GNU_SOURCE)
#include <unistd.h>

#include "index/errors.h"

namespace briefings::indexer {

namespace {

// A bulk build works in ".<name>.building-<pid>" beside the database. These folders are
// scratch, except in one case: where the file system cannot exchange two folders in one
// call, the swap is two renames (database to "old", new one into place), and a kill
// between them leaves the committed database only in "old".
std::string leftover_prefix(const std::filesystem::path& db) {
  return "." + db.filename().string() + ".building-";
}

// The work folders of builds beside the database `db` (left by killed runs, or ours).
std::vector<std::filesystem::path> leftover_builds(const std::filesystem::path& db) {
  const std::string prefix = leftover_prefix(db);
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(parent_folder(db), ec)) {
    if (entry.path().filename().string().rfind(prefix, 0) == 0) found.push_back(entry.path());
  }
  return found;
}

}  // namespace

void check_writable(const std::string& database) {
  std::error_code ec;
  if (!std::filesystem::is_directory(database, ec)) return;  // open_target creates or refuses it
  for (const std::string& path : {database, database + "/flintlock"}) {
    if (::access(path.c_str(), W_OK) != 0 && errno != ENOENT) {
      throw DatabaseNotWritable("cannot write to the database " + database + " (" + path + ": " +
                                std::strerror(errno) + "); searching it still works");
    }
  }
}

Xapian::WritableDatabase open_target(const std::string& database) {
  // Xapian creates the database folder but not its parents (~/.local/share/briefings).
  auto parent = std::filesystem::path(database).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto locked = [&] {
    return DatabaseLocked("the database " + database +
                          " is being indexed by another process; try again when it is done");
  };
  try {
    return Xapian::WritableDatabase(database, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw locked();
  } catch (const Xapian::DatabaseNotFoundError&) {
    // A run killed while Xapian was creating the database leaves its table files but no
    // version file (iamglass), and Xapian then takes the folder for a database it cannot
    // open. Without a version file no revision was ever committed, so there is nothing to
    // keep: create it again (under Xapian's write lock, so never under another writer).
    if (std::filesystem::exists(std::filesystem::path(database) / "iamglass")) throw;
    try {
      return Xapian::WritableDatabase(database, Xapian::DB_CREATE_OR_OVERWRITE);
    } catch (const Xapian::DatabaseLockError&) {
      throw locked();
    }
  }
}

Xapian::WritableDatabase overwrite_target(const std::string& database) {
  return Xapian::WritableDatabase(database, Xapian::DB_CREATE_OR_OVERWRITE);
}

std::filesystem::path normal_database_path(const std::string& database) {
  std::filesystem::path db = std::filesystem::path(database).lexically_normal();
  if (!db.has_filename()) db = db.parent_path();
  return db;
}

std::filesystem::path parent_folder(const std::filesystem::path& db) {
  return db.parent_path().empty() ? std::filesystem::path(".") : db.parent_path();
}

std::filesystem::path build_folder(const std::filesystem::path& db) {
  return parent_folder(db) / (leftover_prefix(db) + std::to_string(::getpid()));
}

// Runs before the target is opened (there is nothing to lock yet); the window it repairs is
// two system calls wide.
void restore_interrupted_swap(const std::string& database) {
  const std::filesystem::path db = normal_database_path(database);
  std::error_code ec;
  if (std::filesystem::exists(db, ec) || ec) return;
  for (const auto& work : leftover_builds(db)) {
    std::error_code ignored;
    if (std::filesystem::is_directory(work / "old", ignored)) {
      std::filesystem::rename(work / "old", db, ignored);
      if (!ignored) return;
    }
  }
}

void clear_leftover_builds(const std::string& database) {
  for (const auto& work : leftover_builds(normal_database_path(database))) {
    std::error_code ignored;
    std::filesystem::remove_all(work, ignored);
  }
}

void sync_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) {
      throw std::filesystem::filesystem_error("cannot write the rebuilt database to disk",
                                              entry.path(),
                                              std::error_code(errno, std::generic_category()));
    }
  }
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

void swap_into_place(const std::filesystem::path& fresh, const std::filesystem::path& db,
                     const std::filesystem::path& old) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) {
    std::filesystem::rename(fresh, db);
    return;
  }
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, db.c_str(), RENAME_EXCHANGE) == 0) return;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    throw std::filesystem::filesystem_error("cannot put the rebuilt database in place", fresh, db,
                                            std::error_code(errno, std::generic_category()));
  }
  std::filesystem::rename(db, old);
  std::filesystem::rename(fresh, db);
}

}  // namespace briefings::indexer
