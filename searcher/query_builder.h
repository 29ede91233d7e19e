// QueryBuilder: user text -> Xapian queries, with the QueryParser set up from the schema
// table (index/schema.h): free-text fields as prefixes, boolean fields as filters, `domain:`
// normalised as the indexer does, `date:` ranges over the date value slot.
//
// A literal query (searcher/query_text.h) is parsed whole, its words joined by AND. A plain
// query is parsed clause by clause (each word, phrase, field or wildcard; stop words left
// out), and gives two queries ranked the same way (searcher/ranking.h): every clause, and
// any clause. The searcher shows the first, then, when it finds few, the rest of the second.
//
// Broken syntax never escapes as a Xapian error: a query the parser refuses is retried with
// every syntax flag off, and only if that fails too does InvalidInput("query", ...) say why.
// Thread-safety: one QueryBuilder per thread (it owns a QueryParser).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "searcher/ranking.h"

namespace briefings {

// One content clause of a plain query: a word, a phrase, a field or a wildcard.
struct QueryClause {
  std::string label;    // as typed, for "missing" ("Bedrock", "\"night trains\"")
  Xapian::Query query;  // what it matches, unweighted by any boost
};

struct BuiltQuery {
  // What matches every clause and the query's own filters, ranked; for a literal query, the
  // query. Every document for an empty query (never Xapian::Query::MatchAll itself).
  Xapian::Query query;
  // Plain queries of two clauses or more (not only stop words): what matches any clause,
  // ranked the same way (a long query by its most informative clauses), with the same
  // filters. Empty otherwise.
  Xapian::Query loose;
  std::vector<QueryClause> clauses;  // plain queries only, in the order typed
  bool plain = false;
  bool empty = false;  // no words at all: blank, or filters only

  bool relaxable() const { return !loose.empty(); }
};

class QueryBuilder {
 public:
  QueryBuilder(const Xapian::Database& db, const Ranking& ranking);
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  BuiltQuery build(const std::string& text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace briefings
