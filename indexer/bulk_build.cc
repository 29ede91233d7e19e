#include "indexer/bulk_build.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

#include "index/codec.h"
#include "index/schema.h"
#include "indexer/database_files.h"
#include "indexer/parse_pipeline.h"
#include "indexer/spelling_changes.h"
#include "indexer/writer.h"

namespace briefings::indexer {

struct BulkBuild::Shard {
  size_t begin = 0, end = 0;  // the files [begin, end) of the walk
  IndexReport report;
  std::vector<Parsed> notes;  // files with warnings or skipped, in walk order
  std::exception_ptr error;
};

// What the shard threads share with each other and with the thread that waits for them.
struct BulkBuild::ShardWork {
  ShardWork(const std::vector<FoundFile>& all_files, unsigned threads)
      : files(all_files), today(today_utc()), running(threads) {}

  void shard_finished() {
    std::lock_guard lock(mutex);
    --running;
    finished.notify_all();
  }

  // Calls `report(done)` every 100 ms until every shard has finished.
  template <class Report>
  void wait(Report report) {
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(100), [&] { return running == 0; })) {
      lock.unlock();
      report(done.load());
      lock.lock();
    }
  }

  const std::vector<FoundFile>& files;
  const Date today;
  HostDictionary hosts;  // one numbering for every shard, saved by merge()
  std::atomic<size_t> done{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::condition_variable finished;
  unsigned running;
};

namespace {

// Identical content in two shards became two documents; keep the first (in walk order)
// with every path, as an incremental run would have.
void merge_duplicates(Xapian::WritableDatabase& db, HostDictionary& hosts) {
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

}  // namespace

BulkBuild::BulkBuild(const IndexOptions& options, Xapian::WritableDatabase& target,
                     IndexedAtStamps& stamps)
    : options_(options), target_(target), stamps_(stamps) {
  db_ = normal_database_path(options.database);
  work_ = build_folder(db_);
}

BulkBuild::~BulkBuild() {
  std::error_code ec;
  std::filesystem::remove_all(work_, ec);
}

bool BulkBuild::prepare() {
  std::error_code ec;
  return std::filesystem::create_directory(work_, ec) && !ec;
}

void BulkBuild::run(const std::vector<FoundFile>& files, unsigned threads, IndexReport& report,
                    IndexObserver& observer) {
  const size_t n = files.size();
  threads = static_cast<unsigned>(std::clamp<size_t>(n / kMinFilesPerShard, 1, threads));
  std::vector<Shard> shards(threads);
  for (unsigned k = 0; k < threads; ++k) {
    shards[k].begin = n * k / threads;
    shards[k].end = n * (k + 1) / threads;
  }
  ShardWork work(files, threads);
  build_shards(shards, work, observer);
  observer.progress(n, n);

  for (auto& shard : shards) {
    for (const auto& note : shard.notes) report_parsed(note, report, observer);
    report.added += shard.report.added;
    report.updated += shard.report.updated;
    report.unchanged += shard.report.unchanged;
    report.removed += shard.report.removed;
  }
  report.documents = merge(threads, work.hosts);
}

std::filesystem::path BulkBuild::shard_path(unsigned k) const {
  return work_ / ("shard-" + std::to_string(k));
}

// One thread per shard; this thread reports progress (observer calls stay on it, as the
// header promises) until they are all done.
void BulkBuild::build_shards(std::vector<Shard>& shards, ShardWork& work, IndexObserver& observer) {
  std::vector<std::thread> workers;
  for (unsigned k = 0; k < shards.size(); ++k) {
    workers.emplace_back([&, k] { build_shard(k, shards[k], work); });
  }
  bool stopped = false;
  work.wait([&](size_t done) {
    observer.progress(done, work.files.size());
    if (observer.stopping()) stopped = work.failed = true;
  });
  for (auto& w : workers) w.join();
  for (auto& shard : shards) {
    if (shard.error) std::rethrow_exception(shard.error);
  }
  if (stopped) throw IndexInterrupted("stopped before the new database was whole");
}

void BulkBuild::build_shard(unsigned k, Shard& shard, ShardWork& work) {
  try {
    // No fsync: a shard is scratch until the final rename, which is what must last.
    Xapian::WritableDatabase db(shard_path(k).string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    Writer writer(options_, shard.report, std::move(db), work.hosts, Writer::Role::shard, &stamps_);
    DocumentBuilder builder(work.hosts);
    for (size_t i = shard.begin; i < shard.end && !work.failed; ++i) {
      Parsed p = parse_file(work.files[i], options_, work.today, builder);
      writer.apply(p);
      if (!p.skip_reason.empty() || !p.warnings.empty()) {
        // What report_parsed needs, without the document.
        shard.notes.push_back(
            Parsed{p.file, {}, {}, {}, p.skip_reason, p.read_failed, std::move(p.warnings)});
      }
      ++work.done;
    }
    writer.finish();
  } catch (...) {
    shard.error = std::current_exception();
    work.failed = true;
  }
  work.shard_finished();
}

// Compacts the shards into one database and puts it in the target's place.
size_t BulkBuild::merge(unsigned shards, HostDictionary& hosts) {
  const std::filesystem::path merged = compact_shards(shards);
  const size_t documents = finish_merged(merged, hosts);
  sync_folder(merged);
  swap_into_place(merged, db_, work_ / "old");
  sync_folder(parent_folder(db_));  // the exchange of names itself
  return documents;
}

std::filesystem::path BulkBuild::compact_shards(unsigned shards) {
  Xapian::Database all;
  for (unsigned k = 0; k < shards; ++k) all.add_database(Xapian::Database(shard_path(k)));
  const std::filesystem::path merged = work_ / "merged";
  all.compact(merged.string());
  all.close();
  return merged;
}

// Merges duplicates, saves the hosts and the schema version, and moves the revision past
// the target's. Returns the number of documents.
size_t BulkBuild::finish_merged(const std::filesystem::path& merged, HostDictionary& hosts) {
  // Unsynced like the shards: the files are made durable once, by merge(), before the swap.
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
    db.set_metadata(std::string(schema::kRevisionBumpKey), std::to_string(i));
    db.commit();
  }
  db.set_metadata(std::string(schema::kRevisionBumpKey), "");
  db.commit();
  const size_t documents = db.get_doccount();
  db.close();
  return documents;
}

}  // namespace briefings::indexer
