// SavedSearchStore: the file that keeps a database's saved searches (index/saved_search.h),
// beside the database rather than in it.
//
// Why not in the database's metadata: a writer holds Xapian's lock for as long as it runs,
// and `index --watch` and `serve --watch` run for days, so saving a search through the
// database would fail with "being indexed" for as long as a watcher runs; and `index --full`
// replaces the whole database folder (renameat2), which would drop a search saved during the
// rebuild. So the searches live in their own file with their own lock, both named after the
// database and beside it (never inside the folder a rebuild swaps):
//
//   DB.saved.json   the searches; replaced whole by rename, so a reader never sees half a file
//   DB.saved.lock   flock()ed by every change; never renamed or removed
//
// A change takes the lock, reads the file, changes the list, writes DB.saved.json.new, syncs
// it, renames it over the file and syncs the folder. A crash at any moment leaves the old
// file or the new one, whole; a leftover ".new" is overwritten by the next change. Readers
// take no lock: a read is one open and one parse of a small file.
//
// Errors (index/errors.h): InvalidInput("name", ...) for a bad or taken name, NotFound for an
// unknown one, DatabaseLocked when another process holds the lock for more than a few
// seconds, StorageError when the file cannot be read, parsed or written.
//
// Thread-safety: a store holds only paths; any number of threads and processes may use
// stores of the same database at once (the lock serialises changes).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/saved_search.h"

namespace briefings {

class SavedSearchStore {
 public:
  // The store of the database at `database` (which need not exist yet).
  explicit SavedSearchStore(const std::string& database);

  const std::filesystem::path& path() const { return file_; }
  const std::filesystem::path& lock_path() const { return lock_; }

  // Every saved search, in the order they were added; none when the file does not exist.
  std::vector<SavedSearch> list() const;
  // Throws NotFound when no search has this name.
  SavedSearch get(std::string_view name) const;

  // Adds `search` (its name checked), or with `replace` puts it in place of one of that name.
  // Throws AlreadyExists("name", ...) when the name is taken and not `replace`, and
  // InvalidInput("name", ...) when the store already holds kMaxSavedSearches.
  void add(const SavedSearch& search, bool replace);
  // Throws NotFound.
  void remove(std::string_view name);
  // Moves the search's mark on to `through` (never back). Throws NotFound.
  void mark_seen(std::string_view name, IndexedAt through);

  // Under the lock: reads the list, lets `change` edit it, writes it back.
  void update(const std::function<void(std::vector<SavedSearch>&)>& change);

  // How long a change waits for the lock before DatabaseLocked.
  static constexpr int kLockWaitMs = 5000;

 private:
  std::filesystem::path file_, lock_;
};

}  // namespace briefings
