// Opening the database for reading, with the errors a user can act on.
//
// A Xapian::Database is not thread-safe: each thread (each web worker, the CLI's one
// thread) opens and owns its own. ReaderDatabase wraps one and knows how to refresh it
// when the indexer commits a new revision.
#pragma once

#include <xapian.h>

#include <string>

namespace briefings {

// Opens `path` read-only. Throws DatabaseMissing (with a hint to run `briefings index`)
// when there is no database there, schema::SchemaMismatch when its version differs.
Xapian::Database open_for_reading(const std::string& path);

// Runs `work(db)`, reopening `db` and retrying (a few times) on DatabaseModifiedError, which
// Xapian raises when a writer has moved on past the revision this reader was reading.
template <typename Work>
auto with_retry(Xapian::Database& db, Work&& work) -> decltype(work(db)) {
  for (int attempt = 0;; ++attempt) {
    try {
      return work(db);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 4) throw;
      db.reopen();
    }
  }
}

}  // namespace briefings
