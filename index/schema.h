// The briefings database schema: how one briefing maps onto one Xapian document.
//
// Every term prefix, value slot and metadata key is one row of a table below (kPrefixes,
// kValueSlots, kMetadataKeys), and is spelled only there: the named constants (kHostPrefix,
// kDateSlot, ...) are looked up in those rows when the code is compiled, and a name that
// is not a row does not compile. The codec (index/codec.h) writes documents with those
// names; the searcher sets up its QueryParser by looping over kPrefixes, so a new
// searchable prefix needs only its row; a test checks that a built document uses every
// prefix and slot of the tables and nothing else, and another that docs/schema.md lists
// exactly these rows.
//
// A briefing becomes one document:
//
//  * Free text (no prefix): the headline, indexed with a higher within-document frequency
//    so that headline matches rank first, then every sentence of every paragraph. Words
//    are lower-cased and stemmed (English, Xapian's STEM_ALL: only the stem is a term, so
//    "ports" is the term "port"), with positions, so phrase and NEAR queries work on stems.
//    The query parser stems every query word the same way. Citations such as
//    "(cnbc.com)" are never indexed as words.
//  * The headline again under its own prefix, so "headline:word" can search it alone.
//  * Each cited host as a boolean term, together with every parent domain down to its
//    registrable domain (index/host_names.h): "blogs.microsoft.com" yields terms for
//    "blogs.microsoft.com" and "microsoft.com", never "com".
//  * The date as year, month and day boolean terms, and as a sortable value.
//  * A unique id term, the content id (index/content_id.h), so the same briefing saved
//    under two paths is one document.
//  * Document data: the whole Briefing as a binary record (index/codec.h), so a result can
//    be shown, highlighted and re-indexed without going back to the file.
//
// Values hold what ranking, sorting and facets read per matching document: the date as
// "YYYYMMDD" (sorts as a string; date range queries), the month as "YYYY-MM" (month facet),
// the ids of the cited hosts (domain facet; index/host_id_slot.h) and the time the briefing
// entered the index (saved searches' "new since"; index/indexed_at.h), which the writer sets
// when it adds the document rather than the codec. A host's id and name are in the
// database's host dictionary (index/host_dictionary.h), kept in metadata.
//
// Spelling data (for "did you mean") holds the unstemmed words of the headline and body,
// 3 to 32 bytes long; the terms are stems, so these come from the briefing's text.
//
// Database metadata holds the schema version, the host dictionary and, for incremental
// indexing, one record per indexed file (path, size, mtime, content id). A database whose
// schema version differs from kSchemaVersion is refused by both sides with a message
// asking for a re-index. Saved searches are not in the database but beside it
// (index/saved_search_store.h): a watching indexer holds the write lock for as long as it
// runs, and a rebuild replaces the database folder.
//
// Thread-safety: constants and pure functions.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace briefings::schema {

// 2: binary document data (index/codec.h). 3: stemmed terms only (STEM_ALL); keyed hosts.
// 4: the hosts slot holds ids from the database's host dictionary. 5: each document has its
// indexed-at time (index/indexed_at.h), which makes "new since" exact for saved searches.
inline constexpr int kSchemaVersion = 5;

enum class TermKind {
  free_text,       // stems of words, with positions; searchable as "field:word"
  boolean_filter,  // exact terms; "field:value" filters without affecting the ranking
  internal,        // written by the indexer, never exposed to the query parser
};

struct TermPrefix {
  // The query field ("headline" of "headline:word"); for an internal prefix, only the name
  // the code looks it up by.
  std::string_view name;
  std::string_view prefix;  // Xapian term prefix
  TermKind kind;
  std::string_view meaning;
};

// Every term prefix in the database. Prefixes follow Xapian's conventions (a capital letter,
// "X" + capitals when more than one) so xapian-delve output reads naturally, and so that a
// term starting with a capital letter has a prefix and any other term is a word of the text.
inline constexpr TermPrefix kPrefixes[] = {
    {"headline", "S", TermKind::free_text, "stems of the headline words"},
    {"domain", "H", TermKind::boolean_filter,
     "cited host and each parent down to its registrable domain"},
    {"year", "Y", TermKind::boolean_filter, "year of the briefing's date, YYYY"},
    {"month", "M", TermKind::boolean_filter, "month of the briefing's date, YYYYMM"},
    {"day", "D", TermKind::boolean_filter, "the briefing's date, YYYYMMDD"},
    {"id", "Q", TermKind::internal, "unique id: the content id"},
    {"date_source", "XDS", TermKind::internal,
     "where the date came from: option, metadata, text, mtime, none"},
};

// The `column` of the row of `table` called `name`, found while compiling: a name that is
// no row of the table is a compile error (the throw is not a constant expression).
template <typename Row, size_t N, typename Column>
consteval Column column_of_row(const Row (&table)[N], std::string_view name, Column Row::*column) {
  for (const Row& row : table) {
    if (row.name == name) return row.*column;
  }
  throw "schema.h: no row of the table has that name";
}

