// BulkBuild: makes a database from nothing, on every core, and puts it in the target's place.
//
// Each briefing keeps the indexed-at time it had in the target (indexer/indexed_at_stamps.h).
// The files are split into contiguous runs, one per thread, and each thread parses its run
// into its own shard (a Writer in the shard role) in a work folder beside the database. The
// shards are then merged by Xapian's compactor (which keeps walk order in the document
// ids), identical content found by two shards becomes one document, and the result replaces
// the target folder in one exchange of names (indexer/database_files.h). Xapian's writer is
// single-threaded and costs more than parsing, so this is what lets indexing use every core.
//
//   BulkBuild bulk(options, target);
//   if (bulk.prepare()) bulk.run(files, jobs, report, observer);  // else index in place
//
// The target stays open (and locked) throughout, so a second indexer is refused, readers
// see the old database until the exchange, and a killed build leaves the target as it
// was; the next run clears the leftover work folder.
//
// Threads: run() starts and joins its shard threads; observer calls stay on the calling
// thread. A shard's error (a Xapian or file system one) stops the others and is rethrown
// by run(); an observer that is stopping() stops them all too (IndexInterrupted).
// Internal to indexer/.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <vector>

#include "index/host_dictionary.h"
#include "indexer/file_walker.h"
#include "indexer/index_writer.h"
#include "indexer/indexed_at_stamps.h"

namespace briefings::indexer {

class BulkBuild {
 public:
  // `target` is the open database to be replaced; it must stay open until run() returns.
  // `stamps` times the documents (shared by the shards).
  BulkBuild(const IndexOptions& options, Xapian::WritableDatabase& target, IndexedAtStamps& stamps);
  ~BulkBuild();  // removes the work folder
  BulkBuild(const BulkBuild&) = delete;
  BulkBuild& operator=(const BulkBuild&) = delete;

  // Makes the work folder. False when the target's parent folder is not writable.
  bool prepare();

  // Builds the database from `files` on up to `threads` threads and swaps it in. Adds the
  // counts, warnings and skips to `report` and sets report.documents.
  void run(const std::vector<FoundFile>& files, unsigned threads, IndexReport& report,
           IndexObserver& observer);

 private:
  struct Shard;
  struct ShardWork;
  static constexpr size_t kMinFilesPerShard = 500;

  std::filesystem::path shard_path(unsigned k) const;
  void build_shards(std::vector<Shard>& shards, ShardWork& work, IndexObserver& observer);
  void build_shard(unsigned k, Shard& shard, ShardWork& work);
  size_t merge(unsigned shards, HostDictionary& hosts);
  std::filesystem::path compact_shards(unsigned shards);
  size_t finish_merged(const std::filesystem::path& merged, HostDictionary& hosts);

  const IndexOptions& options_;
  Xapian::WritableDatabase& target_;
  IndexedAtStamps& stamps_;
  std::filesystem::path db_, work_;
};

}  // namespace briefings::indexer
