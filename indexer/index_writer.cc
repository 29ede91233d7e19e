#include "indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "index/codec.h"
#include "index/errors.h"
#include "index/schema.h"
#include "indexer/briefing_parser.h"
#include "indexer/file_walker.h"

namespace briefings {

namespace {

// What a parsing thread hands to the writer for one file.
struct Parsed {
  FoundFile file;
  std::optional<Briefing> briefing;  // empty when skipped
  std::optional<Xapian::Document> document;
  std::string skip_reason;
  bool read_failed = false;  // an I/O problem, not a property of the content
  std::vector<std::string> warnings;
};

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open (") + std::strerror(errno) + ")";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return false;
  }
  out = std::move(ss).str();
  return true;
}

Date today_utc() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return Date::from_unix_time(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

Parsed parse_file(const FoundFile& file, const IndexOptions& options, const Date& today,
                  DocumentBuilder& builder) {
  Parsed result{file, {}, {}, {}, false, {}};
  if (static_cast<size_t>(file.size) > kMaxBriefingBytes) {
    result.skip_reason = "larger than 1 MiB";
    return result;
  }
  std::string bytes, error;
  if (!read_file(file.path, bytes, error)) {
    result.skip_reason = error;
    result.read_failed = true;
    return result;
  }
  ParseContext context{file.path, options.date_override, file.mtime_ns / 1000000000LL, today};
  ParseOutcome outcome = parse_briefing(bytes, context);
  result.warnings = std::move(outcome.warnings);
  if (!outcome.briefing) {
    result.skip_reason = outcome.skip_reason.empty() ? "not a briefing" : outcome.skip_reason;
    return result;
  }
  Briefing& b = *outcome.briefing;
  b.id = content_id(b);
  b.paths = {file.path};
  result.document = builder.build(b);
  result.briefing = std::move(b);
  return result;
}

// Parses files on worker threads and yields the results in input order, keeping at most
// `window` results in memory at once.
class ParsePipeline {
 public:
  ParsePipeline(const std::vector<FoundFile>& files, const IndexOptions& options, unsigned jobs)
      : files_(files), options_(options), today_(today_utc()), slots_(files.size()) {
    for (unsigned i = 0; i < jobs; ++i) workers_.emplace_back([this] { work(); });
  }

  ~ParsePipeline() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& w : workers_) w.join();
  }

  // The result for file `i`; must be called for i = 0, 1, 2, ... in order.
  Parsed take(size_t i) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return slots_[i].has_value(); });
    Parsed p = std::move(*slots_[i]);
    slots_[i].reset();
    consumed_ = i + 1;
    lock.unlock();
    cv_.notify_all();
    return p;
  }

 private:
  static constexpr size_t kWindow = 256;

  void work() {
    DocumentBuilder builder;
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock,
                 [&] { return stopping_ || next_ < std::min(files_.size(), consumed_ + kWindow); });
        if (stopping_ || next_ >= files_.size()) return;
        i = next_++;
      }
      Parsed p;
      try {
        p = parse_file(files_[i], options_, today_, builder);
      } catch (const std::exception& e) {
        // The parser promises not to throw; if it ever does, that file alone is skipped.
        p = Parsed{files_[i], {}, {}, std::string("parser failure: ") + e.what(), false, {}};
      }
      {
        std::lock_guard lock(mutex_);
        slots_[i] = std::move(p);
      }
      cv_.notify_all();
    }
  }

  const std::vector<FoundFile>& files_;
  const IndexOptions& options_;
  const Date today_;
  std::vector<std::optional<Parsed>> slots_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable cv_;
  size_t next_ = 0;
  size_t consumed_ = 0;
  bool stopping_ = false;
};

// The writer's side: owns the WritableDatabase and the per-file records.
class Writer {
 public:
  Writer(const IndexOptions& options, IndexReport& report)
      : options_(options), report_(report), db_(open(options)) {
    if (!options.full) schema::check_schema_version(db_);
    db_.set_metadata(std::string(schema::kSchemaVersionKey),
                     std::to_string(schema::kSchemaVersion));
    load_file_states();
  }

  const std::unordered_map<std::string, schema::FileState>& states() const { return states_; }

  bool is_unchanged(const FoundFile& f) const {
    auto it = states_.find(f.path);
    return it != states_.end() && it->second.size == f.size && it->second.mtime_ns == f.mtime_ns;
  }

