// Indexes a fixture folder the way most tests need it: the real `briefings index` with every
// default and no warnings shown. Running the binary, not the indexer library, lets the suites
// above the indexer (searcher/, web/) build databases without linking the indexer, so the
// build keeps each suite to the layer it tests. Header-only, like process.h.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace briefings::testing {

// Runs `briefings index --json` with `options` before the paths; returns the exit code, the
// summary it printed (null when it printed none) and its warnings (stderr).
struct IndexRun {
  int exit_code = -1;
  nlohmann::json summary;
  std::string warnings;
};

inline IndexRun run_indexer(const std::filesystem::path& db, const std::vector<std::string>& inputs,
                            const std::vector<std::string>& options = {}) {
  std::vector<std::string> argv = {briefings_binary().string(), "index", "--json", "--db",
                                   db.string()};
  argv.insert(argv.end(), options.begin(), options.end());
  argv.insert(argv.end(), inputs.begin(), inputs.end());
  CommandResult r = run_program(argv);
  IndexRun run{r.exit_code, nullptr, r.err};
  if (!r.out.empty()) run.summary = nlohmann::json::parse(r.out);
  return run;
}

// The summary of a quiet run over `docs`; throws when the run fails, so a test never searches
// a database that was not built.
inline nlohmann::json index_folder(const std::filesystem::path& docs,
                                   const std::filesystem::path& db) {
  IndexRun run = run_indexer(db, {docs.string()}, {"-q"});
  if (run.exit_code != 0) {
    throw std::runtime_error("briefings index failed (exit " + std::to_string(run.exit_code) +
                             "): " + run.warnings);
  }
  return run.summary;
}

}  // namespace briefings::testing
