#include "indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <unordered_map>

#include "index/host_dictionary.h"
#include "index/schema.h"
#include "indexer/bulk_build.h"
#include "indexer/database_files.h"
#include "indexer/file_walker.h"
#include "indexer/parse_pipeline.h"
#include "indexer/writer.h"

namespace briefings {

namespace {

using indexer::BulkBuild;
using indexer::clear_leftover_builds;
using indexer::has_file_records;
using indexer::open_target;
using indexer::overwrite_target;
using indexer::Parsed;
using indexer::ParsePipeline;
using indexer::report_parsed;
using indexer::restore_interrupted_swap;
using indexer::Writer;

}  // namespace

IndexReport run_index(const IndexOptions& options, IndexObserver& observer) {
  auto start = std::chrono::steady_clock::now();
  IndexReport report;
  // Walk first: a mistyped input fails before the database is touched.
  WalkResult walk = walk_inputs(options.inputs);
  for (const auto& problem : walk.problems) {
    ++report.warnings;
    auto colon = problem.rfind(": ");
    observer.warning(problem.substr(0, colon), problem.substr(colon + 2));
  }

  restore_interrupted_swap(options.database);
  Xapian::WritableDatabase target = open_target(options.database);
  clear_leftover_builds(options.database);
  const bool empty = target.get_doccount() == 0 && !has_file_records(target);
  if (!options.full && !empty) schema::check_schema_version(target);
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

  // From nothing (--full, or a first run over many files): build beside the target and
  // swap it in. The first run over a few files commits as it goes, like any other.
  if (options.full || (empty && walk.files.size() >= kBulkBuildMinimum)) {
    BulkBuild bulk(options, target);
    if (bulk.prepare()) {
      bulk.run(walk.files, jobs, report, observer);
      target.close();
      report.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return report;
    }
    if (options.full) {
      // The target's parent folder is not writable: rebuild in place instead.
      target.close();
      target = overwrite_target(options.database);
    }
  }

  target.set_metadata(std::string(schema::kSchemaVersionKey),
                      std::to_string(schema::kSchemaVersion));
  HostDictionary hosts = HostDictionary::load(target);
  Writer writer(options, report, std::move(target), hosts, Writer::Role::target);

  std::vector<FoundFile> to_parse;
  std::unordered_map<std::string, bool> seen;
  for (const auto& f : walk.files) {
    seen[f.path] = true;
    if (writer.is_unchanged(f)) {
      ++report.unchanged;
    } else {
      to_parse.push_back(f);
    }
  }

  // Paths indexed before, inside a folder walked now, that the walk did not find.
  std::vector<std::string> gone;
  for (const auto& [path, state] : writer.states()) {
    if (seen.count(path)) continue;
    for (const auto& folder : walk.folders) {
      if (path_is_under(path, folder)) {
        gone.push_back(path);
        break;
      }
    }
  }
  std::sort(gone.begin(), gone.end());
  for (const auto& path : gone) writer.remove_path(path);

  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, to_parse.size()));
  {
    ParsePipeline pipeline(to_parse, options, jobs, hosts);
    for (size_t i = 0; i < to_parse.size(); ++i) {
      Parsed p = pipeline.take(i);
      report_parsed(p, report, observer);
      writer.apply(p);
      observer.progress(i + 1, to_parse.size());
    }
  }
  writer.finish();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace briefings
