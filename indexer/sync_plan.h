// Bringing the file records in line with the files: what a walk means for a Writer's records
// (plan_sync), and reading the files that changed into it (apply_files). run_index does this
// once; the watcher (indexer/watch_loop.h) after every rescan and for every settled change.
//
// Ownership and threads: plain functions over the caller's Writer, on the caller's thread;
// apply_files parses on `jobs` threads of its own (indexer/parse_pipeline.h) and joins them
// before it returns. Internal to indexer/.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "index/host_dictionary.h"
#include "indexer/file_walker.h"
#include "indexer/index_writer.h"
#include "indexer/writer.h"

namespace briefings::indexer {

struct SyncPlan {
  std::vector<FoundFile> changed;  // found files whose size or mtime differ from their record
  std::vector<std::string> gone;   // recorded paths inside a walked folder not found; sorted
  size_t unchanged = 0;            // found files whose record matches
};

SyncPlan plan_sync(const WalkResult& walk, const Writer& writer);

// Parses `files` on `jobs` threads and applies each to `writer` in order, telling `report`
// and `observer` what parsing said. Between two files `stop` (when given) may end the work
// early; what was applied stays applied (the caller commits). Returns how many were applied.
size_t apply_files(const std::vector<FoundFile>& files, const IndexOptions& options, unsigned jobs,
                   HostDictionary& hosts, Writer& writer, IndexReport& report,
                   IndexObserver& observer, const std::function<bool()>& stop = {});

}  // namespace briefings::indexer
