// Xapian errors, translated: the indexer's edge turns every Xapian::Error into one of the
// project's own errors (index/errors.h), so nothing above indexer/ needs to know Xapian's
// exception types.
//
//   try { ... } catch (const Xapian::Error&) { rethrow_translated(); }
//
//   Xapian::DatabaseLockError    -> DatabaseLocked
//   Xapian::DatabaseCreateError  -> DatabaseCannotCreate
//   Xapian::DatabaseCorruptError -> DatabaseCorrupt
//   any other Xapian::Error      -> StorageError, with the system's reason and whether the
//                                   disk is full
//
// Xapian's error classes have no virtual functions, so their type can only be told by
// catching them again: that is why this rethrows the exception being handled rather than
// taking one as an argument.
//
// Thread-safety: touches nothing but the exception in flight; call it from any thread.
// Internal to indexer/.
#pragma once

namespace briefings::indexer {

// Call only while handling an exception (inside a catch block). Throws the translation of
// a Xapian::Error; rethrows any other exception as it is.
[[noreturn]] void rethrow_translated();

}  // namespace briefings::indexer
