// `briefings saved` as a user runs it: saving, listing, removing and running searches, and
// `--new` listing exactly the briefings indexed since the last `--new`, across index runs,
// edits, rebuilds and a writer holding the database.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace briefings::testing;
using nlohmann::json;

namespace {

std::string dated(const std::string& date, const std::string& headline, const std::string& body) {
  return "Date: " + date + "\n\n" +
         briefing_text(headline, body + " (cnbc.com)", "More on it followed. (reuters.com)");
}

struct Saved {
  TempDir dir;
  std::string db = (dir / "db").string();

  Saved() {
    write("a.txt", dated("2026-01-14", "Amazon widens Bedrock for agents", "Bedrock adds agents."));
    write("b.txt", dated("2025-12-12", "Rail strike ends", "Unions agreed a deal."));
    index();
  }
  void write(const std::string& name, const std::string& text) const {
    dir.write("docs/" + name, text);
  }
  CommandResult run(std::vector<std::string> args) const {
    std::vector<std::string> argv = {briefings_binary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.begin() + 2, {"--db", db});
    return run_program(argv);
  }
  void index(const std::string& extra = "") const {
    std::vector<std::string> args = {"index", "-q", (dir / "docs").string()};
    if (!extra.empty()) args.push_back(extra);
    auto r = run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  json run_json(std::vector<std::string> args) const {
    args.push_back("--json");
    auto r = run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  // The headlines `saved run NAME --new` lists now (and so takes).
  std::vector<std::string> take_new(const std::string& name, const std::string& limit = "10") {
    std::vector<std::string> headlines;
    const json run = run_json({"saved", "run", name, "--new", "-n", limit});
    for (const auto& hit : run["results"]) headlines.push_back(hit["headline"]);
    return headlines;
  }
  json listed(const std::string& name) const {
    const json list = run_json({"saved", "list"});
    for (const auto& s : list["saved"]) {
      if (s["name"] == name) return s;
    }
    FAIL("not listed: " << name);
    return {};
  }
};

using Headlines = std::vector<std::string>;

}  // namespace

TEST_CASE("saved run --new lists exactly what was indexed since its last --new", "[cli][saved]") {
  Saved s;
  auto added = s.run({"saved", "add", "bedrock", "Bedrock"});
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  CHECK(added.out.find("Saved 'bedrock': Bedrock; 1 briefing matches it now") == 0);
  CHECK(s.take_new("bedrock").empty());  // new counts from when it was saved

  s.write("c.txt", dated("2026-02-03", "Bedrock pricing cut lands", "Bedrock gets cheaper."));
  s.write("d.txt", dated("2026-02-04", "Chip rules tighten", "Export limits grow."));
  s.index();
  CHECK(s.listed("bedrock")["new"] == 1);  // counting takes nothing
  CHECK(s.listed("bedrock")["new"] == 1);
  CHECK(s.take_new("bedrock") == Headlines{"Bedrock pricing cut lands"});
  CHECK(s.take_new("bedrock").empty());
  CHECK(s.listed("bedrock")["new"] == 0);

  // An edit of a briefing already taken, a second copy of it and a rebuild bring nothing new.
  s.write("c.txt", dated("2026-02-03", "Bedrock pricing cut lands", "Bedrock gets much cheaper."));
  s.write("copy.txt",
          dated("2026-01-14", "Amazon widens Bedrock for agents", "Bedrock adds agents."));
  s.index();
  s.index("--full");
  CHECK(s.take_new("bedrock").empty());

  // More new than shown: the rest come next time, in the order they were indexed.
  s.write("e.txt", dated("2026-03-01", "Bedrock outage hits dashboards", "Bedrock failed."));
  s.index();
  s.write("f.txt", dated("2026-01-01", "Bedrock heads to Europe", "Bedrock expands."));
  s.index();
  auto two = s.run_json({"saved", "run", "bedrock", "--new", "-n", "1"});
  CHECK(two["total"] == 2);
  CHECK(two["saved"]["name"] == "bedrock");
  CHECK(two["results"].size() == 1);
  CHECK(two["results"][0]["headline"] == "Bedrock outage hits dashboards");
  CHECK(s.take_new("bedrock") == Headlines{"Bedrock heads to Europe"});
  CHECK(s.take_new("bedrock").empty());
}

TEST_CASE("a briefing is new once, even with a time ahead of the clock", "[cli][saved]") {
  Saved s;
  REQUIRE(s.run({"saved", "add", "bedrock", "Bedrock"}).exit_code == 0);
  s.write("c.txt", dated("2026-02-03", "Bedrock pricing cut lands", "Bedrock gets cheaper."));
  s.index();
  {
    // As if the clock had been set back since it was indexed: its time is a year ahead.
    Xapian::WritableDatabase w(s.db);
    Xapian::Document doc = w.get_document(w.get_lastdocid());  // c.txt's
    const std::string time = doc.get_value(4);                 // schema slot "indexed_at"
    REQUIRE(time.size() == 16);
    doc.add_value(4, std::to_string(std::stoll(time) + 31536000000000LL));
    w.replace_document(w.get_lastdocid(), doc);
    w.commit();
  }
  // The mark moves to the latest time the database holds, not to the clock.
  CHECK(s.take_new("bedrock") == Headlines{"Bedrock pricing cut lands"});
  CHECK(s.take_new("bedrock").empty());
  s.write("e.txt", dated("2026-03-01", "Bedrock outage hits dashboards", "Bedrock failed."));
  s.index();
  CHECK(s.take_new("bedrock") == Headlines{"Bedrock outage hits dashboards"});
}

TEST_CASE("saved run --new while the indexer commits lists every new briefing exactly once",
          "[cli][saved]") {
  Saved s;
  REQUIRE(s.run({"saved", "add", "bedrock", "Bedrock"}).exit_code == 0);
  std::multiset<std::string> listed;
  // One run of --new (at most 100 a run: the rest wait for the next); how many it listed.
  auto take = [&] {
    const json run = s.run_json({"saved", "run", "bedrock", "--new", "-n", "100"});
    for (const auto& hit : run["results"]) listed.insert(hit["headline"].get<std::string>());
    return run["results"].size();
  };
  std::set<std::string> added;
  constexpr int kRounds = 6, kFiles = 150;
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kFiles; ++i) {
      const std::string headline =
          "Bedrock note " + std::to_string(round) + "-" + std::to_string(i);
      s.write("r" + std::to_string(round) + "/" + std::to_string(i) + ".txt",
              dated("2026-02-03", headline, "Bedrock moved again."));
      added.insert(headline);
    }
    // Runs of --new while the indexer parses, applies and commits (at its end).
    ChildProcess indexer(
        {briefings_binary().string(), "index", "-q", "--db", s.db, (s.dir / "docs").string()},
        s.dir / "index.out", s.dir / "index.err");
    for (int runs = 0; !indexer.ended() && runs < 1000; ++runs) take();
    REQUIRE(exit_code_of(indexer.wait()) == 0);
  }
  for (int runs = 0; take() > 0 && runs < 100; ++runs) {
  }
  std::multiset<std::string> expected(added.begin(), added.end());
  CHECK(listed.size() == expected.size());
  CHECK(listed == expected);
}

