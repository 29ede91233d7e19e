// The errors every layer may raise, so the CLI can map them to exit codes and the web
// layer to HTTP statuses without either knowing where they came from. Domain code throws
// these; only cli/ and web/ catch them. Xapian's own exceptions never get past indexer/ and
// searcher/: index/xapian_errors.h translates them into these.
//
// Thread-safety: plain exception types; nothing shared.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace briefings {

// The database does not exist yet (never indexed) or the path is not a database.
struct DatabaseMissing : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Another process holds the write lock.
struct DatabaseLocked : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The database exists but cannot be written (a read-only folder or file system, another
// user's files); reading it still works.
struct DatabaseNotWritable : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The database cannot be created where it was asked for.
struct DatabaseCannotCreate : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The database's files are damaged; indexing again with --full rebuilds them.
struct DatabaseCorrupt : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Reading or writing the database failed. `reason` is the system's own words for the cause
// ("No space left on device"), empty when there was none; `disk_full` says the disk ran
// out of space, after which the database still holds what its last commit held.
struct StorageError : std::runtime_error {
  StorageError(const std::string& message, std::string system_reason, bool disk_is_full)
      : std::runtime_error(message), reason(std::move(system_reason)), disk_full(disk_is_full) {}
  std::string reason;
  bool disk_full;
};
// A user-supplied value (query, option, parameter) is unusable. `parameter` names it in
// neutral words ("query", "limit", "offset", "domain", "since", "until", "sort"), which each
// surface shows its own way (`--limit` in the terminal, `limit` in the HTTP API); `problem`
// reads after that name: InvalidInput("limit", "must be between 0 and 100").
struct InvalidInput : std::runtime_error {
  InvalidInput(std::string parameter_name, std::string problem_text)
      : std::runtime_error(parameter_name + " " + problem_text),
        parameter(std::move(parameter_name)),
        problem(std::move(problem_text)) {}
  std::string parameter;
  std::string problem;
  // The message with the parameter called `shown_name`: "--limit must be between 0 and 100".
  std::string naming(const std::string& shown_name) const { return shown_name + " " + problem; }
};
// A name the user chose is taken (a saved search's). Refused like any InvalidInput (exit 2),
// but the HTTP API answers it with 409 Conflict rather than 400.
struct AlreadyExists : InvalidInput {
  using InvalidInput::InvalidInput;
};
// A reader fell behind: the index changed while it was being read, more often than the
// searcher retries. Trying again (after reopening) normally succeeds.
struct DatabaseChanged : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Something named by the user (an id, a path) is not in the database.
struct NotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace briefings
