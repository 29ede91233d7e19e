// Indexing a folder: adding, skipping what is unchanged, updating, removing, moving,
// de-duplicating, refusing a second writer and a foreign schema.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "index/codec.h"
#include "index/errors.h"
#include "index/schema.h"
#include "indexer/index_writer.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

struct Recorder : IndexObserver {
  std::vector<std::string> warnings;
  void warning(const std::string& path, const std::string& message) override {
    warnings.push_back(path + ": " + message);
  }
};

std::string story(const std::string& word, const std::string& host = "example.com") {
  return briefing_text("Story about " + word,
                       "A summary that mentions " + word + " once. (" + host + ")",
                       "On Tuesday, March 4, 2025, the " + word + " report was published. (" +
                           host + ") Nothing else happened.");
}

struct Fixture {
  TempDir dir;
  fs::path db = dir / "db";
  fs::path docs = dir / "docs";
  Recorder recorder;

  IndexReport index(std::vector<std::string> inputs = {}, bool full = false) {
    IndexOptions o;
    o.database = db.string();
    o.inputs = inputs.empty() ? std::vector<std::string>{docs.string()} : inputs;
    o.full = full;
    o.jobs = 2;
    o.batch_size = 3;
    return run_index(o, recorder);
  }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((docs / name).parent_path());
    std::ofstream(docs / name, std::ios::binary) << text;
  }
  Xapian::doccount matches(const std::string& term) {
    Xapian::Database d(db.string());
    return d.get_termfreq(term);
  }
  std::vector<std::string> paths_of(const std::string& word) {
    Xapian::Database d(db.string());
    Xapian::Enquire e(d);
    e.set_query(Xapian::Query(word));
    auto mset = e.get_mset(0, 10);
    REQUIRE(mset.size() == 1);
    return decode_document_data(mset.begin().get_document().get_data()).paths;
  }
};

}  // namespace

TEST_CASE("a folder is indexed, then skipped when nothing changed", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.write("sub/b.txt", story("bravo"));
  f.write("sub/deeper/c.md", story("charlie"));
  f.write("notes.pdf", "not a briefing");
  f.write(".hidden/d.txt", story("delta"));

  auto first = f.index();
  CHECK(first.added == 3);
  CHECK(first.documents == 3);
  CHECK(f.matches("delta") == 0);  // hidden folders are skipped

  auto second = f.index();
  CHECK(second.added == 0);
  CHECK(second.unchanged == 3);
  CHECK(second.documents == 3);
}

TEST_CASE("a changed file replaces its document; a touched one is unchanged", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.index();
  f.write("a.txt", story("omega"));
  auto r = f.index();
  CHECK(r.updated == 1);
  CHECK(r.documents == 1);
  CHECK(f.matches("alpha") == 0);
  CHECK(f.matches("omega") == 1);

  // Same bytes, new mtime: re-read, found identical, kept.
  auto path = f.docs / "a.txt";
  fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
  auto touched = f.index();
  CHECK(touched.unchanged == 1);
  CHECK(touched.updated == 0);
}

TEST_CASE("a file gone from an indexed folder is removed", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.write("b.txt", story("bravo"));
  f.index();
  fs::remove(f.docs / "b.txt");
  auto r = f.index();
  CHECK(r.removed == 1);
  CHECK(r.documents == 1);
  CHECK(f.matches("bravo") == 0);
  // The record of the removed file is gone too: re-adding it counts as added.
  f.write("b.txt", story("bravo"));
  CHECK(f.index().added == 1);
}

TEST_CASE("files named directly do not remove the rest of the folder", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.write("b.txt", story("bravo"));
  f.index();
  auto r = f.index({(f.docs / "a.txt").string()});
  CHECK(r.removed == 0);
  CHECK(r.unchanged == 1);
  CHECK(r.documents == 2);
}

