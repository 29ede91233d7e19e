// `briefings index --watch` as a process: it prints a summary per change, holds the database
// against a second indexer, finishes its commit on SIGTERM and SIGINT, loses nothing when
// killed mid-burst, and falls back to rescanning when inotify runs out of watches.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "index/schema.h"
#include "tests/support/process.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using namespace briefings::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::string story(const std::string& word) {
  return briefing_text(
      "Story about " + word, "A summary that names " + word + ". (example.com)",
      "On Tuesday, March 4, 2025, the " + word + " report came out. (example.com)");
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = 30s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

// Documents and file records committed in `db` now (0 while it cannot be read).
size_t documents(const fs::path& db) {
  try {
    return Xapian::Database(db.string()).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}
size_t file_records(const fs::path& db) {
  try {
    Xapian::Database d(db.string());
    const std::string prefix(schema::kFileStateKeyPrefix);
    size_t n = 0;
    for (auto it = d.metadata_keys_begin(prefix); it != d.metadata_keys_end(prefix); ++it) ++n;
    return n;
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// `briefings index --watch --json` over `docs` in the background, its output in files.
struct Watching {
  TempDir& dir;
  std::unique_ptr<ChildProcess> child;

  Watching(TempDir& d, std::vector<std::string> extra = {}, std::vector<std::string> prefix = {})
      : dir(d) {
    std::vector<std::string> argv = std::move(prefix);
    for (const std::string& a :
         {briefings_binary().string(), std::string("index"), std::string("--watch"),
          std::string("--json"), std::string("--db"), (d / "db").string()}) {
      argv.push_back(a);
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back((d / "docs").string());
    child = std::make_unique<ChildProcess>(argv, d / "watch.out", d / "watch.err");
  }
  std::string out() const { return file_text(dir / "watch.out"); }
  std::string err() const { return file_text(dir / "watch.err"); }
  bool started() const {
    return eventually([&] {
             return err().find("watching for changes") != std::string::npos || child->ended();
           }) &&
           !child->ended();
  }
  // Sends `signal` and waits (bounded) for the exit code.
  int stop(int signal) {
    ::kill(child->pid(), signal);
    if (!eventually([&] { return child->ended(); }, 30s)) return -1;
    return exit_code_of(child->wait());
  }
};

}  // namespace

TEST_CASE("index --watch prints a JSON summary per change and stops cleanly on SIGTERM and SIGINT",
          "[watch][cli]") {
  for (int signal : {SIGTERM, SIGINT}) {
    INFO("signal " << signal);
    TempDir dir;
    dir.write("docs/a.md", story("alpha"));
    Watching w(dir);
    REQUIRE(w.started());
    dir.write("docs/b.md", story("beta"));
    REQUIRE(eventually([&] { return documents(dir / "db") == 2; }));
    REQUIRE(eventually([&] { return w.out().find("\"added\":1") != std::string::npos; }));
    CHECK(w.stop(signal) == 0);
    // Every line is one JSON summary: the first pass, then the change.
    std::istringstream lines(w.out());
    std::string line;
    std::vector<nlohmann::json> summaries;
    while (std::getline(lines, line)) summaries.push_back(nlohmann::json::parse(line));
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[0]["added"] == 1);
    CHECK(summaries[1]["added"] == 1);
    CHECK(summaries[1]["documents"] == 2);
    // The lock is released: an ordinary run works at once.
    auto again = run_program({briefings_binary().string(), "index", "-q", "--db",
                              (dir / "db").string(), (dir / "docs").string()});
    CHECK(again.exit_code == 0);
  }
}

TEST_CASE("SIGTERM during the first pass ends it at once: what it committed stays, exit 0",
          "[watch][cli]") {
  // In place (a database exists: the pass commits what it applied) and from nothing (a
  // bulk build, abandoned whole: no database is left half made).
  for (bool existing : {true, false}) {
    INFO((existing ? "in place" : "from nothing"));
    TempDir dir;
    dir.write("docs/seed.md", story("seed"));
    if (existing) {
      REQUIRE(run_program({briefings_binary().string(), "index", "-q", "--db",
                           (dir / "db").string(), (dir / "docs").string()})
                  .exit_code == 0);
    }
    for (int i = 0; i < 6000; ++i) {
      dir.write("docs/f" + std::to_string(i % 20) + "/" + std::to_string(i) + ".md",
                story("first" + std::to_string(i)));
    }
    Watching w(dir, {"-j", "1"});
    std::this_thread::sleep_for(300ms);
    const auto signalled = std::chrono::steady_clock::now();
    CHECK(w.stop(SIGTERM) == 0);
    INFO(w.err());
    CHECK(std::chrono::steady_clock::now() - signalled < 10s);
    CHECK(w.err().find("watching for changes") == std::string::npos);
    CHECK(documents(dir / "db") < 6001);
    CHECK(documents(dir / "db") >= (existing ? 1u : 0u));
    // The next run finishes the job.
    auto again = run_program({briefings_binary().string(), "index", "-q", "--db",
                              (dir / "db").string(), (dir / "docs").string()});
    CHECK(again.exit_code == 0);
    CHECK(documents(dir / "db") == 6001);
  }
}

TEST_CASE("a second indexer is refused while a watcher holds the database", "[watch][cli]") {
  TempDir dir;
  dir.write("docs/a.md", story("alpha"));
  Watching w(dir);
  REQUIRE(w.started());
  for (const char* mode : {"--quiet", "--watch"}) {
    auto second = run_program({briefings_binary().string(), "index", mode, "--db",
                               (dir / "db").string(), (dir / "docs").string()},
                              30s);
    CHECK(second.exit_code == 75);
    CHECK(second.err.find("is being indexed by another process") != std::string::npos);
  }
  CHECK(w.stop(SIGTERM) == 0);
}

TEST_CASE("a watcher killed or stopped mid-burst loses nothing: the next one finishes the job",
          "[watch][cli]") {
  // SIGKILL leaves the last commit; SIGTERM commits what the round had applied and exits 0.
  for (int signal : {SIGKILL, SIGTERM}) {
    INFO("signal " << signal);
    TempDir dir;
    fs::create_directories(dir / "docs");
    constexpr size_t kFiles = 3000;
    {
      Watching w(dir, {"-j", "1"});
      REQUIRE(w.started());
      for (size_t i = 0; i < kFiles; ++i) {
        dir.write("docs/f" + std::to_string(i % 10) + "/" + std::to_string(i) + ".md",
                  story("kill" + std::to_string(i)));
      }
      // Once some of the burst is committed, and (most likely) while more is on its way.
      REQUIRE(eventually([&] { return documents(dir / "db") > 0; }, 60s));
      const auto signalled = std::chrono::steady_clock::now();
      const int code = w.stop(signal);
      CHECK(code == (signal == SIGKILL ? 128 + SIGKILL : 0));
      CHECK(std::chrono::steady_clock::now() - signalled < 10s);
      INFO("committed before the signal: " << documents(dir / "db"));
    }
    Watching again(dir);
    REQUIRE(again.started());
    CHECK(eventually([&] { return documents(dir / "db") == kFiles; }, 120s));
    CHECK(file_records(dir / "db") == kFiles);
    CHECK(again.stop(SIGTERM) == 0);
    auto check = run_command("xapian-check " + shell_quoted(dir / "db") + " >/dev/null 2>&1");
    CHECK(check.exit_code == 0);
  }
}

TEST_CASE("out of inotify watches: a clear message, then periodic rescans find every file",
          "[watch][cli]") {
  // The limit is per user namespace: a namespace of our own gets a tiny one, and nothing
  // else on the machine is touched.
  auto probe = run_command(
      "unshare --user --map-root-user sh -c 'echo 2 > /proc/sys/user/max_inotify_watches' 2>&1");
  if (probe.exit_code != 0)
    SKIP_TEST("no user namespace with its own inotify limit: " << probe.out);
  TempDir dir;
  for (const char* sub : {"docs/a", "docs/b", "docs/c/d"}) fs::create_directories(dir / sub);
  std::string script = "echo 2 > /proc/sys/user/max_inotify_watches && exec \"$@\"";
  Watching w(dir, {"--rescan", "1"},
             {"unshare", "--user", "--map-root-user", "sh", "-c", script, "sh"});
  REQUIRE(w.started());
  CHECK(w.err().find("fs.inotify.max_user_watches") != std::string::npos);
  // Some folders have no watch; the rescans find what is written there anyway.
  dir.write("docs/a/one.md", story("one"));
  dir.write("docs/c/d/two.md", story("two"));
  CHECK(eventually([&] { return documents(dir / "db") == 2; }));
  CHECK(w.stop(SIGTERM) == 0);
  INFO(w.err());
}
