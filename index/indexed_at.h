// The indexed-at time: when a briefing entered this index (value slot "indexed_at", schema
// version 5). It is what makes "new since" exact, for `saved run --new`, the page's counts of
// new briefings and the feeds.
//
// On disk: microseconds since 1970-01-01T00:00:00Z as exactly 16 decimal digits, so string
// order (Xapian's value ranges and sorting) is time order until the year 2286. DO NOT CHANGE
// the width: it is in every document, and in every saved search's mark.
//
// The writer (indexer/indexed_at_stamps.h) gives a briefing its time when a document for it is
// first added, and keeps it when only its paths change (another copy, a move, a rename) and
// when its file is edited (the new content inherits the old one's time); a rebuild (--full)
// carries every time over by content id. Times are unique and increase with every document
// added, past every time the database already holds, even if the clock steps back: so the
// largest time in a revision, latest_indexed_at(), is a mark below which no later commit can
// add anything. "New since mark M" is then exactly "indexed_at > M".
//
// Thread-safety: pure functions over values; the Xapian objects are the caller's.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace briefings {

// Microseconds since the Unix epoch, UTC. 0 means "before anything was indexed".
using IndexedAt = std::int64_t;

inline constexpr size_t kIndexedAtDigits = 16;

// 16 decimal digits, zero-padded. `time` must be in [0, 10^16).
std::string encode_indexed_at(IndexedAt time);
// The time in a value written by encode_indexed_at; nullopt for anything else (empty, short,
// not digits).
std::optional<IndexedAt> decode_indexed_at(std::string_view value);

// RFC 3339 in UTC, to the microsecond, as Atom and JSON readers take it:
// "2026-04-12T10:15:00.123456Z".
std::string rfc3339(IndexedAt time);

// The current time of the system clock, in microseconds.
IndexedAt indexed_at_now();

// The briefing's time in its document, or nullopt when the slot is empty or malformed.
std::optional<IndexedAt> indexed_at_of(const Xapian::Document& document);
void set_indexed_at(Xapian::Document& document, IndexedAt time);

// The largest indexed-at time in the revision `db` reads (Xapian keeps an upper bound per
// slot, so this reads no document); 0 for an empty database. Any document a later commit adds
// has a larger time.
IndexedAt latest_indexed_at(const Xapian::Database& db);

}  // namespace briefings
