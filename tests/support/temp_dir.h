// Helpers shared by the test suites: scratch folders and fixture paths.
// Tests never read ../shared; every fixture lives in tests/data or examples/.
#pragma once

#include <filesystem>
#include <string>

namespace briefings::testing {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Writes `content` to `relative` (creating parent folders) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

std::filesystem::path source_dir();        // the project checkout
std::filesystem::path examples_dir();      // examples/briefings
std::filesystem::path briefings_binary();  // the built executable

// Runs a shell command, capturing stdout and stderr separately.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult run_command(const std::string& shell_command);

// `path` as one word of a shell command: in single quotes, any quote in it escaped.
std::string shell_quoted(const std::filesystem::path& path);
// The build tree the tested binary comes from (BUILD/cli/briefings).
std::filesystem::path build_dir();
// `cmake --install` of that build tree into `prefix`.
CommandResult install_build(const std::filesystem::path& prefix);

}  // namespace briefings::testing

namespace briefings::testing {

// A briefing file's text in the app's format: headline, blank, summary, blank, body,
// blank, the app footer, no trailing newline.
std::string briefing_text(const std::string& headline, const std::string& summary,
                          const std::string& body);

}  // namespace briefings::testing
