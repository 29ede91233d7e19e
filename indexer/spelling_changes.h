// SpellingChanges: the spelling data (Xapian's spelling table) a run owes the database,
// summed per word and applied in one go.
//
// Spelling data follows the unstemmed words of each document
// (DocumentBuilder::spelling_words). Xapian's add_spelling costs about as much as indexing
// a term, so changes are summed per word and applied once per commit (once per shard in a
// bulk build) rather than once per document; an edit that keeps most words costs only the
// words it changes.
//
// Ownership: a SpellingChanges owns its word counts until it is applied to a database.
// A plain value for one thread. Internal to indexer/.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

namespace briefings::indexer {

class SpellingChanges {
 public:
  // Counts `words` once each: sign +1 for a document added, -1 for one taken out.
  void add(const std::vector<std::string>& words, int sign);
  // Writes the summed changes into `db` (made durable by its next commit) and forgets them.
  void apply(Xapian::WritableDatabase& db);

 private:
  std::unordered_map<std::string, long> delta_;
};

}  // namespace briefings::indexer
