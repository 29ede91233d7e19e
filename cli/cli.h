// The command line: one file per subcommand (cmd_*.cc), each adding itself to the CLI11 app
// and calling the libraries. Subcommands throw the errors of index/errors.h (the libraries
// translate Xapian's); main() catches them once and maps them to the exit codes below.
//
// Ownership and threads: each subcommand's options are owned by its callback (a shared_ptr
// it captures); the CLI runs on one thread.
#pragma once

#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>

namespace briefings::cli {

// Exit codes (sysexits.h values where one fits). kExitCodes says what each means, in the
// words `--help` (exit_code_help()) and the man pages' EXIT STATUS (cli/cli_docs.cc) print;
// docs/usage.md lists them too: keep it in step.
enum ExitCode : int {
  kOk = 0,
  kUsage = 2,          // bad option, bad query or parameter
  kNoInput = 66,       // database or input path missing
  kUnavailable = 69,   // the server cannot start (port in use, briefings-web.so missing)
  kSoftware = 70,      // internal error (a bug: please report)
  kCannotCreate = 73,  // the database cannot be created or written
  kIoError = 74,       // reading or writing failed (disk full, permissions)
  kTempFail = 75,      // the database is being indexed by another process
  kConfig = 78,        // database schema version differs: re-index
};

struct ExitCodeMeaning {
  ExitCode code;
  const char* meaning;
};

inline constexpr ExitCodeMeaning kExitCodes[] = {
    {kOk, "ok"},
    {kUsage, "bad option, query or parameter"},
    {kNoInput, "database or input missing"},
    {kUnavailable, "server cannot start"},
    {kSoftware, "internal error"},
    {kCannotCreate, "database cannot be created"},
    {kIoError, "I/O error (e.g. disk full)"},
    {kTempFail, "database locked by another indexer"},
    {kConfig, "schema version differs (re-index)"},
};

// "Exit codes: 0 ok; 2 bad option, ...; 78 ... (re-index).", the footer of `--help`.
std::string exit_code_help();

// `serve` cannot start: the address cannot be bound, or the server module cannot be
// loaded. Exit 69.
struct ServerUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a subcommand tells main() after it ran.
struct RunState {
  int exit_code = kOk;
};

// Resolves --db: the option's value if given, else the default location.
std::string database_path(const std::string& option_value);

void add_index_command(CLI::App& app, RunState& state);
void add_stats_command(CLI::App& app, RunState& state);
void add_search_command(CLI::App& app, RunState& state);
void add_related_command(CLI::App& app, RunState& state);
void add_serve_command(CLI::App&, RunState&);
void add_saved_command(CLI::App& app, RunState& state);

}  // namespace briefings::cli
