// Xapian's errors, translated at the library edge: indexer/ and searcher/ turn every
// Xapian::Error into one of the project's own errors (index/errors.h), so nothing above
// them (cli/, web/) knows Xapian's exception types.
//
//   try { ... } catch (const Xapian::Error&) { rethrow_translated(); }
//
//   Xapian::DatabaseLockError     -> DatabaseLocked
//   Xapian::DatabaseCreateError   -> DatabaseCannotCreate
//   Xapian::DatabaseCorruptError  -> DatabaseCorrupt
//   Xapian::DatabaseModifiedError -> DatabaseChanged (a reader fell behind a writer; the
//                                    searcher reopens and retries before it lets this out)
//   Xapian::QueryParserError      -> InvalidInput("query", ...)
//   any other Xapian::Error       -> StorageError, with the system's reason and whether the
//                                    disk is full
//
// Xapian's error classes have no virtual functions, so their type can only be told by
// catching them again: that is why this rethrows the exception being handled rather than
// taking one as an argument.
//
// Thread-safety: touches nothing but the exception in flight; call it from any thread.
// For indexer/ and searcher/ only.
#pragma once

namespace briefings {

// Call only while handling an exception (inside a catch block). Throws the translation of
// a Xapian::Error; rethrows any other exception as it is.
[[noreturn]] void rethrow_translated();

// Runs `work()` and returns what it returns, with any Xapian::Error translated.
template <typename Work>
auto translating_xapian_errors(Work&& work) -> decltype(work()) {
  try {
    return work();
  } catch (...) {
    rethrow_translated();
  }
}

}  // namespace briefings
