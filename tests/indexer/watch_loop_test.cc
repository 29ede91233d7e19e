// Watching folders (indexer/watch_loop.h) with real inotify on temp folders: every way an
// editor or a file manager saves, moves and deletes a briefing ends with the index holding
// exactly the files there are, each read once it is complete.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <thread>

#include "tests/indexer/watch_support.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using namespace briefings::testing;
using namespace std::chrono_literals;

namespace {

std::string headline(const std::string& word) {
  return "Story about " + word;
}

// Writes `text` to `path` through one descriptor in two parts, as an editor saving in place
// does (truncate, write, close).
void write_in_place(const fs::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  const size_t half = text.size() / 2;
  REQUIRE(::write(fd, text.data(), half) == static_cast<ssize_t>(half));
  std::this_thread::sleep_for(10ms);
  REQUIRE(::write(fd, text.data() + half, text.size() - half) ==
          static_cast<ssize_t>(text.size() - half));
  ::close(fd);
}

struct SavePattern {
  const char* name;
  std::function<void(const TempDir&)> before;   // while nothing watches
  std::function<void(const TempDir&)> save;     // while the watcher runs
  std::map<std::string, std::string> expected;  // relative path -> headline
  const char* same_document_as = nullptr;       // a path before whose document is kept
};

std::vector<SavePattern> save_patterns() {
  auto docs = [](const TempDir& d) { return d / "docs"; };
  auto one = [docs](const TempDir& d) { write_file(docs(d) / "a.md", watch_story("alpha")); };
  return {
      {"a new file written in place",
       nullptr,
       [docs](const TempDir& d) { write_in_place(docs(d) / "a.md", watch_story("alpha")); },
       {{"a.md", headline("alpha")}}},
      {"an edit written in place",
       one,
       [docs](const TempDir& d) { write_in_place(docs(d) / "a.md", watch_story("beta")); },
       {{"a.md", headline("beta")}},
       "a.md"},
      {"an edit written to a hidden temp file, then renamed over",
       one,
       [docs](const TempDir& d) {
         write_file(docs(d) / ".goutputstream-X1", watch_story("beta"));
         fs::rename(docs(d) / ".goutputstream-X1", docs(d) / "a.md");
       },
       {{"a.md", headline("beta")}},
       "a.md"},
      {"an edit saved by renaming the old copy away, then writing anew (vim)",
       one,
       [docs](const TempDir& d) {
         write_file(docs(d) / "4913", "");
         fs::remove(docs(d) / "4913");
         fs::rename(docs(d) / "a.md", docs(d) / "a.md~");
         write_in_place(docs(d) / "a.md", watch_story("beta"));
         fs::remove(docs(d) / "a.md~");
       },
       {{"a.md", headline("beta")}},
       "a.md"},
      {"a file renamed into the folder from outside",
       nullptr,
       [docs](const TempDir& d) {
         write_file(d / "outside.md", watch_story("alpha"));
         fs::rename(d / "outside.md", docs(d) / "a.md");
       },
       {{"a.md", headline("alpha")}}},
      {"a file renamed within the folder",
       one,
       [docs](const TempDir& d) { fs::rename(docs(d) / "a.md", docs(d) / "b.md"); },
       {{"b.md", headline("alpha")}},
       "a.md"},
      {"a file moved between folders",
       one,
       [docs](const TempDir& d) {
         fs::create_directories(docs(d) / "sub");
         fs::rename(docs(d) / "a.md", docs(d) / "sub/a.md");
       },
       {{"sub/a.md", headline("alpha")}},
       "a.md"},
      {"a file deleted", one, [docs](const TempDir& d) { fs::remove(docs(d) / "a.md"); }, {}},
      {"a file moved out of the folder",
       one,
       [docs](const TempDir& d) { fs::rename(docs(d) / "a.md", d / "gone.md"); },
       {}},
      {"a name with spaces, a newline and bytes that are not UTF-8",
       nullptr,
       [docs](const TempDir& d) {
         write_file(docs(d) / "odd name\nline \xff\xfe.md", watch_story("odd"));
       },
       {{"odd name\nline \xff\xfe.md", headline("odd")}}},
      {"editors' scratch files are not briefings",
       nullptr,
       [docs](const TempDir& d) {
         for (const char* name : {"a.md.swp", ".a.md.swp", "a.md~", ".#a.md", "#a.md#", "4913",
                                  ".hidden.md", "notes.txt.tmp"}) {
           write_file(docs(d) / name, watch_story("scratch"));
         }
         write_file(docs(d) / "real.md", watch_story("alpha"));
       },
       {{"real.md", headline("alpha")}}},
  };
}

std::map<std::string, std::string> under(const TempDir& dir,
                                         const std::map<std::string, std::string>& relative) {
  std::map<std::string, std::string> out;
  for (const auto& [path, h] : relative) out[(dir / "docs" / path).string()] = h;
  return out;
}

}  // namespace

