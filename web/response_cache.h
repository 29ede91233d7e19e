// ResponseCache: the most recent search answers, shared by the server's worker threads.
//
// People repeat searches: paging back, toggling a source filter, reloading the page. An
// answer is kept under its request (the decoded parameters, in order) together with the
// database version it was computed from (uuid and revision); it is served only while the
// database is still at that version, so a commit by the indexer retires every entry at
// once without any coordination. Least recently used entries go first when either bound
// (entries or bytes) is reached.
//
// Thread-safety: every method may be called from any thread; one mutex guards all state,
// held only for map operations, never while searching or copying a body.
// Ownership: the cache owns copies of the answers it keeps, at most its byte budget.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace briefings::web {

class ResponseCache {
 public:
  ResponseCache(size_t max_entries, size_t max_bytes);

  // The cache key of a request's parameters: every name and value, in order, unambiguous.
  static std::string key_of(const std::vector<std::pair<std::string, std::string>>& params);

  // The body cached for `key` at `version`, if any. An entry for another version is dropped.
  std::optional<std::string> get(const std::string& key, const std::string& version);
  // Keeps `body` for `key` at `version`; a body larger than the byte bound is not kept.
  void put(const std::string& key, const std::string& version, std::string body);

  size_t entries() const;
  size_t bytes() const;

 private:
  struct Entry {
    std::string key, version;
    std::shared_ptr<const std::string> body;  // shared, so get() copies it after unlocking
  };
  void erase_locked(std::list<Entry>::iterator entry);
  void evict_locked();

  const size_t max_entries_, max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace briefings::web
