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
#include "tests/support/warning_recorder.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

using Recorder = briefings::testing::WarningRecorder;

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

TEST_CASE("a changed file replaces its document: a touched one is unchanged", "[indexer]") {
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

TEST_CASE("an edited file's document is replaced where it stands, unless it is shared",
          "[indexer]") {
  struct Case {
    const char* name;
    bool copy_of_old;  // another file holds the old content
    bool copy_of_new;  // another file already holds the new content
    bool same_docid;   // the edit keeps the document's id
    Xapian::doccount documents;
  };
  const Case cases[] = {
      {"only this file", false, false, true, 1},
      {"old content also in another file", true, false, false, 2},
      {"new content already in another file", false, true, false, 1},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      Fixture f;
      f.write("a.txt", story("alpha"));
      if (c.copy_of_old) f.write("old copy.txt", story("alpha"));
      if (c.copy_of_new) f.write("new copy.txt", story("omega"));
      f.index();
      Xapian::docid before = *Xapian::Database(f.db.string()).postlist_begin("alpha");

      f.write("a.txt", story("omega"));
      auto r = f.index();
      CHECK(r.updated == 1);
      CHECK(r.documents == c.documents);
      Xapian::Database d(f.db.string());
      CHECK((*d.postlist_begin("omega") == before) == c.same_docid);
      CHECK(d.get_termfreq("alpha") == (c.copy_of_old ? 1u : 0u));
      // Spelling follows the words that are indexed now.
      CHECK(d.get_spelling_suggestion("omegq") == "omega");
      CHECK(d.get_spelling_suggestion("alphq") == (c.copy_of_old ? "alpha" : ""));
    }
  }
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

TEST_CASE("symbolic link loops end: links to files are followed", "[indexer]") {
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

namespace {

// Everything a reader can see of a database, document by document, in docid order.
// Every document as one line: its stored record (paths made relative to `root`, since the
// record stores a path's length and temp folders differ in name length) and its terms.
std::vector<std::string> contents(const fs::path& db, const fs::path& root) {
  Xapian::Database d(db.string());
  std::vector<std::string> out;
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    Xapian::Document doc = d.get_document(*it);
    Briefing record = decode_document_data(doc.get_data());
    for (auto& path : record.paths) path = fs::path(path).lexically_relative(root).string();
    std::string line = encode_document_data(record) + "|";
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      line += *t + ":" + std::to_string(t.get_wdf()) + ",";
    }
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("a first run over many files builds in parallel what an in-place run builds",
          "[indexer][bulk]") {
  // Enough files for a bulk build with two shards; identical content at both ends of the
  // walk lands in different shards and must still be one document.
  Fixture bulk;
  for (int i = 0; i < 1200; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "f%04d.txt", i);
    bulk.write(name, story(i % 400 == 7 ? "duplicate" : "word" + std::to_string(i)));
  }
  bulk.write("skip.txt", "");

  // The same files indexed in place: one file first, so the big run is incremental.
  Fixture in_place;
  fs::create_directories(in_place.docs);
  fs::copy_file(bulk.docs / "f0000.txt", in_place.docs / "f0000.txt");
  in_place.index();
  for (const auto& e : fs::directory_iterator(bulk.docs)) {
    fs::copy_file(e.path(), in_place.docs / e.path().filename(), fs::copy_options::skip_existing);
  }

  IndexReport b = bulk.index();
  IndexReport p = in_place.index();
  CHECK(b.documents == 1200 - 2);  // three copies of "duplicate" are one document
  CHECK(b.documents == p.documents);
  CHECK(b.added == 1200);
  CHECK(b.skipped == 1);
  CHECK(b.skip_reasons == p.skip_reasons);

  // Same documents with the same terms, compared as sets (the in-place run saw f0000 first).
  CHECK(contents(bulk.db, bulk.docs) == contents(in_place.db, in_place.docs));

  // Spelling data, the schema version and the file records came through the merge.
  Xapian::Database d(bulk.db.string());
  auto spellings = [](const fs::path& db) {
    Xapian::Database d(db.string());
    std::vector<std::pair<std::string, Xapian::doccount>> words;
    for (auto w = d.spellings_begin(); w != d.spellings_end(); ++w)
      words.emplace_back(*w, w.get_termfreq());
    return words;
  };
  CHECK(spellings(bulk.db) == spellings(in_place.db));
  CHECK(d.get_spelling_suggestion("duplicaet") == "duplicate");
  CHECK(d.get_metadata(std::string(schema::kSchemaVersionKey)) ==
        std::to_string(schema::kSchemaVersion));
  CHECK_FALSE(d.get_metadata(schema::file_state_key((bulk.docs / "f1199.txt").string())).empty());

  // Nothing is left beside the database, and the next run finds every file unchanged.
  for (const auto& e : fs::directory_iterator(bulk.dir.path())) {
    CHECK((e.path().filename() == "db" || e.path().filename() == "docs"));
  }
  IndexReport again = bulk.index();
  CHECK(again.unchanged == 1200);
  CHECK(again.added + again.updated + again.removed == 0);
}

TEST_CASE("a --full rebuild keeps the old database readable until the new one is in place",
          "[indexer][bulk]") {
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.index();
  Xapian::Database reader(f.db.string());
  REQUIRE(reader.get_doccount() == 1);

  f.write("b.txt", story("beta"));
  IndexReport r = f.index({}, true);
  CHECK(r.documents == 2);
  // The old handle still reads the old files; a refresh moves it to the new database.
  CHECK(reader.get_doccount() == 1);
  CHECK(reader.reopen());
  CHECK(reader.get_doccount() == 2);
  CHECK(reader.get_termfreq("beta") == 1);
}

TEST_CASE("a killed bulk build leaves the database as it was and its leftovers are cleared",
          "[indexer][bulk]") {
  // What builds killed part-way leave beside the database, and the run that clears it: a
  // rebuild, and an ordinary run too.
  struct Case {
    const char* leftover;
    bool full;
  };
  for (const Case& c :
       {Case{".db.building-999999/shard-0", true}, Case{".db.building-999999/merged", false}}) {
    INFO(c.leftover << (c.full ? ", then --full" : ", then an ordinary run"));
    Fixture f;
    f.write("a.txt", story("alpha"));
    f.index();
    fs::create_directories(f.dir / c.leftover);
    f.write("b.txt", story("beta"));
    f.index({}, c.full);
    CHECK_FALSE(fs::exists(f.dir / ".db.building-999999"));
    CHECK(f.matches("beta") == 1);
  }
}

TEST_CASE("a swap killed between its two renames is put back by the next run", "[indexer][bulk]") {
  // Where folders cannot be exchanged in one call, the database is first moved to "old";
  // a kill right then leaves no database at the path, only the committed one in "old".
  Fixture f;
  f.write("a.txt", story("alpha"));
  f.index();
  fs::create_directories(f.dir / ".db.building-999999");
  fs::rename(f.db, f.dir / ".db.building-999999/old");
  f.write("b.txt", story("beta"));
  IndexReport r = f.index();
  CHECK(r.unchanged == 1);  // alpha came back with the database, not re-indexed
  CHECK(r.added == 1);
  CHECK(f.matches("alpha") == 1);
  CHECK(f.matches("beta") == 1);
  CHECK_FALSE(fs::exists(f.dir / ".db.building-999999"));
}

TEST_CASE("a database whose creation was killed is created again by the next run", "[indexer]") {
  // What a kill 0.06 s into a first run left (the crash test found it): Xapian's lock and
  // empty table files, its version file still being written, no iamglass. Xapian alone
  // takes that for a database and fails to open it.
  Fixture f;
  fs::create_directories(f.db);
  for (const char* name : {"flintlock", "postlist.glass", "termlist.glass"}) {
    std::ofstream(f.db / name).flush();
  }
  std::ofstream(f.db / "v.tmp") << std::string(77, 'x');
  CHECK_THROWS_AS(Xapian::WritableDatabase(f.db.string(), Xapian::DB_CREATE_OR_OPEN),
                  Xapian::DatabaseNotFoundError);

  f.write("a.txt", story("alpha"));
  IndexReport r = f.index();
  CHECK(r.added == 1);
  CHECK(f.matches("alpha") == 1);
  CHECK(fs::exists(f.db / "iamglass"));
}