TEST_CASE("every way of saving a briefing leaves the index holding what the folder holds",
          "[watch]") {
  for (const auto& pattern : save_patterns()) {
    INFO(pattern.name);
    TempDir dir;
    fs::create_directories(dir / "docs");
    if (pattern.before) pattern.before(dir);
    RunningWatcher watcher(dir);
    REQUIRE(watcher.started());
    Xapian::docid before = 0;
    if (pattern.same_document_as) {
      before = watcher.docid_of((dir / "docs" / pattern.same_document_as).string());
      REQUIRE(before != 0);
    }
    pattern.save(dir);
    const auto expected = under(dir, pattern.expected);
    CHECK(watcher.holds(expected));
    INFO(watcher.recorder().all_notices());
    if (pattern.same_document_as) {
      // Edited in place or moved: the same document, not one deleted and one added.
      CHECK(watcher.docid_of(expected.begin()->first) == before);
    }
    // Settled: nothing more arrives once the index is right.
    std::this_thread::sleep_for(300ms);
    CHECK(watcher.indexed() == expected);
    watcher.stop();
    CHECK_FALSE(watcher.error());
  }
}

TEST_CASE("a file still being written is read once, after its writer is done", "[watch]") {
  TempDir dir;
  fs::create_directories(dir / "docs");
  RunningWatcher watcher(dir);
  REQUIRE(watcher.started());
  const std::string text = watch_story("slow");
  const int fd = ::open((dir / "docs/slow.md").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(fd >= 0);
  // Three parts, 300 ms apart: each part alone is no whole briefing (or a shorter one).
  const size_t third = text.size() / 3;
  for (size_t part = 0; part < 3; ++part) {
    const size_t from = part * third, to = part == 2 ? text.size() : from + third;
    REQUIRE(::write(fd, text.data() + from, to - from) == static_cast<ssize_t>(to - from));
    ::fsync(fd);
    if (part < 2) std::this_thread::sleep_for(300ms);
  }
  ::close(fd);
  CHECK(watcher.holds(under(dir, {{"slow.md", headline("slow")}})));
  std::this_thread::sleep_for(300ms);
  size_t added = 0, other = 0;
  for (const auto& commit : watcher.recorder().commits()) {
    added += commit.added;
    other += commit.updated + commit.skipped + commit.removed;
  }
  CHECK(added == 1);
  CHECK(other == 0);
}

TEST_CASE("a burst of 5,000 files is indexed whole, in a few commits", "[watch]") {
  TempDir dir;
  fs::create_directories(dir / "docs");
  RunningWatcher watcher(dir);
  REQUIRE(watcher.started());
  constexpr int kFiles = 5000;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kFiles; ++i) {
    write_file(dir / "docs" / ("batch-" + std::to_string(i / 100)) / (std::to_string(i) + ".md"),
               watch_story("burst" + std::to_string(i)));
  }
  REQUIRE(eventually([&] { return watcher.documents() == kFiles; }, 180s));
  size_t added = 0;
  const auto commits = watcher.recorder().commits();
  for (const auto& commit : commits) added += commit.added;
  CHECK(added == kFiles);
  // At most one commit a second while the burst lasts, and the last ones after it.
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  INFO(commits.size() << " commits over " << seconds.count() << " s");
  CHECK(commits.size() <= static_cast<size_t>(seconds.count()) + 3);
}
