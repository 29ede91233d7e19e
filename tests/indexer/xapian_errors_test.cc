// Xapian's exceptions stop at the indexer's edge: each becomes one of the project's own
// errors (index/errors.h), with the words the CLI prints, and run_index lets none through.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "index/errors.h"
#include "indexer/index_writer.h"
#include "indexer/xapian_errors.h"
#include "tests/support/temp_dir.h"
#include "tests/support/warning_recorder.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

// What rethrow_translated() makes of `error`, as the type the test expects (another type
// fails the test case).
template <class Ours, class XapianError>
Ours translated(const XapianError& error) {
  try {
    try {
      throw error;
    } catch (const Xapian::Error&) {
      indexer::rethrow_translated();
    }
  } catch (const Ours& ours) {
    return ours;
  }
}

IndexReport index_into(const fs::path& db, const fs::path& docs) {
  briefings::testing::WarningRecorder recorder;
  IndexOptions options;
  options.database = db.string();
  options.inputs = {docs.string()};
  return run_index(options, recorder);
}

}  // namespace

TEST_CASE("each Xapian error becomes the project's error with the message the CLI prints",
          "[indexer][errors]") {
  CHECK(std::string(translated<DatabaseLocked>(Xapian::DatabaseLockError("held")).what()) ==
        "the database is being indexed by another process");
  CHECK(std::string(
            translated<DatabaseCannotCreate>(Xapian::DatabaseCreateError("no folder")).what()) ==
        "cannot create the database: no folder");
  CHECK(
      std::string(translated<DatabaseCorrupt>(Xapian::DatabaseCorruptError("bad block")).what()) ==
      "the database is damaged (bad block); re-index it");

  const auto io = translated<StorageError>(Xapian::DatabaseError("Error writing block 59", EIO));
  CHECK(std::string(io.what()) ==
        "DatabaseError: Error writing block 59 (" + std::string(std::strerror(EIO)) + ")");
  CHECK(io.reason == std::strerror(EIO));
  CHECK_FALSE(io.disk_full);

  const auto plain = translated<StorageError>(Xapian::DatabaseModifiedError("moved on"));
  CHECK(std::string(plain.what()) == "DatabaseModifiedError: moved on");
  CHECK(plain.reason.empty());
  CHECK_FALSE(plain.disk_full);
}

TEST_CASE("a Xapian error for a full disk says so and keeps the system's reason",
          "[indexer][errors]") {
  const auto full =
      translated<StorageError>(Xapian::DatabaseError("Error writing block 59", ENOSPC));
  CHECK(full.disk_full);
  CHECK(full.reason == "No space left on device");
  CHECK(std::string(full.what()) ==
        "DatabaseError: Error writing block 59 (No space left on device)");
}

TEST_CASE("an exception that is not Xapian's passes through untouched", "[indexer][errors]") {
  try {
    try {
      throw NotFound("no such briefing");
    } catch (...) {
      indexer::rethrow_translated();
    }
  } catch (const NotFound& e) {
    CHECK(std::string(e.what()) == "no such briefing");
  }
}

TEST_CASE("run_index lets no Xapian error through", "[indexer][errors]") {
  TempDir dir;
  dir.write("docs/a.txt",
            briefing_text("Ferry line approved", "The council voted. (harbornews.com)",
                          "Boats start next year. (citydesk.org)"));
  const fs::path docs = dir / "docs";

  SECTION("a damaged database is DatabaseCorrupt") {
    const fs::path db = dir / "db";
    index_into(db, docs);
    std::ofstream(db / "iamglass", std::ios::trunc) << std::string(100, 'z');
    CHECK_THROWS_AS(index_into(db, docs), DatabaseCorrupt);
  }
  SECTION("a file where the database should be is a StorageError") {
    const fs::path db = dir.write("not-a-database", "just text\n");
    try {
      index_into(db, docs);
      FAIL("a file was taken for a database");
    } catch (const StorageError& e) {
      CHECK(std::string(e.what()).find("DatabaseOpeningError") != std::string::npos);
      CHECK_FALSE(e.disk_full);
    }
  }
}
