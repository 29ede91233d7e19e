// Watching whole folders (indexer/watch_loop.h), with real inotify: folders moved in, out
// and renamed, trees made faster than they can be watched, an input deleted or unmounted
// and back, lost events, links out of the inputs.
#include <catch2/catch.hpp>

#include <sys/inotify.h>
#include <sys/mount.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "tests/indexer/watch_support.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using namespace briefings::testing;
using namespace std::chrono_literals;

namespace {

// Writes `count` briefings under `folder`, spread over two levels of subfolders; returns
// path -> headline.
std::map<std::string, std::string> write_tree(const fs::path& folder, const std::string& word,
                                              int count) {
  std::map<std::string, std::string> written;
  for (int i = 0; i < count; ++i) {
    const std::string w = word + std::to_string(i);
    fs::path p =
        folder / ("part" + std::to_string(i % 3)) / ("deep" + std::to_string(i % 2)) / (w + ".md");
    write_file(p, watch_story(w));
    written[p.string()] = "Story about " + w;
  }
  return written;
}

// `tree` with its paths moved from under `from` to under `to`.
std::map<std::string, std::string> moved(const std::map<std::string, std::string>& tree,
                                         const fs::path& from, const fs::path& to) {
  std::map<std::string, std::string> out;
  for (const auto& [path, h] : tree) {
    out[(to / fs::path(path).lexically_relative(from)).string()] = h;
  }
  return out;
}

}  // namespace

TEST_CASE("a folder moved in, renamed and moved out is indexed, followed and removed", "[watch]") {
  TempDir dir;
  fs::create_directories(dir / "docs");
  const auto outside = write_tree(dir / "outside", "moved", 12);
  RunningWatcher watcher(dir);
  REQUIRE(watcher.started());

  fs::rename(dir / "outside", dir / "docs/in");
  const auto in = moved(outside, dir / "outside", dir / "docs/in");
  CHECK(watcher.holds(in));
  const Xapian::docid first = watcher.docid_of(in.begin()->first);

  fs::rename(dir / "docs/in", dir / "docs/renamed");
  const auto renamed = moved(in, dir / "docs/in", dir / "docs/renamed");
  CHECK(watcher.holds(renamed));
  CHECK(watcher.docid_of(renamed.begin()->first) == first);  // followed, not re-added

  // Still watched under its new name.
  write_file(dir / "docs/renamed/part0/later.md", watch_story("later"));
  auto with_later = renamed;
  with_later[(dir / "docs/renamed/part0/later.md").string()] = "Story about later";
  CHECK(watcher.holds(with_later));

  fs::rename(dir / "docs/renamed", dir / "away");
  CHECK(watcher.holds({}));
  // No longer watched where it went.
  write_file(dir / "away/part0/after.md", watch_story("after"));
  std::this_thread::sleep_for(400ms);
  CHECK(watcher.indexed().empty());
  INFO(watcher.recorder().all_notices());
}

TEST_CASE("a tree made at once is indexed whole: each new folder is walked after its watch",
          "[watch]") {
  TempDir dir;
  fs::create_directories(dir / "docs");
  RunningWatcher watcher(dir);
  REQUIRE(watcher.started());
  // Folders and files made faster than the watcher can add watches to the new folders.
  const auto tree = write_tree(dir / "docs/new", "quick", 30);
  CHECK(watcher.holds(tree));
}

TEST_CASE("an input deleted is reported, and indexed again when it is back", "[watch]") {
  TempDir dir;
  write_file(dir / "docs/a.md", watch_story("alpha"));
  RunningWatcher watcher(dir);
  REQUIRE(watcher.started());
  fs::remove_all(dir / "docs");
  CHECK(watcher.holds({}));
  CHECK(eventually([&] { return watcher.recorder().told("was deleted or moved away"); }));
  write_file(dir / "docs/b.md", watch_story("beta"));
  CHECK(watcher.holds({{(dir / "docs/b.md").string(), "Story about beta"}}));
  CHECK(watcher.recorder().told("is back"));
  // Watched again: a later file arrives by its event.
  write_file(dir / "docs/c.md", watch_story("gamma"));
  CHECK(watcher.holds({{(dir / "docs/b.md").string(), "Story about beta"},
                       {(dir / "docs/c.md").string(), "Story about gamma"}}));
}

