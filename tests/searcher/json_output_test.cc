// The JSON text the CLI prints and the server sends: one helper for both, and the stats
// shape they have always had.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "searcher/json_output.h"

using namespace briefings;

TEST_CASE("JSON text is compact and replaces invalid UTF-8 instead of throwing", "[json]") {
  struct Case {
    std::string value;
    std::string text;
  };
  const Case cases[] = {
      {"plain", R"({"v":"plain"})"},
      {"caf\xc3\xa9", "{\"v\":\"caf\xc3\xa9\"}"},
      {"bad \xff byte", "{\"v\":\"bad \xef\xbf\xbd byte\"}"},
      {"<script>\"", R"({"v":"<script>\""})"},
  };
  for (const auto& c : cases) {
    INFO(c.value);
    CHECK(json_text(nlohmann::ordered_json{{"v", c.value}}) == c.text);
  }
}

TEST_CASE("index statistics as JSON: keys in alphabetical order, counts before values", "[json]") {
  IndexStats stats;
  stats.documents = 3;
  stats.schema_version = 4;
  stats.first_date = "2026-01-02";
  stats.domains = {{"cnbc.com", 2}, {"ft.com", 1}};
  stats.months = {{"2026-01", 3}};
  stats.date_sources = {{"text", 2}, {"mtime", 1}};
  CHECK(json_text(to_json(stats)) ==
        R"({"date_sources":{"mtime":1,"text":2},"documents":3,)"
        R"("domains":[{"count":2,"value":"cnbc.com"},{"count":1,"value":"ft.com"}],)"
        R"("first_date":"2026-01-02","last_date":null,"months":[{"count":3,"value":"2026-01"}],)"
        R"("schema_version":4})");
}
