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

TEST_CASE("did you mean corrects only words the briefings never use, when that finds more",
          "[searcher][spelling]") {
  // "pickets" is in one briefing, its neighbour "tickets" in three.
  TempDir dir;
  dir.write("docs/strike.txt", briefing_text("Pickets at the mill", "Workers held the line.",
                                             "On Monday, June 2, 2025, talks resumed."));
  for (int i = 0; i < 3; ++i) {
    dir.write("docs/show-" + std::to_string(i) + ".txt",
              briefing_text("Tickets sold out for show " + std::to_string(i),
                            "Fans queued for tickets at the box office.",
                            "On Friday, June 6, 2025, doors opened."));
  }
  index_folder(dir / "docs", dir / "db");
  Searcher searcher(open_for_reading((dir / "db").string()));
  auto suggestion = [&](const std::string& q) {
    SearchRequest r;
    r.query = q;
    return searcher.search(r).suggestion;
  };
  dir.write("docs/is.txt", briefing_text("It is in the mill", "An ox is at the mill.",
                                         "On June 3, 2025, it rained."));
  index_folder(dir / "docs", dir / "db");
  searcher.refresh();

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
      {"PICKEST", "PICKETS"},           // capitals as typed
      {"is pickest", "is pickets"},     // short words are real words, never "its"
      {"ox", ""},                       // in one briefing, never "box" (in three)
      {"ox mil", "ox mill"},            // "ox" is too short to correct, and real
      {"what about pickest", "what about pickets"},  // stop words are left alone
      {"pickest and mill", "pickets and mill"},      // "and" stays a word, never "AND"
      {"pickest, mill?", "pickets, mill?"},          // punctuation kept as typed
      {"\"pickest\"", ""},                           // nothing inside quotes
      {"pickest2025", ""},                           // nor anything with a digit
      {"pickets.comm", ""},                          // nor a host
      {"pickest tickets", ""},                       // no briefing holds both words either way
      {"headline:pickest", ""},                      // nor fields
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

TEST_CASE("a suggestion says which words it changed", "[searcher][spelling]") {
  TempDir dir;
  dir.write("docs/a.txt", briefing_text("Bedrock enterprise push", "Enterprise buyers.",
                                        "On June 2, 2025, sales rose."));
  index_folder(dir / "docs", dir / "db");
  Searcher searcher(open_for_reading((dir / "db").string()));
  SearchRequest r;
  r.query = "Bedrok enterprize";
  auto result = searcher.search(r);
  REQUIRE(result.suggestion);
  CHECK(*result.suggestion == "Bedrock enterprise");
  REQUIRE(result.corrections.size() == 2);
  CHECK(result.corrections[0].typed == "Bedrok");
  CHECK(result.corrections[0].suggested == "Bedrock");
  CHECK(result.corrections[1].typed == "enterprize");
  CHECK(result.corrections[1].suggested == "enterprise");
}
