// The bundled examples are parsed to exactly the dates and hosts their manifest records
// (tests/data/examples-manifest.tsv, written by hand alongside each briefing).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "indexer/briefing_parser.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using namespace briefings::testing;

namespace {

struct ManifestRow {
  std::string path, date, hosts;
};

std::vector<ManifestRow> read_manifest() {
  std::ifstream in(source_dir() / "tests" / "data" / "examples-manifest.tsv");
  std::vector<ManifestRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    ManifestRow row;
    std::getline(fields, row.path, '\t');
    std::getline(fields, row.date, '\t');
    std::getline(fields, row.hosts, '\t');
    rows.push_back(row);
  }
  return rows;
}

std::string joined(const std::vector<std::string>& hosts) {
  std::string out;
  for (const auto& h : hosts) out += (out.empty() ? "" : ",") + h;
  return out;
}

}  // namespace

TEST_CASE("every example briefing parses to the date and hosts of its manifest row",
          "[indexer][examples]") {
  auto rows = read_manifest();
  REQUIRE(rows.size() >= 40);
  for (const auto& row : rows) {
    INFO(row.path);
    std::ifstream in(examples_dir() / row.path, std::ios::binary);
    REQUIRE(in);
    std::stringstream bytes;
    bytes << in.rdbuf();
    ParseContext context{row.path, std::nullopt, 0, Date{2026, 11, 25}};
    ParseOutcome outcome = parse_briefing(bytes.str(), context);
    REQUIRE(outcome.briefing);
    CHECK(outcome.warnings.empty());
    CHECK(outcome.briefing->date.iso() == row.date);
    CHECK(outcome.briefing->date_source == DateSource::text);
    CHECK(joined(outcome.briefing->hosts()) == row.hosts);
    CHECK(outcome.briefing->body_text().find("Get your own daily briefing") == std::string::npos);
  }
}
