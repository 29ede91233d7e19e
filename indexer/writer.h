// Writer: applies parsed files to one WritableDatabase, in the order given, and keeps the
// database's per-file records (schema::FileState: path, size, mtime, content id).
//
// Documents are keyed by content: identical content under several paths is one document
// listing every path; a path whose content changes moves to the document of its new
// content; a document left with no path is deleted. Counts of what happened go into the
// IndexReport. Every `options.batch_size` changes, and at finish(), it commits.
//
// Each document added gets its indexed-at time from an IndexedAtStamps
// (indexer/indexed_at_stamps.h): the writer of an incremental run makes its own from the
// database; the shards of a bulk build share one made from the database they replace.
//
// Roles. The target's writer (an incremental run) saves the host dictionary and the
// spelling changes with each commit, so every commit is whole. A shard of a bulk build is
// scratch until the merge: the shards share one host dictionary, which the merge saves, and
// a shard adds its spelling data once, when it is finished. Adding it per commit re-added the
// common words at every commit, with a B-tree update for each; a shard's words and counts fit
// in memory (its vocabulary, not its text).
//
// Ownership and threads: owns its database handle; one thread drives a Writer (a bulk build
// runs one per shard thread). Xapian errors pass through. Internal to indexer/.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "index/codec.h"
#include "index/host_dictionary.h"
#include "index/schema.h"
#include "indexer/index_writer.h"
#include "indexer/indexed_at_stamps.h"
#include "indexer/parse_pipeline.h"
#include "indexer/spelling_changes.h"

namespace briefings::indexer {

class Writer {
 public:
  enum class Role { target, shard };
  // Loads the file records `db` holds. `hosts` numbers the hosts of the documents; `stamps`
  // (when given, outliving the writer) times them, else the writer times them from `db`.
  Writer(const IndexOptions& options, IndexReport& report, Xapian::WritableDatabase db,
         HostDictionary& hosts, Role role, IndexedAtStamps* stamps = nullptr);

  // The file records, by path: what the database held, with this run's changes.
  const std::unordered_map<std::string, schema::FileState>& states() const { return states_; }

  // True when the record of `file` has its size and mtime: it need not be read again.
  bool is_unchanged(const FoundFile& file) const;

  // Adds, updates or keeps the document of one parsed file. A skipped file that is no
  // longer a briefing loses its record; one that could not be read keeps it.
  void apply(Parsed& parsed);

  // A path that is no longer there (or no longer a briefing).
  void remove_path(const std::string& path);

  // The last commit; sets report.documents.
  void finish();

 private:
  void commit();
  void load_file_states();
  std::optional<Xapian::docid> find(const std::string& id);
  std::optional<IndexedAt> indexed_at_of_briefing(const std::string& id);
  void attach_path(Briefing& briefing, Xapian::Document&& built,
                   const std::vector<std::string>& words,
                   std::optional<IndexedAt> inherited = std::nullopt);
  bool detach_path(const std::string& id, const std::string& path, Parsed* replacement = nullptr);
  void changed();

  const IndexOptions& options_;
  IndexReport& report_;
  Xapian::WritableDatabase db_;
  HostDictionary& hosts_;
  const Role role_;
  std::unique_ptr<IndexedAtStamps> own_stamps_;
  IndexedAtStamps& stamps_;
  std::unordered_map<std::string, schema::FileState> states_;
  SpellingChanges spelling_;
  DocumentBuilder builder_;  // for the spelling words of documents taken out
  size_t pending_ = 0;
};

// True when `db` holds any file record: a database whose briefings were all removed is not
// a new one.
bool has_file_records(const Xapian::Database& db);

}  // namespace briefings::indexer
