// The briefings database schema: how one briefing maps onto one Xapian document.
//
// This header is the single place that spells a term prefix, a value slot or a metadata
// key. The indexer writes documents by looping over these tables and the searcher sets up
// its QueryParser by looping over the same tables, so the two cannot drift apart.
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
//    registrable domain (public suffix list): "blogs.microsoft.com" yields terms for
//    "blogs.microsoft.com" and "microsoft.com", never "com".
//  * The date as year, month and day boolean terms, and as a sortable value.
//  * A unique id term derived from the content, so the same briefing saved under two paths
//    is one document.
//  * Document data: the whole Briefing as a binary record (index/codec.h), so a result can be
//  shown,
//    highlighted and re-indexed without going back to the file.
//
// Values hold what ranking, sorting and facets read per matching document: the date as
// "YYYYMMDD" (sorts as a string; date range queries), the month as "YYYY-MM" (month facet)
// and the ids of the cited hosts (domain facet; see HostIdSlot below). A host's id and name
// are in the database's host dictionary (index/host_dictionary.h), kept in metadata.
//
// Spelling data (for "did you mean") holds the unstemmed words of the headline and body,
// 3 to 32 bytes long; the terms are stems, so these come from the briefing's text.
//
// Database metadata holds the schema version and, for incremental indexing, one record per
// indexed file (path, size, mtime, content id). A database whose schema version differs
// from kSchemaVersion is refused by both sides with a message asking for a re-index.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace briefings::schema {

// 2: binary document data (index/codec.h). 3: stemmed terms only (STEM_ALL); keyed hosts.
// 4: the hosts slot holds ids from the database's host dictionary.
inline constexpr int kSchemaVersion = 4;

enum class TermKind {
  free_text,       // stems of words, with positions; searchable as "field:word"
  boolean_filter,  // exact terms; "field:value" filters without affecting the ranking
  internal,        // written by the indexer, never exposed to the query parser
};

struct TermPrefix {
  std::string_view field;   // name in the query language ("headline"), "" when internal
  std::string_view prefix;  // Xapian term prefix
  TermKind kind;
  std::string_view meaning;
};

// Every term prefix in the database. Prefixes follow Xapian's conventions (single capital
// letters, "X" + capitals for the rest) so xapian-delve output reads naturally.
inline constexpr TermPrefix kPrefixes[] = {
    {"headline", "S", TermKind::free_text, "words of the headline"},
    {"domain", "H", TermKind::boolean_filter,
     "cited host and each parent down to its registrable domain"},
    {"year", "Y", TermKind::boolean_filter, "year of the briefing's date, YYYY"},
    {"month", "M", TermKind::boolean_filter, "month of the briefing's date, YYYYMM"},
    {"day", "D", TermKind::boolean_filter, "the briefing's date, YYYYMMDD"},
    {"", "Q", TermKind::internal, "unique id: the content id"},
    {"", "XDS", TermKind::internal, "where the date came from: option, metadata, text, mtime"},
};

// Looks a prefix up by query field name ("headline"); throws std::out_of_range if unknown.
const TermPrefix& prefix_for_field(std::string_view field);
// The prefix string for an internal role, spelled once here.
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kHostPrefix = "H";
inline constexpr std::string_view kYearPrefix = "Y";
inline constexpr std::string_view kMonthPrefix = "M";
inline constexpr std::string_view kDayPrefix = "D";
inline constexpr std::string_view kHeadlinePrefix = "S";
inline constexpr std::string_view kDateSourcePrefix = "XDS";

struct ValueSlot {
  Xapian::valueno slot;
  std::string_view name;
  std::string_view encoding;
};

inline constexpr Xapian::valueno kDateSlot = 0;
inline constexpr Xapian::valueno kMonthSlot = 1;
inline constexpr Xapian::valueno kHostsSlot = 2;

inline constexpr ValueSlot kValueSlots[] = {
    {kDateSlot, "date", "YYYYMMDD; string order is date order"},
    {kMonthSlot, "month", "YYYY-MM, for the month facet"},
    {kHostsSlot, "hosts", "ids of the cited hosts (encode_host_ids, index/host_dictionary.h)"},
};

// How often a headline word counts relative to a body word (within-document frequency).
inline constexpr Xapian::termcount kHeadlineWeight = 4;
// Gap in term positions between headline and body, and between paragraphs, so a phrase
// never matches across them.
inline constexpr Xapian::termpos kPositionGap = 100;

// Metadata keys.
inline constexpr std::string_view kSchemaVersionKey = "schema_version";
// One key per indexed file: file_state_key(path). Iterate with metadata_keys_begin(prefix).
inline constexpr std::string_view kFileStateKeyPrefix = "file:";
// Every cited host's name, in id order (index/host_dictionary.h).
inline constexpr std::string_view kHostNamesKey = "host_names";
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
