// The index writer (run_index): brings a Xapian database in line with folders and files of
// briefings.
//
//   IndexOptions options;
//   options.database = "/home/me/.local/share/briefings/db";
//   options.inputs = {"/home/me/briefings"};
//   IndexReport report = run_index(options, observer);
//
// What a run does:
//  * Walks every input (indexer/file_walker.h: folders recursively; *.txt and *.md; hidden
//    entries skipped; a symbolic link followed only where it leads inside one of the run's
//    input folders, a link out of them reported as a warning and not followed; a file named
//    as an input taken wherever it leads; each real folder visited once, so link loops end).
//  * Skips a file whose size and mtime match the record kept from the last run. Others are
//    read and parsed on `jobs` threads; the one writer thread applies the results in walk
//    order. A file whose content is unchanged (same content id) only has its record updated.
//  * Identical content under several paths is one document that lists every path. A moved
//    file therefore keeps its document; a file gone from an indexed folder is removed (and
//    its document with it once no path is left).
//  * Each briefing keeps the time it was first indexed (schema slot "indexed_at"), through
//    moves, extra copies, edits of its file and rebuilds (indexer/indexed_at_stamps.h).
//  * Commits every `batch_size` changes and at the end. Each commit is atomic: killing the
//    process leaves the database at its last commit, and a re-run finishes the job.
//  * Building from nothing (options.full, or a first run over kBulkBuildMinimum files) is
//    different: each of `jobs` threads indexes a contiguous share of the files into its own
//    shard beside the database, the shards are compacted into one, and that replaces the
//    database folder by rename. The old database stays readable (and locked) until then;
//    a killed build leaves it untouched and the next run clears the leftovers.
//
// Ownership and threads: run_index opens the target WritableDatabase itself (and, in a bulk
// build, one per shard) and closes them before returning. Only one writer can hold a
// database: a second gets DatabaseLocked. Observer callbacks are made from the calling
// thread only.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "index/briefing.h"

namespace briefings {

// Below this many files a first run indexes in place, committing as it goes.
inline constexpr size_t kBulkBuildMinimum = 1000;

struct IndexOptions {
  std::string database;
  std::vector<std::string> inputs;    // files and folders
  std::optional<Date> date_override;  // --date
  unsigned jobs = 0;                  // parsing threads; 0 = one per core
  bool full = false;                  // rebuild from scratch, ignoring what is indexed
  size_t batch_size = 2000;           // changes per commit
};

struct IndexReport {
  size_t added = 0;      // new paths
  size_t updated = 0;    // paths whose content changed
  size_t unchanged = 0;  // paths whose content is what is indexed
  size_t removed = 0;    // paths gone (or no longer indexable)
  size_t skipped = 0;    // files not indexed; reasons counted below
  std::map<std::string, size_t> skip_reasons;
  size_t warnings = 0;
  size_t documents = 0;  // documents in the database at the end
  double seconds = 0;
};

class IndexObserver {
 public:
  virtual ~IndexObserver() = default;
  // `done` of `total` files have been examined.
  virtual void progress(size_t /*done*/, size_t /*total*/) {}
  // A file was skipped or repaired. `message` is a short phrase, `path` the file.
  virtual void warning(const std::string& /*path*/, const std::string& /*message*/) {}
  // Asked between files: true ends the run early. An incremental run then commits what it
  // applied; a build from nothing is abandoned (IndexInterrupted), its target untouched.
  virtual bool stopping() const { return false; }
};

// run_index was asked to stop (IndexObserver::stopping) during a build from nothing, which
// has nothing to commit until it is whole: the database is as it was.
struct IndexInterrupted : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws the errors of index/errors.h, never a Xapian::Error: NotFound (an input path does
// not exist) or InvalidInput (an input that is no file or folder), DatabaseNotWritable,
// DatabaseLocked, DatabaseCannotCreate, DatabaseCorrupt, StorageError (I/O failures, a full
// disk), schema::SchemaMismatch (unless options.full); std::filesystem::filesystem_error
// when a rebuilt database cannot be written to disk or put in place; IndexInterrupted when
// the observer stops a build from nothing.
IndexReport run_index(const IndexOptions& options, IndexObserver& observer);

}  // namespace briefings
