// Files an attacker (or an accident) could put in a briefings folder, as the indexer meets
// them: links leading out of it, files rewritten while the indexer reads them, a tree deeper
// than the open-file limit. How the searcher shows hostile content (1 MiB of one word,
// 100,000 citations, invalid UTF-8) is in tests/searcher/hostile_briefing_test.cc.
// docs/security.md lists them.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "index/codec.h"
#include "indexer/briefing_parser.h"
#include "indexer/file_walker.h"
#include "indexer/index_writer.h"
#include "tests/support/temp_dir.h"
#include "tests/support/warning_recorder.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::TempDir;
namespace fs = std::filesystem;

namespace {

using Recorder = briefings::testing::WarningRecorder;

IndexReport index(const fs::path& db, std::vector<std::string> inputs, Recorder& recorder) {
  IndexOptions o;
  o.database = db.string();
  o.inputs = std::move(inputs);
  o.jobs = 2;
  return run_index(o, recorder);
}

Xapian::doccount with_term(const fs::path& db, const std::string& term) {
  return Xapian::Database(db.string()).get_termfreq(term);
}

std::string story(const std::string& word) {
  return briefing_text("Story about " + word, "A summary that names " + word + ". (example.com)",
                       "More about " + word + " here. (example.org)");
}

}  // namespace

TEST_CASE("links are followed inside the indexed folders, never out of them",
          "[indexer][hostile][links]") {
  TempDir dir;
  dir.write("docs/inside.txt", story("walrus"));
  dir.write("docs/nested/deep.txt", story("narwhal"));
  dir.write("outside/secret.txt", story("zebrasecret"));
  dir.write("outside/more/private.md", story("okapisecret"));
  dir.write("other/shared.txt", story("ibex"));
  fs::create_symlink(dir / "docs/inside.txt", dir / "docs/alias.txt");
  fs::create_directory_symlink(dir / "docs/nested", dir / "docs/shortcut");
  fs::create_symlink(dir / "outside/secret.txt", dir / "docs/secret.txt");
  fs::create_directory_symlink(dir / "outside", dir / "docs/outside-link");
  fs::create_symlink("../../outside/secret.txt", dir / "docs/nested/relative.txt");
  fs::create_directory_symlink("/", dir / "docs/root");
  fs::create_symlink(dir / "other/shared.txt", dir / "docs/shared.txt");
  Recorder recorder;
  fs::path db = dir / "db";

  auto r = index(db, {(dir / "docs").string()}, recorder);
  INFO(r.documents << " documents");
  CHECK(with_term(db, "walrus") == 1);
  CHECK(with_term(db, "narwhal") == 1);
  CHECK(with_term(db, "zebrasecret") == 0);
  CHECK(with_term(db, "okapisecret") == 0);
  CHECK(with_term(db, "ibex") == 0);
  CHECK(r.documents == 2);
  for (const char* link : {"docs/secret.txt", "docs/outside-link", "docs/nested/relative.txt",
                           "docs/root", "docs/shared.txt"}) {
    INFO(link);
    CHECK(recorder.mentions((dir / link).string(), "not followed"));
  }
  // The link inside the folder is a second path of the same briefing.
  {
    Xapian::Database written(db.string());
    const Xapian::docid walrus = *written.postlist_begin("walrus");
    CHECK(decode_document_data(written.get_document(walrus).get_data()).paths.size() == 2);
  }

  SECTION("a link into another folder of the same run is followed") {
    Recorder again;
    index(db, {(dir / "docs").string(), (dir / "other").string()}, again);
    CHECK(with_term(db, "ibex") == 1);
    CHECK(with_term(db, "zebrasecret") == 0);
  }
  SECTION("a file named on the command line is taken wherever it leads") {
    Recorder named;
    index(db, {(dir / "docs/secret.txt").string()}, named);
    CHECK(with_term(db, "zebrasecret") == 1);
  }
  SECTION("a folder reached through a link as the input itself is walked") {
    fs::create_directory_symlink(dir / "docs", dir / "docs-link");
    Recorder linked;
    index(dir / "db2", {(dir / "docs-link").string()}, linked);
    CHECK(with_term(dir / "db2", "walrus") == 1);
    CHECK(with_term(dir / "db2", "zebrasecret") == 0);
  }
}

TEST_CASE("files rewritten while the indexer reads them end up indexed as they are",
          "[indexer][hostile][race]") {
  TempDir dir;
  fs::path db = dir / "db";
  constexpr int kFiles = 60;
  auto version = [](const std::string& word, int i) {
    std::string n = std::to_string(i);
    return briefing_text("Item " + n + " " + word, "Item " + n + " says " + word + ". (a.com)",
                         word == "omega" ? "A longer body for the final version " + n + ". (b.com)"
                                         : "Short " + n + ". (b.com)");
  };
  for (int i = 0; i < kFiles; ++i)
    dir.write("docs/f" + std::to_string(i) + ".txt", version("alpha", i));

  // Rewrites every file over and over, alternately in place (truncate, then write) and by
  // renaming a finished copy over it, until told to stop; then leaves each at its final text.
  std::atomic<bool> stop{false};
  auto file = [&](int i) {
    return dir / "docs" / std::string("f").append(std::to_string(i) + ".txt");
  };
  std::thread writer([&] {
    for (int round = 0; !stop; ++round) {
      for (int i = 0; i < kFiles; ++i) {
        fs::path target = file(i);
        std::string text = version(round % 2 ? "omega" : "alpha", i);
        if ((round + i) % 2) {
          std::ofstream(target, std::ios::binary | std::ios::trunc) << text;
        } else {
          fs::path temp = dir / std::string("tmp").append(std::to_string(i));
          std::ofstream(temp, std::ios::binary) << text;
          fs::rename(temp, target);
        }
      }
    }
    for (int i = 0; i < kFiles; ++i) {
      std::ofstream(file(i), std::ios::binary | std::ios::trunc) << version("omega", i);
    }
  });
  Recorder recorder;
  for (int run = 0; run < 4; ++run) {
    INFO("run " << run);
    CHECK_NOTHROW(index(db, {(dir / "docs").string()}, recorder));
  }
  stop = true;
  writer.join();

  // Whatever the runs above saw, the next one brings the index in line with the files.
  auto last = index(db, {(dir / "docs").string()}, recorder);
  CHECK(last.documents == kFiles);
  CHECK(with_term(db, "omega") == kFiles);
  CHECK(with_term(db, "alpha") == 0);
  CHECK(index(db, {(dir / "docs").string()}, recorder).unchanged == kFiles);
}

TEST_CASE("a tree deeper than the open-file limit is walked whole", "[indexer][hostile]") {
  // The walk must not hold a folder open while it walks the folders inside it, or a deep
  // enough tree (here 200 levels under a limit of 64 open files) loses its deepest files.
  TempDir dir;
  fs::path deep = dir / "docs";
  for (int i = 0; i < 200; ++i) deep /= "d";
  fs::create_directories(deep);
  std::ofstream(deep / "bottom.txt") << "x";
  std::ofstream(dir / "docs" / "top.txt") << "x";

  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
  rlimit low = saved;
  low.rlim_cur = 64;
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
  WalkResult walk = walk_inputs({(dir / "docs").string()});
  ::setrlimit(RLIMIT_NOFILE, &saved);

  CHECK(walk.problems.empty());
  REQUIRE(walk.files.size() == 2);
  // Sorted names: the folder "d" comes before "top.txt".
  CHECK(walk.files[0].path == (deep / "bottom.txt").string());
  CHECK(walk.files[1].path == (dir / "docs" / "top.txt").string());
}
