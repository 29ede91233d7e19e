#include "indexer/spelling_changes.h"

namespace briefings::indexer {

void SpellingChanges::add(const std::vector<std::string>& words, int sign) {
  for (const auto& word : words) delta_[word] += sign;
}

void SpellingChanges::apply(Xapian::WritableDatabase& db) {
  for (const auto& [word, n] : delta_) {
    if (n > 0) db.add_spelling(word, static_cast<Xapian::termcount>(n));
    if (n < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-n));
  }
  delta_.clear();
}

}  // namespace briefings::indexer
