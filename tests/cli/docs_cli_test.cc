// The man pages and shell completion the build writes (build/man, build/completion) with the
// executable's hidden --generate-man and --generate-completion: every page renders cleanly
// and names what `--help` lists, and the shells complete commands, options and values.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/process.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

using namespace briefings::testing;
namespace fs = std::filesystem;

namespace {

std::string help_of(const std::string& command) {
  auto r = run_command(shell_quoted(briefings_binary()) + " " + command + " --help");
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// The lines of one section of --help ("Subcommands:", "Options:", "Positionals:").
std::vector<std::string> help_section(const std::string& help, const std::string& title) {
  std::vector<std::string> lines;
  std::istringstream in(help);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == title) {
      inside = true;
    } else if (inside && (line.empty() || line[0] != ' ')) {
      break;
    } else if (inside) {
      lines.push_back(line);
    }
  }
  return lines;
}

std::vector<std::string> commands() {
  std::vector<std::string> names;
  for (const auto& line : help_section(help_of(""), "Subcommands:")) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.push_back(name);
  }
  return names;
}

// Every -x and --name in the option column of --help, and the positionals' names.
std::set<std::string> help_names(const std::string& help) {
  std::set<std::string> names;
  const std::regex option(R"((?:^|[ ,])(--?[A-Za-z][A-Za-z0-9-]*))");
  for (const auto& line : help_section(help, "Options:")) {
    const std::string column = line.substr(0, std::min<size_t>(line.size(), 30));
    for (std::sregex_iterator m(column.begin(), column.end(), option), end; m != end; ++m) {
      names.insert((*m)[1]);
    }
  }
  for (const auto& line : help_section(help, "Positionals:")) {
    std::istringstream words(line);
    std::string name;
    words >> name;
    names.insert(name);
  }
  return names;
}

fs::path man_page(const std::string& command) {
  return build_dir() / "man" / (command.empty() ? "briefings.1" : "briefings-" + command + ".1");
}

// The page as man shows it, with any typographic hyphen or minus turned back into '-'.
std::string rendered(const fs::path& page) {
  auto r = run_command("MANWIDTH=80 man -l " + shell_quoted(page) + " 2>/dev/null");
  REQUIRE(r.exit_code == 0);
  std::string text = std::regex_replace(r.out, std::regex("\xe2\x88\x92|\xe2\x80\x90"), "-");
  return text;
}

bool have(const std::string& program) {
  return run_command("command -v " + program + " >/dev/null").exit_code == 0;
}

// COMPREPLY of the bash completion function for `line`; the last word is the one completed
// (an empty last word: the line ends in a space).
std::string bash_completes(const std::string& line) {
  const fs::path script = build_dir() / "completion" / "briefings.bash";
  std::string words;
  std::istringstream in(line);
  for (std::string w; in >> w;) words += " " + w;
  if (line.back() == ' ') words += " ''";
  auto r =
      run_command("cd " + shell_quoted(source_dir()) + " && bash -c 'source \"$0\"; COMP_WORDS=(" +
                  std::regex_replace(words, std::regex("'"), "'\\''") +
                  "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _briefings; "
                  "echo \"${COMPREPLY[*]}\"' " +
                  shell_quoted(script));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, r.out.find('\n'));
}

}  // namespace

TEST_CASE("the build writes a man page for briefings and for each command", "[cli][docs]") {
  const auto names = commands();
  REQUIRE(names.size() >= 5);
  CHECK(fs::exists(man_page("")));
  for (const auto& name : names) {
    INFO(name);
    CHECK(fs::exists(man_page(name)));
  }
}

TEST_CASE("every man page renders with man -l without a warning", "[cli][docs]") {
  if (!have("man")) SKIP_TEST("no man on this machine (scripts/setup installs man-db)");
  auto names = commands();
  names.push_back("");
  for (const auto& name : names) {
    INFO("page of '" << name << "'");
    auto r = run_command("MANWIDTH=80 man --warnings -l " + shell_quoted(man_page(name)) +
                         " 2>&1 >/dev/null");
    CHECK(r.exit_code == 0);
    CHECK(r.out == "");
  }
}

TEST_CASE("each command's man page names every option and argument its --help lists",
          "[cli][docs]") {
  if (!have("man")) SKIP_TEST("no man on this machine (scripts/setup installs man-db)");
  for (const auto& command : commands()) {
    const std::string page = rendered(man_page(command));
    const auto names = help_names(help_of(command));
    CHECK(names.count("--help") == 1);  // the help was read at all
    for (const auto& name : names) {
      INFO(command << ": " << name);
      CHECK(std::regex_search(
          page, std::regex("(^|[ ,\\[])" + name + "([ ,.|\\]]|$)", std::regex::multiline)));
    }
  }
}

