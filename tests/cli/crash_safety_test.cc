// `briefings index` killed with SIGKILL at random moments: while it walks and parses, while it
// writes (commits, a bulk build's shards and merge), on a first run and on later runs that
// add, change and delete briefings. After every kill the database must open, pass
// xapian-check, keep every briefing committed before (findable by its headline), and hold
// only records that agree with its documents; a final run finishes the job exactly.
//
// Kill moments are drawn from a seeded generator. The seed is printed (INFO and stderr);
// BRIEFINGS_CRASH_SEED=S repeats a run's choices (timing still varies a little).
// BRIEFINGS_CRASH_N overrides the corpus size (default 3000; 1200 in sanitizer builds).
#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "index/codec.h"
#include "index/schema.h"
#include "tests/support/process.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

namespace fs = std::filesystem;
using namespace briefings;
using namespace briefings::testing;
using nlohmann::json;

namespace {

constexpr int kKills = 20;
// A first run over the whole corpus is the slow one: it gets fewer kills than the later
// runs, which add, change and delete a few percent of the files.
constexpr int kKillsFirstEpisode = 2;
constexpr int kKillsPerEpisode = 4;
constexpr int kSamplesPerKill = 5;
// No single indexer run may take longer than this, even under a sanitizer.
constexpr auto kRunLimit = std::chrono::seconds(150);

bool sanitized_build() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#else
  const char* env = std::getenv("BRIEFINGS_SANITIZED");
  return env && *env && std::string(env) != "0";
#endif
}

int corpus_size() {
  if (const char* env = std::getenv("BRIEFINGS_CRASH_N"); env && *env) {
    return std::max(50, std::atoi(env));
  }
  return sanitized_build() ? 1200 : 3000;
}

std::uint64_t crash_seed() {
  if (const char* env = std::getenv("BRIEFINGS_CRASH_SEED"); env && *env) {
    return std::strtoull(env, nullptr, 10);
  }
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
}

std::string briefings_exe() {
  return briefings_binary().string();
}

// What the database holds at its last commit, read as a searcher would, plus every way in
// which its file records and documents disagree.
struct Committed {
  bool opens = false;
  std::string open_error;
  std::map<std::string, std::string> records;  // file path -> content id
  Xapian::doccount documents = 0;
  std::vector<std::string> problems;
};

Committed read_committed(const std::string& db_path) {
  Committed c;
  Xapian::Database db;
  try {
    db = Xapian::Database(db_path);
  } catch (const Xapian::DatabaseOpeningError& e) {
    c.open_error = e.get_description();
    return c;
  }
  c.opens = true;
  c.documents = db.get_doccount();
  const std::string prefix(schema::kFileStateKeyPrefix);
  std::set<std::string> ids;
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    std::string value = db.get_metadata(*key);
    if (value.empty()) continue;
    schema::FileState state;
    try {
      state = schema::FileState::unserialise(value);
    } catch (const std::exception& e) {
      c.problems.push_back("unreadable record " + *key + ": " + e.what());
      continue;
    }
    if (schema::file_state_key(state.path) != *key) {
      c.problems.push_back("record " + *key + " names another path: " + state.path);
    }
    c.records[state.path] = state.id;
    ids.insert(state.id);
    const std::string term = std::string(schema::kIdPrefix) + state.id;
    Xapian::doccount holders = db.get_termfreq(term);
    if (holders != 1) {
      c.problems.push_back(state.path + ": its content id " + state.id + " is held by " +
                           std::to_string(holders) + " documents");
      continue;
    }
    try {
      Briefing b = decode_document_data(db.get_document(*db.postlist_begin(term)).get_data());
      if (b.id != state.id) c.problems.push_back(state.path + ": document data has id " + b.id);
      if (std::find(b.paths.begin(), b.paths.end(), state.path) == b.paths.end()) {
        c.problems.push_back(state.path + ": its document does not list the path");
      }
    } catch (const std::exception& e) {
      c.problems.push_back(state.path + ": document unreadable: " + e.what());
    }
  }
  // Every document belongs to some recorded file: no document without a record.
  if (ids.size() != c.documents) {
    c.problems.push_back(std::to_string(c.documents) + " documents but " +
                         std::to_string(ids.size()) + " content ids recorded");
  }
  return c;
}

