// Saved searches on disk: the rules for a name, the file format, and the store beside the
// database that many processes may change at once without losing a search.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "index/errors.h"
#include "index/saved_search.h"
#include "index/saved_search_store.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

SavedSearch named(const std::string& name, const std::string& query = "Bedrock") {
  SavedSearch s;
  s.name = name;
  s.query = query;
  s.created = 1775988900000000;
  s.seen_through = 1775988900000001;
  return s;
}

std::vector<std::string> names_in(const SavedSearchStore& store) {
  std::vector<std::string> names;
  for (const auto& s : store.list()) names.push_back(s.name);
  return names;
}

}  // namespace

TEST_CASE("a saved search's name is one plain word of 1 to 64 characters", "[saved]") {
  struct Case {
    std::string name;
    bool valid;
  };
  const Case cases[] = {
      {"bedrock", true},
      {"Bedrock-enterprise_2026", true},
      {"7days", true},
      {std::string(64, 'a'), true},
      {std::string(65, 'a'), false},
      {"", false},
      {"-new", false},  // would read as an option
      {"_private", false},
      {"two words", false},
      {"a/b", false},  // a path, in a URL or on disk
      {"..", false},
      {"name.atom", false},
      {"caf\xc3\xa9", false},  // ASCII only: a URL path and a shell word as typed
      {"tab\there", false},
      {std::string("nul\0byte", 8), false},
      {"<script>", false},
      {"search", false},  // the feed of any query, /feeds/search.atom
      {"Search", true},
  };
  for (const auto& c : cases) {
    INFO("'" << c.name << "'");
    if (c.valid) {
      CHECK_NOTHROW(check_saved_search_name(c.name));
    } else {
      CHECK_THROWS_AS(check_saved_search_name(c.name), InvalidInput);
    }
  }
  try {
    check_saved_search_name("two words");
    FAIL("accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.parameter == "name");
    CHECK(std::string(e.what()) ==
          "name must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit, "
          "not 'two words'");
  }
}

TEST_CASE("the saved searches file round-trips and refuses what it cannot read", "[saved]") {
  SavedSearch full = named("bedrock", "Bedrock \"enterprise\" OR agents");
  full.domains = {"cnbc.com", "reuters.com"};
  full.since = "2026";
  full.until = "2026-04-12";
  const std::vector<SavedSearch> list = {full, named("rail", "")};
  CHECK(saved_searches_from_text(saved_searches_to_text(list)) == list);
  CHECK(saved_searches_from_text(saved_searches_to_text({})).empty());
  const char* broken[] = {
      "",
      "not json",
      R"({"format": 2, "saved": []})",
      R"({"format": 1})",
      R"({"format": 1, "saved": [{"query": "no name"}]})",
      R"({"format": 1, "saved": [{"name": "x", "seen_through": "soon"}]})",
      R"([1, 2])",
  };
  for (const char* text : broken) {
    INFO(text);
    CHECK_THROWS_AS(saved_searches_from_text(text), std::runtime_error);
  }
}

TEST_CASE("the store keeps searches beside the database, never inside it", "[saved]") {
  TempDir dir;
  SavedSearchStore store((dir / "db/").string());
  CHECK(store.path() == dir / "db.saved.json");
  CHECK(store.lock_path() == dir / "db.saved.lock");
  CHECK(store.list().empty());  // no file yet
  store.add(named("bedrock"), false);
  store.add(named("rail", "rail strike"), false);
  CHECK(names_in(store) == std::vector<std::string>{"bedrock", "rail"});
  CHECK(store.get("rail").query == "rail strike");
  CHECK_THROWS_AS(store.get("nope"), NotFound);

  CHECK_THROWS_AS(store.add(named("bedrock", "other"), false), AlreadyExists);
  store.add(named("bedrock", "other"), true);
  CHECK(store.get("bedrock").query == "other");
  CHECK_THROWS_AS(store.add(named("bad name"), false), InvalidInput);

  store.mark_seen("rail", 1775988900000009);
  CHECK(store.get("rail").seen_through == 1775988900000009);
  store.mark_seen("rail", 5);  // a mark never moves back
  CHECK(store.get("rail").seen_through == 1775988900000009);
  CHECK_THROWS_AS(store.mark_seen("nope", 5), NotFound);

  store.remove("bedrock");
  CHECK(names_in(store) == std::vector<std::string>{"rail"});
  CHECK_THROWS_AS(store.remove("bedrock"), NotFound);
  CHECK_FALSE(fs::exists(dir / "db.saved.json.new"));
}

TEST_CASE("a change killed half-way leaves the last whole file", "[saved]") {
  TempDir dir;
  SavedSearchStore store((dir / "db").string());
  store.add(named("bedrock"), false);
  // What a kill between writing the new file and renaming it leaves behind.
  std::ofstream(dir / "db.saved.json.new") << "{\"format\": 1, \"saved\": [{\"na";
  CHECK(names_in(store) == std::vector<std::string>{"bedrock"});
  store.add(named("rail"), false);  // the leftover is simply overwritten
  CHECK(names_in(store) == std::vector<std::string>{"bedrock", "rail"});
  CHECK_FALSE(fs::exists(dir / "db.saved.json.new"));

  std::ofstream(store.path(), std::ios::trunc) << "{\"format\": 1, \"saved\": [";
  CHECK_THROWS_AS(store.list(), StorageError);  // a damaged file is reported, not emptied
  CHECK_THROWS_AS(store.add(named("news"), false), StorageError);
}

TEST_CASE("changes from many threads at once are all kept", "[saved]") {
  TempDir dir;
  constexpr int kThreads = 8, kEach = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      SavedSearchStore store((dir / "db").string());  // as separate processes would
      for (int i = 0; i < kEach; ++i) {
        store.add(named("s" + std::to_string(t) + "-" + std::to_string(i)), false);
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(SavedSearchStore((dir / "db").string()).list().size() == kThreads * kEach);
}

TEST_CASE("a lock held too long is reported, not waited on forever", "[saved]") {
  TempDir dir;
  SavedSearchStore store((dir / "db").string());
  store.add(named("bedrock"), false);
  const int holder = ::open(store.lock_path().c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(holder >= 0);
  REQUIRE(::flock(holder, LOCK_EX) == 0);
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(store.add(named("rail"), false), DatabaseLocked);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited >= std::chrono::milliseconds(SavedSearchStore::kLockWaitMs));
  CHECK(waited < std::chrono::milliseconds(SavedSearchStore::kLockWaitMs + 5000));
  CHECK(names_in(store) == std::vector<std::string>{"bedrock"});  // reading needs no lock
  ::close(holder);
  store.add(named("rail"), false);
  CHECK(names_in(store).size() == 2);
}
