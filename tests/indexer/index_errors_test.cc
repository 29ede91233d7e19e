// run_index lets no Xapian exception through: what goes wrong with the database reaches the
// CLI as one of the project's own errors (index/errors.h).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "index/errors.h"
#include "indexer/index_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/support/warning_recorder.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

IndexReport index_into(const fs::path& db, const fs::path& docs) {
  briefings::testing::WarningRecorder recorder;
  IndexOptions options;
  options.database = db.string();
  options.inputs = {docs.string()};
  return run_index(options, recorder);
}

}  // namespace

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
