// "Did you mean": which words of a query are corrected, and to what.
#include <catch2/catch.hpp>

#include <string>

#include "searcher/database.h"
#include "searcher/searcher.h"
#include "tests/support/index_folder.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::index_folder;
using briefings::testing::TempDir;

TEST_CASE("did you mean corrects only words the briefings never use", "[searcher][spelling]") {
  // "pickets" is in one briefing, its neighbour "tickets" in three.
  TempDir dir;
  dir.write("docs/strike.txt", briefing_text("Pickets at the mill", "Workers held the line.",
                                             "On Monday, June 2, 2025, talks resumed."));
  for (int i = 0; i < 3; ++i) {
    dir.write("docs/show-" + std::to_string(i) + ".txt",
              briefing_text("Tickets sold out for show " + std::to_string(i),
                            "Fans queued for tickets.", "On Friday, June 6, 2025, doors opened."));
  }
  index_folder(dir / "docs", dir / "db");
  Searcher searcher(open_for_reading((dir / "db").string()));
  auto suggestion = [&](const std::string& q) {
    SearchRequest r;
    r.query = q;
    return searcher.search(r).suggestion;
  };

  struct Case {
    const char* query;
    const char* expected;  // "" for no suggestion
  };
  const Case cases[] = {
      {"pickets", ""},                  // rare but real: not swapped for a frequent neighbour
      {"Pickets", ""},                  // as typed, capitals included
      {"pickest", "pickets"},           // one transposition away
      {"Pickets mil", "Pickets mill"},  // known words kept as typed, the unknown one fixed
      {"qqqzzz", ""},                   // nothing close: no suggestion
  };
  for (const auto& c : cases) {
    INFO(c.query);
    auto s = suggestion(c.query);
    if (*c.expected == 0) {
      CHECK_FALSE(s);
    } else {
      REQUIRE(s);
      CHECK(*s == c.expected);
    }
  }
}