TEST_CASE("a moved file keeps one document, under its new path", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.index();
  fs::create_directories(f.docs / "archive");
  fs::rename(f.docs / "a.txt", f.docs / "archive" / "a.txt");
  auto r = f.index();
  CHECK(r.documents == 1);
  CHECK(f.paths_of("alpha") == std::vector<std::string>{(f.docs / "archive" / "a.txt").string()});
}

TEST_CASE("the same briefing under two paths is one document with both paths", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.write("copy of a.txt", story("alpha"));
  // A Windows copy with a byte-order mark is the same content.
  std::string crlf;
  for (char c : story("alpha")) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  f.write("windows.txt", "\xEF\xBB\xBF" + crlf);
  auto r = f.index();
  CHECK(r.added == 3);
  CHECK(r.documents == 1);
  CHECK(f.paths_of("alpha").size() == 3);

  fs::remove(f.docs / "a.txt");
  f.index();
  CHECK(f.paths_of("alpha").size() == 2);
  fs::remove(f.docs / "copy of a.txt");
  fs::remove(f.docs / "windows.txt");
  CHECK(f.index().documents == 0);
}

TEST_CASE("bad files are skipped with a reason and the rest is indexed", "[indexer]") {
  Fixture f;
  f.write("good.txt", story("alpha"));
  f.write("empty.txt", "");
  f.write("blank.txt", " \n\n \t\n");
  f.write("binary.txt", std::string("PK\x03\x04\0\0garbage", 12));
  f.write("huge.txt", std::string((1 << 20) + 10, 'a'));
  auto r = f.index();
  CHECK(r.added == 1);
  CHECK(r.skipped == 4);
  CHECK(r.skip_reasons["larger than 1 MiB"] == 1);
  CHECK(f.recorder.warnings.size() >= 4);
  for (const auto& w : f.recorder.warnings) CHECK(w.find(f.docs.string()) == 0);

  // A good file that turns bad is removed; the others are untouched.
  f.write("good.txt", "");
  auto again = f.index();
  CHECK(again.removed == 1);
  CHECK(again.documents == 0);
}

TEST_CASE("a missing input fails before anything is written", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.index();
  CHECK_THROWS_AS(f.index({(f.dir / "no-such-folder").string()}), NotFound);
  CHECK(f.matches("alpha") == 1);
}

TEST_CASE("symbolic link loops end; links to files are followed", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  fs::create_directories(f.docs / "loop");
  fs::create_directory_symlink(f.docs, f.docs / "loop" / "back");
  fs::create_symlink(f.docs / "a.txt", f.docs / "link.txt");
  auto r = f.index();
  CHECK(r.documents == 1);
  CHECK(f.paths_of("alpha").size() == 2);  // a.txt and link.txt
}

TEST_CASE("a second writer is refused with a clear error", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.index();
  Xapian::WritableDatabase holder(f.db.string(), Xapian::DB_OPEN);
  try {
    f.index();
    FAIL("a second writer was let in");
  } catch (const DatabaseLocked& e) {
    CHECK(std::string(e.what()).find("being indexed by another process") != std::string::npos);
  }
}

TEST_CASE("a database of another schema version is refused until --full", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.index();
  {
    Xapian::WritableDatabase w(f.db.string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::kSchemaVersionKey), "99");
    w.commit();
  }
  CHECK_THROWS_AS(f.index(), schema::SchemaMismatch);
  auto r = f.index({}, true);
  CHECK(r.added == 1);
  Xapian::Database d(f.db.string());
  CHECK_NOTHROW(schema::check_schema_version(d));
}

TEST_CASE("the --date option dates every briefing of the run", "[indexer]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  IndexOptions o;
  o.database = f.db.string();
  o.inputs = {f.docs.string()};
  o.date_override = Date{2020, 2, 2};
  run_index(o, f.recorder);
  CHECK(f.matches("D20200202") == 1);
  CHECK(f.matches("XDSoption") == 1);
}
