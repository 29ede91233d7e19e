// `briefings --version` names the build: the version the Debian package carries (one CMake
// variable, from git describe, feeds both) and the schema version of the databases it reads.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "briefings_version.h"
#include "index/schema.h"
#include "tests/support/temp_dir.h"

using namespace briefings::testing;

TEST_CASE("briefings --version prints the package's version and the schema version",
          "[cli][version]") {
  auto r = run_command(shell_quoted(briefings_binary()) + " --version");
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  const std::regex line(R"(^briefings (\S+) \(schema (\d+)\)\n$)");
  REQUIRE(std::regex_match(r.out, m, line));
  CHECK(m[1] == briefings::kVersion);
  CHECK(std::stoi(m[2]) == briefings::schema::kSchemaVersion);
}

TEST_CASE("the version is one dpkg accepts as a native package's", "[cli][version]") {
  // No epoch and no Debian revision, so no ':' and no '-'; it starts with a digit.
  const std::regex debian_upstream(R"(^[0-9][A-Za-z0-9.+~]*$)");
  INFO(briefings::kVersion);
  CHECK(std::regex_match(std::string(briefings::kVersion), debian_upstream));
  // From a git checkout the version also names the commit: PROJECT~gitN.gHASH before the
  // first tag, TAG+gitN.gHASH after it, or the tag itself; ".dirty" marks local changes.
  const std::regex from_git(R"(^[0-9][A-Za-z0-9.]*((~|\+)git[0-9]+\.g[0-9a-f]+)?(\.dirty)?$)");
  CHECK(std::regex_match(std::string(briefings::kVersion), from_git));
}
