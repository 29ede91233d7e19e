// Missing words: which clauses of a plain query (searcher/query_builder.h) each of a few
// documents lacks, for the "Missing: ..." line of a partial match.
//
// Read from the clauses' posting lists, skipped forward over the documents in docid order,
// rather than from each document's term list. A clause is present when the document holds
// every term of it (for a phrase, its words, wherever they stand); a wildcard, whose
// expansions are not known here, is never reported missing.
//
// Ownership: owns nothing; borrows the Database for the call.
// Reads the Database it is given; one thread per Database.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "searcher/query_builder.h"

namespace briefings {

// For each of `docids` (any order), the labels of the clauses it lacks, in clause order.
std::vector<std::vector<std::string>> missing_clauses(const Xapian::Database& db,
                                                      const std::vector<QueryClause>& clauses,
                                                      const std::vector<Xapian::docid>& docids);

}  // namespace briefings
