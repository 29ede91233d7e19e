// The indexed-at time of each briefing (schema slot "indexed_at"): set when a briefing is
// first indexed, kept through copies, moves, edits and rebuilds, and always past what the
// database held, so "new since" is exact.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "index/codec.h"
#include "index/indexed_at.h"
#include "index/schema.h"
#include "indexer/index_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/support/warning_recorder.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

std::string story(const std::string& word, const std::string& extra = "") {
  return briefing_text("Story about " + word, "A summary of " + word + ". (example.com)",
                       "The " + word + " report was published. (example.com)" + extra);
}

struct Fixture {
  TempDir dir;
  fs::path db = dir / "db";
  fs::path docs = dir / "docs";
  briefings::testing::WarningRecorder recorder;

  IndexReport index(bool full = false) {
    IndexOptions o;
    o.database = db.string();
    o.inputs = {docs.string()};
    o.full = full;
    o.jobs = 2;
    o.batch_size = 2;  // moves and edits straddle commits
    return run_index(o, recorder);
  }
  void write(const std::string& name, const std::string& text) {
    fs::create_directories((docs / name).parent_path());
    std::ofstream(docs / name, std::ios::binary) << text;
  }
  // Headline -> indexed-at time, of every document; each must have one.
  std::map<std::string, IndexedAt> times() {
    Xapian::Database d(db.string());
    std::map<std::string, IndexedAt> out;
    for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
      Xapian::Document doc = d.get_document(*it);
      auto time = indexed_at_of(doc);
      REQUIRE(time);
      out[decode_document_data(doc.get_data()).headline] = *time;
    }
    return out;
  }
};

}  // namespace

TEST_CASE("indexed-at values: 16 digits that sort as time, RFC 3339 for readers", "[indexed_at]") {
  CHECK(encode_indexed_at(0) == "0000000000000000");
  CHECK(encode_indexed_at(1775988900123456) == "1775988900123456");
  CHECK(encode_indexed_at(999) < encode_indexed_at(1000));  // string order is time order
  CHECK(decode_indexed_at("1775988900123456") == 1775988900123456);
  CHECK_FALSE(decode_indexed_at(""));
  CHECK_FALSE(decode_indexed_at("177598890012345"));    // 15 digits
  CHECK_FALSE(decode_indexed_at("17759889001234567"));  // 17
  CHECK_FALSE(decode_indexed_at("1775988900-23456"));
  CHECK(rfc3339(0) == "1970-01-01T00:00:00.000000Z");
  CHECK(rfc3339(1775988900123456) == "2026-04-12T10:15:00.123456Z");
  CHECK(rfc3339(951782400000007) == "2000-02-29T00:00:00.000007Z");
}

TEST_CASE("a new briefing gets a unique time from its run, kept while it is unchanged",
          "[indexer][indexed_at]") {
  Fixture f;
  for (const char* word : {"alpha", "bravo", "charlie", "delta", "echo"}) {
    f.write(std::string(word) + ".txt", story(word));
  }
  const IndexedAt before = indexed_at_now();
  f.index();
  const IndexedAt after = indexed_at_now();
  auto first = f.times();
  REQUIRE(first.size() == 5);
  std::set<IndexedAt> distinct;
  for (const auto& [headline, time] : first) {
    INFO(headline);
    CHECK(time >= before);
    CHECK(time <= after + 10);  // a tick per document at most past the clock
    distinct.insert(time);
  }
  CHECK(distinct.size() == 5);
  f.index();
  CHECK(f.times() == first);
}

TEST_CASE("copies, moves and edits keep the time, a new briefing comes after",
          "[indexer][indexed_at]") {
  struct Case {
    const char* what;
    void (*change)(Fixture&);
    const char* headline;  // whose time must be the one "Story about alpha" had
  };
  const Case cases[] = {
      {"a second copy at another path",
       [](Fixture& f) { f.write("copy/alpha.txt", story("alpha")); }, "Story about alpha"},
      {"a move to another folder",
       [](Fixture& f) { fs::rename(f.docs / "alpha.txt", f.docs / "moved.txt"); },
       "Story about alpha"},
      {"an edit of its file",
       [](Fixture& f) { f.write("alpha.txt", story("alpha", " A correction followed.")); },
       "Story about alpha"},
      {"an edit that changes its headline",
       [](Fixture& f) { f.write("alpha.txt", story("alpine")); }, "Story about alpine"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Fixture f;
      for (const char* word : {"alpha", "bravo", "charlie"}) {
        f.write(std::string(word) + ".txt", story(word));
      }
      f.index();
      const auto before = f.times();
      c.change(f);
      f.write("zulu.txt", story("zulu"));
      f.index();
      const auto after = f.times();
      CHECK(after.at(c.headline) == before.at("Story about alpha"));
      CHECK(after.at("Story about bravo") == before.at("Story about bravo"));
      for (const auto& [headline, time] : before) CHECK(after.at("Story about zulu") > time);
    }
  }
}

TEST_CASE("a rebuild with --full keeps every briefing's time", "[indexer][indexed_at]") {
  Fixture f;
  for (const char* word : {"alpha", "bravo", "charlie", "delta"}) {
    f.write(std::string(word) + ".txt", story(word));
  }
  f.index();
  const auto before = f.times();
  f.write("echo.txt", story("echo"));
  f.index(/*full=*/true);
  const auto after = f.times();
  for (const auto& [headline, time] : before) {
    INFO(headline);
    CHECK(after.at(headline) == time);
  }
  for (const auto& [headline, time] : before) CHECK(after.at("Story about echo") > time);
}

TEST_CASE("new times always pass the latest the database holds, whatever the clock says",
          "[indexer][indexed_at]") {
  Fixture f;
  f.write("alpha.txt", story("alpha"));
  f.index();
  // A time far ahead of the clock (as after the clock was set back).
  const IndexedAt ahead = indexed_at_now() + 3600LL * 24 * 365 * 1000000;
  {
    Xapian::WritableDatabase w(f.db.string());
    Xapian::docid id = *w.postlist_begin("");
    Xapian::Document doc = w.get_document(id);
    set_indexed_at(doc, ahead);
    w.replace_document(id, doc);
    w.commit();
  }
  f.write("bravo.txt", story("bravo"));
  f.write("charlie.txt", story("charlie"));
  f.index();
  const auto times = f.times();
  CHECK(times.at("Story about bravo") > ahead);
  CHECK(times.at("Story about charlie") > ahead);
  CHECK(times.at("Story about bravo") != times.at("Story about charlie"));
  CHECK(latest_indexed_at(Xapian::Database(f.db.string())) >= times.at("Story about charlie"));
}
