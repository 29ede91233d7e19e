// A generated corpus (bench/gen-corpus, seeded) is indexed with the date and hosts its
// manifest records for every file, and re-indexing it unchanged reads nothing.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "index/codec.h"
#include "index/schema.h"
#include "tests/support/temp_dir.h"

using namespace briefings;
using namespace briefings::testing;

TEST_CASE("a generated corpus indexes with the true dates and hosts", "[cli][corpus]") {
  // BRIEFINGS_CORPUS_N=5000 runs the acceptance-size check by hand; CI uses 400.
  const char* env = std::getenv("BRIEFINGS_CORPUS_N");
  const int n = env ? std::atoi(env) : 400;
  TempDir dir;
  std::string corpus = (dir / "corpus").string();
  std::string db = (dir / "db").string();
  auto gen = run_command(shell_quoted(source_dir() / "bench" / "gen-corpus") + " " +
                         std::to_string(n) + " '" + corpus + "' --seed 7");
  REQUIRE(gen.exit_code == 0);
  std::string bin = shell_quoted(briefings_binary());
  auto first = run_command(bin + " index --json --db '" + db + "' '" + corpus + "'");
  REQUIRE(first.exit_code == 0);
  CHECK(nlohmann::json::parse(first.out)["added"] == n);

  Xapian::Database d(db);
  std::ifstream manifest(corpus + "/manifest.tsv");
  std::string line;
  std::getline(manifest, line);
  int rows = 0;
  while (std::getline(manifest, line)) {
    std::istringstream fields(line);
    std::string path, date, hosts;
    std::getline(fields, path, '\t');
    std::getline(fields, date, '\t');
    std::getline(fields, hosts, '\t');
    INFO(path);
    auto record = d.get_metadata(schema::file_state_key(corpus + "/" + path));
    REQUIRE_FALSE(record.empty());
    auto state = schema::FileState::unserialise(record);
    auto term = std::string(schema::kIdPrefix) + state.id;
    REQUIRE(d.postlist_begin(term) != d.postlist_end(term));
    Briefing b = decode_document_data(d.get_document(*d.postlist_begin(term)).get_data());
    CHECK(b.date.iso() == date);
    std::string joined;
    for (const auto& h : b.hosts()) joined += (joined.empty() ? "" : ",") + h;
    CHECK(joined == hosts);
    ++rows;
  }
  CHECK(rows == n);

  auto second = run_command(bin + " index --json --db '" + db + "' '" + corpus + "'");
  REQUIRE(second.exit_code == 0);
  CHECK(nlohmann::json::parse(second.out)["unchanged"] == n);
}
