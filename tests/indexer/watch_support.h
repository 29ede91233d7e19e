// A watcher under test: run_watch (indexer/watch_loop.h) on its own thread over a temp
// folder, with real inotify, an observer that keeps what it was told, and bounded waits on
// what the database holds. Header-only, for the watch tests of this folder.
#pragma once

#include <xapian.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "index/codec.h"
#include "index/schema.h"
#include "indexer/watch_loop.h"
#include "tests/support/temp_dir.h"

namespace briefings::testing {

namespace fs = std::filesystem;

inline std::string watch_story(const std::string& word) {
  return briefing_text(
      "Story about " + word, "A summary that names " + word + ". (example.com)",
      "On Tuesday, March 4, 2025, the " + word + " report came out. (example.com)");
}

// Keeps every callback; safe to read from the test's thread.
class WatchRecorder : public WatchObserver {
 public:
  void warning(const std::string& path, const std::string& message) override {
    std::lock_guard lock(mutex_);
    warnings_.push_back(path + ": " + message);
  }
  void watching(const IndexReport&) override {
    std::lock_guard lock(mutex_);
    watching_ = true;
  }
  void applied(const IndexReport& commit) override {
    std::lock_guard lock(mutex_);
    commits_.push_back(commit);
  }
  void notice(const std::string& message) override {
    std::lock_guard lock(mutex_);
    notices_.push_back(message);
  }
  bool is_watching() const {
    std::lock_guard lock(mutex_);
    return watching_;
  }
  std::vector<IndexReport> commits() const {
    std::lock_guard lock(mutex_);
    return commits_;
  }
  // True when a notice (or, with `warnings`, a warning) holds `text`.
  bool told(const std::string& text, bool warnings = false) const {
    std::lock_guard lock(mutex_);
    for (const auto& n : warnings ? warnings_ : notices_) {
      if (n.find(text) != std::string::npos) return true;
    }
    return false;
  }
  std::string all_notices() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& n : notices_) out += n + "\n";
    for (const auto& w : warnings_) out += "warning: " + w + "\n";
    return out;
  }

 private:
  mutable std::mutex mutex_;
  bool watching_ = false;
  std::vector<IndexReport> commits_;
  std::vector<std::string> notices_, warnings_;
};

// Waits up to `limit` for `done`, checking every 20 ms.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

inline void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class RunningWatcher {
 public:
  // Watches `inputs` (default: the fixture's docs folder) into the fixture's database.
  explicit RunningWatcher(const TempDir& dir, std::vector<std::string> inputs = {},
                          std::chrono::seconds rescan = std::chrono::seconds(60))
      : db_(dir / "db") {
    options_.index.database = db_.string();
    options_.index.inputs =
        inputs.empty() ? std::vector<std::string>{(dir / "docs").string()} : std::move(inputs);
    options_.index.jobs = 2;
    options_.rescan_interval = rescan;
    thread_ = std::thread([this] {
      try {
        run_watch(options_, recorder_, stop_);
      } catch (...) {
        error_ = std::current_exception();
      }
    });
  }
  ~RunningWatcher() { stop(); }
  RunningWatcher(const RunningWatcher&) = delete;
  RunningWatcher& operator=(const RunningWatcher&) = delete;

  // Waits (bounded) until the first pass is done and the inputs are watched.
  bool started() {
    return eventually([this] { return recorder_.is_watching() || error_; }) && !error_;
  }
  void stop() {
    stop_.request();
    if (thread_.joinable()) thread_.join();
  }
  std::exception_ptr error() const { return error_; }
  const WatchRecorder& recorder() const { return recorder_; }

  // Indexed path -> headline of its briefing, as committed now.
  std::map<std::string, std::string> indexed() const {
    std::map<std::string, std::string> out;
    try {
      Xapian::Database db(db_.string());
      for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        Briefing b = decode_document_data(db.get_document(*it).get_data());
        for (const auto& p : b.paths) out[p] = b.headline;
      }
    } catch (const Xapian::Error&) {
      // Not created yet, or replaced under us: nothing to show this time.
    }
    return out;
  }
  // Documents committed now.
  size_t documents() const {
    try {
      return Xapian::Database(db_.string()).get_doccount();
    } catch (const Xapian::Error&) {
      return 0;
    }
  }
  // The docid of the document holding `path`, 0 when none does.
  Xapian::docid docid_of(const std::string& path) const {
    Xapian::Database db(db_.string());
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      Briefing b = decode_document_data(db.get_document(*it).get_data());
      for (const auto& p : b.paths) {
        if (p == path) return *it;
      }
    }
    return 0;
  }
  // Waits (bounded) until exactly these paths are indexed, with these headlines.
  bool holds(const std::map<std::string, std::string>& expected,
             std::chrono::milliseconds limit = std::chrono::seconds(20)) const {
    return eventually([&] { return indexed() == expected; }, limit);
  }

 private:
  fs::path db_;
  WatchOptions options_;
  WatchRecorder recorder_;
  WatchStop stop_;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace briefings::testing