std::string headline_of(const std::string& db_path, const std::string& id) {
  Xapian::Database db(db_path);
  const std::string term = std::string(schema::kIdPrefix) + id;
  if (db.postlist_begin(term) == db.postlist_end(term)) return "";
  return decode_document_data(db.get_document(*db.postlist_begin(term)).get_data()).headline;
}

// True while a Xapian commit is writing its version file anywhere under `home` (the
// database, or a bulk build's shards and merge beside it): glass writes "v.tmp", syncs the
// tables and renames it to "iamglass". A v.tmp older than `since` was left by a run killed
// earlier. Only used to aim and label kills.
bool commit_in_progress(const fs::path& home, fs::file_time_type since) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(home, ec), end; !ec && it != end; it.increment(ec)) {
    if (it.depth() >= 2) it.disable_recursion_pending();
    if (it->path().filename() != "v.tmp") continue;
    std::error_code gone;
    auto written = fs::last_write_time(it->path(), gone);
    if (!gone && written >= since) return true;
  }
  return false;
}

// How one indexer run ended, and what it was doing when it was killed.
struct RunOutcome {
  bool killed = false;
  int exit_code = -1;
  double seconds = 0;
  std::optional<IoCounters> io;  // the last counters seen (the totals for a finished run)
  bool committing = false;       // killed while a commit was writing its version file
  bool hung = false;
  std::string out, err;
};

enum class Trigger { never, after_seconds, after_bytes_read, after_bytes_written, in_commit };

const char* trigger_name(Trigger t) {
  switch (t) {
    case Trigger::never:
      return "no kill";
    case Trigger::after_seconds:
      return "time";
    case Trigger::after_bytes_read:
      return "bytes read";
    case Trigger::after_bytes_written:
      return "bytes written";
    case Trigger::in_commit:
      return "commit";
  }
  return "?";
}

// Runs the indexer and kills it once the trigger fires: `threshold` seconds since the start,
// or bytes read or written as /proc/PID/io counts them (seconds when that cannot be read);
// `in_commit` fires when a commit is seen under `home`, or else after `threshold` bytes
// written.
RunOutcome run_indexer(const std::vector<std::string>& argv, const fs::path& scratch,
                       const fs::path& home, Trigger trigger, double threshold) {
  RunOutcome r;
  const auto start = std::chrono::steady_clock::now();
  const auto since = fs::file_time_type::clock::now();
  ChildProcess child(argv, scratch / "index.out", scratch / "index.err");
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start).count();
    if (child.ended()) {
      if (auto io = io_counters(child.pid())) r.io = io;  // a zombie still reports its totals
      r.seconds = elapsed;
      break;
    }
    if (auto io = io_counters(child.pid())) r.io = io;
    auto io_or_time = [&](long long bytes) {
      return r.io ? static_cast<double>(bytes) >= threshold : elapsed >= threshold;
    };
    bool fire = false;
    switch (trigger) {
      case Trigger::never:
        break;
      case Trigger::after_seconds:
        fire = elapsed >= threshold;
        break;
      case Trigger::after_bytes_read:
        fire = io_or_time(r.io ? r.io->read_bytes : 0);
        break;
      case Trigger::after_bytes_written:
        fire = io_or_time(r.io ? r.io->write_bytes : 0);
        break;
      case Trigger::in_commit:
        fire = commit_in_progress(home, since) || io_or_time(r.io ? r.io->write_bytes : 0);
        break;
    }
    if (now - start > kRunLimit) {
      r.hung = true;
      fire = true;
    }
    if (fire) {
      child.kill_now();
      r.committing = commit_in_progress(home, since);
      r.seconds = elapsed;
      break;
    }
    // Commits can be short: watch for them more often.
    std::this_thread::sleep_for(
        std::chrono::microseconds(trigger == Trigger::in_commit ? 40 : 200));
  }
  const int status = child.wait();
  r.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  r.exit_code = exit_code_of(status);
  r.out = file_text(scratch / "index.out");
  r.err = file_text(scratch / "index.err");
  return r;
}

