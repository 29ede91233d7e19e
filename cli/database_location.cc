#include "cli/database_location.h"

#include <cstdlib>

namespace briefings::cli {

std::string default_database_path() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? v : "";
  };
  if (auto db = env(kDatabaseVariable); !db.empty()) return db;
  std::string data_home = env(kDataHomeVariable);
  if (data_home.empty()) {
    std::string home = env("HOME");
    // kDataHomeFallback with "~" replaced by $HOME (or "." without one).
    data_home = (home.empty() ? std::string(".") : home) + (kDataHomeFallback + 1);
  }
  return data_home + "/" + kDatabaseInDataHome;
}

}  // namespace briefings::cli
