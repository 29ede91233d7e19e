#include "index/xapian_errors.h"

#include <xapian.h>

#include <string>

#include "index/errors.h"

namespace briefings {

namespace {

// Xapian keeps the system's reason apart from its own message ("Error writing block 59" /
// "No space left on device"); the reason is what the user can act on.
StorageError storage_error(const Xapian::Error& error) {
  const char* system_reason = error.get_error_string();
  const std::string reason = system_reason ? system_reason : "";
  std::string message = error.get_type() + std::string(": ") + error.get_msg();
  if (!reason.empty()) message += " (" + reason + ")";
  const bool disk_full = reason.find("No space left") != std::string::npos;
  return StorageError(message, reason, disk_full);
}

}  // namespace

void rethrow_translated() {
  try {
    throw;
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseLocked("the database is being indexed by another process");
  } catch (const Xapian::DatabaseCreateError& e) {
    throw DatabaseCannotCreate("cannot create the database: " + e.get_msg());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw DatabaseCorrupt("the database is damaged (" + e.get_msg() + "); re-index it");
  } catch (const Xapian::DatabaseModifiedError& e) {
    throw DatabaseChanged("the index changed while it was being read (" + e.get_msg() + ")");
  } catch (const Xapian::QueryParserError& e) {
    throw InvalidInput("query", "cannot be read: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw storage_error(e);
  }
}

}  // namespace briefings
