// Xapian's exceptions stop at the library edge: each becomes one of the project's own errors
// (index/errors.h), with the words the CLI prints.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <cerrno>
#include <cstring>

#include "index/errors.h"
#include "index/xapian_errors.h"

using namespace briefings;

namespace {

// What rethrow_translated() makes of `error`, as the type the test expects (another type
// fails the test case).
template <class Ours, class XapianError>
Ours translated(const XapianError& error) {
  try {
    try {
      throw error;
    } catch (const Xapian::Error&) {
      rethrow_translated();
    }
  } catch (const Ours& ours) {
    return ours;
  }
}

template <class Ours, class XapianError>
std::string message_of(const XapianError& error) {
  return translated<Ours>(error).what();
}

}  // namespace

TEST_CASE("each Xapian error becomes the project's error with the message the CLI prints",
          "[index][errors]") {
  CHECK(message_of<DatabaseLocked>(Xapian::DatabaseLockError("held")) ==
        "the database is being indexed by another process");
  CHECK(message_of<DatabaseCannotCreate>(Xapian::DatabaseCreateError("no folder")) ==
        "cannot create the database: no folder");
  CHECK(message_of<DatabaseCorrupt>(Xapian::DatabaseCorruptError("bad block")) ==
        "the database is damaged (bad block); re-index it");
  CHECK(message_of<DatabaseChanged>(Xapian::DatabaseModifiedError("moved on")) ==
        "the index changed while it was being read (moved on)");

  const auto parse = translated<InvalidInput>(Xapian::QueryParserError("unknown range"));
  CHECK(parse.parameter == "query");
  CHECK(parse.naming("q") == "q cannot be read: unknown range");

  const auto io = translated<StorageError>(Xapian::DatabaseError("Error writing block 59", EIO));
  CHECK(std::string(io.what()) ==
        "DatabaseError: Error writing block 59 (" + std::string(std::strerror(EIO)) + ")");
  CHECK(io.reason == std::strerror(EIO));
  CHECK_FALSE(io.disk_full);

  const auto other = translated<StorageError>(Xapian::InvalidArgumentError("bad slot"));
  CHECK(std::string(other.what()) == "InvalidArgumentError: bad slot");
  CHECK(other.reason.empty());
}

TEST_CASE("a Xapian error for a full disk says so and keeps the system's reason",
          "[index][errors]") {
  const auto full =
      translated<StorageError>(Xapian::DatabaseError("Error writing block 59", ENOSPC));
  CHECK(full.disk_full);
  CHECK(full.reason == "No space left on device");
  CHECK(std::string(full.what()) ==
        "DatabaseError: Error writing block 59 (No space left on device)");
}

TEST_CASE("an exception that is not Xapian's passes through untouched", "[index][errors]") {
  try {
    try {
      throw NotFound("no such briefing");
    } catch (...) {
      rethrow_translated();
    }
  } catch (const NotFound& e) {
    CHECK(std::string(e.what()) == "no such briefing");
  }
}

TEST_CASE("translating_xapian_errors returns the work's value or throws ours", "[index][errors]") {
  CHECK(translating_xapian_errors([] { return 7; }) == 7);
  CHECK_THROWS_AS(translating_xapian_errors([]() -> int { throw Xapian::DatabaseLockError("x"); }),
                  DatabaseLocked);
}
