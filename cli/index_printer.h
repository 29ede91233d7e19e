// What `briefings index` (and `serve --watch`) print while indexing: the progress bar and
// per-file warnings on stderr, one summary per run or watched round on stdout (a line, or
// with --json an object per line), the watcher's notices on stderr.
//
// Ownership and threads: owns its progress bar. A watcher's callbacks come from its one
// thread (indexer/watch_loop.h); lines are written whole, so they do not interleave with
// the server's own lines.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "cli/terminal.h"
#include "indexer/watch_loop.h"

namespace briefings::cli {

// "3 added, 1 updated, ...; 120 documents in the database; 0.21 s"
std::string summary_line(const IndexReport& report);
nlohmann::json report_json(const IndexReport& report);

class IndexPrinter : public WatchObserver {
 public:
  IndexPrinter(bool quiet, bool json) : quiet_(quiet), json_(json), bar_("files") {}

  void progress(size_t done, size_t total) override { bar_.update(done, total); }
  void warning(const std::string& path, const std::string& message) override;
  // The summary of a run (or of the first pass of a watch).
  void summary(const IndexReport& report);
  void finish() { bar_.finish(); }

  void watching(const IndexReport& first_pass) override;
  // A watched round: the summary, after the local time when it is a line.
  void applied(const IndexReport& round) override;
  void notice(const std::string& message) override;

 private:
  bool quiet_, json_;
  ProgressBar bar_;
};

}  // namespace briefings::cli
