// briefings: wires the CLI11 subcommands (cmd_*.cc) and maps errors to exit codes.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

#include "briefings_version.h"
#include "cli/cli.h"
#include "cli/cli_docs.h"
#include "cli/database_location.h"
#include "index/errors.h"
#include "index/schema.h"

namespace briefings::cli {

std::string database_path(const std::string& option_value) {
  return option_value.empty() ? default_database_path() : option_value;
}

std::string exit_code_help() {
  // CLI11 prints a footer as it is: break it between entries, at most this wide.
  constexpr size_t kWidth = 104;
  std::string text = "Exit codes:";
  size_t line_start = 0;
  for (size_t i = 0; i < std::size(kExitCodes); ++i) {
    const bool last = i + 1 == std::size(kExitCodes);
    const std::string entry =
        std::to_string(kExitCodes[i].code) + " " + kExitCodes[i].meaning + (last ? "." : ";");
    const bool fits = text.size() - line_start + 1 + entry.size() <= kWidth;
    text += fits ? " " : "\n";
    if (!fits) line_start = text.size();
    text += entry;
  }
  return text;
}

namespace {

// How the terminal calls a parameter the libraries name in neutral words (index/errors.h):
// each is the option of that name ("limit" is --limit). Names the CLI gives itself
// ("PATH", "--date") are shown as they are.
std::string option_named(const std::string& parameter) {
  if (parameter == "query") return "the query";
  const bool neutral =
      !parameter.empty() &&
      std::all_of(parameter.begin(), parameter.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return neutral ? "--" + parameter : parameter;
}

}  // namespace

}  // namespace briefings::cli

int main(int argc, char** argv) {
  using namespace briefings;
  using namespace briefings::cli;
  CLI::App app{"briefings: full-text search for saved news briefings"};
  app.require_subcommand(1);
  app.footer(exit_code_help());
  app.set_version_flag("--version", std::string("briefings ") + kVersion + " (schema " +
                                        std::to_string(schema::kSchemaVersion) + ")");
  RunState state;
  add_index_command(app, state);
  add_stats_command(app, state);
  add_search_command(app, state);
  add_related_command(app, state);
  add_serve_command(app, state);
  add_saved_command(app, state);
  add_docs_options(app);  // hidden: the build writes the man pages and completion with it

  auto fail = [](int code, const std::string& message) {
    std::cerr << "briefings: " << message << "\n";
    return code;
  };
  try {
    app.parse(argc, argv);
    return state.exit_code;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kUsage;
  } catch (const InvalidInput& e) {
    return fail(kUsage, e.naming(option_named(e.parameter)));
  } catch (const DatabaseMissing& e) {
    return fail(kNoInput, e.what());
  } catch (const NotFound& e) {
    return fail(kNoInput, e.what());
  } catch (const ServerUnavailable& e) {
    return fail(kUnavailable, e.what());
  } catch (const DatabaseNotWritable& e) {
    return fail(kIoError, e.what());
  } catch (const DatabaseLocked& e) {
    return fail(kTempFail, e.what());
  } catch (const DatabaseCannotCreate& e) {
    return fail(kCannotCreate, e.what());
  } catch (const DatabaseCorrupt& e) {
    return fail(kIoError, e.what());
  } catch (const DatabaseChanged& e) {
    return fail(kTempFail, std::string(e.what()) + "; try again");
  } catch (const StorageError& e) {
    if (!e.disk_full) return fail(kIoError, e.what());
    return fail(kIoError, "the disk is full: " + std::string(e.what()) +
                              "; the database keeps what its last commit held");
  } catch (const schema::SchemaMismatch& e) {
    return fail(kConfig, e.what());
  } catch (const std::filesystem::filesystem_error& e) {
    return fail(kIoError, e.what());
  } catch (const std::exception& e) {
    return fail(kSoftware, std::string("internal error: ") + e.what());
  }
}
