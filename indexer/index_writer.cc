#include "indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "index/codec.h"
#include "index/host_dictionary.h"
#include "index/schema.h"
#include "indexer/briefing_parser.h"
#include "indexer/database_files.h"
#include "indexer/file_walker.h"
#include "indexer/parse_pipeline.h"
#include "indexer/spelling_changes.h"
#include "indexer/writer.h"

namespace briefings {

namespace {

using indexer::build_folder;
using indexer::clear_leftover_builds;
using indexer::has_file_records;
using indexer::normal_database_path;
using indexer::open_target;
using indexer::overwrite_target;
using indexer::parent_folder;
using indexer::parse_file;
using indexer::Parsed;
using indexer::ParsePipeline;
using indexer::report_parsed;
using indexer::restore_interrupted_swap;
using indexer::SpellingChanges;
using indexer::swap_into_place;
using indexer::sync_folder;
using indexer::today_utc;
using indexer::Writer;

// A bulk build makes a database from nothing: the files are split into contiguous runs,
// one per thread, and each thread parses its run into its own shard; the shards are then
// merged by Xapian's compactor (which keeps walk order in the document ids) and the result
// replaces the target folder in one exchange of names. Xapian's writer is single-threaded and costs
// more than parsing, so this is what lets indexing use every core.
//
// The target stays open (and locked) throughout, so a second indexer is refused, readers
// see the old database until the exchange, and a killed build leaves the target as it
// was; the next run clears the leftover work folder.
class BulkBuild {
 public:
  BulkBuild(const IndexOptions& options, Xapian::WritableDatabase& target)
      : options_(options), target_(target) {
    db_ = normal_database_path(options.database);
    work_ = build_folder(db_);
  }

  ~BulkBuild() {
    std::error_code ec;
    std::filesystem::remove_all(work_, ec);
  }

  // Makes the work folder. False when the target's parent folder is not writable.
  bool prepare() {
    std::error_code ec;
    return std::filesystem::create_directory(work_, ec) && !ec;
  }

  void run(const std::vector<FoundFile>& files, unsigned threads, IndexReport& report,
           IndexObserver& observer) {
    const Date today = today_utc();
    const size_t n = files.size();
    threads = static_cast<unsigned>(std::clamp<size_t>(n / kMinFilesPerShard, 1, threads));

    struct Shard {
      size_t begin = 0, end = 0;
      IndexReport report;
      std::vector<Parsed> notes;  // files with warnings or skipped, in walk order
      std::exception_ptr error;
    };
    std::vector<Shard> shards(threads);
    HostDictionary hosts;  // one numbering for every shard, saved by merge()
    std::atomic<size_t> done{0};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::condition_variable finished_cv;
    unsigned running = threads;

    std::vector<std::thread> workers;
    for (unsigned k = 0; k < threads; ++k) {
      shards[k].begin = n * k / threads;
      shards[k].end = n * (k + 1) / threads;
      workers.emplace_back([&, k] {
        Shard& shard = shards[k];
        try {
          // No fsync: a shard is scratch until the final rename, which is what must last.
          Xapian::WritableDatabase db(shard_path(k).string(),
                                      Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
          Writer writer(options_, shard.report, std::move(db), hosts, Writer::Role::shard);
          DocumentBuilder builder(hosts);
          for (size_t i = shard.begin; i < shard.end && !failed; ++i) {
            Parsed p = parse_file(files[i], options_, today, builder);
            writer.apply(p);
            if (!p.skip_reason.empty() || !p.warnings.empty()) {
              // What report_parsed needs, without the document.
              shard.notes.push_back(
                  Parsed{p.file, {}, {}, {}, p.skip_reason, p.read_failed, std::move(p.warnings)});
            }
            ++done;
          }
          writer.finish();
        } catch (...) {
          shard.error = std::current_exception();
          failed = true;
        }
        std::lock_guard lock(mutex);
        --running;
        finished_cv.notify_all();
      });
    }
    {
      // Observer calls stay on this thread, as the header promises.
      std::unique_lock lock(mutex);
      while (!finished_cv.wait_for(lock, std::chrono::milliseconds(100),
                                   [&] { return running == 0; })) {
        lock.unlock();
        observer.progress(done, n);
        lock.lock();
      }
    }
    for (auto& w : workers) w.join();
    for (auto& shard : shards) {
      if (shard.error) std::rethrow_exception(shard.error);
    }
    observer.progress(n, n);

    for (auto& shard : shards) {
      for (const auto& note : shard.notes) report_parsed(note, report, observer);
      report.added += shard.report.added;
      report.updated += shard.report.updated;
      report.unchanged += shard.report.unchanged;
      report.removed += shard.report.removed;
    }
    report.documents = merge(threads, hosts);
  }

 private:
  static constexpr size_t kMinFilesPerShard = 500;

  std::filesystem::path shard_path(unsigned k) const {
    return work_ / ("shard-" + std::to_string(k));
  }

  // Compacts the shards into one database and puts it in the target's place.
  size_t merge(unsigned shards, HostDictionary& hosts) {
    Xapian::Database all;
    for (unsigned k = 0; k < shards; ++k) all.add_database(Xapian::Database(shard_path(k)));
    const std::filesystem::path merged = work_ / "merged";
    all.compact(merged.string());
    all.close();

    // Unsynced like the shards: the files are made durable once, below, before the swap.
    Xapian::WritableDatabase db(merged.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    merge_duplicates(db, hosts);
    hosts.save(db);
    db.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kSchemaVersion));
    db.commit();
    // A reader refreshes only when the revision moves, so the new database must be ahead
    // of the one it replaces or a long-running server could keep serving the old files.
    // That is one commit per revision of the old database (thousands after a year of
    // incremental runs), which is why these commits must not each wait for the disk.
    for (int i = 0; db.get_revision() <= target_.get_revision() && i < 100000; ++i) {
      db.set_metadata("build", std::to_string(i));
      db.commit();
    }
    db.set_metadata("build", "");
    db.commit();
    size_t documents = db.get_doccount();
    db.close();

    sync_folder(merged);
    swap_into_place(merged, db_, work_ / "old");
    sync_folder(parent_folder(db_));  // the exchange of names itself
    return documents;
  }

  // Identical content in two shards became two documents; keep the first (in walk order)
  // with every path, as an incremental run would have.
  static void merge_duplicates(Xapian::WritableDatabase& db, HostDictionary& hosts) {
    std::vector<std::string> ids;
    const std::string prefix(schema::kIdPrefix);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      if (t.get_termfreq() > 1) ids.push_back(*t);
    }
    SpellingChanges spelling;
    DocumentBuilder builder(hosts);
    for (const auto& term : ids) {
      std::vector<Xapian::docid> docids(db.postlist_begin(term), db.postlist_end(term));
      Xapian::Document keep = db.get_document(docids[0]);
      Briefing kept = decode_document_data(keep.get_data());
      for (size_t i = 1; i < docids.size(); ++i) {
        Briefing other = decode_document_data(db.get_document(docids[i]).get_data());
        for (auto& path : other.paths) {
          if (std::find(kept.paths.begin(), kept.paths.end(), path) == kept.paths.end())
            kept.paths.push_back(path);
        }
        spelling.add(builder.spelling_words(other), -1);
        db.delete_document(docids[i]);
      }
      keep.set_data(encode_document_data(kept));
      db.replace_document(docids[0], keep);
    }
    spelling.apply(db);
  }

  const IndexOptions& options_;
  Xapian::WritableDatabase& target_;
  std::filesystem::path db_, work_;
};

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
