#include "cli/database_location.h"

#include <cstdlib>

namespace briefings::cli {

std::string default_database_path() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  if (auto db = env("BRIEFINGS_DB"); !db.empty()) return db;
  std::string data_home = env("XDG_DATA_HOME");
  if (data_home.empty()) {
    std::string home = env("HOME");
    data_home = (home.empty() ? std::string(".") : home) + "/.local/share";
  }
  return data_home + "/briefings/db";
}

}  // namespace briefings::cli
