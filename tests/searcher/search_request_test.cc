// The request contract: every bound of a search is checked once, by validate(), and a bad
// value is named in neutral words that the CLI and the web each show their own way.
#include <catch2/catch.hpp>

#include <functional>

#include "index/errors.h"
#include "searcher/search_request.h"

using namespace briefings;

namespace {

// The parameter validate() names for `request`, or "" when it accepts it.
std::string refused_parameter(const SearchRequest& request) {
  try {
    validate(request);
    return "";
  } catch (const InvalidInput& e) {
    return e.parameter;
  }
}

}  // namespace

TEST_CASE("validate names the first parameter out of bounds", "[searcher][request]") {
  struct Case {
    const char* what;
    std::function<void(SearchRequest&)> change;
    const char* parameter;  // "" = accepted
  };
  const Case cases[] = {
      {"the defaults", [](SearchRequest&) {}, ""},
      {"a query of exactly the limit", [](auto& r) { r.query.assign(kMaxQueryBytes, 'a'); }, ""},
      {"a query one byte longer", [](auto& r) { r.query.assign(kMaxQueryBytes + 1, 'a'); },
       "query"},
      {"limit 0 (counts only)", [](auto& r) { r.limit = 0; }, ""},
      {"the largest limit", [](auto& r) { r.limit = kMaxLimit; }, ""},
      {"a limit above it", [](auto& r) { r.limit = kMaxLimit + 1; }, "limit"},
      {"the largest offset", [](auto& r) { r.offset = kMaxOffset; }, ""},
      {"an offset above it", [](auto& r) { r.offset = kMaxOffset + 1; }, "offset"},
      {"the most domains", [](auto& r) { r.domains.assign(kMaxDomains, "cnbc.com"); }, ""},
      {"one domain more", [](auto& r) { r.domains.assign(kMaxDomains + 1, "cnbc.com"); }, "domain"},
      {"since on until",
       [](auto& r) {
         r.since = r.until = Date{2026, 4, 12};
       },
       ""},
      {"since after until",
       [](auto& r) {
         r.since = Date{2026, 4, 13};
         r.until = Date{2026, 4, 12};
       },
       "since"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    SearchRequest request;
    c.change(request);
    CHECK(refused_parameter(request) == c.parameter);
  }
}

TEST_CASE("a refusal reads after whatever name the surface gives the parameter",
          "[searcher][request]") {
  SearchRequest request;
  request.limit = kMaxLimit + 1;
  try {
    validate(request);
    FAIL("accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.naming("--limit") == "--limit must be between 0 and 100");
    CHECK(e.naming("limit") == "limit must be between 0 and 100");
  }
}

TEST_CASE("dates and sort orders are read in one syntax for both surfaces", "[searcher][request]") {
  CHECK(parse_date_bound("2026", false, "since") == Date{2026, 1, 1});
  CHECK(parse_date_bound("2026", true, "until") == Date{2026, 12, 31});
  CHECK(parse_date_bound("2024-02", true, "until") == Date{2024, 2, 29});
  CHECK(parse_date_bound("2026-04-12", false, "since") == Date{2026, 4, 12});
  CHECK(parse_date_bound("2025-06-02", false, "since") == Date{2025, 6, 2});
  for (const char* bad :
       {"yesterday", "2026-13", "2026-02-30", "26", "999", "2026-4-1", "2025-1", ""}) {
    INFO(bad);
    try {
      parse_date_bound(bad, false, "since");
      FAIL("accepted");
    } catch (const InvalidInput& e) {
      CHECK(e.parameter == "since");
    }
  }
  CHECK(parse_sort_order("newest") == SortOrder::newest);
  CHECK_THROWS_AS(parse_sort_order("best"), InvalidInput);
}
