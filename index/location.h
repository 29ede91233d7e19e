// Where the database lives when the user does not say: $BRIEFINGS_DB, else
// ${XDG_DATA_HOME:-~/.local/share}/briefings/db. `--db` on any subcommand wins.
#pragma once

#include <string>

namespace briefings {

std::string default_database_path();

}  // namespace briefings