// The corpus on disk: generated once, then changed between episodes as a user would.
class Corpus {
 public:
  Corpus(const fs::path& root, const fs::path& generated, int initial)
      : root_(root.lexically_normal()) {
    for (const auto& entry : fs::recursive_directory_iterator(generated)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
      const std::string name = entry.path().stem().string();  // b000123
      const int number = std::atoi(name.c_str() + 1);
      const fs::path relative = fs::relative(entry.path(), generated);
      if (number < initial) {
        fs::create_directories((root_ / relative).parent_path());
        fs::rename(entry.path(), root_ / relative);
        present_.insert((root_ / relative).string());
      } else {
        spare_.emplace_back(entry.path(), relative);
      }
    }
    std::sort(spare_.begin(), spare_.end());
  }

  std::string dir() const { return root_.string(); }
  const std::set<std::string>& present() const { return present_; }
  const std::set<std::string>& deleted() const { return deleted_; }
  std::set<std::string> ever() const {
    std::set<std::string> all = present_;
    all.insert(deleted_.begin(), deleted_.end());
    return all;
  }

  // Rewrites `changes` headlines (new content ids), adds `additions` new files and deletes
  // `deletions` files, all chosen by `rng`.
  void mutate(std::mt19937_64& rng, int episode, int changes, int additions, int deletions) {
    std::vector<std::string> pool(present_.begin(), present_.end());
    std::shuffle(pool.begin(), pool.end(), rng);
    size_t next = 0;
    for (int i = 0; i < changes && next < pool.size(); ++i, ++next) {
      std::string text = file_text(pool[next]);
      text.insert(std::min(text.find('\n'), text.size()),
                  " revised in round " + std::to_string(episode));
      std::ofstream(pool[next], std::ios::binary | std::ios::trunc) << text;
    }
    for (int i = 0; i < deletions && next < pool.size(); ++i, ++next) {
      fs::remove(pool[next]);
      present_.erase(pool[next]);
      deleted_.insert(pool[next]);
    }
    for (int i = 0; i < additions && !spare_.empty(); ++i) {
      auto [from, relative] = spare_.back();
      spare_.pop_back();
      fs::create_directories((root_ / relative).parent_path());
      fs::rename(from, root_ / relative);
      present_.insert((root_ / relative).string());
    }
  }

 private:
  fs::path root_;
  std::set<std::string> present_, deleted_;
  std::vector<std::pair<fs::path, fs::path>> spare_;
};

}  // namespace

