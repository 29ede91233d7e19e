#include "searcher/missing_words.h"

#include <algorithm>

namespace briefings {

namespace {

// Which of the sorted `docids` hold `term`.
std::vector<bool> holders(const Xapian::Database& db, const std::string& term,
                          const std::vector<Xapian::docid>& sorted) {
  std::vector<bool> has(sorted.size(), false);
  auto post = db.postlist_begin(term);
  const auto end = db.postlist_end(term);
  for (size_t i = 0; i < sorted.size() && post != end; ++i) {
    post.skip_to(sorted[i]);
    if (post != end && *post == sorted[i]) has[i] = true;
  }
  return has;
}

}  // namespace

std::vector<std::vector<std::string>> missing_clauses(const Xapian::Database& db,
                                                      const std::vector<QueryClause>& clauses,
                                                      const std::vector<Xapian::docid>& docids) {
  std::vector<Xapian::docid> sorted = docids;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  // lacks[c][i]: clause c is missing from sorted[i].
  std::vector<std::vector<bool>> lacks(clauses.size(), std::vector<bool>(sorted.size(), false));
  for (size_t c = 0; c < clauses.size(); ++c) {
    const Xapian::Query& q = clauses[c].query;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t) {
      const std::vector<bool> has = holders(db, *t, sorted);
      for (size_t i = 0; i < sorted.size(); ++i) {
        if (!has[i]) lacks[c][i] = true;
      }
    }
  }
  std::vector<std::vector<std::string>> out;
  for (Xapian::docid docid : docids) {
    const size_t i = std::lower_bound(sorted.begin(), sorted.end(), docid) - sorted.begin();
    std::vector<std::string> labels;
    for (size_t c = 0; c < clauses.size(); ++c) {
      if (lacks[c][i]) labels.push_back(clauses[c].label);
    }
    out.push_back(std::move(labels));
  }
  return out;
}

}  // namespace briefings
