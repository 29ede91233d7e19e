// Did you mean: corrections for the words of a query that the briefings never use.
//
// A word is corrected only when no briefing holds it in any form: neither its stem is a term
// of the database (so "is", "in" or a rare real word stay) nor is it in the spelling data
// (index/schema.h). Never corrected: stop words, words shorter than three bytes, anything
// with a digit, a host or address (a '.', '@' or '/' inside), operators, fields, wildcards,
// and anything inside quotes. A correction keeps the typed word's capitals ("Bedrok" ->
// "Bedrock") and everything around the words as typed. Whether a correction is worth
// offering (it must find more briefings) is the searcher's decision.
//
// Ownership: owns nothing; borrows the Database for the call.
// Reads the Database it is given; one thread per Database.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace briefings {

struct Correction {
  std::string typed;      // "Bedrok"
  std::string suggested;  // "Bedrock"
};

struct CorrectedQuery {
  std::string text;                 // the whole query with the corrections made
  std::vector<Correction> changes;  // in the order they stand in the query
};

// Looks up at most this many unknown words: each lookup scans the spelling data.
inline constexpr size_t kMaxSpellingLookups = 8;

std::optional<CorrectedQuery> correct_spelling(const Xapian::Database& db,
                                               const std::string& typed);

}  // namespace briefings