TEST_CASE("killing the indexer at any moment leaves a usable database", "[cli][crash]") {
  const auto test_start = std::chrono::steady_clock::now();
  const std::uint64_t seed = crash_seed();
  const int n = corpus_size();
  std::cerr << "crash_safety_test: seed " << seed << ", " << n
            << " briefings (repeat with BRIEFINGS_CRASH_SEED=" << seed << ")\n";
  INFO("seed " << seed << " (BRIEFINGS_CRASH_SEED=" << seed << " repeats it), " << n
               << " briefings");
  std::mt19937_64 rng(seed);
  auto uniform = [&rng](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };

  // Episodes go on until 20 kills have landed; a run that ends before its kill ends its
  // episode, so allow for many of those (each costs a few seconds).
  const int episodes = 2 * ((kKills - kKillsFirstEpisode) / kKillsPerEpisode + 1) + 6;
  const int additions = std::max(10, n / 75), changes = std::max(10, n / 40),
            deletions = std::max(3, n / 300);
  TempDir dir;
  const fs::path generated = dir / "generated";
  auto gen =
      run_program({"python3", (source_dir() / "bench" / "gen-corpus").string(),
                   std::to_string(n + additions * episodes), generated.string(), "--seed", "11"});
  REQUIRE(gen.exit_code == 0);
  Corpus corpus(dir / "corpus", generated, n);
  REQUIRE(corpus.present().size() == static_cast<size_t>(n));

  // The database sits alone in its own folder, so anything a killed run leaves beside it
  // (a bulk build's work folder) can be seen.
  const fs::path home = dir / "home";
  fs::create_directory(home);
  const std::string db = (home / "db").string();
  const std::vector<std::string> index_argv = {briefings_exe(), "index", "--json",    "-q",
                                               "--db",          db,      corpus.dir()};

  std::map<std::string, std::string> committed;  // as seen after the previous kill
  int kills = 0, attempts = 0, ended_on_their_own = 0, kills_committing = 0;
  int searches = 0;
  std::map<std::string, int> kills_by_trigger;
  double longest_run = 0, checking_seconds = 0;

  // After every kill: (a) it opens, (b) xapian-check, (c) nothing committed is lost, each
  // record agrees with its document, and sampled briefings are found by their headline.
  auto check_after_kill = [&](const std::string& what) {
    INFO(what);
    Committed now = read_committed(db);
    if (!now.opens) {
      // Only acceptable while nothing was ever committed (killed before creating it).
      INFO("the database does not open: " << now.open_error);
      CHECK(committed.empty());
      CHECK_FALSE(fs::exists(home / "db" / "iamglass"));
      return;
    }
    {
      auto check = run_program({"xapian-check", db});
      INFO("xapian-check: " << check.out << check.err);
      CHECK(check.exit_code == 0);
      CHECK(check.out.find("No errors found") != std::string::npos);
    }

    for (const auto& problem : now.problems) FAIL_CHECK(problem);
    const auto ever = corpus.ever();
    int lost = 0;
    for (const auto& [path, id] : committed) {
      if (now.records.count(path) || corpus.deleted().count(path)) continue;
      if (++lost <= 5) FAIL_CHECK("committed before this kill, now missing: " << path);
    }
    CHECK(lost == 0);
    for (const auto& [path, id] : now.records) {
      if (!ever.count(path)) FAIL_CHECK("record for a file that never existed: " << path);
    }

    // Sampled briefings are found by their exact headlines: one query, each headline a
    // phrase, ORed (so one process per kill).
    std::vector<std::pair<std::string, std::string>> sample;
    std::sample(now.records.begin(), now.records.end(), std::back_inserter(sample), kSamplesPerKill,
                rng);
    if (!sample.empty()) {
      std::string query;
      for (const auto& [path, id] : sample) {
        std::string headline = headline_of(db, id);
        headline.erase(std::remove(headline.begin(), headline.end(), '"'), headline.end());
        INFO(path << " (" << id << ")");
        REQUIRE_FALSE(headline.empty());
        query += (query.empty() ? "\"" : " OR \"") + headline + "\"";
      }
      auto found =
          run_program({briefings_exe(), "search", "--db", db, "--json", "-n", "100", query});
      ++searches;
      INFO("query: " << query << "\nsearch output: " << found.out.substr(0, 300) << found.err);
      REQUIRE(found.exit_code == 0);
      const json response = json::parse(found.out);
      for (const auto& [path, id] : sample) {
        bool listed = false;
        for (const auto& hit : response["results"]) listed = listed || hit["id"] == id;
        INFO(path << " (" << id << ")");
        CHECK(listed);
      }
    }
    committed = std::move(now.records);
  };

  // A run left to finish: exit 0, and the database holds exactly the files on disk.
  auto finish_run = [&](const std::string& what) {
    INFO(what);
    RunOutcome done = run_indexer(index_argv, dir.path(), home, Trigger::never, 0);
    INFO("stderr: " << done.err);
    REQUIRE_FALSE(done.hung);
    REQUIRE(done.exit_code == 0);
    CHECK(json::parse(done.out)["documents"] == corpus.present().size());
    Committed now = read_committed(db);
    REQUIRE(now.opens);
    for (const auto& problem : now.problems) FAIL_CHECK(problem);
    std::set<std::string> recorded;
    for (const auto& [path, id] : now.records) recorded.insert(path);
    CHECK(recorded == corpus.present());
    committed = std::move(now.records);
  };

  std::vector<double> episode_seconds;
  for (int episode = 0; episode < episodes && kills < kKills; ++episode) {
    INFO("episode " << episode);
    const auto episode_start = std::chrono::steady_clock::now();
    if (episode > 0) corpus.mutate(rng, episode, changes, additions, deletions);

    // Probe: the same run on a copy, to learn how long it takes and how much it reads and
    // writes; kills then land at random points across that span.
    const fs::path probe_home = dir / "probe";
    fs::remove_all(probe_home);
    fs::create_directory(probe_home);
    if (fs::exists(db)) fs::copy(db, probe_home / "db", fs::copy_options::recursive);
    std::vector<std::string> probe_argv = index_argv;
    probe_argv[5] = (probe_home / "db").string();
    RunOutcome probe = run_indexer(probe_argv, dir.path(), probe_home, Trigger::never, 0);
    INFO("probe stderr: " << probe.err);
    REQUIRE(probe.exit_code == 0);
    fs::remove_all(probe_home);
    longest_run = std::max(longest_run, probe.seconds);

    const int kills_here = episode == 0 ? kKillsFirstEpisode : kKillsPerEpisode;
    for (int k = 0; k < kills_here && kills < kKills; ++k) {
      ++attempts;
      const double written = probe.io ? static_cast<double>(probe.io->write_bytes) : 0;
      Trigger trigger = Trigger::after_seconds;
      double threshold = uniform(0.0, 0.97) * probe.seconds;
      if (probe.io) {
        switch (kills % 4) {
          case 1:
            trigger = Trigger::after_bytes_read;
            threshold = uniform(0.0, 0.97) * static_cast<double>(probe.io->read_bytes);
            break;
          case 2:
            trigger = Trigger::after_bytes_written;
            threshold = 1 + uniform(0.0, 0.97) * written;
            break;
          case 3:
            // The first commit seen; where none is seen (they can be brief), late in the
            // writing, where the commits are.
            trigger = Trigger::in_commit;
            threshold = 1 + uniform(0.5, 0.97) * written;
            break;
          default:
            break;
        }
      }
      RunOutcome run = run_indexer(index_argv, dir.path(), home, trigger, threshold);
      std::string what = "attempt " + std::to_string(attempts) + ", kill planned after " +
                         std::to_string(threshold) + " (" + trigger_name(trigger) + "), came at " +
                         std::to_string(run.seconds) + " s" +
                         (run.committing ? ", during a commit" : "");
      INFO(what << "; stderr: " << run.err);
      REQUIRE_FALSE(run.hung);
      if (!run.killed) {
        // It finished first: the episode's work is done.
        REQUIRE(run.exit_code == 0);
        ++ended_on_their_own;
        break;
      }
      ++kills;
      ++kills_by_trigger[trigger_name(trigger)];
      if (run.committing) ++kills_committing;
      const auto check_start = std::chrono::steady_clock::now();
      check_after_kill(what);
      checking_seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - check_start).count();
    }
    finish_run("finishing episode " + std::to_string(episode));
    episode_seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - episode_start).count());
  }

  // (d) A last run has nothing left to do, the counts are exact, and nothing is left over.
  auto rerun =
      run_program({briefings_exe(), "index", "--json", "-q", "--db", db, corpus.dir()}, kRunLimit);
  REQUIRE(rerun.exit_code == 0);
  CHECK(json::parse(rerun.out)["added"] == 0);
  auto stats = run_program({briefings_exe(), "stats", "--json", "--db", db});
  REQUIRE(stats.exit_code == 0);
  CHECK(json::parse(stats.out)["documents"] == corpus.present().size());
  auto check = run_program({"xapian-check", db});
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("No errors found") != std::string::npos);
  std::vector<std::string> beside;
  for (const auto& entry : fs::directory_iterator(home)) {
    beside.push_back(entry.path().filename().string());
  }
  INFO("the database's folder holds: " << json(beside).dump());
  CHECK(beside == std::vector<std::string>{"db"});

  const double total =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - test_start).count();
  WARN(kills << " kills in " << attempts << " attempts (" << kills_committing
             << " during a commit; by trigger: " << json(kills_by_trigger).dump() << "), "
             << ended_on_their_own << " runs ended before their kill, " << searches
             << " headline searches; longest uninterrupted run " << longest_run
             << " s; episodes took " << json(episode_seconds).dump() << " s, checks after kills "
             << checking_seconds << " s; " << total << " s in all; seed " << seed);
  CHECK(kills == kKills);
}

