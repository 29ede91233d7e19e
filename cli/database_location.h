// Where the database lives when the user does not say: $BRIEFINGS_DB, else
// ${XDG_DATA_HOME:-~/.local/share}/briefings/db. `--db` on any subcommand wins (cli.h's
// database_path). Configuration of the command line, not of the index: the libraries always
// take the path they are given. Reads the environment only, so it is safe from any thread
// that does not change the environment meanwhile.
// Ownership: owns nothing; returns a path by value.
#pragma once

#include <string>

namespace briefings::cli {

// The names default_database_path() reads, also printed in the man pages (cli/cli_docs.h).
inline constexpr const char* kDatabaseVariable = "BRIEFINGS_DB";
inline constexpr const char* kDataHomeVariable = "XDG_DATA_HOME";
inline constexpr const char* kDataHomeFallback = "~/.local/share";  // "~" is $HOME
inline constexpr const char* kDatabaseInDataHome = "briefings/db";

std::string default_database_path();

}  // namespace briefings::cli