TEST_CASE("saved run --new speaks for a cron job or a prompt", "[cli][saved]") {
  Saved s;
  REQUIRE(s.run({"saved", "add", "bedrock", "Bedrock"}).exit_code == 0);
  auto none = s.run({"saved", "run", "bedrock", "--new"});
  CHECK(none.exit_code == 0);
  CHECK(none.out == "No new briefings for 'bedrock' (Bedrock)\n");
  CHECK(s.run({"saved", "run", "bedrock", "--new", "-q"}).out.empty());

  s.write("c.txt", dated("2026-02-03", "Bedrock pricing cut lands", "Bedrock gets cheaper."));
  s.write("e.txt", dated("2026-03-01", "Bedrock outage hits dashboards", "Bedrock failed."));
  s.index();
  auto peek = s.run({"saved", "run", "bedrock", "--new", "-n", "0"});
  CHECK(peek.out ==
        "2 new briefings for 'bedrock' (Bedrock)\nShowing the first 0 of 2; run "
        "again for the next.\n");
  auto two = s.run({"saved", "run", "bedrock", "--new", "--color", "never"});
  CHECK(two.out.find("2 new briefings for 'bedrock' (Bedrock)\n\n1. 2026-02-03  Bedrock pricing") ==
        0);
  CHECK(two.out.find("2. 2026-03-01  Bedrock outage") != std::string::npos);
  auto list = s.run({"saved", "list"});
  CHECK(list.out == "bedrock\t0 new\tBedrock\n");
}

