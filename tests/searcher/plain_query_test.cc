// Queries as people type them: every word first, then most of them; stop words; phrases of
// stop words; words standing together; long pasted text; paging and sorting across the two
// tiers of a relaxed result; which queries stay literal.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "searcher/database.h"
#include "searcher/searcher.h"
#include "tests/support/index_folder.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using briefings::testing::briefing_text;
using briefings::testing::index_folder;
using briefings::testing::TempDir;

namespace {

// Twelve briefings about solar and the grid, three about solar alone, one about wind, and a
// few written to test one rule each.
struct PlainCorpus {
  TempDir dir;
  std::string db = (dir / "db").string();

  PlainCorpus() {
    for (int i = 0; i < 12; ++i) {
      add("grid-" + std::to_string(i), "Solar output record number " + std::to_string(i),
          "Panels fed the grid at midday. (energy.example.com)",
          "On June " + std::to_string(i + 1) + ", 2025, operators logged the peak.");
    }
    for (int i = 0; i < 3; ++i) {
      add("solar-" + std::to_string(i), "Rooftop solar booms in town " + std::to_string(i),
          "Installers cannot keep up. (homes.example.org)",
          "On March " + std::to_string(i + 7) + ", 2025, permits doubled.");
    }
    add("wind", "Offshore wind farm opens", "Turbines turned for the first time. (sea.example.net)",
        "On Tuesday, April 1, 2025, the farm reached full power.");
    add("hamlet", "A stage revival", "The actor asked whether to be or not to be, again.",
        "On Sunday, May 4, 2025, the run was extended.");
    // The same three words, scattered in a short briefing and together in a longer one:
    // by BM25 alone the short one ranks first.
    add("scatter", "Notes from a long week", "The UK had a busy week. Every market town was calm.",
        "In cloud computing, prices held.");
    add("together", "Notes from a short week",
        "Analysts watched the UK cloud market closely all through a week of heavy rain in every "
        "town and village.",
        "Prices held steady this week across most trading desks. On May 5, 2025, traders rested "
        "after a long session.");
    add("band", "The Who announce a tour", "Who will play where is not yet known.",
        "On Thursday, May 8, 2025, tickets went on sale.");
    index_folder(dir / "docs", db);
  }
  void add(const std::string& name, const std::string& headline, const std::string& summary,
           const std::string& body) {
    dir.write("docs/" + name + ".txt", briefing_text(headline, summary, body));
  }
  SearchResult search(const std::string& q, unsigned offset = 0, unsigned limit = 10,
                      SortOrder sort = SortOrder::relevance) {
    Searcher searcher(open_for_reading(db));
    SearchRequest r;
    r.query = q;
    r.offset = offset;
    r.limit = limit;
    r.sort = sort;
    return searcher.search(r);
  }
};

PlainCorpus& corpus() {
  static PlainCorpus c;
  return c;
}

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.results) out.push_back(h.id);
  return out;
}

}  // namespace

TEST_CASE("ten or more briefings with every word: only those are listed and counted",
          "[searcher][plain]") {
  auto r = corpus().search("solar grid");
  CHECK_FALSE(r.relaxed);
  CHECK(r.total == 12);
  CHECK(r.total_all_words == 12);
  for (const auto& h : r.results) CHECK(h.missing.empty());
}

TEST_CASE("queries that mean the same as a plain pair find the same", "[searcher][plain]") {
  const auto expected = ids(corpus().search("solar grid", 0, 100));
  for (const char* q : {"what is the solar grid", "solar and grid", "Solar, grid?", "(solar) grid.",
                        "how did the solar grid do"}) {
    INFO(q);
    auto r = corpus().search(q, 0, 100);
    CHECK(r.total == 12);
    CHECK(ids(r) == expected);
  }
}

TEST_CASE("stop words need not match and are never missing", "[searcher][plain]") {
  auto r = corpus().search("what about rooftop permits for the wind");
  REQUIRE(r.relaxed);
  for (const auto& h : r.results) {
    for (const auto& m : h.missing) {
      INFO(m);
      CHECK((m == "rooftop" || m == "permits" || m == "wind"));
    }
  }
}

TEST_CASE("a query of stop words only needs them all, and a quoted one is a phrase",
          "[searcher][plain]") {
  auto hamlet = corpus().search("to be or not to be");
  REQUIRE(hamlet.total == 1);
  CHECK(hamlet.results[0].headline == "A stage revival");
  CHECK_FALSE(hamlet.relaxed);
  auto band = corpus().search("\"the who\"");
  REQUIRE(band.total == 1);
  CHECK(band.results[0].headline == "The Who announce a tour");
}

TEST_CASE("words standing together rank above the same words scattered", "[searcher][plain]") {
  auto r = corpus().search("UK cloud market");
  REQUIRE(r.total_all_words == 2);
  CHECK(r.results[0].headline == "Notes from a short week");
  CHECK(r.results[1].headline == "Notes from a long week");
}

TEST_CASE("a relaxed result pages on from the full matches without repeats", "[searcher][plain]") {
  const std::string q = "rooftop solar wind";
  auto all = corpus().search(q, 0, 100);
  REQUIRE(all.relaxed);
  REQUIRE(all.total == all.results.size());
  REQUIRE(all.total == 16);
  std::vector<std::string> paged;
  for (unsigned offset = 0; offset < all.total; offset += 3) {
    auto page = corpus().search(q, offset, 3);
    CHECK(page.total == all.total);
    for (const auto& id : ids(page)) paged.push_back(id);
  }
  CHECK(paged == ids(all));
}

TEST_CASE("sorted by date, a relaxed result lists the full matches first", "[searcher][plain]") {
  auto r = corpus().search("solar booms", 0, 100, SortOrder::newest);
  REQUIRE(r.relaxed);
  REQUIRE(r.total_all_words == 3);
  for (size_t i = 0; i < r.results.size(); ++i) {
    INFO(i);
    CHECK(r.results[i].missing.empty() == (i < 3));
  }
  CHECK(r.results[0].date == Date{2025, 3, 9});
  CHECK(r.results[3].date == Date{2025, 6, 12});  // then the rest, newest first
}

TEST_CASE("explicit operators and lower-case or lists are literal", "[searcher][plain]") {
  struct Case {
    const char* query;
    Xapian::doccount total;
  };
  const Case cases[] = {
      {"solar AND turbines", 0}, {"solar or wind", 16},     {"rooftop or offshore", 4},
      {"solar -grid", 3},        {"solar NOT rooftop", 12}, {"wind OR quantum", 1},
  };
  for (const auto& c : cases) {
    INFO(c.query);
    auto r = corpus().search(c.query);
    CHECK(r.total == c.total);
    CHECK_FALSE(r.relaxed);
  }
}

TEST_CASE("a pasted paragraph of hundreds of words answers by its informative words",
          "[searcher][plain]") {
  std::string paragraph;
  for (int i = 0; paragraph.size() < kMaxQueryBytes - 40; ++i) {
    paragraph += "unheardof" + std::to_string(i) + " the of and ";
  }
  paragraph += "offshore turbines";
  REQUIRE(paragraph.size() <= kMaxQueryBytes);
  auto r = corpus().search(paragraph);
  REQUIRE_FALSE(r.results.empty());
  CHECK(r.results[0].headline == "Offshore wind farm opens");
}