TEST_CASE("briefings(1) lists the commands, exit codes, environment and files", "[cli][docs]") {
  if (!have("man")) SKIP_TEST("no man on this machine (scripts/setup installs man-db)");
  const std::string page = rendered(man_page(""));
  for (const auto& command : commands()) {
    INFO(command);
    CHECK(page.find("briefings-" + command + "(1)") != std::string::npos);
  }
  const std::string status = page.substr(page.find("EXIT STATUS"));
  for (const char* code : {"0", "2", "66", "69", "70", "73", "74", "75", "78"}) {
    INFO("exit code " << code);
    CHECK(std::regex_search(status, std::regex(std::string("\n {7}") + code + " ")));
  }
  for (const char* text : {"BRIEFINGS_DB", "XDG_DATA_HOME", "NO_COLOR", "FILES",
                           "~/.local/share/briefings/db", "SEE ALSO"}) {
    INFO(text);
    CHECK(page.find(text) != std::string::npos);
  }
}

TEST_CASE("bash completes commands, options, values and paths", "[cli][docs]") {
  if (!have("bash")) SKIP_TEST("no bash on this machine");
  struct Case {
    const char* line;
    const char* completions;
  };
  const Case cases[] = {
      {"briefings se", "search serve"},
      {"briefings --v", "--version"},
      {"briefings search --sort ", "relevance newest oldest"},
      {"briefings search --sort n", "newest"},
      {"briefings search --sort = o", "oldest"},  // --sort=o, as bash splits it
      {"briefings search --li", "--limit"},
      {"briefings search --color a", "auto always"},
      {"briefings related --color n", "never"},
      {"briefings stats --", "--help --db --json"},
      {"briefings serve --port ", ""},  // free text: nothing to offer
      {"briefings index --db exam", "examples"},
      {"briefings index examples/brie", "examples/briefings"},
      {"briefings index --j", "--jobs --json"},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    CHECK(bash_completes(c.line) == c.completions);
  }
}

TEST_CASE("fish completes commands and --sort values, and zsh reads its script", "[cli][docs]") {
  if (!have("fish") || !have("zsh")) SKIP_TEST("fish or zsh missing (scripts/setup installs them)");
  const fs::path dir = build_dir() / "completion";
  auto fish = run_command(
      "fish -c 'source $argv[1]; complete -C\"briefings se\"; "
      "complete -C\"briefings search --sort \"' " +
      shell_quoted(dir / "briefings.fish"));
  REQUIRE(fish.exit_code == 0);
  CHECK(std::regex_search(fish.out, std::regex("^search\t.*\nserve\t")));
  for (const char* value : {"\nnewest\t", "\noldest\t", "\nrelevance\t"}) {
    CHECK(fish.out.find(value) != std::string::npos);
  }
  CHECK(run_command("zsh -n " + shell_quoted(dir / "_briefings")).exit_code == 0);
}

TEST_CASE("the generators are hidden from --help and refuse what they cannot do", "[cli][docs]") {
  CHECK(help_of("").find("generate") == std::string::npos);
  const std::string bin = shell_quoted(briefings_binary());
  CHECK(run_command(bin + " --generate-completion tcsh").exit_code == 2);
  CHECK(run_command(bin + " --generate-man /dev/null/man").exit_code == 74);
  TempDir dir;
  REQUIRE(run_command(bin + " --generate-man " + shell_quoted(dir / "man")).exit_code == 0);
  CHECK(file_text(dir / "man" / "briefings-search.1") == file_text(man_page("search")));
}

TEST_CASE("cmake --install puts the man pages and completion where man and shells look",
          "[cli][docs][install]") {
  TempDir dir;
  const fs::path prefix = dir / "prefix";
  auto r = install_build(prefix);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> files = {
      "share/man/man1/briefings.1.gz", "share/bash-completion/completions/briefings",
      "share/zsh/vendor-completions/_briefings", "share/fish/vendor_completions.d/briefings.fish"};
  for (const auto& command : commands())
    files.push_back("share/man/man1/briefings-" + command + ".1.gz");
  for (const auto& file : files) {
    INFO(file);
    CHECK(fs::exists(prefix / file));
  }
}
