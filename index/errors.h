// The errors every layer may raise, so the CLI can map them to exit codes and the web
// layer to HTTP statuses without either knowing where they came from. Domain code throws
// these; only cli/ and web/ catch them.
#pragma once

#include <stdexcept>
#include <string>

namespace briefings {

// The database does not exist yet (never indexed) or the path is not a database.
struct DatabaseMissing : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Another process holds the write lock.
struct DatabaseLocked : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A user-supplied value (query, option, parameter) is unusable. `parameter` names it.
struct InvalidInput : std::runtime_error {
  InvalidInput(std::string parameter_name, const std::string& message)
      : std::runtime_error(message), parameter(std::move(parameter_name)) {}
  std::string parameter;
};
// Something named by the user (an id, a path) is not in the database.
struct NotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace briefings
