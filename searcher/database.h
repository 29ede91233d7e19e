// Opening the database for reading, with the errors a user can act on, and reading it while
// an indexer commits.
//
// A Xapian::Database is not thread-safe: each thread (each web worker, the CLI's one
// thread) opens and owns its own, usually inside a Searcher (searcher/searcher.h), which
// reads through with_retry() below.
#pragma once

#include <xapian.h>

#include <string>

#include "index/xapian_errors.h"

namespace briefings {

// Opens `path` read-only. Throws DatabaseMissing (with a hint to run `briefings index`)
// when there is no database there, schema::SchemaMismatch when its version differs, and
// the project's translation of any other Xapian error (index/xapian_errors.h).
Xapian::Database open_for_reading(const std::string& path);

// Runs `work(db)`, reopening `db` and retrying (a few times) on DatabaseModifiedError, which
// Xapian raises when a writer has moved on past the revision this reader was reading. Any
// Xapian error left (that one too, once the retries are spent) leaves translated.
template <typename Work>
auto with_retry(Xapian::Database& db, Work&& work) -> decltype(work(db)) {
  constexpr int kRetries = 4;
  return translating_xapian_errors([&] {
    for (int attempt = 0;; ++attempt) {
      try {
        return work(db);
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kRetries) throw;
        db.reopen();
      }
    }
  });
}

}  // namespace briefings
