// The command line against a database it cannot use as asked (read-only, a newer schema)
// and against options past their limits: a clear message naming the problem, the exit code
// docs/usage.md promises, and nothing else broken. docs/security.md lists these cases.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <string>

#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

using namespace briefings::testing;
namespace fs = std::filesystem;

namespace {

std::string bin() {
  return shell_quoted(briefings_binary());
}

struct Indexed {
  TempDir dir;
  fs::path db = dir / "db";
  fs::path docs = dir / "docs";
  Indexed() {
    dir.write("docs/a.txt", briefing_text("Ferry line approved",
                                          "The council voted for a ferry. (harbornews.com)",
                                          "Boats start next year. (citydesk.org)"));
    auto r = run_command(bin() + " index -q --db " + shell_quoted(db) + " " + shell_quoted(docs));
    REQUIRE(r.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("a read-only database refuses indexing with exit 74 and still answers searches",
          "[cli][hostile]") {
  Indexed f;
  f.dir.write("docs/b.txt", briefing_text("Second briefing", "More ferries. (harbornews.com)",
                                          "Even more. (citydesk.org)"));
  // Permissions do not bind root: as root, run the commands as nobody instead.
  std::string as_user;
  if (::geteuid() == 0) {
    if (run_command("command -v setpriv").exit_code != 0) {
      SKIP_TEST("running as root without setpriv: cannot make a database read-only");
    }
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  REQUIRE(run_command("chmod -R a-w " + shell_quoted(f.db)).exit_code == 0);

  for (std::string options : {"", "--full "}) {
    INFO("index " << options);
    auto r = run_command(as_user + bin() + " index " + options + "--db " + shell_quoted(f.db) +
                         " " + shell_quoted(f.docs));
    CHECK(r.exit_code == 74);
    CHECK(r.err.find("cannot write to the database") != std::string::npos);
    CHECK(r.err.find("another process") == std::string::npos);
  }
  auto search =
      run_command(as_user + bin() + " search --json --db " + shell_quoted(f.db) + " ferry");
  CHECK(search.exit_code == 0);
  CHECK(search.out.find("Ferry line approved") != std::string::npos);
  auto stats = run_command(as_user + bin() + " stats --db " + shell_quoted(f.db));
  CHECK(stats.exit_code == 0);
  run_command("chmod -R u+w " + shell_quoted(f.db));  // so the TempDir can be removed
}

TEST_CASE("a database of a newer schema exits 78 with a message, and --full rebuilds it",
          "[cli][hostile]") {
  Indexed f;
  {
    Xapian::WritableDatabase w(f.db.string(), Xapian::DB_OPEN);
    w.set_metadata("schema_version", "999");
    w.commit();
  }
  for (std::string command :
       {"index -q --db " + shell_quoted(f.db) + " " + shell_quoted(f.docs),
        "search --db " + shell_quoted(f.db) + " ferry",
        "related --db " + shell_quoted(f.db) + " " + shell_quoted(f.docs / "a.txt"),
        "stats --db " + shell_quoted(f.db)}) {
    INFO(command);
    auto r = run_command(bin() + " " + command);
    CHECK(r.exit_code == 78);
    CHECK(r.err.find("schema version 999") != std::string::npos);
    CHECK(r.err.find("--full") != std::string::npos);
    CHECK(r.out.empty());
  }
  auto rebuilt = run_command(bin() + " index -q --full --db " + shell_quoted(f.db) + " " +
                             shell_quoted(f.docs));
  CHECK(rebuilt.exit_code == 0);
  CHECK(run_command(bin() + " search --db " + shell_quoted(f.db) + " ferry").exit_code == 0);
}

TEST_CASE("options past their limits exit 2 with a message naming the option", "[cli][hostile]") {
  Indexed f;
  std::string db = " --db " + shell_quoted(f.db) + " ";
  std::string many_domains;
  for (int i = 0; i < 51; ++i) many_domains += " --domain d" + std::to_string(i) + ".com";
  struct Case {
    std::string args;
    std::string named;
  };
  std::vector<Case> cases = {
      {"index --jobs 257" + db + shell_quoted(f.docs), "--jobs"},
      {"index --jobs -1" + db + shell_quoted(f.docs), "--jobs"},
      {"serve --threads 257" + db, "--threads"},
      {"serve --port 65536" + db, "--port"},
      {"search -n 101" + db + "ferry", "--limit"},
      {"search --offset 10001" + db + "ferry", "--offset"},
      {"search" + many_domains + db + "ferry", "--domain"},
      {"search" + db + std::string(5000, 'w'), "query"},
      {"search --since 2026-13" + db + "ferry", "--since"},
      {"related -n 101" + db + shell_quoted(f.docs / "a.txt"), "--limit"},
  };
  for (const auto& k : cases) {
    INFO(k.args.substr(0, 80));
    auto r = run_command(bin() + " " + k.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(k.named) != std::string::npos);
    CHECK(r.out.empty());
  }
}