  void apply(Parsed& p) {
    auto old = states_.find(p.file.path);
    if (!p.briefing) {
      // An unreadable file keeps what was indexed from it; content that is no longer a
      // briefing (emptied, binary) removes it.
      if (old != states_.end() && !p.read_failed) remove_path(p.file.path);
      return;
    }
    const std::string& id = p.briefing->id;
    if (old != states_.end() && old->second.id == id) {
      ++report_.unchanged;
    } else {
      if (old != states_.end()) {
        detach_path(old->second.id, p.file.path);
        ++report_.updated;
      } else {
        ++report_.added;
      }
      attach_path(*p.briefing, std::move(*p.document));
    }
    schema::FileState state{p.file.path, p.file.size, p.file.mtime_ns, id};
    db_.set_metadata(schema::file_state_key(state.path), state.serialise());
    states_[state.path] = std::move(state);
    changed();
  }

  // A path that is no longer there (or no longer a briefing).
  void remove_path(const std::string& path) {
    auto it = states_.find(path);
    if (it == states_.end()) return;
    detach_path(it->second.id, path);
    db_.set_metadata(schema::file_state_key(path), "");
    states_.erase(it);
    ++report_.removed;
    changed();
  }

  void finish() {
    db_.commit();
    report_.documents = db_.get_doccount();
  }

 private:
  static Xapian::WritableDatabase open(const IndexOptions& options) {
    int flags = options.full ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
    // Xapian creates the database folder but not its parents (~/.local/share/briefings).
    auto parent = std::filesystem::path(options.database).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    try {
      return Xapian::WritableDatabase(options.database, flags);
    } catch (const Xapian::DatabaseLockError&) {
      throw DatabaseLocked("the database " + options.database +
                           " is being indexed by another process; try again when it is done");
    }
  }

  void load_file_states() {
    std::string prefix(schema::kFileStateKeyPrefix);
    for (auto it = db_.metadata_keys_begin(prefix); it != db_.metadata_keys_end(prefix); ++it) {
      std::string value = db_.get_metadata(*it);
      if (value.empty()) continue;
      schema::FileState s = schema::FileState::unserialise(value);
      states_[s.path] = std::move(s);
    }
  }

  std::optional<Xapian::docid> find(const std::string& id) {
    std::string term = std::string(schema::kIdPrefix) + id;
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    return *it;
  }

  // Spelling data follows the unprefixed, unstemmed words of each document.
  void update_spelling(const Xapian::Document& doc, bool add) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string& term = *t;
      unsigned char first = static_cast<unsigned char>(term[0]);
      if ((first >= 'A' && first <= 'Z') || term.size() < 3 || term.size() > 32) continue;
      if (add) {
        db_.add_spelling(term);
      } else {
        db_.remove_spelling(term);
      }
    }
  }

  void attach_path(Briefing& briefing, Xapian::Document&& built) {
    if (auto docid = find(briefing.id)) {
      Xapian::Document existing = db_.get_document(*docid);
      Briefing stored = decode_document_data(existing.get_data());
      if (std::find(stored.paths.begin(), stored.paths.end(), briefing.paths[0]) ==
          stored.paths.end()) {
        stored.paths.push_back(briefing.paths[0]);
        existing.set_data(encode_document_data(stored));
        db_.replace_document(*docid, existing);
      }
      return;
    }
    update_spelling(built, true);
    db_.add_document(built);
  }

  void detach_path(const std::string& id, const std::string& path) {
    auto docid = find(id);
    if (!docid) return;
    Xapian::Document existing = db_.get_document(*docid);
    Briefing stored = decode_document_data(existing.get_data());
    stored.paths.erase(std::remove(stored.paths.begin(), stored.paths.end(), path),
                       stored.paths.end());
    if (stored.paths.empty()) {
      update_spelling(existing, false);
      db_.delete_document(*docid);
    } else {
      existing.set_data(encode_document_data(stored));
      db_.replace_document(*docid, existing);
    }
  }

  void changed() {
    if (++pending_ >= options_.batch_size) {
      db_.commit();
      pending_ = 0;
    }
  }

  const IndexOptions& options_;
  IndexReport& report_;
  Xapian::WritableDatabase db_;
  std::unordered_map<std::string, schema::FileState> states_;
  size_t pending_ = 0;
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

  Writer writer(options, report);

  std::vector<FoundFile> to_parse;
  std::unordered_map<std::string, bool> seen;
  for (const auto& f : walk.files) {
    seen[f.path] = true;
    if (!options.full && writer.is_unchanged(f)) {
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

  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, std::max<size_t>(1, to_parse.size()));
  {
    ParsePipeline pipeline(to_parse, options, jobs);
    for (size_t i = 0; i < to_parse.size(); ++i) {
      Parsed p = pipeline.take(i);
      for (const auto& w : p.warnings) {
        ++report.warnings;
        observer.warning(p.file.path, w);
      }
      if (!p.briefing) {
        ++report.skipped;
        ++report.skip_reasons[p.skip_reason];
        observer.warning(p.file.path, "skipped: " + p.skip_reason);
      }
      writer.apply(p);
      observer.progress(i + 1, to_parse.size());
    }
  }
  writer.finish();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace briefings
