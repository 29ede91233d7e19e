// QueryBuilder: user text -> Xapian::Query, with the QueryParser set up from the schema
// table (index/schema.h): free-text fields as prefixes, boolean fields as filters, `domain:`
// normalised like the indexer does, `date:` ranges over the date value slot.
//
// Broken syntax never escapes as a Xapian error: a query the parser refuses is retried with
// every syntax flag off, and only if that fails too does InvalidInput("q", ...) say why.
// Thread-safety: one QueryBuilder per thread (it owns a QueryParser).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace briefings {

struct BuiltQuery {
  Xapian::Query query;             // every document for an empty query (never MatchAll itself)
  std::vector<std::string> words;  // the words, when the query is plain words only
  bool empty = false;
};

class QueryBuilder {
 public:
  explicit QueryBuilder(const Xapian::Database& db);
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  BuiltQuery build(const std::string& text);
  // The query with misspelt words corrected from the database's spelling data, when that
  // changes it. A separate step because the lookups cost more than the whole search: the
  // searcher asks only when a query finds (almost) nothing.
  std::optional<std::string> correction(const std::string& text);
  // One word's query, as the parser would read it alone (for "missing" words).
  Xapian::Query word_query(const std::string& word);

 private:
  struct Impl;
  Impl* impl_;
};

// Control characters become spaces; "date:2026-04" becomes "date:2026-04..2026-04";
// lower-case "or"/"and" between words become operators; possessives are folded.
std::string normalise_query_text(const std::string& text);

}  // namespace briefings
