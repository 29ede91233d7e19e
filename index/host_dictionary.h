// HostDictionary: the cited hosts of one database, each numbered by a small id.
//
// The domain facet reads the hosts slot of every document a query matches, so that slot
// holds ids (index/host_id_slot.h), a byte or two per host, rather than names: reading
// names was most of the facet's cost. The dictionary turns ids back into names.
//
// A host gets the next id the first time it is seen and keeps it for the life of the
// database: ids are never reused or renumbered, so a stored slot never goes stale. A host no
// document cites any more keeps its id too; the facet counts only what documents cite. The
// names are one metadata entry (schema::kHostNamesKey): each name as a LEB128 varint length
// and its bytes, in id order. A rebuild (--full) starts a new dictionary with the new
// database.
//
// Ownership and threads: a plain value. id_for(), encode() and save() lock, so the
// indexer's parsing threads can share one dictionary while the writer thread saves it;
// names() is for readers only (a searcher's own copy), with no thread adding.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace briefings {

class HostDictionary {
 public:
  HostDictionary() = default;
  HostDictionary(const HostDictionary& other);
  HostDictionary& operator=(const HostDictionary& other);

  // The dictionary kept in `db` (empty for a new database). Throws std::runtime_error when
  // the entry is damaged.
  static HostDictionary load(const Xapian::Database& db);

  // The id of `host`, giving it the next id when it is new.
  uint32_t id_for(std::string_view host);
  // The hosts slot value for these hosts (schema::encode_host_ids of their ids).
  std::string encode(const std::vector<std::string>& hosts);
  // Writes the names into db's metadata when hosts were added since it was loaded or last
  // saved; the caller's next commit makes that durable together with the documents.
  void save(Xapian::WritableDatabase& db);

  // Every name, indexed by id. Readers only: not while another thread adds hosts.
  const std::vector<std::string>& names() const { return names_; }
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, uint32_t> ids_;
  size_t saved_ = 0;  // names_[0, saved_) are in the database
};

}  // namespace briefings