TEST_CASE("saved add, list, run and remove, with filters", "[cli][saved]") {
  Saved s;
  s.write("c.txt", dated("2026-02-03", "Bedrock pricing cut lands", "Bedrock gets cheaper."));
  s.index();
  REQUIRE(s.run({"saved", "add", "recent", "--since", "2026-02", "--domain", "cnbc.com", "Bedrock",
                 "pricing"})
              .exit_code == 0);
  REQUIRE(s.run({"saved", "add", "everything"}).exit_code == 0);
  auto list = s.run_json({"saved", "list"});
  REQUIRE(list["saved"].size() == 2);
  const json& recent = list["saved"][0];
  CHECK(recent["name"] == "recent");
  CHECK(recent["query"] == "Bedrock pricing");
  CHECK(recent["domains"] == json::array({"cnbc.com"}));
  CHECK(recent["since"] == "2026-02");
  CHECK(recent["until"] == "");
  CHECK(recent["feed"] == "/feeds/recent.atom");
  CHECK(recent["new"] == 0);
  CHECK(recent["new_through"].get<std::string>().size() == 16);

  auto run = s.run_json({"saved", "run", "recent"});
  REQUIRE(run["results"].size() == 1);
  CHECK(run["results"][0]["headline"] == "Bedrock pricing cut lands");
  CHECK(s.run_json({"saved", "run", "everything"})["total"] == 3);

  auto taken = s.run({"saved", "add", "recent", "rail"});
  CHECK(taken.exit_code == 2);
  CHECK(taken.err ==
        "briefings: NAME 'recent' is already a saved search; remove it first or "
        "replace it\n");
  CHECK(s.run({"saved", "add", "--replace", "recent", "rail"}).exit_code == 0);
  CHECK(s.run_json({"saved", "run", "recent"})["query"] == "rail");

  auto removed = s.run({"saved", "remove", "recent"});
  CHECK(removed.exit_code == 0);
  CHECK(removed.out == "Removed 'recent'.\n");
  CHECK(s.run_json({"saved", "list"})["saved"].size() == 1);
}

