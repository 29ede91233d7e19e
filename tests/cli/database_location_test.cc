// Where the database goes when no --db is given (cli/database_location.h): $BRIEFINGS_DB,
// else $XDG_DATA_HOME/briefings/db, else ~/.local/share/briefings/db; --db wins over all.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

using namespace briefings::testing;
namespace fs = std::filesystem;

TEST_CASE("without --db the database goes where the environment says", "[cli][location]") {
  struct Case {
    const char* name;
    std::vector<std::string> environment;  // NAME=value, relative to the scratch folder
    std::vector<std::string> options;
    const char* expected;  // where the database must be, relative to the scratch folder
  };
  const Case cases[] = {
      {"BRIEFINGS_DB first", {"BRIEFINGS_DB=named", "XDG_DATA_HOME=xdg"}, {}, "named"},
      {"then XDG_DATA_HOME", {"BRIEFINGS_DB=", "XDG_DATA_HOME=xdg"}, {}, "xdg/briefings/db"},
      {"then the home folder", {}, {}, "home/.local/share/briefings/db"},
      {"--db over everything", {"BRIEFINGS_DB=named"}, {"--db", "given"}, "given"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    TempDir dir;
    dir.write("docs/a.txt", briefing_text("Ferry line approved", "A ferry. (harbornews.com)",
                                          "Boats start soon. (citydesk.org)"));
    // A clean environment: only HOME, and what the case sets, all inside the scratch folder.
    std::vector<std::string> argv = {"env", "-i", "HOME=" + (dir / "home").string()};
    for (const auto& setting : c.environment) {
      const auto equals = setting.find('=');
      const std::string value = setting.substr(equals + 1);
      argv.push_back(setting.substr(0, equals + 1) + (value.empty() ? "" : (dir / value).string()));
    }
    argv.insert(argv.end(), {briefings_binary().string(), "index", "-q"});
    for (const auto& option : c.options) {
      argv.push_back(option.rfind("--", 0) == 0 ? option : (dir / option).string());
    }
    argv.push_back((dir / "docs").string());
    auto r = run_program(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(fs::exists(dir / c.expected / "iamglass"));
  }
}
