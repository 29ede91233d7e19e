// `briefings index` and `briefings stats` as a user runs them: output streams, JSON and
// exit codes. Killing the indexer is tested in crash_safety_test.cc.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "index/schema.h"
#include "tests/support/temp_dir.h"

using namespace briefings::testing;
using nlohmann::json;

namespace {

std::string bin() {
  return shell_quoted(briefings_binary());
}

// Two briefings telling one story, in the shape of real ones (own words).
void write_story_pair(const TempDir& dir) {
  dir.write("docs/one.txt",
            briefing_text("Ferry operator bets on batteries",
                          "A regional ferry company will convert its fleet to battery power. "
                          "The move follows a grant from the harbour board. (harbour.example.org) "
                          "(news.example.com)",
                          "On Sunday, April 12, the operator said the first conversion starts "
                          "this summer. (news.example.com) Its chief executive called the "
                          "change “overdue” (about time, she added). (blogs.ferries.co.uk) "
                          "Earlier, on October 28, 2025, the board approved the grant. "
                          "(harbour.example.org 1) (harbour.example.org 2)"));
  dir.write("docs/nested/two.txt",
            briefing_text("Battery ferries win a grant",
                          "The harbour board’s grant pays for batteries on four ferries. "
                          "(news.example.com)",
                          "The operator confirmed on Sunday, April 12, that work begins soon. "
                          "(blogs.ferries.co.uk) (localpaper.in) The board first discussed the "
                          "plan on November 22, 2024. (localpaper.in)"));
}

}  // namespace

TEST_CASE("index then stats --json reports documents, hosts, months and date sources", "[cli]") {
  TempDir dir;
  write_story_pair(dir);
  std::string db = (dir / "db").string();
  auto indexed = run_command(bin() + " index --db '" + db + "' '" + (dir / "docs").string() + "'");
  REQUIRE(indexed.exit_code == 0);
  CHECK(indexed.out.find("2 added") != std::string::npos);
  CHECK(indexed.err.empty());

  auto stats = run_command(bin() + " stats --json --db '" + db + "'");
  REQUIRE(stats.exit_code == 0);
  json j = json::parse(stats.out);
  CHECK(j["documents"] == 2);
  CHECK(j["schema_version"] == briefings::schema::kSchemaVersion);
  CHECK(j["first_date"] == "2026-04-12");
  CHECK(j["last_date"] == "2026-04-12");
  CHECK(j["date_sources"] == json{{"text", 2}});
  CHECK(j["months"] == json::parse(R"([{"value": "2026-04", "count": 2}])"));
  json expected_domains = json::parse(R"([
    {"value": "blogs.ferries.co.uk", "count": 2},
    {"value": "news.example.com", "count": 2},
    {"value": "harbour.example.org", "count": 1},
    {"value": "localpaper.in", "count": 1}])");
  CHECK(j["domains"] == expected_domains);

  auto again =
      run_command(bin() + " index --json --db '" + db + "' '" + (dir / "docs").string() + "'");
  REQUIRE(again.exit_code == 0);
  CHECK(json::parse(again.out)["unchanged"] == 2);
}

TEST_CASE("exit codes name the problem", "[cli]") {
  TempDir dir;
  write_story_pair(dir);
  std::string db = (dir / "db").string();
  std::string docs = (dir / "docs").string();

  auto missing_db = run_command(bin() + " stats --db '" + (dir / "nothing").string() + "'");
  CHECK(missing_db.exit_code == 66);
  CHECK(missing_db.err.find("briefings index") != std::string::npos);
  CHECK(missing_db.out.empty());

  auto missing_input = run_command(bin() + " index --db '" + db + "' '" + docs + "/nope'");
  CHECK(missing_input.exit_code == 66);
  CHECK(missing_input.err.find("nope") != std::string::npos);

  auto bad_date = run_command(bin() + " index --date yesterday --db '" + db + "' '" + docs + "'");
  CHECK(bad_date.exit_code == 2);
  CHECK(bad_date.err.find("--date") != std::string::npos);

  auto no_args = run_command(bin() + " index");
  CHECK(no_args.exit_code == 2);

  REQUIRE(run_command(bin() + " index --db '" + db + "' '" + docs + "'").exit_code == 0);
  {
    Xapian::WritableDatabase holder(db, Xapian::DB_OPEN);
    auto locked = run_command(bin() + " index --db '" + db + "' '" + docs + "'");
    CHECK(locked.exit_code == 75);
    CHECK(locked.err.find("being indexed by another process") != std::string::npos);
  }
  {
    Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
    w.set_metadata("schema_version", "99");
    w.commit();
  }
  auto foreign = run_command(bin() + " stats --db '" + db + "'");
  CHECK(foreign.exit_code == 78);
  CHECK(foreign.err.find("re-index") != std::string::npos);
}