TEST_CASE("a search saved before the first index finds what is indexed then", "[cli][saved]") {
  TempDir dir;
  const std::string db = (dir / "new" / "db").string();
  const std::string bin = briefings_binary().string();
  auto added = run_program({bin, "saved", "--db", db, "add", "bedrock", "Bedrock"});
  INFO(added.err);
  CHECK(added.exit_code == 0);
  CHECK(added.out.find("0 briefings match it now") != std::string::npos);
  CHECK(run_program({bin, "saved", "--db", db, "list"}).out == "bedrock\t0 new\tBedrock\n");
  auto bad = run_program({bin, "saved", "--db", db, "add", "x", "--domain", "no host", "q"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "briefings: --domain must be a host name such as cnbc.com, not 'no host'\n");
  dir.write("docs/a.txt", dated("2026-01-14", "Amazon widens Bedrock", "Bedrock adds agents."));
  REQUIRE(run_program({bin, "index", "-q", "--db", db, (dir / "docs").string()}).exit_code == 0);
  auto run = run_program({bin, "saved", "--db", db, "run", "bedrock", "--new"});
  CHECK(run.out.rfind("1 new briefing for 'bedrock' (Bedrock)\n", 0) == 0);
}

TEST_CASE("saved refuses bad names, unknown names and misplaced options clearly", "[cli][saved]") {
  Saved s;
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string message;  // what stderr starts with
  };
  const std::string rule =
      "briefings: NAME must be 1 to 64 letters, digits, '-' or '_', starting with a letter or "
      "digit";
  const Case cases[] = {
      {{"saved", "add", "two words", "q"}, 2, rule + ", not 'two words'"},
      {{"saved", "add", std::string(65, 'x'), "q"}, 2, rule + "; it is 65 bytes long"},
      {{"saved", "add", "../etc", "q"}, 2, rule + ", not '../etc'"},
      {{"saved", "add", "search", "q"}, 2, "briefings: NAME 'search' is reserved"},
      {{"saved", "add"}, 2, "briefings: NAME is needed: briefings saved add NAME"},
      {{"saved", "add", "x", "--since", "yesterday", "q"}, 2, "briefings: --since must be a date"},
      {{"saved", "add", "x", "--domain", "not a host", "q"}, 2, "briefings: --domain must be"},
      {{"saved", "add", "x", "\"unbalanced"}, 0, "Saved"},  // read as the searcher reads it
      {{"saved", "run", "nope"}, 66, "briefings: no saved search named 'nope'"},
      {{"saved", "remove", "nope"}, 66, "briefings: no saved search named 'nope'"},
      {{"saved", "list", "extra"}, 2, "briefings: NAME does not apply to `saved list`"},
      {{"saved", "run", "x", "--since", "2026"}, 2, "briefings: --since does not apply"},
      {{"saved", "add", "y", "--new", "q"}, 2, "briefings: --new does not apply to `saved add`"},
      {{"saved", "run", "x", "--new", "--offset", "5"}, 2, "briefings: --new lists new"},
      {{"saved", "rename", "x"}, 2, "ACTION: rename not in"},
  };
  for (const auto& c : cases) {
    std::string line;
    for (const auto& a : c.args) line += a + " ";
    INFO(line);
    auto r = s.run(c.args);
    CHECK(r.exit_code == c.exit_code);
    const std::string& said = c.exit_code == 0 ? r.out : r.err;
    CHECK(said.substr(0, c.message.size()) == c.message);
  }
}

TEST_CASE("saving works while a writer holds the database, and survives a rebuild",
          "[cli][saved]") {
  Saved s;
  {
    // As `index --watch` or `serve --watch` would, for as long as they run.
    Xapian::WritableDatabase writer(s.db);
    auto added = s.run({"saved", "add", "bedrock", "Bedrock"});
    INFO(added.err);
    CHECK(added.exit_code == 0);
    CHECK(s.run({"index", "-q", (s.dir / "docs").string()}).exit_code == 75);
    CHECK(s.run({"saved", "run", "bedrock", "--new"}).exit_code == 0);
  }
  s.index("--full");
  CHECK(s.run_json({"saved", "list"})["saved"].size() == 1);
  CHECK(s.run_json({"saved", "run", "bedrock"})["total"] == 1);
}

TEST_CASE("searches saved by many processes at once are all kept", "[cli][saved]") {
  Saved s;
  std::string script;
  for (int i = 0; i < 8; ++i) {
    script += shell_quoted(briefings_binary()) + " saved --db " + shell_quoted(s.db) + " add s" +
              std::to_string(i) + " Bedrock >/dev/null & ";
  }
  REQUIRE(run_command(script + "wait").exit_code == 0);
  std::set<std::string> names;
  const json list = s.run_json({"saved", "list"});
  for (const auto& saved : list["saved"]) names.insert(saved["name"]);
  CHECK(names.size() == 8);
}