namespace {

// Runs `argv` under strace (tracing `syscalls`, and with `inject` non-empty, killing the
// process at the given invocation, e.g. "rename:signal=KILL:when=3"). LeakSanitizer cannot
// run under ptrace, so a sanitizer build's leak check is switched off for these runs only.
CommandResult run_traced(const std::vector<std::string>& argv, const std::string& syscalls,
                         const std::string& inject, const std::string& trace_file) {
  const char* asan = std::getenv("ASAN_OPTIONS");
  std::string asan_options = "ASAN_OPTIONS=";
  if (asan && *asan) asan_options.append(asan).append(":");
  asan_options += "detect_leaks=0";
  std::vector<std::string> full = {"env",      asan_options, "strace",           "-f", "-qq", "-o",
                                   trace_file, "-e",         "trace=" + syscalls};
  if (!inject.empty()) full.insert(full.end(), {"-e", "inject=" + inject});
  full.insert(full.end(), argv.begin(), argv.end());
  return run_program(full, kRunLimit);
}

// The most calls to a traced syscall made by one thread (strace -f lines start with the
// thread id).
int most_calls_by_one_thread(const fs::path& trace_file) {
  std::map<std::string, int> calls;
  std::istringstream lines(file_text(trace_file));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("resumed>") != std::string::npos) continue;
    ++calls[line.substr(0, line.find(' '))];
  }
  int most = 0;
  for (const auto& [thread, n] : calls) most = std::max(most, n);
  return most;
}

}  // namespace