TEST_CASE("an unmounted input keeps its briefings and is rescanned when mounted again", "[watch]") {
  TempDir dir;
  fs::create_directories(dir / "docs");
  if (::geteuid() != 0 || ::mount("tmpfs", (dir / "docs").c_str(), "tmpfs", 0, "size=4m") != 0) {
    SKIP_TEST("cannot mount a tmpfs here (needs root)");
  }
  struct Unmount {
    fs::path at;
    ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
  } unmount_at_end{dir / "docs"};
  write_file(dir / "docs/a.md", watch_story("alpha"));
  RunningWatcher watcher(dir);
  REQUIRE(watcher.started());
  const std::map<std::string, std::string> mounted = {
      {(dir / "docs/a.md").string(), "Story about alpha"}};
  REQUIRE(watcher.holds(mounted));

  REQUIRE(::umount2((dir / "docs").c_str(), 0) == 0);
  CHECK(eventually([&] { return watcher.recorder().told("was unmounted"); }));
  std::this_thread::sleep_for(1500ms);  // a check of the inputs has passed meanwhile
  CHECK(watcher.indexed() == mounted);

  REQUIRE(::mount("tmpfs", (dir / "docs").c_str(), "tmpfs", 0, "size=4m") == 0);
  write_file(dir / "docs/b.md", watch_story("beta"));
  CHECK(watcher.holds({{(dir / "docs/b.md").string(), "Story about beta"}}));
  INFO(watcher.recorder().all_notices());
}

TEST_CASE("lost events (a queue overflow) make the watcher rescan and miss nothing", "[watch]") {
  const char* setting = "/proc/sys/fs/inotify/max_queued_events";
  if (::geteuid() != 0 || ::access(setting, W_OK) != 0) {
    SKIP_TEST("cannot set " << setting << " (needs root)");
  }
  std::string saved;
  std::ifstream(setting) >> saved;
  TempDir dir;
  fs::create_directories(dir / "docs");
  std::map<std::string, std::string> expected;
  {
    // A queue of 8 events, for the watcher's inotify instance alone: the kernel reads the
    // setting when an instance starts, so it is put back once the watcher is watching.
    std::ofstream(setting) << 8;
    RunningWatcher watcher(dir);
    const bool started = watcher.started();
    std::ofstream(setting) << saved;
    REQUIRE(started);
    for (int i = 0; i < 200; ++i) {
      const std::string word = "flood" + std::to_string(i);
      write_file(dir / "docs" / (word + ".md"), watch_story(word));
      expected[(dir / "docs" / (word + ".md")).string()] = "Story about " + word;
    }
    CHECK(watcher.holds(expected, 60s));
    CHECK(watcher.recorder().told("overflowed"));
  }
  std::string now;
  std::ifstream(setting) >> now;
  CHECK(now == saved);
}

TEST_CASE("a link out of the inputs made while watching is reported, not followed", "[watch]") {
  TempDir dir;
  fs::create_directories(dir / "docs");
  write_file(dir / "secret/key.md", watch_story("secret"));
  RunningWatcher watcher(dir);
  REQUIRE(watcher.started());
  fs::create_symlink(dir / "secret/key.md", dir / "docs/link.md");
  write_file(dir / "docs/real.md", watch_story("real"));
  CHECK(watcher.holds({{(dir / "docs/real.md").string(), "Story about real"}}));
  CHECK(eventually([&] { return watcher.recorder().told("not followed", true); }));
  CHECK(watcher.indexed().count((dir / "docs/link.md").string()) == 0);
}
