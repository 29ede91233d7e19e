#include "searcher/added_after.h"

#include <algorithm>

namespace briefings {

void AddedAfter::init(const Xapian::Database&) {
  current_ = 0;
}

void AddedAfter::next(double) {
  current_ = current_ == 0 ? after_ + 1 : current_ + 1;
}

void AddedAfter::skip_to(Xapian::docid id, double) {
  current_ = std::max({current_, id, after_ + 1});
}

}  // namespace briefings