consteval std::string_view prefix_named(std::string_view name) {
  return column_of_row(kPrefixes, name, &TermPrefix::prefix);
}

inline constexpr std::string_view kHeadlinePrefix = prefix_named("headline");
inline constexpr std::string_view kHostPrefix = prefix_named("domain");
inline constexpr std::string_view kYearPrefix = prefix_named("year");
inline constexpr std::string_view kMonthPrefix = prefix_named("month");
inline constexpr std::string_view kDayPrefix = prefix_named("day");
inline constexpr std::string_view kIdPrefix = prefix_named("id");
inline constexpr std::string_view kDateSourcePrefix = prefix_named("date_source");

// Looks a searchable prefix up by query field name ("headline"); throws std::out_of_range
// for a name that is no field (unknown, or an internal prefix's).
const TermPrefix& prefix_for_field(std::string_view field);

// True when `term` has no prefix: a word of the text, as the TermGenerator wrote it.
constexpr bool is_unprefixed(std::string_view term) {
  return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
}
// The stem a term holds when it is free text: the term itself when unprefixed, the rest of it
// under a free-text prefix ("Sharbour" -> "harbour"); "" for every other term (ids, hosts,
// dates). The searcher highlights and expands queries with these.
std::string_view free_text_stem(std::string_view term);

struct ValueSlot {
  Xapian::valueno slot;
  std::string_view name;
  std::string_view encoding;
};

inline constexpr ValueSlot kValueSlots[] = {
    {0, "date", "YYYYMMDD: string order is date order (sorting, date ranges)"},
    {1, "month", "YYYY-MM (month facet)"},
    {2, "hosts", "ids of the cited hosts as varints (index/host_id_slot.h; domain facet)"},
    {4, "indexed_at",
     "microseconds since 1970 UTC, 16 digits: when the briefing entered the index "
     "(index/indexed_at.h; saved searches' new briefings, feeds)"},
};

consteval Xapian::valueno slot_named(std::string_view name) {
  return column_of_row(kValueSlots, name, &ValueSlot::slot);
}

inline constexpr Xapian::valueno kDateSlot = slot_named("date");
inline constexpr Xapian::valueno kMonthSlot = slot_named("month");
inline constexpr Xapian::valueno kHostsSlot = slot_named("hosts");
inline constexpr Xapian::valueno kIndexedAtSlot = slot_named("indexed_at");

// How often a headline word counts relative to a body word (within-document frequency).
inline constexpr Xapian::termcount kHeadlineWeight = 4;
// Gap in term positions between headline and body, and between paragraphs, so a phrase
// never matches across them.
inline constexpr Xapian::termpos kPositionGap = 100;

struct MetadataKey {
  std::string_view name;
  std::string_view key;  // for a family of keys, what each key starts with
  std::string_view value;
};

// Every key of the database's metadata.
inline constexpr MetadataKey kMetadataKeys[] = {
    {"schema_version", "schema_version", "kSchemaVersion, as decimal digits"},
    {"host_names", "host_names", "every cited host's name, in id order (index/host_dictionary.h)"},
    {"file_state", "file:", "one key per indexed file, file_state_key(path): its FileState record"},
    {"revision_bump", "build",
     "none in a finished database: a bulk build sets and clears it to move the revision on"},
};

consteval std::string_view metadata_key_named(std::string_view name) {
  return column_of_row(kMetadataKeys, name, &MetadataKey::key);
}

inline constexpr std::string_view kSchemaVersionKey = metadata_key_named("schema_version");
inline constexpr std::string_view kHostNamesKey = metadata_key_named("host_names");
// Iterate over every file's record with metadata_keys_begin(kFileStateKeyPrefix).
inline constexpr std::string_view kFileStateKeyPrefix = metadata_key_named("file_state");
// Written and deleted again by a bulk build (indexer/bulk_build.h), only so that commits
// move the new database's revision past the one it replaces.
inline constexpr std::string_view kRevisionBumpKey = metadata_key_named("revision_bump");

// The key of a file's record: "file:" and the path, or for a path over 200 bytes "file:#"
// and the hash of it (index/content_id.h), since Xapian limits keys to about 245 bytes.
std::string file_state_key(std::string_view absolute_path);

// The record kept per indexed file, so an unchanged file can be skipped without reading it.
struct FileState {
  std::string path;
  long long size = 0;
  long long mtime_ns = 0;
  std::string id;  // content id of the briefing the file holds

  std::string serialise() const;
  static FileState unserialise(std::string_view data);  // throws std::runtime_error
};

// Checks the schema version of an open database; throws SchemaMismatch if it differs.
// A database with no version (empty, never indexed) passes.
struct SchemaMismatch : std::runtime_error {
  using std::runtime_error::runtime_error;
};
void check_schema_version(const Xapian::Database& db);

}  // namespace briefings::schema
