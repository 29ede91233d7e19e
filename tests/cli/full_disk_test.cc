// `briefings index` on a disk that fills up: the run stops with exit code 74 and says why,
// and the database keeps what was committed before, whole and searchable. The disk is a
// small tmpfs mounted for the test, which needs CAP_SYS_ADMIN (root in CI); where it cannot
// be mounted the test reports itself as skipped (tests/support/skip.h).
#include <catch2/catch.hpp>

#include <sys/mount.h>
#include <xapian.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
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

// A tmpfs of a given size mounted on a folder for the lifetime of this object. The
// destructor detaches it lazily (umount -l), so it goes even if something still has a file
// open there, and even when the test fails half-way.
class TmpfsMount {
 public:
  TmpfsMount(const fs::path& where, const std::string& size) : where_(where) {
    const std::string options = "size=" + size + ",mode=0755";
    if (::mount("tmpfs", where.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~TmpfsMount() {
    if (mounted_) ::umount2(where_.c_str(), MNT_DETACH);
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

  // Gives the file system a new size (frees space without touching its files).
  bool resize(const std::string& size) {
    const std::string options = "size=" + size;
    if (::mount(nullptr, where_.c_str(), nullptr, MS_REMOUNT | MS_NOSUID | MS_NODEV,
                options.c_str()) == 0) {
      return true;
    }
    error_ = std::strerror(errno);
    return false;
  }

 private:
  fs::path where_;
  bool mounted_ = false;
  std::string error_;
};

// Paths recorded in the database (one record per indexed file) and its document count.
struct Indexed {
  std::set<std::string> paths;
  Xapian::doccount documents = 0;
};
Indexed indexed(const std::string& db_path) {
  Xapian::Database db(db_path);
  Indexed r;
  r.documents = db.get_doccount();
  const std::string prefix(schema::kFileStateKeyPrefix);
  for (auto key = db.metadata_keys_begin(prefix); key != db.metadata_keys_end(prefix); ++key) {
    std::string value = db.get_metadata(*key);
    if (!value.empty()) r.paths.insert(schema::FileState::unserialise(value).path);
  }
  return r;
}

// Moves the generated files under `from`'s top-level folders `first`..`last` (two digits,
// as bench/gen-corpus names them) into `to`; returns how many.
int move_folders(const fs::path& from, const fs::path& to, int first, int last) {
  int moved = 0;
  for (int i = first; i <= last; ++i) {
    std::string name = std::to_string(i);
    if (name.size() < 2) name.insert(name.begin(), '0');
    if (!fs::exists(from / name)) continue;
    fs::create_directories(to);
    fs::rename(from / name, to / name);
    for (const auto& entry : fs::recursive_directory_iterator(to / name)) {
      moved += entry.is_regular_file() ? 1 : 0;
    }
  }
  return moved;
}

bool names_full_disk(const std::string& message) {
  return message.find("No space left") != std::string::npos ||
         message.find("disk full") != std::string::npos ||
         message.find("disk is full") != std::string::npos;
}

}  // namespace

TEST_CASE("a full disk stops the indexer with exit code 74 and keeps the database", "[cli][disk]") {
  TempDir dir;  // declared first: removed after the tmpfs is unmounted
  const fs::path mount_point = dir / "small-disk";
  fs::create_directory(mount_point);
  TmpfsMount disk(mount_point, "3m");
  if (!disk.mounted()) {
    SKIP_TEST("cannot mount tmpfs: " << disk.error());
  }

  const fs::path generated = dir / "generated";
  auto gen = run_program({"python3", (source_dir() / "bench" / "gen-corpus").string(), "700",
                          generated.string(), "--seed", "5"});
  REQUIRE(gen.exit_code == 0);
  const fs::path docs = dir / "docs";
  const int small = move_folders(generated, docs, 0, 2);  // 42 briefings, well under 1 MB
  REQUIRE(small > 20);
  const std::string db = (mount_point / "db").string();
  const std::string exe = briefings_binary().string();

  auto first = run_program({exe, "index", "--json", "-q", "--db", db, docs.string()});
  INFO("first run: " << first.out << first.err);
  REQUIRE(first.exit_code == 0);
  REQUIRE(json::parse(first.out)["documents"] == small);
  const Indexed before = indexed(db);
  REQUIRE(before.paths.size() == static_cast<size_t>(small));

  // A briefing from the first run, and how to find it by its exact headline.
  std::string id, headline;
  {
    Xapian::Database d(db);
    Briefing b = decode_document_data(d.get_document(*d.postlist_begin("")).get_data());
    id = b.id;
    headline = b.headline;
  }
  auto finds_old_briefing = [&] {
    auto found = run_program({exe, "search", "--json", "--db", db, "\"" + headline + "\""});
    INFO("search: " << found.out << found.err);
    REQUIRE(found.exit_code == 0);
    const json response = json::parse(found.out);
    bool listed = false;
    for (const auto& hit : response["results"]) listed = listed || hit["id"] == id;
    return listed;
  };
  REQUIRE(finds_old_briefing());

  // The committed database survives a failed run whole: it opens, xapian-check passes, it
  // holds exactly what it held, and the old briefings are found.
  auto check_database_kept = [&](const std::string& after) {
    INFO("after " << after);
    const Indexed now = indexed(db);
    CHECK(now.documents == before.documents);
    CHECK(now.paths == before.paths);
    auto check = run_program({"xapian-check", db});
    INFO("xapian-check: " << check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No errors found") != std::string::npos);
    CHECK(finds_old_briefing());
  };

  // Everything else at once does not fit in what is left of 3 MB.
  const int rest = move_folders(generated, docs, 3, 49);
  REQUIRE(rest > 500);
  // In a LeakSanitizer build, the runs that fail on the full disk ignore leaks allocated
  // inside libxapian: a commit that fails with ENOSPC leaks a small object inside
  // Xapian::WritableDatabase::commit() (112 bytes), which would turn exit code 74 into an
  // abort. Leaks from our own code are still reported.
  const fs::path suppressions = dir.write("lsan-suppressions.txt", "leak:libxapian.so\n");
  const char* lsan = std::getenv("LSAN_OPTIONS");
  std::string lsan_options = "LSAN_OPTIONS=suppressions=" + suppressions.string();
  if (lsan && *lsan) lsan_options.append(":").append(lsan);
  auto failing_run = [&](std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"env", lsan_options});
    return run_program(argv);
  };
  auto full = failing_run({exe, "index", "--json", "-q", "--db", db, docs.string()});
  INFO("incremental run on a full disk: exit " << full.exit_code << ", stdout: " << full.out
                                               << ", stderr: " << full.err);
  CHECK(full.exit_code == 74);
  CHECK(names_full_disk(full.err));
  CHECK(full.out.empty());  // no summary claiming success
  check_database_kept("an incremental run on a full disk");

  // A full rebuild on the full disk must not lose the old database either.
  auto rebuild = failing_run({exe, "index", "--full", "--json", "-q", "--db", db, docs.string()});
  INFO("--full on a full disk: exit " << rebuild.exit_code << ", stderr: " << rebuild.err);
  CHECK(rebuild.exit_code == 74);
  CHECK(names_full_disk(rebuild.err));
  check_database_kept("a full rebuild on a full disk");

  // Once there is room again, the next run finishes the job.
  if (!disk.resize("64m")) {
    WARN("could not grow the tmpfs, so recovery is not checked: " << disk.error());
    return;
  }
  auto again = run_program({exe, "index", "--json", "-q", "--db", db, docs.string()});
  INFO("after freeing space: " << again.out << again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.out)["documents"] == small + rest);
  auto check = run_program({"xapian-check", db});
  CHECK(check.exit_code == 0);
  CHECK(finds_old_briefing());
}
