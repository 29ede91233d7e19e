#include "indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "index/host_dictionary.h"
#include "index/schema.h"
#include "index/xapian_errors.h"
#include "indexer/bulk_build.h"
#include "indexer/database_files.h"
#include "indexer/file_walker.h"
#include "indexer/indexed_at_stamps.h"
#include "indexer/sync_plan.h"
#include "indexer/writer.h"

namespace briefings {

namespace {

using namespace indexer;

// One run of run_index: walk, open the target, then build it in bulk or bring it up to
// date in place.
class IndexRun {
 public:
  IndexRun(const IndexOptions& options, IndexObserver& observer)
      : options_(options),
        observer_(observer),
        start_(std::chrono::steady_clock::now()),
        jobs_(options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency())) {}

  IndexReport run() {
    check_writable(options_.database);
    // Walk first: a mistyped input fails before the database is touched.
    walk();
    restore_interrupted_swap(options_.database);
    Xapian::WritableDatabase target = open_target(options_.database);
    clear_leftover_builds(options_.database);
    const bool empty = target.get_doccount() == 0 && !has_file_records(target);
    if (!options_.full && !empty) schema::check_schema_version(target);

    // From nothing (--full, or a first run over many files): build beside the target and
    // swap it in. The first run over a few files commits as it goes, like any other.
    if (options_.full || (empty && walk_.files.size() >= kBulkBuildMinimum)) {
      // A rebuild keeps each briefing's indexed-at time (indexer/indexed_at_stamps.h).
      IndexedAtStamps stamps(target, IndexedAtStamps::Remember::every_briefing);
      if (build_in_bulk(target, stamps)) return finished();
      if (options_.full) {
        // The target's parent folder is not writable: rebuild in place instead.
        target.close();
        index_in_place(overwrite_target(options_.database), &stamps);
        return finished();
      }
    }
    index_in_place(std::move(target));
    return finished();
  }

 private:
  void walk() {
    walk_ = walk_inputs(options_.inputs);
    for (const auto& problem : walk_.problems) {
      ++report_.warnings;
      auto colon = problem.rfind(": ");
      observer_.warning(problem.substr(0, colon), problem.substr(colon + 2));
    }
  }

  // False when there is no room beside the target to build in.
  bool build_in_bulk(Xapian::WritableDatabase& target, IndexedAtStamps& stamps) {
    BulkBuild bulk(options_, target, stamps);
    if (!bulk.prepare()) return false;
    bulk.run(walk_.files, jobs_, report_, observer_);
    target.close();
    return true;
  }

  void index_in_place(Xapian::WritableDatabase target, IndexedAtStamps* stamps = nullptr) {
    target.set_metadata(std::string(schema::kSchemaVersionKey),
                        std::to_string(schema::kSchemaVersion));
    HostDictionary hosts = HostDictionary::load(target);
    Writer writer(options_, report_, std::move(target), hosts, Writer::Role::target, stamps);
    SyncPlan plan = plan_sync(walk_, writer);
    report_.unchanged += plan.unchanged;
    // New paths first: a file that moved is then added to its document's paths before its
    // old path is taken off, so the document stays (same docid, no terms rewritten).
    apply_files(plan.changed, options_, jobs_, hosts, writer, report_, observer_,
                [this] { return observer_.stopping(); });
    for (const auto& path : plan.gone) writer.remove_path(path);
    writer.finish();
  }

  IndexReport finished() {
    report_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return report_;
  }

  const IndexOptions& options_;
  IndexObserver& observer_;
  const std::chrono::steady_clock::time_point start_;
  const unsigned jobs_;
  IndexReport report_;
  WalkResult walk_;
};

}  // namespace

IndexReport run_index(const IndexOptions& options, IndexObserver& observer) {
  try {
    return IndexRun(options, observer).run();
  } catch (const Xapian::Error&) {
    rethrow_translated();
  }
}

}  // namespace briefings