// Random kills rarely land between two particular system calls, so this one kills a full
// rebuild (`index --full`) at each rename it makes, in turn: each commit's version file,
// and the moves that put the rebuilt database in place of the old one. Every kill must
// leave a database at the path holding every briefing, and the next run must clear what
// the killed one left beside it. Needs strace (ptrace); reported as skipped without it.
TEST_CASE("a full rebuild killed at each rename keeps the database in place", "[cli][crash]") {
  TempDir dir;
  const fs::path corpus = dir / "corpus";
  const fs::path home = dir / "home";
  fs::create_directory(home);
  const std::string db = (home / "db").string();
  const std::string exe = briefings_exe();
  auto gen = run_program({"python3", (source_dir() / "bench" / "gen-corpus").string(), "180",
                          corpus.string(), "--seed", "3"});
  REQUIRE(gen.exit_code == 0);
  auto first = run_program({exe, "index", "--json", "-q", "--db", db, corpus.string()});
  REQUIRE(first.exit_code == 0);
  const Committed before = read_committed(db);
  REQUIRE(before.records.size() == 180);

  // Every kill starts from a copy of this database, so each rebuild makes the same calls.
  const fs::path pristine = dir / "pristine";
  fs::copy(db, pristine, fs::copy_options::recursive);
  auto restore = [&](const fs::path& to) {
    fs::remove_all(to);
    fs::copy(pristine, to, fs::copy_options::recursive);
  };
  auto rebuild = [&](const fs::path& database) {
    return std::vector<std::string>{exe,    "index",           "--full",       "-q",
                                    "--db", database.string(), corpus.string()};
  };
  const std::string renames = "rename,renameat,renameat2";

  // Count the renames of one rebuild, on a copy.
  const fs::path trace = dir / "trace.txt";
  const fs::path counting = dir / "counting" / "db";
  fs::create_directories(counting.parent_path());
  restore(counting);
  CommandResult counted;
  try {
    counted = run_traced(rebuild(counting), renames, "", trace.string());
  } catch (const std::exception& e) {
    SKIP_TEST("cannot run strace: " << e.what());
  }
  if (counted.exit_code != 0) {
    SKIP_TEST("strace cannot trace here (exit " << counted.exit_code << "): " << counted.err);
  }
  const int calls = most_calls_by_one_thread(trace);
  INFO("a full rebuild makes up to " << calls << " renames on one thread");
  REQUIRE(calls >= 2);  // at least its commit and the move into place

  for (int k = 1; k <= calls; ++k) {
    INFO("killed at rename " << k << " of " << calls);
    restore(db);
    auto killed = run_traced(rebuild(db), renames,
                             renames + ":signal=KILL:when=" + std::to_string(k), "/dev/null");
    CHECK(killed.exit_code == 128 + SIGKILL);
    const Committed now = read_committed(db);
    INFO("open error: " << now.open_error);
    CHECK(now.opens);
    for (const auto& problem : now.problems) FAIL_CHECK(problem);
    CHECK(now.records.size() == before.records.size());
    CHECK((now.records == before.records));
    if (now.opens) {
      auto check = run_program({"xapian-check", db});
      INFO("xapian-check: " << check.out << check.err);
      CHECK(check.exit_code == 0);
    }
  }

  // The next run (an ordinary one) finishes, and clears what the killed rebuild left.
  auto again = run_program({exe, "index", "--json", "-q", "--db", db, corpus.string()});
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.out)["documents"] == 180);
  std::vector<std::string> beside;
  for (const auto& entry : fs::directory_iterator(home)) {
    beside.push_back(entry.path().filename().string());
  }
  INFO("the database's folder holds: " << json(beside).dump());
  CHECK(beside == std::vector<std::string>{"db"});
}
