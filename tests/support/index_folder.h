// Indexes a fixture folder the way most tests need it: every default, no warnings shown.
#pragma once

#include <filesystem>

#include "indexer/index_writer.h"

namespace briefings::testing {

inline IndexReport index_folder(const std::filesystem::path& docs,
                                const std::filesystem::path& db) {
  struct Quiet : IndexObserver {
  } quiet;
  IndexOptions options;
  options.database = db.string();
  options.inputs = {docs.string()};
  return run_index(options, quiet);
}

}  // namespace briefings::testing
