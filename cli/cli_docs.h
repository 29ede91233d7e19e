// Man pages and shell completion, generated at run time from the CLI11 app that main() builds,
// so they cannot drift from `--help`: the build runs the built executable with the hidden
// options `--generate-man DIR` and `--generate-completion bash|zsh|fish` (cli/CMakeLists.txt).
//
// describe() reads the app once into a plain description (ProgramDoc); the writers only
// format that description. What the description takes from the CLI definitions:
// - names, descriptions, defaults (capture_default_str) and whether an option repeats;
// - the values of an option from its CLI::IsMember validator (search --sort, --color);
// - what a value completes to from its type name ("DIR": folders; "FILE" or "PATH": files)
//   or, for a positional argument, its name ("PATH" or ending in "_PATH": files);
// - the exit codes from kExitCodes (cli/cli.h), the table `--help` prints.
// Options in the group "" (hidden from --help) are left out of pages and completion.
//
// Ownership and threads: the descriptions are values; every function runs on the CLI's one
// thread and touches nothing global but the folder or stream it writes to.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

namespace briefings::cli {

// What a shell should offer for an option's value or a positional argument.
enum class Completes { nothing, choices, files, directories };

struct OptionDoc {
  std::vector<std::string> names;  // "-n", "--limit"; empty for a positional argument
  std::string value;               // "UINT", "DIR", the positional's name; empty for a flag
  std::string description;
  std::string default_value;         // empty when the option shows none
  std::vector<std::string> choices;  // from CLI::IsMember, in definition order
  std::vector<std::string> limits;   // other validators' descriptions ("INT in [0 - 65535]")
  bool repeatable = false;           // may be given more than once, or takes several values
  bool required = false;
  Completes completes = Completes::nothing;
};

struct CommandDoc {
  std::string name;         // "search"
  std::string description;  // one line
  std::string notes;        // the footer of its --help, without the exit codes
  std::vector<OptionDoc> options;
  std::vector<OptionDoc> positionals;
};

struct ProgramDoc {
  std::string name;     // "briefings"
  std::string summary;  // the app's description without the leading "name: "
  std::vector<OptionDoc> options;
  std::vector<CommandDoc> commands;
  std::vector<std::pair<int, std::string>> exit_codes;  // code, meaning
};

// Reads the definitions of `app` and its subcommands. Non-const because CLI11 hands out
// validators only through a non-const Option.
ProgramDoc describe(CLI::App& app, const std::string& program_name);

// briefings(1), and briefings-COMMAND(1) for one command; roff with the man(7) macros.
std::string man_page(const ProgramDoc& program);
std::string man_page(const ProgramDoc& program, const CommandDoc& command);
// Writes briefings.1 and one page per command into `folder` (created if missing). Throws
// std::filesystem::filesystem_error when a page cannot be written.
void write_man_pages(const ProgramDoc& program, const std::string& folder);

// The completion script for "bash", "zsh" or "fish"; any other shell is a logic error.
std::string completion_script(const ProgramDoc& program, const std::string& shell);

// Adds the hidden --generate-man and --generate-completion options to `app`; each writes
// its output and ends the run with exit 0 (CLI::Success). Call after the subcommands exist.
void add_docs_options(CLI::App& app);

}  // namespace briefings::cli
